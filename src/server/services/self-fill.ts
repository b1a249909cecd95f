import { randomInt, randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import {
  formatSelfFillCode,
  problem,
  selfFillPath,
  SELF_FILL_ALPHABET,
  SELF_FILL_CODE_LENGTH,
  vietnameseDay,
  vnDay,
  type AccountSummary,
  type CampaignIndex,
  type IssueBatchRequest,
  type IssuedBatch,
  type Questionnaire,
  type SelfFillBatch,
} from '../../shared';
import { assignedCells } from '../db/assignments';
import { appendAudit } from '../db/audit';
import { insertBatch, listBatches, revokeBatch, type BatchRow } from '../db/self-fill';
import { inTransaction } from '../db/transaction';
import { problemError } from '../http/errors';
import type { Deps } from '../http/deps';
import { sha256Hex } from './crypto';

/**
 * Self-fill codes (issue 19): Home Affairs issues a batch of single-use codes for any unit × group of the campaign, a
 * surveyor for the cells assigned to them; nobody else. The plain codes leave the server once, in the answer to the
 * issue; the database keeps their SHA-256 only (55 random bits each, and spent, revoked or expired with the survey).
 */

/** A fresh code: SELF_FILL_CODE_LENGTH characters of the alphabet, each from the system's CSPRNG. */
export function newSelfFillCode(): string {
  let code = '';
  for (let i = 0; i < SELF_FILL_CODE_LENGTH; i += 1) code += SELF_FILL_ALPHABET[randomInt(SELF_FILL_ALPHABET.length)];
  return code;
}

/** What the database keeps of a code (normalised: shared normaliseSelfFillCode). */
export const selfFillCodeHash = (code: string): string => sha256Hex(`phieu-self-fill:${code}`);

/** The newest questionnaire version serving a group: what a respondent of that group fills in. */
export function questionnaireForGroup(campaign: CampaignIndex, groupId: string): Questionnaire | undefined {
  let newest: Questionnaire | undefined;
  for (const q of campaign.questionnaires.values()) if (q.groups.includes(groupId) && (!newest || q.version > newest.version)) newest = q;
  return newest;
}

/** Who may issue, list or revoke for a cell: Home Affairs any; a surveyor their assigned cells; nobody else. */
async function mayManage(deps: Deps, user: AccountSummary, campaignId: string): Promise<(unit: string, group: string) => boolean> {
  if (user.role === 'admin') return () => true;
  if (user.role !== 'surveyor') throw problemError(problem('self-fill.forbidden'));
  const cells = new Set((await assignedCells(deps.db, campaignId, user.id)).map((c) => `${c.unit_id}\u0000${c.group_id}`));
  return (unit, group) => cells.has(`${unit}\u0000${group}`);
}

/** A batch as shown: its last day is the survey deadline as the campaign has it now (settings may move it). */
export const batchOf = (r: BatchRow, campaign: CampaignIndex): SelfFillBatch => ({
  id: r.id,
  campaignId: r.campaign_id,
  unitId: r.unit_id,
  groupId: r.group_id,
  note: r.note,
  issuedBy: r.issued_by,
  issuedByName: r.issued_by_name,
  issuedAt: r.issued_at,
  lastDay: campaign.bundle.campaign.deadlines.survey,
  revokedAt: r.revoked_at,
  issued: r.issued,
  opened: r.opened,
  submitted: r.submitted,
  revoked: r.revoked_codes,
});

/**
 * Issues a batch: `count` new codes, their links on `origin` and a QR of each link. Refused for a cell with no quota,
 * one the surveyor is not assigned, a campaign not open, or after the survey's last day.
 */
export async function issueBatch(
  deps: Deps,
  user: AccountSummary,
  campaign: CampaignIndex,
  req: IssueBatchRequest,
  origin: string,
): Promise<IssuedBatch> {
  const c = campaign.bundle.campaign;
  const may = await mayManage(deps, user, c.id);
  const unit = campaign.units.get(req.unitId);
  const group = campaign.groups.get(req.groupId);
  if (!unit || !group || !c.quotas.some((q) => q.unit === req.unitId && q.group === req.groupId))
    throw problemError(problem('self-fill.no-quota', { unit: req.unitId, group: req.groupId }));
  if (!may(req.unitId, req.groupId)) throw problemError(problem('self-fill.not-assigned', { unit: unit.name, group: group.name }));
  if (c.state !== 'open') throw problemError(problem('self-fill.campaign-not-open'));
  const now = deps.now();
  const lastDay = c.deadlines.survey;
  if (vnDay(now) > lastDay) throw problemError(problem('self-fill.after-deadline', { lastDay: vietnameseDay(lastDay) }));
  if (!questionnaireForGroup(campaign, req.groupId)) throw problemError(problem('self-fill.no-questionnaire', { group: group.name }));

  const codes = new Set<string>();
  while (codes.size < req.count) codes.add(newSelfFillCode());
  const at = now.toISOString();
  const row = {
    id: randomUUID(),
    campaign_id: c.id,
    unit_id: req.unitId,
    group_id: req.groupId,
    note: req.note || null,
    issued_by: user.id,
    issued_at: at,
    revoked_at: null,
    revoked_by: null,
  };
  await inTransaction(deps.db, async (trx) => {
    await insertBatch(trx, row, [...codes].map(selfFillCodeHash));
    await appendAudit(trx, {
      at,
      actorId: user.id,
      action: 'self-fill.issue',
      subject: `self-fill-batch:${row.id}`,
      detail: { campaignId: c.id, unitId: req.unitId, groupId: req.groupId, count: codes.size },
    });
  });
  const links = [...codes].map((code) => ({ code: formatSelfFillCode(code), link: `${origin}${selfFillPath(code)}` }));
  return {
    batch: batchOf({ ...row, issued_by_name: user.displayName, issued: codes.size, opened: 0, submitted: 0, revoked_codes: 0 }, campaign),
    campaignName: c.name,
    unitName: unit.name,
    groupName: group.name,
    codes: await Promise.all(
      links.map(async (l) => ({ ...l, qrSvg: await QRCode.toString(l.link, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }) })),
    ),
  };
}

