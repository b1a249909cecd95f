import { CompiledQuery, sql, type RawBuilder } from 'kysely';
import type { Db } from './database';
import { isPostgres } from './dialect';
import { prepareOnce } from './prepared';

/**
 * Fixed SQL text run through Kysely's connection (so inside the caller's transaction) without building or compiling
 * a query: the sync hot path runs a handful of these per batch, and building a 50-row insert cost more than running
 * it. The text is constant, so the statement cache in database.ts prepares it once.
 */
export async function runSql<R>(db: Db, text: string, params: readonly unknown[] = []): Promise<R[]> {
  return (await db.executeQuery<R>(CompiledQuery.raw(isPostgres(db) ? numbered(text) : text, params as unknown[]))).rows;
}

const numberedTexts = new Map<string, string>();
/**
 * The text with PostgreSQL's numbered placeholders ($1, $2…) for SQLite's `?`, once per text, and prepared once per
 * connection (prepared.ts). The texts here are constant and hold no `?` in a string literal.
 */
function numbered(text: string): string {
  let out = numberedTexts.get(text);
  if (out === undefined) {
    let n = 0;
    out = text.replace(/\?/g, () => `$${(n += 1)}`);
    numberedTexts.set(text, out);
    prepareOnce(out);
  }
  return out;
}

/**
 * `column` is one of a list bound as a single parameter (listParam): one statement text whatever the list's length,
 * so it is prepared once. SQLite reads the list as JSON; PostgreSQL takes an array.
 */
export const inList = (db: Db, column: string): string =>
  isPostgres(db) ? `${column} = any(?::text[])` : `${column} in (select value from json_each(?))`;
export const listParam = (db: Db, values: readonly string[]): unknown => (isPostgres(db) ? values : JSON.stringify(values));

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
 * the device's, with its own offset: SQLite's date() normalises it to UTC first, as PostgreSQL's timestamptz does
 * (whose `at time zone '+07'` would be a POSIX zone, its sign reversed: hence UTC plus seven hours).
 */
export const vnDayOf = (db: Db, column: string): RawBuilder<string> =>
  isPostgres(db)
    ? sql<string>`to_char((${sql.ref(column)}::timestamptz at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD')`
    : sql<string>`date(${sql.ref(column)}, '+7 hours')`;
