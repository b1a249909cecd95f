import type { Db } from './database';
import type { AccountTable } from './schema';

export async function insertAccount(db: Db, row: AccountTable): Promise<void> {
  await db.insertInto('accounts').values(row).execute();
}

export async function findAccountByUsername(db: Db, username: string) {
  return db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findAccountById(db: Db, id: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countAccounts(db: Db): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listAccounts(db: Db) {
  return db.selectFrom('accounts').selectAll().orderBy('username').execute();
}

export async function setPasswordHash(db: Db, id: string, hash: string): Promise<void> {
  await db.updateTable('accounts').set({ password_hash: hash, failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
}

/** Adds one failed login atomically and returns the new count: parallel attempts cannot read a stale count. */
export async function incrementFailedLogins(db: Db, id: string): Promise<number> {
  const row = await db
    .updateTable('accounts')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', id)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  return Number(row.failed_logins);
}

export async function lockAccount(db: Db, id: string, until: string): Promise<void> {
  await db.updateTable('accounts').set({ failed_logins: 0, locked_until: until }).where('id', '=', id).execute();
}

export async function clearLoginFailures(db: Db, id: string): Promise<void> {
  await db.updateTable('accounts').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
}

export async function setAccountDisabled(db: Db, id: string, at: string | null): Promise<void> {
  await db.updateTable('accounts').set({ disabled_at: at }).where('id', '=', id).execute();
}

/** What Home Affairs' account list shows; never the password hash. */
export interface AdminAccountRow {
  id: string;
  username: string;
  display_name: string;
  role: AccountTable['role'];
  unit_id: string | null;
  campaign_id: string | null;
  disabled_at: string | null;
  locked_until: string | null;
  created_at: string;
  last_sign_in_at: string | null;
  active_sessions: number;
  assignment_count: number;
}

/**
 * Accounts of a campaign (and those bound to none, such as a province-wide admin) with their last sign-in, live
 * sessions and number of assignments in the campaign.
 */
export async function listAccountsForAdmin(
  db: Db,
  f: { campaignId: string; now: string; id?: string; role?: AccountTable['role']; unitId?: string; disabled?: boolean },
): Promise<AdminAccountRow[]> {
  let q = db
    .selectFrom('accounts')
    .select((eb) => [
      'accounts.id',
      'accounts.username',
      'accounts.display_name',
      'accounts.role',
      'accounts.unit_id',
      'accounts.campaign_id',
      'accounts.disabled_at',
      'accounts.locked_until',
      'accounts.created_at',
      eb
        .selectFrom('sessions')
        .select((s) => s.fn.max('sessions.created_at').as('m'))
        .whereRef('sessions.account_id', '=', 'accounts.id')
        .as('last_sign_in_at'),
      eb
        .selectFrom('sessions')
        .select((s) => s.fn.countAll<number>().as('n'))
        .whereRef('sessions.account_id', '=', 'accounts.id')
        .where('sessions.revoked_at', 'is', null)
        .where('sessions.expires_at', '>', f.now)
        .as('active_sessions'),
      eb
        .selectFrom('assignments')
        .select((s) => s.fn.countAll<number>().as('n'))
        .whereRef('assignments.surveyor_id', '=', 'accounts.id')
        .where('assignments.campaign_id', '=', f.campaignId)
        .as('assignment_count'),
    ])
    .where((eb) => eb.or([eb('accounts.campaign_id', '=', f.campaignId), eb('accounts.campaign_id', 'is', null)]));
  if (f.id) q = q.where('accounts.id', '=', f.id);
  if (f.role) q = q.where('accounts.role', '=', f.role);
  if (f.unitId) q = q.where('accounts.unit_id', '=', f.unitId);
  if (f.disabled !== undefined) q = q.where('accounts.disabled_at', f.disabled ? 'is not' : 'is', null);
  const rows = await q.orderBy('accounts.username').execute();
  return rows.map((r) => ({
    ...r,
    last_sign_in_at: (r.last_sign_in_at as string | null) ?? null,
    active_sessions: Number(r.active_sessions ?? 0),
    assignment_count: Number(r.assignment_count ?? 0),
  }));
}

/** Which of these usernames already exist. */
export async function existingUsernames(db: Db, usernames: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < usernames.length; i += 500) {
    const chunk = usernames.slice(i, i + 500);
    if (chunk.length === 0) continue;
    for (const r of await db.selectFrom('accounts').select('username').where('username', 'in', chunk).execute()) found.add(r.username);
  }
  return found;
}

export async function updateAccount(
  db: Db,
  id: string,
  fields: Partial<Pick<AccountTable, 'display_name' | 'role' | 'unit_id'>>,
): Promise<void> {
  if (Object.keys(fields).length === 0) return;
  await db.updateTable('accounts').set(fields).where('id', '=', id).execute();
}

/** Display names of the accounts with these ids or usernames (those that still exist). */
export async function accountNames(
  db: Db,
  f: { ids: readonly string[]; usernames: readonly string[] },
): Promise<{ byId: Map<string, string>; byUsername: Map<string, string> }> {
  const byId = new Map<string, string>();
  const byUsername = new Map<string, string>();
  if (f.ids.length > 0) {
    for (const r of await db
      .selectFrom('accounts')
      .select(['id', 'display_name'])
      .where('id', 'in', [...new Set(f.ids)])
      .execute())
      byId.set(r.id, r.display_name);
  }
  if (f.usernames.length > 0) {
    for (const r of await db
      .selectFrom('accounts')
      .select(['username', 'display_name'])
      .where('username', 'in', [...new Set(f.usernames)])
      .execute())
      byUsername.set(r.username, r.display_name);
  }
  return { byId, byUsername };
}
