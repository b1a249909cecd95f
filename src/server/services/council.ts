import { problem, type CampaignIndex, type CouncilMember, type CouncilMemberUpdate, type CouncilScope } from '../../shared';
import { findAccountById } from '../db/accounts';
import { appendAudit } from '../db/audit';
import { councilMember, deleteCouncilMember, listCouncil, putCouncilMember } from '../db/council';
import type { Db } from '../db/database';
import type { CouncilAssignmentTable } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { problemError } from '../http/errors';
import type { SessionUser } from './auth';

type ScopeRow = Pick<CouncilAssignmentTable, 'level' | 'scope_kind' | 'scope'>;

const toScope = (s: ScopeRow): CouncilScope =>
  s.scope_kind === 'field' ? { kind: 'field', level: s.level, field: s.scope } : { kind: 'unit', unitId: s.scope };

/** The council of a campaign (Home Affairs and the council read it): members, positions, what each appraises. */
export async function readCouncil(db: Db, campaign: CampaignIndex): Promise<CouncilMember[]> {
  const { members, scopes } = await listCouncil(db, campaign.bundle.campaign.id);
  return members.map((m) => ({
    accountId: m.account_id,
    username: m.username,
    displayName: m.display_name,
    position: m.position,
    organisation: m.organisation,
    scopes: scopes.filter((s) => s.account_id === m.account_id).map(toScope),
  }));
}

/** A scope as stored, refused when the campaign has no such level, field or unit. */
function scopeRow(campaign: CampaignIndex, s: CouncilScope): ScopeRow {
  if (s.kind === 'unit') {
    const unit = campaign.units.get(s.unitId);
    if (!unit || !campaign.frameworkByLevel.has(unit.level)) throw problemError(problem('council.unknown-unit', { unit: s.unitId }));
    return { level: unit.level, scope_kind: 'unit', scope: unit.id };
  }
  const framework = campaign.frameworkByLevel.get(s.level);
  if (!framework) throw problemError(problem('council.unknown-level', { level: s.level }));
  if (!framework.fields.some((f) => f.code === s.field))
    throw problemError(problem('council.unknown-field', { level: s.level, field: s.field }));
  return { level: s.level, scope_kind: 'field', scope: s.field };
}

/** Home Affairs puts a council account on the council (or changes its place and what it appraises), audited. */
export async function setCouncilMember(
  db: Db,
  campaign: CampaignIndex,
  accountId: string,
  update: CouncilMemberUpdate,
  actor: SessionUser,
  now: Date,
): Promise<CouncilMember> {
  const account = await findAccountById(db, accountId);
  if (!account || account.role !== 'council')
    throw problemError(problem('council.not-council-account', { account: account?.username ?? accountId }));
  const rows = [
    ...new Map(update.scopes.map((s) => scopeRow(campaign, s)).map((r) => [`${r.level} ${r.scope_kind} ${r.scope}`, r])).values(),
  ];
  const campaignId = campaign.bundle.campaign.id;
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    await putCouncilMember(
      trx,
      { campaign_id: campaignId, account_id: accountId, position: update.position, organisation: update.organisation, updated_at: at },
      rows,
    );
    await appendAudit(trx, {
      at,
      actorId: actor.id,
      action: 'council.member.set',
      subject: `council:${campaignId}:${accountId}`,
      detail: { position: update.position, organisation: update.organisation, scopes: rows.map(toScope) },
    });
  });
  return {
    accountId,
    username: account.username,
    displayName: account.display_name,
    position: update.position,
    organisation: update.organisation,
    scopes: rows.map(toScope),
  };
}

/** Takes an account off the council (what it saved stays, under its name), audited. */
export async function removeCouncilMember(
  db: Db,
  campaign: CampaignIndex,
  accountId: string,
  actor: SessionUser,
  now: Date,
): Promise<void> {
  const campaignId = campaign.bundle.campaign.id;
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    if (!(await deleteCouncilMember(trx, campaignId, accountId))) throw problemError(problem('council.not-member', { account: accountId }));
    await appendAudit(trx, { at, actorId: actor.id, action: 'council.member.remove', subject: `council:${campaignId}:${accountId}` });
  });
}

/**
 * The units a council account appraises something of: every unit for the chair, none for an account not on the
 * council; otherwise the units it appraises whole and every unit of a level it appraises a field of.
 */
export async function unitsInView(db: Db, campaign: CampaignIndex, user: SessionUser): Promise<Set<string>> {
  const all = campaign.bundle.campaign.units.filter((u) => campaign.frameworkByLevel.has(u.level));
  const council = await councilMember(db, campaign.bundle.campaign.id, user.id);
  if (!council) return new Set();
  if (council.member.position === 'chair') return new Set(all.map((u) => u.id));
  const levels = new Set(council.scopes.filter((s) => s.scope_kind === 'field').map((s) => s.level));
  const units = new Set(council.scopes.filter((s) => s.scope_kind === 'unit').map((s) => s.scope));
  return new Set(all.filter((u) => levels.has(u.level) || units.has(u.id)).map((u) => u.id));
}