/** The batches a person may see: Home Affairs all, a surveyor those of their assigned cells. */
export async function listSelfFillBatches(
  deps: Deps,
  user: AccountSummary,
  campaign: CampaignIndex,
  filter: { unitId?: string; groupId?: string },
): Promise<SelfFillBatch[]> {
  const may = await mayManage(deps, user, campaign.bundle.campaign.id);
  return (await listBatches(deps.db, campaign.bundle.campaign.id, filter))
    .filter((b) => may(b.unit_id, b.group_id))
    .map((b) => batchOf(b, campaign));
}

/** Revokes a batch: its unspent codes are refused from now on; what was submitted stays. */
export async function revokeSelfFillBatch(
  deps: Deps,
  user: AccountSummary,
  campaign: CampaignIndex,
  batchId: string,
): Promise<SelfFillBatch> {
  const campaignId = campaign.bundle.campaign.id;
  const may = await mayManage(deps, user, campaignId);
  const [found] = await listBatches(deps.db, campaignId, { batchId });
  // Another cell's batch is answered as a missing one: its existence is none of this person's business.
  if (!found || !may(found.unit_id, found.group_id)) throw problemError(problem('self-fill.batch-not-found'));
  const at = deps.now().toISOString();
  const revoked = await inTransaction(deps.db, async (trx) => {
    if (!(await revokeBatch(trx, batchId, at, user.id))) return false;
    await appendAudit(trx, {
      at,
      actorId: user.id,
      action: 'self-fill.revoke',
      subject: `self-fill-batch:${batchId}`,
      detail: { campaignId, unitId: found.unit_id, groupId: found.group_id },
    });
    return true;
  });
  if (!revoked) throw problemError(problem('self-fill.already-revoked'));
  const [after] = await listBatches(deps.db, campaignId, { batchId });
  return batchOf(after ?? found, campaign);
}
