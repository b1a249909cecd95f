import {
  appraisedSubCriteria,
  problem,
  selfScoreProblem,
  vnDay,
  type Appraisal,
  type AppraisalItemUpdate,
  type AssessmentState,
  type AppraisalTask,
  type AppraisalWorkList,
  type CampaignIndex,
  type ExplanationRequest,
  coveredSubCriteria,
} from '../../shared';
import * as store from '../db/appraisal';
import { appendAudit } from '../db/audit';
import type { Db } from '../db/database';
import { councilMember } from '../db/council';
import { getSelfAssessment, listItems, listSelfAssessments } from '../db/self-assessment';
import { inTransaction } from '../db/transaction';
import { problemError } from '../http/errors';
import type { SessionUser } from './auth';
import type { CampaignRegistry } from './campaign-registry';
import { requireAction, type SaAccess } from './sa-access';
import { requireStateUnchanged } from './self-assessment';

/**
 * The council's side of a unit (DESIGN §6, issue 12): appraised scores with comments, explanation rounds, closing,
 * and Home Affairs returning a unit to an earlier state. Every decision of who may do what in which state is
 * `decide`'s (through requireAction); this file adds the rules of content and time, and writes.
 */

const keyOf = (access: SaAccess) => ({ campaignId: access.campaign.bundle.campaign.id, unitId: access.unit.id });
/** The council's history of one unit: apart from the unit's own (`sa:…`), which the unit reads. */
const subjectOf = (access: SaAccess, code?: string) =>
  `appraisal:${access.campaign.bundle.campaign.id}:${access.unit.id}${code ? `:${code}` : ''}`;
const unitSubject = (access: SaAccess) => `sa:${access.campaign.bundle.campaign.id}:${access.unit.id}`;
const dmy = (isoDay: string) => isoDay.split('-').reverse().join('/');

/** After the appraisal deadline the campaign's rule refuses the council's action, or lets it through flagged. */
function appraisalLate(registry: CampaignRegistry, access: SaAccess, now: Date): boolean {
  const deadline = access.campaign.bundle.campaign.deadlines.appraisal;
  const late = vnDay(now) > deadline;
  if (late && (registry.settings(access.campaign.bundle.campaign.id)?.appraisalLate ?? 'refuse') === 'refuse')
    throw problemError(problem('appraisal.deadline-passed', { deadline: dmy(deadline) }));
  return late;
}

/** The unit's appraisal as this person may see it: the council and Home Affairs all of it in view; the unit only the rounds. */
export async function readAppraisal(db: Db, access: SaAccess): Promise<Appraisal> {
  const key = keyOf(access);
  const council = access.actor.role === 'council' || access.actor.role === 'admin';
  const inView = (code: string) => access.seesAll || access.visible.has(code);
  const rounds = (await store.listRounds(db, key))
    .map((r) => ({ ...r, codes: r.codes.filter(inView) }))
    // A round about none of this person's items says nothing to them (its message is about the others).
    .filter((r) => r.codes.length > 0);
  const items = council ? (await store.listAppraisalItems(db, key)).filter((i) => inView(i.code)) : [];
  const row = await getSelfAssessment(db, key.campaignId, key.unitId);
  const appraisable = [...access.appraises].filter((code) => can(access, { kind: 'appraise', code }));
  return {
    campaignId: key.campaignId,
    unitId: key.unitId,
    state: access.state,
    deadline: access.campaign.bundle.campaign.deadlines.appraisal,
    appraisableCodes: appraisable,
    requestedCodes: [...access.requested].filter(inView),
    canRequest: access.actor.role === 'council' && can(access, { kind: 'request-explanation', codes: [...access.appraises].slice(0, 1) }),
    canClose: can(access, { kind: 'close' }, { unappraised: 0 }),
    canReturn: access.actor.role === 'admin' && access.state !== 'draft',
    items: items.map((i) => ({
      code: i.code,
      score: i.score,
      comment: i.comment,
      version: i.version,
      updatedAt: i.updated_at,
      updatedBy: i.updated_by_name,
    })),
    rounds: rounds.map((r) => ({
      number: r.number,
      codes: r.codes,
      message: r.message,
      deadline: r.deadline,
      requestedAt: r.requested_at,
      requestedBy: r.requested_by_name,
      answeredAt: r.answered_at,
      answeredBy: r.answered_by_name,
      answer: r.answer,
      late: r.answered_late === 1,
    })),
    appraisedAt: council ? (row?.appraised_at ?? null) : null,
    late: council && row?.appraisal_late === 1,
  };
}

