import { sql } from 'kysely';
import type { Db } from './database';
import { isPostgres } from './dialect';

/** A round trip to the database, for the health check. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * A real write, committed: the header's user_version set to its own value (SQLite writes and syncs the page anyway).
 * It proves what a read cannot: the file, its folder and the write lock are all usable. Nothing else uses user_version.
 * On PostgreSQL a transaction id is assigned, so the commit writes and flushes its WAL record (a full disk fails
 * it), after the transaction is found not read-only (a standby, default_transaction_read_only).
 */
export async function probeWrite(trx: Db): Promise<void> {
  if (isPostgres(trx)) {
    const row = (await sql<{ ro: string }>`select current_setting('transaction_read_only') as ro, pg_current_xact_id()`.execute(trx))
      .rows[0];
    if (row?.ro !== 'off') throw new Error('the database is read-only');
    return;
  }
  const row = (await sql<{ user_version: number }>`pragma user_version`.execute(trx)).rows[0];
  const version = Number(row?.user_version ?? 0);
  await sql.raw(`pragma user_version = ${Number.isInteger(version) ? version : 0}`).execute(trx);
}
