import Database from 'better-sqlite3';
import type { ExportResponseRow, RangeQuery } from './export';

// Apart from export.ts, which brings Kysely: this is all an export worker loads of the database layer.

/**
 * Runs the queries an ExportReader compiles for other threads (rangeQuery, scorableQuery) on a read-only connection of
 * its own: an export worker's, which keeps it for the next download. Statements are prepared once per text; rows
 * come one at a time (a range's rows are never all in memory together).
 */
export function openRangeReader(file: string): { read<T = ExportResponseRow>(query: RangeQuery): IterableIterator<T>; close(): void } {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const statements = new Map<string, Database.Statement<unknown[], unknown>>();
  return {
    read: <T>(query: RangeQuery) => {
      let statement = statements.get(query.sql);
      if (!statement) {
        if (statements.size >= 100) statements.clear();
        statement = sqlite.prepare<unknown[], unknown>(query.sql);
        statements.set(query.sql, statement);
      }
      return statement.iterate(...query.parameters) as IterableIterator<T>;
    },
    close: () => sqlite.close(),
  };
}