/** Whether the workflow would allow it (for the screens: what to offer). */
function can(access: SaAccess, action: Parameters<typeof requireAction>[1], counts: Parameters<typeof requireAction>[2] = {}): boolean {
  try {
    requireAction(access, action, counts);
    return true;
  } catch {
    return false;
  }
}

/**
 * Saves the council's score and comment of one item if nobody saved it since `update.version`. The score follows the
 * framework (0..max in its step); a score other than the unit's own needs a comment. The first appraisal moves a
 * submitted unit into appraisal.
 */
export async function saveAppraisalItem(
  db: Db,
  registry: CampaignRegistry,
  access: SaAccess,
  user: SessionUser,
  code: string,
  update: AppraisalItemUpdate,
  now: Date,
): Promise<void> {
  const next = requireAction(access, { kind: 'appraise', code });
  const sub = appraisedSubCriteria(access.framework).find((s) => s.code === code);
  if (!sub) throw problemError(problem('workflow.not-appraised-item', { code }));
  if (update.score !== null && selfScoreProblem(sub, update.score) !== null)
    throw problemError(problem('appraisal.invalid-score', { code, max: sub.maxPoints, step: sub.step }));
  appraisalLate(registry, access, now);
  const key = keyOf(access);
  const own = (await listItems(db, key.campaignId, key.unitId)).find((i) => i.code === code);
  const comment = update.comment || null;
  if (update.score !== null && update.score !== (own?.score ?? null) && comment === null)
    throw problemError(problem('appraisal.comment-needed', { code }));
  const at = now.toISOString();
  const saved = await inTransaction(db, async (trx) => {
    await requireStateUnchanged(trx, access, at);
    if (!(await store.saveAppraisalItem(trx, key, code, update.version, { score: update.score, comment }, user.id, at))) return false;
    if (next !== access.state) await store.moveState(trx, key, access.state, next, at);
    await appendAudit(trx, {
      at,
      actorId: user.id,
      action: 'appraisal.item.save',
      subject: subjectOf(access, code),
      detail: { score: update.score, comment },
    });
    return true;
  });
  if (!saved) {
    const current = await store.getAppraisalItem(db, key, code);
    throw problemError(
      problem('appraisal.conflict', { code, score: current?.score === null || current === undefined ? '—' : String(current.score) }),
    );
  }
}

/**
 * A council member asks the unit to explain or add evidence on some items, by a day: exactly those items reopen for
 * the unit (DESIGN §6). Rounds are numbered per unit; every round stays in the history.
 */
export async function requestExplanation(
  db: Db,
  registry: CampaignRegistry,
  access: SaAccess,
  user: SessionUser,
  request: ExplanationRequest,
  now: Date,
): Promise<{ number: number }> {
  const codes = [...new Set(request.codes)].sort();
  const next = requireAction(access, { kind: 'request-explanation', codes });
  if (request.deadline < vnDay(now)) throw problemError(problem('appraisal.deadline-before-today'));
  appraisalLate(registry, access, now);
  const key = keyOf(access);
  const at = now.toISOString();
  return inTransaction(db, async (trx) => {
    await requireStateUnchanged(trx, access, at);
    const number = (await store.listRounds(trx, key)).reduce((n, r) => Math.max(n, r.number), 0) + 1;
    await store.insertRound(trx, key, { number, message: request.message, deadline: request.deadline, by: user.id, at }, codes);
    await store.moveState(trx, key, access.state, next, at);
    await appendAudit(trx, {
      at,
      actorId: user.id,
      action: 'appraisal.explanation.request',
      subject: subjectOf(access),
      detail: { number, codes, message: request.message, deadline: request.deadline },
    });
    return { number };
  });
}

/** The unit's coordinator sends the answers of the open round back to the council (late per the campaign's rule). */
export async function sendExplanation(
  db: Db,
  registry: CampaignRegistry,
  access: SaAccess,
  user: SessionUser,
  message: string | null,
  now: Date,
): Promise<{ late: boolean }> {
  const next = requireAction(access, { kind: 'send-explanation' });
  const key = keyOf(access);
  const open = (await store.listRounds(db, key)).find((r) => r.answered_at === null);
  const deadline = open?.deadline ?? access.campaign.bundle.campaign.deadlines.appraisal;
  const late = vnDay(now) > deadline;
  if (late && (registry.settings(key.campaignId)?.selfAssessmentLate ?? 'refuse') === 'refuse')
    throw problemError(problem('appraisal.explanation-deadline-passed', { deadline: dmy(deadline) }));
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    await requireStateUnchanged(trx, access, at);
    await store.answerRound(trx, key, { message: message || null, by: user.id, at, late });
    await store.moveState(trx, key, access.state, next, at);
    await appendAudit(trx, {
      at,
      actorId: user.id,
      action: 'sa.explanation.send',
      subject: unitSubject(access),
      detail: { number: open?.number ?? null, message: message || null, late },
    });
  });
  return { late };
}

