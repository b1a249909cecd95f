import {
  appraisedSubCriteria,
  assignableCodes,
  frameworkRestrictedTo,
  problem,
  problemText,
  problemTextVi,
  selfAssessmentIssues,
  selfAssessmentTotals,
  selfScoreProblem,
  vnDay,
  type CampaignIndex,
  type Catalogue,
  type ItemFacts,
  type SaItem,
  type SaItemUpdate,
  type SaUnitSummary,
  type SelfAssessment,
} from '../../shared';
import { appendAudit } from '../db/audit';
import type { Db } from '../db/database';
import * as store from '../db/self-assessment';
import { listSignedReportTimes } from '../db/signed-report';
import { problemError } from '../http/errors';
import { subjectHistory } from './audit-log';
import type { SessionUser } from './auth';
import type { CampaignRegistry } from './campaign-registry';
import { maySeeFile, requireEditable, type SaAccess } from './sa-access';
import { readSignedReport, requireSignedReportForSubmission, signingOf } from './signed-report';

const subject = (campaignId: string, unitId: string, code?: string) => `sa:${campaignId}:${unitId}${code ? `:${code}` : ''}`;

interface UnitData {
  items: Awaited<ReturnType<typeof store.listItems>>;
  links: Awaited<ReturnType<typeof store.listLinks>>;
}

function facts(data: UnitData): Map<string, ItemFacts> {
  const files = new Map<string, number>();
  for (const l of data.links) files.set(l.code, (files.get(l.code) ?? 0) + 1);
  const out = new Map<string, ItemFacts>();
  for (const i of data.items) out.set(i.code, { score: i.score, explanation: i.explanation, files: files.get(i.code) ?? 0 });
  for (const [code, n] of files) if (!out.has(code)) out.set(code, { score: null, explanation: null, files: n });
  return out;
}

/** One unit's self-assessment as `access` lets this person see it; what stops its submission in the words of `catalogue`. */
export async function readSelfAssessment(
  db: Db,
  registry: CampaignRegistry,
  access: SaAccess,
  catalogue: Catalogue = problemTextVi,
): Promise<SelfAssessment> {
  const campaignId = access.campaign.bundle.campaign.id;
  const unitId = access.unit.id;
  // Reading writes nothing: a unit nobody has started yet is an empty draft (its row comes with the first change).
  const row = await store.getSelfAssessmentNamed(db, campaignId, unitId);
  const data = { items: await store.listItems(db, campaignId, unitId), links: await store.listLinks(db, campaignId, unitId) };
  const all = facts(data);
  const visible = (code: string) => access.visible.has(code);
  const items: SaItem[] = [...access.visible].map((code) => {
    const i = data.items.find((x) => x.code === code);
    return {
      code,
      score: i?.score ?? null,
      explanation: i?.explanation ?? null,
      note: i?.note ?? null,
      files: data.links.filter((l) => l.code === code).map((l) => l.hash),
      version: i?.version ?? 0,
      updatedAt: i?.updated_at ?? null,
      updatedBy: i?.updated_by_name ?? null,
    };
  });
  const settings = registry.settings(campaignId);
  const files = (await store.listEvidence(db, campaignId, unitId)).filter((f) => maySeeFile(access, fileFacts(f, data.links)));
  const assignments = access.seesAll ? await store.listAssignments(db, campaignId, unitId) : [];
  // Totals and what is missing over what this person sees, and nothing else: a total is the sum of its items.
  const shown = new Map([...all].filter(([code]) => visible(code)));
  const framework = access.seesAll ? access.framework : frameworkRestrictedTo(access.framework, access.visible);
  return {
    campaignId,
    unitId,
    frameworkId: access.framework.id,
    state: row?.state ?? 'draft',
    late: row?.late === 1,
    submittedAt: row?.submitted_at ?? null,
    submittedBy: row?.submitted_by_name ?? null,
    deadline: access.campaign.bundle.campaign.deadlines.selfAssessment,
    lateRule: settings?.selfAssessmentLate ?? 'refuse',
    editable: access.editable.size > 0,
    editableCodes: [...access.editable],
    visibleCodes: [...access.visible],
    items,
    files: files.map((f) => ({
      hash: f.hash,
      name: f.name,
      size: Number(f.size),
      mediaType: f.media_type,
      uploadedAt: f.uploaded_at,
      uploadedBy: f.uploaded_by_name,
    })),
    assignments: assignments.map((a) => ({ code: a.code, staffId: a.staff_id, staffName: a.staff_name })),
    totals: selfAssessmentTotals(framework, shown),
    issues: selfAssessmentIssues(framework, shown).map((i) => ({ code: i.code, kind: i.kind, message: problemText(catalogue, i.problem) })),
    report: signingOf(access),
    signedReport: await readSignedReport(db, access),
  };
}

