import {
  appraisedSubCriteria,
  coveredSubCriteria,
  decide,
  problem,
  type AssessmentState,
  type CampaignIndex,
  type Framework,
  type Unit,
  type WorkflowAction,
  type WorkflowActor,
} from '../../shared';
import { councilMember } from '../db/council';
import { codesAttachedTo, getEvidence } from '../db/evidence';
import type { Db } from '../db/database';
import { listRounds } from '../db/appraisal';
import { assignedCodes, getSelfAssessment } from '../db/self-assessment';
import { problemError } from '../http/errors';
import type { SessionUser } from './auth';

/** What one person may do with one unit's assessment now (DESIGN §2 and §6). */
export interface SaAccess {
  campaign: CampaignIndex;
  unit: Unit;
  framework: Framework;
  /** Who is asking. */
  userId: string;
  state: AssessmentState;
  /** The items the open explanation round reopened (empty when none is open). */
  requested: Set<string>;
  /** The whole unit is in view (coordinator, Home Affairs, the chair, a member who appraises the whole unit). */
  seesAll: boolean;
  /** Sub-criteria shown to this person. */
  visible: Set<string>;
  /** Sub-criteria this person may enter now: the unit's own side (draft, or reopened by an explanation round). */
  editable: Set<string>;
  /** Sub-criteria this person appraises (council). */
  appraises: Set<string>;
  /** The workflow's view of this person (the one place that decides, `decide`, takes it). */
  actor: WorkflowActor;
  /** The coordinator, while a draft. */
  canAssign: boolean;
  canSubmit: boolean;
  /** Nobody enters anything in this state (past submission and no explanation round open). */
  locked: boolean;
}

/**
 * Who may see a unit's assessment: its coordinator (everything), its staff (what is assigned to them), Home Affairs
 * and the council's chair (everything, read; the chair appraises), a council member (what they appraise there).
 * Anyone else gets 403, an unknown campaign or unit 404. What each may change follows `decide` in each state.
 */
export async function saAccess(db: Db, user: SessionUser, campaign: CampaignIndex | undefined, unitId: string): Promise<SaAccess> {
  if (!campaign) throw problemError(problem('sa.campaign-not-found'));
  const unit = campaign.units.get(unitId);
  if (!unit) throw problemError(problem('not-found.unit', { unit: unitId }));
  const framework = campaign.frameworkByLevel.get(unit.level);
  if (!framework) throw problemError(problem('sa.unit-not-assessed', { unit: unit.name }));
  const campaignId = campaign.bundle.campaign.id;
  const own = user.unitId === unitId && (user.campaignId === null || user.campaignId === campaignId);
  const appraised = new Set(appraisedSubCriteria(framework).map((s) => s.code));
  const none = new Set<string>();
  let seesAll = false;
  let visible = none;
  let enters = none;
  let appraises = none;
  let chair = false;
  switch (user.role) {
    case 'admin':
      seesAll = true;
      break;
    case 'council': {
      const council = await councilMember(db, campaignId, user.id);
      chair = council?.member.position === 'chair';
      const whole = chair || (council?.scopes.some((s) => s.scope_kind === 'unit' && s.scope === unitId) ?? false);
      const fields = (council?.scopes ?? []).filter((s) => s.scope_kind === 'field' && s.level === unit.level).map((s) => s.scope);
      appraises = whole ? appraised : coveredSubCriteria(framework, fields);
      if (appraises.size === 0) throw problemError(problem('sa.not-appraiser'));
      seesAll = whole;
      visible = appraises;
      break;
    }
    case 'coordinator':
      if (!own) throw problemError(problem('sa.other-unit'));
      seesAll = true;
      enters = appraised;
      break;
    case 'staff':
      if (!own) throw problemError(problem('sa.other-unit'));
      enters = coveredSubCriteria(framework, await assignedCodes(db, campaignId, unitId, user.id));
      visible = enters;
      break;
    default:
      throw problemError(problem('sa.forbidden'));
  }
  if (seesAll) visible = allCodes(framework);
  const row = await getSelfAssessment(db, campaignId, unitId);
  const state = row?.state ?? 'draft';
  const requested = state === 'explanation-requested' ? openRoundCodes(await listRounds(db, { campaignId, unitId })) : new Set<string>();
  const actor: WorkflowActor = { role: user.role, ownUnit: own, chair, appraises, enters };
  const facts = { state, appraised, requested, incomplete: 0, unappraised: 0 };
  const editable = new Set([...enters].filter((code) => decide(facts, actor, { kind: 'enter', code }).ok));
  const draftCoordinator = user.role === 'coordinator' && own && state === 'draft';
  return {
    campaign,
    unit,
    framework,
    userId: user.id,
    state,
    requested,
    seesAll,
    visible,
    editable,
    appraises,
    actor,
    canAssign: draftCoordinator,
    canSubmit: draftCoordinator,
    locked: state !== 'draft' && state !== 'explanation-requested',
  };
}

