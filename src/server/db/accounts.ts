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
  const row = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
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
