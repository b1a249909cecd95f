import { randomUUID } from 'node:crypto';
import type { AccountSummary, Role } from '../../shared';
import { clearLoginFailures, findAccountByUsername, incrementFailedLogins, insertAccount, lockAccount } from '../db/accounts';
import type { Db } from '../db/database';
import { findLiveSession, insertSession, revokeSession, touchSession } from '../db/sessions';
import { burnPasswordCheck, hashPassword, newToken, sha256Hex, verifyPassword } from './crypto';

/** Surveyors stay offline for days: their sessions last 60 days from the last use. Everyone else: 12 hours. */
export const SESSION_IDLE_MS: Record<Role, number> = {
  surveyor: 60 * 24 * 3600_000,
  coordinator: 12 * 3600_000,
  admin: 12 * 3600_000,
  council: 12 * 3600_000,
  staff: 12 * 3600_000,
};
/** A few failures per account, then a short lock that expires by itself (DESIGN §7). */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60_000;
/** Sliding expiry is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 5 * 60_000;

export interface SessionUser extends AccountSummary {
  sessionIdHash: string;
  expiresAt: string;
}

export type LoginResult =
  | { ok: true; token: string; user: SessionUser }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number };

export async function createAccount(
  db: Db,
  input: { username: string; displayName: string; role: Role; password: string; unitId?: string | null; campaignId?: string | null },
  now: Date,
): Promise<string> {
  const id = randomUUID();
  await insertAccount(db, {
    id,
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    unit_id: input.unitId ?? null,
    campaign_id: input.campaignId ?? null,
    password_hash: await hashPassword(input.password),
    failed_logins: 0,
    locked_until: null,
    disabled_at: null,
    created_at: now.toISOString(),
  });
  return id;
}

export async function login(db: Db, username: string, password: string, now: Date, userAgent: string | null): Promise<LoginResult> {
  const account = await findAccountByUsername(db, username);
  if (!account || account.disabled_at) {
    await burnPasswordCheck(password);
    return { ok: false, reason: 'invalid' };
  }
  if (account.locked_until && account.locked_until > now.toISOString()) {
    return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil((Date.parse(account.locked_until) - now.getTime()) / 1000) };
  }
  if (!(await verifyPassword(account.password_hash, password))) {
    if ((await incrementFailedLogins(db, account.id)) >= MAX_FAILED_LOGINS) {
      await lockAccount(db, account.id, new Date(now.getTime() + LOCK_MS).toISOString());
      return { ok: false, reason: 'locked', retryAfterSeconds: LOCK_MS / 1000 };
    }
    return { ok: false, reason: 'invalid' };
  }
  // Parallel wrong guesses may have locked the account while this one was being verified: the lock wins.
  const current = await findAccountByUsername(db, username);
  if (!current || current.disabled_at) return { ok: false, reason: 'invalid' };
  if (current.locked_until && current.locked_until > now.toISOString()) {
    return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil((Date.parse(current.locked_until) - now.getTime()) / 1000) };
  }
  if (current.failed_logins > 0 || current.locked_until) await clearLoginFailures(db, account.id);
  const token = newToken();
  const idHash = sha256Hex(token);
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS[account.role]).toISOString();
  await insertSession(db, {
    id_hash: idHash,
    account_id: account.id,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: expiresAt,
    revoked_at: null,
    user_agent: userAgent?.slice(0, 200) ?? null,
  });
  return {
    ok: true,
    token,
    user: {
      id: account.id,
      username: account.username,
      displayName: account.display_name,
      role: account.role,
      unitId: account.unit_id,
      campaignId: account.campaign_id,
      sessionIdHash: idHash,
      expiresAt,
    },
  };
}

/** The user behind a cookie token, sliding the expiry forward; null when the session is gone. */
export async function resolveSession(db: Db, token: string, now: Date): Promise<SessionUser | null> {
  const idHash = sha256Hex(token);
  const row = await findLiveSession(db, idHash, now.toISOString());
  if (!row) return null;
  let expiresAt = row.expires_at;
  if (now.getTime() - Date.parse(row.last_seen_at) >= TOUCH_EVERY_MS) {
    expiresAt = new Date(now.getTime() + SESSION_IDLE_MS[row.role]).toISOString();
    await touchSession(db, idHash, now.toISOString(), expiresAt);
  }
  return {
    id: row.account_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitId: row.unit_id,
    campaignId: row.campaign_id,
    sessionIdHash: idHash,
    expiresAt,
  };
}

export async function logout(db: Db, user: SessionUser, now: Date): Promise<void> {
  await revokeSession(db, user.sessionIdHash, now.toISOString());
}
