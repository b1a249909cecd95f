import type { Db } from './database';
import { isPostgres } from './dialect';
import { runSql } from './raw';

/**
 * Serialises writers across server instances (issue 18). SQLite has one writer at a time, its write lock, so these
 * do nothing there. On PostgreSQL, `lockKeys` takes a transaction-scoped advisory lock per key, in one statement and
 * in the keys' sorted order (two transactions locking overlapping keys cannot deadlock); they are released at commit
 * or rollback. A key is any text, hashed to PostgreSQL's 64-bit lock space (a collision only serialises two unrelated
 * writers).
 */
export async function lockKeys(trx: Db, keys: readonly string[]): Promise<void> {
  if (!isPostgres(trx) || keys.length === 0) return;
  const sorted = [...new Set(keys)].sort();
  await runSql(trx, 'select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(?::text[]) with ordinality as t(k, n) order by n', [
    sorted,
  ]);
}

/**
 * The states of these campaigns as committed now, read inside the writer's transaction: a push is judged against the
 * state in force when it commits, whichever instance changed it. On PostgreSQL the rows are read FOR SHARE, so a state
 * change (an UPDATE of the row) waits for the pushes under way, and a push waits for a change under way and then sees
 * it. SQLite's writer already excludes every other.
 */
export async function campaignStatesForWrite(trx: Db, campaignIds: readonly string[]): Promise<Map<string, string>> {
  if (campaignIds.length === 0) return new Map();
  const q = trx
    .selectFrom('campaigns')
    .select(['id', 'state'])
    .where('id', 'in', [...campaignIds]);
  const rows = await (isPostgres(trx) ? q.forShare() : q).execute();
  return new Map(rows.map((r) => [r.id, r.state]));
}

/** SQLSTATEs of a transaction PostgreSQL gave up on that succeeds when run again: a deadlock, a serialisation failure. */
const RETRYABLE = new Set(['40P01', '40001']);

export const isRetryableConflict = (err: unknown): boolean => {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && RETRYABLE.has(code);
};