/** The chair (or Home Affairs) closes the appraisal once every appraised item has a score: locked, ready for the index. */
export async function closeAppraisal(
  db: Db,
  registry: CampaignRegistry,
  access: SaAccess,
  user: SessionUser,
  now: Date,
): Promise<{ late: boolean }> {
  const key = keyOf(access);
  const scored = new Set((await store.listAppraisalItems(db, key)).filter((i) => i.score !== null).map((i) => i.code));
  const unappraised = appraisedSubCriteria(access.framework).filter((s) => !scored.has(s.code)).length;
  const next = requireAction(access, { kind: 'close' }, { unappraised });
  const late = appraisalLate(registry, access, now);
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    await requireStateUnchanged(trx, access, at);
    await store.moveState(trx, key, access.state, next, at, { appraised_at: at, appraised_by: user.id, appraisal_late: late ? 1 : 0 });
    await appendAudit(trx, { at, actorId: user.id, action: 'appraisal.close', subject: subjectOf(access), detail: { late } });
  });
  return { late };
}

/**
 * Home Affairs sends a unit back to an earlier state with a reason the unit reads (audited on the unit's history). An
 * open explanation round ends with it; a closed appraisal is opened again.
 */
export async function returnAssessment(
  db: Db,
  access: SaAccess,
  user: SessionUser,
  to: AssessmentState,
  reason: string,
  now: Date,
): Promise<void> {
  const next = requireAction(access, { kind: 'return', to });
  const key = keyOf(access);
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    await requireStateUnchanged(trx, access, at);
    await store.answerRound(trx, key, { message: null, by: user.id, at, late: false });
    await store.moveState(trx, key, access.state, next, at, { appraised_at: null, appraised_by: null, appraisal_late: 0 });
    await appendAudit(trx, {
      at,
      actorId: user.id,
      action: 'sa.return',
      subject: unitSubject(access),
      detail: { from: access.state, to: next, reason },
    });
  });
}

/**
 * A council member's work list (Home Affairs and the chair: every unit): each unit they appraise something of, with
 * how many of their items there are appraised, to appraise, or waiting for the unit's explanation.
 */
export async function appraisalWorkList(db: Db, campaign: CampaignIndex, user: SessionUser): Promise<AppraisalWorkList> {
  const campaignId = campaign.bundle.campaign.id;
  const council = user.role === 'council' ? await councilMember(db, campaignId, user.id) : undefined;
  const chair = council?.member.position === 'chair';
  const rows = new Map((await listSelfAssessments(db, campaignId)).map((r) => [r.unit_id, r]));
  const scored = new Set((await store.listAllAppraisalScores(db, campaignId)).map((r) => `${r.unit_id} ${r.code}`));
  const waiting = new Set((await store.listOpenRoundItems(db, campaignId)).map((r) => `${r.unit_id} ${r.code}`));
  const tasks: AppraisalTask[] = [];
  for (const unit of campaign.bundle.campaign.units) {
    const framework = campaign.frameworkByLevel.get(unit.level);
    if (!framework) continue;
    const appraised = appraisedSubCriteria(framework).map((s) => s.code);
    let codes = appraised;
    if (user.role === 'council' && !chair) {
      const whole = council?.scopes.some((s) => s.scope_kind === 'unit' && s.scope === unit.id) ?? false;
      const fields = (council?.scopes ?? []).filter((s) => s.scope_kind === 'field' && s.level === unit.level).map((s) => s.scope);
      codes = whole ? appraised : [...coveredSubCriteria(framework, fields)];
    }
    if (codes.length === 0) continue;
    tasks.push({
      unitId: unit.id,
      level: unit.level,
      state: rows.get(unit.id)?.state ?? 'draft',
      late: rows.get(unit.id)?.late === 1,
      items: codes.length,
      appraised: codes.filter((c) => scored.has(`${unit.id} ${c}`)).length,
      waiting: codes.filter((c) => waiting.has(`${unit.id} ${c}`)).length,
    });
  }
  return { deadline: campaign.bundle.campaign.deadlines.appraisal, chair, tasks };
}
