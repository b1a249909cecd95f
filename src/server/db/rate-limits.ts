import type { Db } from './database';
import { runSql } from './raw';

/**
 * One more hit on `key`: counted in its window, or the first of a new one when the last has ended. Returns the hits
 * so far and when the window ends. One statement, so two instances counting at once both count.
 */
export async function countHit(db: Db, key: string, now: number, windowMs: number): Promise<{ hits: number; resetsAt: number }> {
  const rows = await runSql<{ hits: number; resets_at: number }>(
    db,
    'insert into rate_limits (key, hits, resets_at) values (?, 1, ?) on conflict (key) do update set ' +
      'hits = case when rate_limits.resets_at <= ? then 1 else rate_limits.hits + 1 end, ' +
      'resets_at = case when rate_limits.resets_at <= ? then excluded.resets_at else rate_limits.resets_at end ' +
      'returning hits, resets_at',
    [key, now + windowMs, now, now],
  );
  const row = rows[0];
  if (!row) throw new Error('rate_limits: no row returned');
  return { hits: Number(row.hits), resetsAt: Number(row.resets_at) };
}

/** Forgets the windows that have ended (each would start again at one anyway). */
export async function forgetEndedWindows(db: Db, now: number): Promise<void> {
  await runSql(db, 'delete from rate_limits where resets_at <= ?', [now]);
}

/** The hits on `key` in its current window, without counting one (0 when its window has ended or never began). */
export async function hitsNow(db: Db, key: string, now: number): Promise<{ hits: number; resetsAt: number }> {
  const rows = await runSql<{ hits: number; resets_at: number }>(
    db,
    'select hits, resets_at from rate_limits where key = ? and resets_at > ?',
    [key, now],
  );
  const row = rows[0];
  return row ? { hits: Number(row.hits), resetsAt: Number(row.resets_at) } : { hits: 0, resetsAt: now };
}
