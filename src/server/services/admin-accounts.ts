import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../db/errors';
import {
  foldText,
  problem,
  ROLES_WITH_UNIT,
  unitRule,
  type AdminAccount,
  type CampaignIndex,
  type CreateAccountRequest,
  type Role,
  type UpdateAccountRequest,
} from '../../shared';
import {
  findAccountById,
  findAccountByUsername,
  insertAccount,
  listAccountsForAdmin,
  setAccountDisabled,
  setPasswordHash,
  updateAccount,
  type AdminAccountRow,
} from '../db/accounts';
import { countAssignmentsOf } from '../db/assignments';
import { appendAudit } from '../db/audit';
import type { AccountRow } from '../db/schema';
import { revokeAccountSessions } from '../db/sessions';
import { inTransaction } from '../db/transaction';
import { problemError } from '../http/errors';
import type { Deps } from '../http/deps';
import { generatePassword, hashPassword } from './crypto';

export function toAdminAccount(row: AdminAccountRow, campaign: CampaignIndex | undefined): AdminAccount {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitId: row.unit_id,
    unitName: row.unit_id ? (campaign?.units.get(row.unit_id)?.name ?? null) : null,
    campaignId: row.campaign_id,
    disabled: row.disabled_at !== null,
    disabledAt: row.disabled_at,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
    activeSessions: row.active_sessions,
    assignments: row.assignment_count,
  };
}

export const usernameTaken = (username: string) => problemError(problem('accounts.username-taken', { username }), ['body.username']);

export function requireCampaign(deps: Deps, campaignId: string): CampaignIndex {
  const c = deps.registry.get(campaignId);
  if (!c) throw problemError(problem('campaigns.not-found', { campaign: campaignId }));
  return c;
}

function checkUnit(campaign: CampaignIndex, unitId: string | null): void {
  if (unitId && !campaign.units.has(unitId)) {
    throw problemError(problem('accounts.unknown-unit', { campaign: campaign.bundle.campaign.id, unit: unitId }), ['body.unitId']);
  }
}

export async function listAdminAccounts(
  deps: Deps,
  campaignId: string,
  query: { role?: Role; unitId?: string; disabled?: 'true' | 'false'; q?: string },
): Promise<AdminAccount[]> {
  const campaign = requireCampaign(deps, campaignId);
  const rows = await listAccountsForAdmin(deps.db, {
    campaignId,
    now: deps.now().toISOString(),
    role: query.role,
    unitId: query.unitId,
    disabled: query.disabled === undefined ? undefined : query.disabled === 'true',
  });
  const needle = query.q ? foldText(query.q) : '';
  return rows
    .filter((r) => !needle || foldText(r.username).includes(needle) || foldText(r.display_name).includes(needle))
    .map((r) => toAdminAccount(r, campaign));
}

/** The campaign an account works in: its own, or the current one for an account bound to none. */
function campaignOf(deps: Deps, account: Pick<AccountRow, 'campaign_id'>): CampaignIndex | undefined {
  return (account.campaign_id ? deps.registry.get(account.campaign_id) : undefined) ?? deps.registry.current();
}

async function requireAccount(deps: Deps, accountId: string): Promise<AccountRow> {
  const account = await findAccountById(deps.db, accountId);
  if (!account) throw problemError(problem('accounts.not-found'));
  return account;
}

export async function getAdminAccount(deps: Deps, accountId: string): Promise<AdminAccount> {
  const account = await requireAccount(deps, accountId);
  const campaign = campaignOf(deps, account);
  const [row] = await listAccountsForAdmin(deps.db, {
    campaignId: account.campaign_id ?? campaign?.bundle.campaign.id ?? '',
    now: deps.now().toISOString(),
    id: accountId,
  });
  if (!row) throw problemError(problem('accounts.not-found'));
  return toAdminAccount(row, campaign);
}