const openRoundCodes = (rounds: { answered_at: string | null; codes: string[] }[]): Set<string> =>
  new Set(rounds.filter((r) => r.answered_at === null).flatMap((r) => r.codes));

/** Every sub-criterion code, survey-scored ones included (shown as "chấm qua điều tra XHH"). */
function allCodes(framework: Framework): Set<string> {
  return new Set(framework.fields.flatMap((f) => f.criteria.flatMap((c) => c.subCriteria.map((s) => s.code))));
}

/**
 * The workflow's decision on an action by this person, with what only the service knows (how many items are still
 * missing, how many have no appraised score); a refusal is thrown as its problem.
 */
export function requireAction(
  access: SaAccess,
  action: WorkflowAction,
  counts: { incomplete?: number; unappraised?: number } = {},
): AssessmentState {
  const appraised = new Set(appraisedSubCriteria(access.framework).map((s) => s.code));
  const d = decide(
    {
      state: access.state,
      appraised,
      requested: access.requested,
      incomplete: counts.incomplete ?? 0,
      unappraised: counts.unappraised ?? 0,
    },
    access.actor,
    action,
  );
  if (!d.ok) throw problemError(d.problem);
  return d.next;
}

/**
 * Whether this person may see a file of the unit's library: whoever sees the whole unit sees all of it; others see
 * a file attached to one of their items, or one they uploaded themselves (DESIGN §2: nothing from the other items).
 */
export function maySeeFile(access: SaAccess, file: { uploadedBy: string | null; attachedTo: readonly string[] }): boolean {
  return access.seesAll || file.uploadedBy === access.userId || file.attachedTo.some((code) => access.visible.has(code));
}

/** A file of the unit's library if this person may see it (see maySeeFile), otherwise undefined: as if it were not there. */
export async function visibleEvidence(db: Db, access: SaAccess, hash: string) {
  const key = { campaignId: access.campaign.bundle.campaign.id, unitId: access.unit.id };
  const row = await getEvidence(db, key, hash);
  if (!row || !maySeeFile(access, { uploadedBy: row.uploaded_by, attachedTo: await codesAttachedTo(db, key, hash) })) return undefined;
  return row;
}

/** Refuses a change to an item this person may not enter now, saying why. */
export function requireEditable(access: SaAccess, code: string): void {
  if (access.locked) throw problemError(problem('sa.submitted'));
  if (!access.framework.fields.some((f) => f.criteria.some((c) => c.subCriteria.some((s) => s.code === code))))
    throw problemError(problem('sa.sub-criterion-not-found', { code }));
  if (access.state === 'explanation-requested' && access.actor.enters.has(code) && !access.requested.has(code))
    requireAction(access, { kind: 'enter', code });
  if (!access.editable.has(code)) throw problemError(problem('sa.item-forbidden', { code }));
}
