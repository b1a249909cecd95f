import { versionKey, type CampaignIndex } from '../campaign/bundle';
import { responseSchema, type SurveyResponse } from '../schema/response';
import type { PayloadIssue } from '../sync/codes';
import { validateAnswers } from './validation';

export type ResponseCheck =
  | { ok: true; response: SurveyResponse }
  | { ok: false; code: 'invalid' | 'questionnaire-version-unknown'; message: string; issues: PayloadIssue[] };

function invalid(message: string, issues: PayloadIssue[]): ResponseCheck {
  return { ok: false, code: 'invalid', message, issues };
}

/**
 * Checks a response payload against its campaign and questionnaire version: the shape, the unit and group,
 * the questionnaire serving that group, and every answer. On success the answers to hidden questions are
 * dropped from the returned response. Assignment and campaign state are the server's to check.
 */
export function checkResponse(payload: unknown, index: CampaignIndex): ResponseCheck {
  const parsed = responseSchema.safeParse(payload);
  if (!parsed.success) {
    return invalid(
      'Phiếu không đúng định dạng',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const r = parsed.data;
  if (r.campaignId !== index.bundle.campaign.id) {
    return invalid('Phiếu thuộc kỳ đánh giá khác', [{ path: 'campaignId', message: `Kỳ đánh giá hiện tại là "${index.bundle.campaign.id}"` }]);
  }
  const unit = index.units.get(r.unitId);
  if (!unit) return invalid('Không có đơn vị này', [{ path: 'unitId', message: `Không có đơn vị "${r.unitId}" trong kỳ đánh giá` }]);
  const group = index.groups.get(r.groupId);
  if (!group) return invalid('Không có đối tượng điều tra này', [{ path: 'groupId', message: `Không có đối tượng "${r.groupId}"` }]);
  if (group.ratesLevel !== unit.level) {
    return invalid('Đối tượng điều tra không đánh giá cấp của đơn vị này', [
      { path: 'groupId', message: `"${group.name}" đánh giá cấp "${group.ratesLevel}", đơn vị thuộc cấp "${unit.level}"` },
    ]);
  }
  const questionnaire = index.questionnaires.get(versionKey(r.questionnaireId, r.questionnaireVersion));
  if (!questionnaire) {
    return {
      ok: false,
      code: 'questionnaire-version-unknown',
      message: `Máy chủ không có phiếu "${r.questionnaireId}" phiên bản ${r.questionnaireVersion}`,
      issues: [{ path: 'questionnaireVersion', message: 'Cập nhật ứng dụng rồi đồng bộ lại' }],
    };
  }
  if (!questionnaire.groups.includes(r.groupId)) {
    return invalid('Phiếu này không dùng cho đối tượng điều tra đã chọn', [
      { path: 'questionnaireId', message: `"${questionnaire.id}" dùng cho: ${questionnaire.groups.join(', ')}` },
    ]);
  }
  const { answers, issues } = validateAnswers(questionnaire, r.answers);
  if (issues.length > 0) {
    return invalid(
      'Có câu trả lời không hợp lệ',
      issues.map((i) => ({ path: `answers.${i.question}`, message: i.message })),
    );
  }
  return { ok: true, response: { ...r, answers } };
}
