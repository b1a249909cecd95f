import type { Db } from './database';
import type { SessionTable } from './schema';

export async function insertSession(db: Db, row: SessionTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The session and its account, if the session is live (not revoked, not expired) and the account enabled. */
export async function findLiveSession(db: Db, idHash: string, now: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select([
      'sessions.id_hash',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'accounts.id as account_id',
      'accounts.username',
      'accounts.display_name',
      'accounts.role',
      'accounts.unit_id',
      'accounts.campaign_id',
    ])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .where('accounts.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: Db, idHash: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
}

export async function revokeSession(db: Db, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: at }).where('id_hash', '=', idHash).where('revoked_at', 'is', null).execute();
}

export async function revokeAccountSessions(db: Db, accountId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * When each of these accounts last reached the server: the newest `last_seen_at` of their sessions (set at sign-in and
 * moved forward by signed-in requests at most every 5 minutes, see services/auth.ts). A surveyor's app only calls the
 * server to sign in and to sync.
 */
export async function lastSeenByAccount(db: Db, accountIds: readonly string[]): Promise<Map<string, string>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('sessions')
    .select((eb) => ['account_id', eb.fn.max('last_seen_at').as('last_seen_at')])
    .where('account_id', 'in', [...new Set(accountIds)])
    .groupBy('account_id')
    .execute();
  return new Map(rows.filter((r) => r.last_seen_at !== null).map((r) => [r.account_id, String(r.last_seen_at)]));
}
