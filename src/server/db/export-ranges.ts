import Database from 'better-sqlite3';
import type { ExportResponseRow, RangeQuery } from './export';

// Apart from export.ts, which brings Kysely: this is all a CSV worker thread loads of the database layer.

/**
 * Reads ranges of responses (ExportReader.rangeQuery) on a read-only connection of its own: a worker thread's, which
 * keeps it for the next download. Statements are prepared once per text; rows come one at a time (a range's rows
 * are never all in memory together).
 */
export function openRangeReader(file: string): { read(query: RangeQuery): IterableIterator<ExportResponseRow>; close(): void } {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const statements = new Map<string, Database.Statement<unknown[], ExportResponseRow>>();
  return {
    read: (query) => {
      let statement = statements.get(query.sql);
      if (!statement) {
        if (statements.size >= 100) statements.clear();
        statement = sqlite.prepare<unknown[], ExportResponseRow>(query.sql);
        statements.set(query.sql, statement);
      }
      return statement.iterate(...query.parameters);
    },
    close: () => sqlite.close(),
  };
}