/** What `maySeeFile` needs to know of a library file. */
function fileFacts(file: { hash: string; uploaded_by: string | null }, links: readonly { code: string; hash: string }[]) {
  return { uploadedBy: file.uploaded_by, attachedTo: links.filter((l) => l.hash === file.hash).map((l) => l.code) };
}

/**
 * Inside a change's transaction: the assessment is still in the state its access was decided in (ensuring the row of a
 * draft nobody started). Otherwise someone moved it on in between (submitted it, answered the round): 409.
 */
export async function requireStateUnchanged(trx: Db, access: SaAccess, at: string): Promise<void> {
  const row = await store.ensureSelfAssessment(trx, access.campaign.bundle.campaign.id, access.unit.id, at);
  if (row.state === access.state) return;
  if (access.state === 'draft') throw problemError(problem('sa.submitted'));
  throw problemError(problem('sa.state-changed'));
}

/** Saves one item if nobody saved it since `update.version`; otherwise 409 with what is stored now. */
export async function saveSelfAssessmentItem(
  db: Db,
  access: SaAccess,
  user: SessionUser,
  code: string,
  update: SaItemUpdate,
  now: Date,
): Promise<void> {
  requireEditable(access, code);
  const sub = access.framework.fields.flatMap((f) => f.criteria.flatMap((c) => c.subCriteria)).find((s) => s.code === code)!;
  if (update.score !== null) {
    // The shared rule, as the client applies it while the score is typed: 400 'invalid-score', its issue on "score".
    const refusal = selfScoreProblem(sub, update.score);
    if (refusal) throw problemError(refusal, ['score']);
  }
  const campaignId = access.campaign.bundle.campaign.id;
  const at = now.toISOString();
  const fields = { score: update.score, explanation: update.explanation || null, note: update.note || null };
  const saved = await db.transaction().execute(async (trx) => {
    await store.ensureSelfAssessment(trx, campaignId, access.unit.id, at);
    await requireStateUnchanged(trx, access, at);
    if (!(await store.saveItem(trx, { campaignId, unitId: access.unit.id, code }, update.version, fields, user.id, at))) return false;
    await appendAudit(trx, {
      at,
      actorId: user.id,
      action: 'sa.item.save',
      subject: subject(campaignId, access.unit.id, code),
      detail: fields,
    });
    return true;
  });
  if (!saved) {
    const current = await store.getItem(db, campaignId, access.unit.id, code);
    const score = current?.score ?? null;
    throw problemError(score === null ? problem('sa.conflict-no-score', { code }) : problem('sa.conflict', { code, score: String(score) }));
  }
}

/** The coordinator's assignment of fields, criteria or sub-criteria to the unit's staff, replaced as a whole. */
export async function setAssignments(
  db: Db,
  access: SaAccess,
  user: SessionUser,
  rows: { code: string; staffId: string }[],
  now: Date,
): Promise<void> {
  if (!access.canAssign)
    throw problemError(
      access.state !== 'draft' && access.actor.role === 'coordinator' ? problem('sa.assign-submitted') : problem('sa.assign-forbidden'),
    );
  const campaignId = access.campaign.bundle.campaign.id;
  const codes = assignableCodes(access.framework);
  const staff = new Set((await store.unitStaff(db, campaignId, access.unit.id)).map((s) => s.id));
  const issues = rows.flatMap((r, i) => [
    ...(codes.has(r.code) ? [] : [{ path: `assignments.${i}.code`, problem: problem('sa.assignment-unknown-code', { code: r.code }) }]),
    ...(staff.has(r.staffId) ? [] : [{ path: `assignments.${i}.staffId`, problem: problem('sa.assignment-unknown-staff') }]),
  ]);
  if (issues.length > 0) throw problemError(problem('sa.invalid-assignment'), issues);
  const unique = [...new Map(rows.map((r) => [`${r.code}\u0000${r.staffId}`, r])).values()];
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await store.ensureSelfAssessment(trx, campaignId, access.unit.id, at);
    await store.replaceAssignments(trx, campaignId, access.unit.id, unique, user.id, at);
    await appendAudit(trx, {
      at,
      actorId: user.id,
      action: 'sa.assign',
      subject: subject(campaignId, access.unit.id),
      detail: { assignments: unique },
    });
  });
}

/**
 * Submits to the appraisal council: refused while anything is missing (items, then the signed report when the
 * campaign asks for it), and after the deadline per the campaign's rule (refused, or accepted and flagged late).
 * Locks the self-assessment.
 */
