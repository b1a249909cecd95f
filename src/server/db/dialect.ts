import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Whether a database is PostgreSQL (issue 18): the few places where SQL differs branch on it, SQLite's form first and
 * unchanged (a released migration must keep making the same SQLite schema).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: migrations see Kysely<unknown>
export const isPostgres = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Runs `fn` in a transaction of its own, or in the one `db` already is: PostgreSQL runs every pending migration in one
 * transaction (Kysely's Migrator, as its DDL is transactional), where a nested one is refused; SQLite runs each
 * migration alone, and a migration that must not stop half-way opens its own.
 */
export async function inOneTransaction<T>(db: Kysely<unknown>, fn: (trx: Kysely<unknown>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/** A floating-point column: SQLite's REAL is 8 bytes, PostgreSQL's `real` only 4 (about 6 digits). */
export const doubleType = (db: Kysely<unknown>): 'real' | 'double precision' => (isPostgres(db) ? 'double precision' : 'real');
