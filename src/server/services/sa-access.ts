import { appraisedSubCriteria, coveredSubCriteria, type CampaignIndex, type Framework, type Unit } from '../../shared';
import type { Db } from '../db/database';
import { assignedCodes, getSelfAssessment } from '../db/self-assessment';
import { forbidden, HttpError, notFound } from '../http/errors';
import type { SessionUser } from './auth';

/** What one person may do with one unit's self-assessment now (DESIGN §2 and §6). */
export interface SaAccess {
  campaign: CampaignIndex;
  unit: Unit;
  framework: Framework;
  /** Who is asking. */
  userId: string;
  /** The whole unit is in view (coordinator, Home Affairs, council); staff see their assignment only. */
  seesAll: boolean;
  /** Sub-criteria shown to this person. */
  visible: Set<string>;
  /** Sub-criteria this person may change now (none once submitted). */
  editable: Set<string>;
  /** The coordinator, until submitted. */
  canAssign: boolean;
  canSubmit: boolean;
  submitted: boolean;
}

/**
 * Who may see a unit's self-assessment: its coordinator (everything; edits, assigns and submits until submitted),
 * its staff (only what is assigned to them, which they edit until submitted), Home Affairs and the council (read).
 * Anyone else gets 403, an unknown campaign or unit 404.
 */
export async function saAccess(db: Db, user: SessionUser, campaign: CampaignIndex | undefined, unitId: string): Promise<SaAccess> {
  if (!campaign) throw notFound('kỳ đánh giá này');
  const unit = campaign.units.get(unitId);
  if (!unit) throw notFound(`đơn vị "${unitId}"`);
  const framework = campaign.frameworkByLevel.get(unit.level);
  if (!framework) throw new HttpError(404, 'not-found', `Đơn vị "${unit.name}" không thuộc cấp được đánh giá bằng bộ chỉ số.`);
  const own = user.unitId === unitId && (user.campaignId === null || user.campaignId === campaign.bundle.campaign.id);
  const all = new Set(appraisedSubCriteria(framework).map((s) => s.code));
  const row = await getSelfAssessment(db, campaign.bundle.campaign.id, unitId);
  const submitted = row?.state === 'submitted';
  const base = { campaign, unit, framework, submitted, userId: user.id };
  switch (user.role) {
    case 'admin':
    case 'council':
      return { ...base, seesAll: true, visible: allCodes(framework), editable: new Set(), canAssign: false, canSubmit: false };
    case 'coordinator':
      if (!own) throw forbidden('bản tự đánh giá của đơn vị khác');
      return { ...base, seesAll: true, visible: allCodes(framework), editable: submitted ? new Set() : all, canAssign: !submitted, canSubmit: !submitted };
    case 'staff': {
      if (!own) throw forbidden('bản tự đánh giá của đơn vị khác');
      const mine = coveredSubCriteria(framework, await assignedCodes(db, campaign.bundle.campaign.id, unitId, user.id));
      return { ...base, seesAll: false, visible: mine, editable: submitted ? new Set() : mine, canAssign: false, canSubmit: false };
    }
    default:
      throw forbidden('bản tự đánh giá');
  }
}

/** Every sub-criterion code, survey-scored ones included (shown as "chấm qua điều tra XHH"). */
function allCodes(framework: Framework): Set<string> {
  return new Set(framework.fields.flatMap((f) => f.criteria.flatMap((c) => c.subCriteria.map((s) => s.code))));
}

/**
 * Whether this person may see a file of the unit's library: whoever sees the whole unit sees all of it; staff see
 * a file attached to one of their items, or one they uploaded themselves (DESIGN §2: nothing from the other items).
 */
export function maySeeFile(access: SaAccess, file: { uploadedBy: string | null; attachedTo: readonly string[] }): boolean {
  return access.seesAll || file.uploadedBy === access.userId || file.attachedTo.some((code) => access.visible.has(code));
}

/** Refuses a change to an item this person may not edit, saying why. */
export function requireEditable(access: SaAccess, code: string): void {
  if (access.submitted) throw new HttpError(409, 'submitted', 'Bản tự đánh giá đã gửi Hội đồng thẩm định nên không sửa được nữa.');
  if (!access.framework.fields.some((f) => f.criteria.some((c) => c.subCriteria.some((s) => s.code === code)))) throw notFound(`tiêu chí thành phần "${code}"`);
  if (!access.editable.has(code)) throw forbidden(`tiêu chí thành phần ${code} (chưa được phân công cho bạn, hoặc được chấm qua điều tra XHH)`);
}