export async function submitSelfAssessment(
  db: Db,
  registry: CampaignRegistry,
  access: SaAccess,
  user: SessionUser,
  now: Date,
): Promise<{ late: boolean }> {
  if (access.state !== 'draft') throw problemError(problem('sa.already-submitted'));
  if (!access.canSubmit) throw problemError(problem('sa.submit-forbidden'));
  const campaignId = access.campaign.bundle.campaign.id;
  const deadline = access.campaign.bundle.campaign.deadlines.selfAssessment;
  const late = vnDay(now) > deadline;
  if (late && (registry.settings(campaignId)?.selfAssessmentLate ?? 'refuse') === 'refuse') {
    throw problemError(problem('sa.deadline-passed', { deadline: deadline.split('-').reverse().join('/') }));
  }
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await store.ensureSelfAssessment(trx, campaignId, access.unit.id, at);
    const data = {
      items: await store.listItems(trx, campaignId, access.unit.id),
      links: await store.listLinks(trx, campaignId, access.unit.id),
    };
    const issues = selfAssessmentIssues(access.framework, facts(data));
    if (issues.length > 0) {
      // Each item's reason is the shared review's problem, as the Review page lists them.
      throw problemError(
        problem('workflow.incomplete', { count: issues.length }),
        issues.map((i) => ({ path: i.code, problem: i.problem })),
      );
    }
    await requireSignedReportForSubmission(trx, access);
    if (!(await store.markSubmitted(trx, campaignId, access.unit.id, user.id, at, late)))
      throw problemError(problem('sa.already-submitted'));
    await appendAudit(trx, { at, actorId: user.id, action: 'sa.submit', subject: subject(campaignId, access.unit.id), detail: { late } });
  });
  return { late };
}

/** Every unit of the campaign's evaluated levels (or those of `only`) with its self-assessment state and totals. */
export async function listUnitSummaries(db: Db, campaign: CampaignIndex, only?: ReadonlySet<string>): Promise<SaUnitSummary[]> {
  const campaignId = campaign.bundle.campaign.id;
  const rows = new Map((await store.listSelfAssessmentsNamed(db, campaignId)).map((r) => [r.unit_id, r]));
  const items = await store.listAllItems(db, campaignId);
  const signed = await listSignedReportTimes(db, campaignId);
  const out: SaUnitSummary[] = [];
  for (const unit of campaign.bundle.campaign.units) {
    const framework = campaign.frameworkByLevel.get(unit.level);
    if (!framework || (only && !only.has(unit.id))) continue;
    const mine = new Map(items.filter((i) => i.unit_id === unit.id).map((i) => [i.code, { score: i.score }]));
    const totals = selfAssessmentTotals(framework, mine);
    const row = rows.get(unit.id);
    out.push({
      unitId: unit.id,
      level: unit.level,
      state: row?.state ?? 'draft',
      late: row?.late === 1,
      submittedAt: row?.submitted_at ?? null,
      submittedBy: row?.submitted_at ? (row.submitted_by_name ?? null) : null,
      scored: [...mine.values()].filter((i) => i.score !== null).length,
      items: appraisedSubCriteria(framework).length,
      self: totals.self,
      max: totals.max,
      signedReportAt: signed.get(unit.id) ?? null,
    });
  }
  return out;
}

/**
 * The history of one item, or of the whole self-assessment (submit, assignments, library uploads, the signed report),
 * as far as this person may see it: staff get no assignment or signed-report entries (they name the other staff's
 * items, or every total) and only the uploads of files they may see.
 */
export async function saAudit(db: Db, access: SaAccess, code?: string) {
  if (code && !access.visible.has(code)) throw problemError(problem('sa.history-forbidden', { code }));
  const campaignId = access.campaign.bundle.campaign.id;
  const entries = await subjectHistory(db, subject(campaignId, access.unit.id, code));
  if (access.seesAll || code) return entries;
  const links = await store.listLinks(db, campaignId, access.unit.id);
  const uploaders = new Map((await store.listEvidence(db, campaignId, access.unit.id)).map((f) => [f.hash, f]));
  return entries.filter((e) => {
    // Assignments name the other staff's items; the signed report carries every total.
    if (e.action === 'sa.assign' || e.action.startsWith('sa.signed-report.')) return false;
    if (e.action !== 'sa.file.upload') return true;
    const file = uploaders.get(hashOf(e.detail));
    return file !== undefined && maySeeFile(access, fileFacts(file, links));
  });
}

const hashOf = (detail: unknown): string =>
  typeof detail === 'object' && detail !== null && 'hash' in detail && typeof detail.hash === 'string' ? detail.hash : '';