/** Creates an account of the campaign; a generated password is returned this once (never stored in clear). */
export async function createAdminAccount(
  deps: Deps,
  campaignId: string,
  input: CreateAccountRequest,
  actorId: string,
): Promise<{ account: AdminAccount; password: string | null }> {
  const campaign = requireCampaign(deps, campaignId);
  const unitId = input.unitId ?? null;
  checkUnit(campaign, unitId);
  if (await findAccountByUsername(deps.db, input.username)) throw usernameTaken(input.username);
  const password = input.password ?? generatePassword();
  const hash = await hashPassword(password);
  const at = deps.now().toISOString();
  const id = randomUUID();
  try {
    await inTransaction(deps.db, async (trx) => {
      await insertAccount(trx, {
        id,
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        unit_id: unitId,
        campaign_id: campaignId,
        password_hash: hash,
        failed_logins: 0,
        locked_until: null,
        disabled_at: null,
        created_at: at,
      });
      await appendAudit(trx, {
        at,
        actorId,
        action: 'account.create',
        subject: `account:${input.username}`,
        detail: { campaignId, role: input.role, unitId, displayName: input.displayName, passwordGenerated: input.password === undefined },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw usernameTaken(input.username);
    throw err;
  }
  return { account: await getAdminAccount(deps, id), password: input.password === undefined ? password : null };
}

/**
 * Changes the display name, role, unit, or disables / enables the account. A disabled account cannot sign in and
 * its sessions end at once; a role change also ends its sessions (its screens change). An admin cannot disable or
 * demote themselves, and a surveyor with assignments keeps the role until they are removed.
 */
export async function updateAdminAccount(
  deps: Deps,
  accountId: string,
  patch: UpdateAccountRequest,
  actorId: string,
): Promise<AdminAccount> {
  const account = await requireAccount(deps, accountId);
  if (accountId === actorId && patch.disabled === true) {
    throw problemError(problem('accounts.self-lockout'));
  }
  if (accountId === actorId && patch.role !== undefined && patch.role !== 'admin') {
    throw problemError(problem('accounts.self-demotion'));
  }
  const role = patch.role ?? account.role;
  const roleChanged = role !== account.role;
  const unitId = patch.unitId !== undefined ? patch.unitId : roleChanged && !ROLES_WITH_UNIT.includes(role) ? null : account.unit_id;
  const rule = unitRule(role, unitId);
  if (rule) throw problemError(rule, ['body.unitId']);
  const campaign = campaignOf(deps, account);
  if (unitId && unitId !== account.unit_id) {
    if (!campaign) throw problemError(problem('accounts.campaign-not-found'));
    checkUnit(campaign, unitId);
  }
  if (roleChanged && account.role === 'surveyor') {
    const n = await countAssignmentsOf(deps.db, accountId);
    if (n > 0) {
      throw problemError(problem('accounts.has-assignments', { count: n, role: 'surveyor' }));
    }
  }

  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (patch.displayName !== undefined && patch.displayName !== account.display_name)
    changes.displayName = { from: account.display_name, to: patch.displayName };
  if (roleChanged) changes.role = { from: account.role, to: role };
  if (unitId !== account.unit_id) changes.unitId = { from: account.unit_id, to: unitId };
  const disable = patch.disabled === true && account.disabled_at === null;
  const enable = patch.disabled === false && account.disabled_at !== null;

  const at = deps.now().toISOString();
  const subject = `account:${account.username}`;
  await inTransaction(deps.db, async (trx) => {
    if (Object.keys(changes).length > 0) {
      await updateAccount(trx, accountId, {
        ...(changes.displayName ? { display_name: patch.displayName } : {}),
        ...(changes.role ? { role } : {}),
        ...(changes.unitId ? { unit_id: unitId } : {}),
      });
      const revoked = roleChanged ? await revokeAccountSessions(trx, accountId, at) : 0;
      await appendAudit(trx, {
        at,
        actorId,
        action: 'account.update',
        subject,
        detail: { ...changes, ...(roleChanged ? { sessionsRevoked: revoked } : {}) },
      });
    }
    if (disable) {
      await setAccountDisabled(trx, accountId, at);
      const revoked = await revokeAccountSessions(trx, accountId, at);
      await appendAudit(trx, { at, actorId, action: 'account.disable', subject, detail: { sessionsRevoked: revoked } });
    }
    if (enable) {
      await setAccountDisabled(trx, accountId, null);
      await appendAudit(trx, { at, actorId, action: 'account.enable', subject });
    }
  });
  return getAdminAccount(deps, accountId);
}

/** Sets a new password (given, or generated and returned this once), clears a login lock and ends every session. */
export async function resetAdminPassword(
  deps: Deps,
  accountId: string,
  given: string | undefined,
  actorId: string,
): Promise<{ password: string | null; sessionsRevoked: number }> {
  const account = await requireAccount(deps, accountId);
  const password = given ?? generatePassword();
  const hash = await hashPassword(password);
  const at = deps.now().toISOString();
  const sessionsRevoked = await inTransaction(deps.db, async (trx) => {
    await setPasswordHash(trx, accountId, hash);
    const n = await revokeAccountSessions(trx, accountId, at);
    await appendAudit(trx, {
      at,
      actorId,
      action: 'account.reset-password',
      subject: `account:${account.username}`,
      detail: { passwordGenerated: given === undefined, sessionsRevoked: n },
    });
    return n;
  });
  return { password: given === undefined ? password : null, sessionsRevoked };
}

/** Signs the account out on every device; the account itself stays usable. */
export async function revokeAdminSessions(deps: Deps, accountId: string, actorId: string): Promise<{ sessionsRevoked: number }> {
  const account = await requireAccount(deps, accountId);
  const at = deps.now().toISOString();
  const sessionsRevoked = await inTransaction(deps.db, async (trx) => {
    const n = await revokeAccountSessions(trx, accountId, at);
    await appendAudit(trx, {
      at,
      actorId,
      action: 'account.revoke-sessions',
      subject: `account:${account.username}`,
      detail: { sessionsRevoked: n },
    });
    return n;
  });
  return { sessionsRevoked };
}
