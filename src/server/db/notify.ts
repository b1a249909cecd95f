import { sql } from 'kysely';
import type { Db } from './database';
import { isPostgres } from './dialect';

/** The channel on which an instance says the campaigns or their settings changed (services/registry-watch.ts). */
export const REGISTRY_CHANNEL = 'phieu_registry';

/**
 * Tells the other server instances on this PostgreSQL that something they hold in memory changed: delivered when the
 * caller's transaction commits (at once outside one). SQLite has one server process: nothing to tell.
 */
export async function announce(db: Db, channel: string): Promise<void> {
  if (isPostgres(db)) await sql`select pg_notify(${channel}, '')`.execute(db);
}
