import { CompiledQuery, sql, type RawBuilder } from 'kysely';
import type { Db } from './database';

/**
 * Fixed SQL text run through Kysely's connection (so inside the caller's transaction) without building or compiling
 * a query: the sync hot path runs a handful of these per batch, and building a 50-row insert cost more than running
 * it. The text is constant, so the statement cache in database.ts prepares it once.
 */
export async function runSql<R>(db: Db, text: string, params: readonly unknown[] = []): Promise<R[]> {
  return (await db.executeQuery<R>(CompiledQuery.raw(text, params as unknown[]))).rows;
}

/** Chunk sizes of multi-row inserts: any row count is covered by a few statements, each prepared once. */
const CHUNKS = [50, 10, 1] as const;

/**
 * Inserts `rows` (values in `columns` order) with multi-row VALUES statements. `tail` follows the VALUES list
 * (an ON CONFLICT clause). At most 50 rows per statement keeps the bound parameters far below SQLite's cap.
 */
export async function insertRows(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  tail = '',
): Promise<void> {
  const tuple = `(${columns.map(() => '?').join(',')})`;
  let i = 0;
  for (const size of CHUNKS) {
    if (rows.length - i < size) continue;
    const text = `insert into ${table} (${columns.join(',')}) values ${Array<string>(size).fill(tuple).join(',')} ${tail}`;
    for (; rows.length - i >= size; i += size) {
      const params: unknown[] = [];
      for (let r = i; r < i + size; r += 1) for (const v of rows[r]!) params.push(v);
      await runSql(db, text, params);
    }
  }
}

/**
 * The Vietnamese calendar day (YYYY-MM-DD, UTC+7, no daylight saving) of a stored ISO instant column. The instant is
 * the device's, with its own offset: SQLite's date() normalises it to UTC first. One place for the dialect's form.
 */
export const vnDayOf = (column: string): RawBuilder<string> => sql<string>`date(${sql.ref(column)}, '+7 hours')`;
