import { versionKey, type CampaignIndex } from '../campaign/bundle';
import { problem, type Problem } from '../problems/problem';
import { responseSchema, type SurveyResponse } from '../schema/response';
import { validateAnswers } from './validation';

/**
 * What a refused item says about one of its fields: a problem of its own, or a shared schema's message (Vietnamese,
 * worded again through fieldTextIn). Plain data, so it crosses from a validation worker as it is.
 */
export type ItemIssue = { path: string; problem: Problem } | { path: string; schemaMessage: string };

export type ResponseCheck =
  | { ok: true; response: SurveyResponse }
  | {
      ok: false;
      code: 'invalid' | 'questionnaire-version-unknown';
      problem: Problem;
      issues: ItemIssue[];
    };

function refused(code: 'invalid' | 'questionnaire-version-unknown', p: Problem, issues: ItemIssue[]): ResponseCheck {
  return { ok: false, code, problem: p, issues };
}

const invalid = (p: Problem, issues: ItemIssue[]): ResponseCheck => refused('invalid', p, issues);

/**
 * Checks a response payload against its campaign and questionnaire version: the shape, the unit and group,
 * the questionnaire serving that group, and every answer. On success the answers to hidden questions are
 * dropped from the returned response. Assignment and campaign state are the server's to check.
 */
export function checkResponse(payload: unknown, index: CampaignIndex): ResponseCheck {
  const parsed = responseSchema.safeParse(payload);
  if (!parsed.success) {
    return invalid(
      problem('response.malformed'),
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), schemaMessage: i.message })),
    );
  }
  const r = parsed.data;
  if (r.campaignId !== index.bundle.campaign.id) {
    return invalid(problem('response.other-campaign'), [
      { path: 'campaignId', problem: problem('response.current-campaign', { campaign: index.bundle.campaign.id }) },
    ]);
  }
  const unit = index.units.get(r.unitId);
  if (!unit)
    return invalid(problem('response.unknown-unit'), [
      { path: 'unitId', problem: problem('response.unit-not-in-campaign', { unit: r.unitId }) },
    ]);
  const group = index.groups.get(r.groupId);
  if (!group)
    return invalid(problem('response.unknown-group'), [
      { path: 'groupId', problem: problem('response.group-not-in-campaign', { group: r.groupId }) },
    ]);
  if (group.ratesLevel !== unit.level) {
    return invalid(problem('response.group-level-mismatch'), [
      {
        path: 'groupId',
        problem: problem('response.group-rates-level', { group: group.name, groupLevel: group.ratesLevel, unitLevel: unit.level }),
      },
    ]);
  }
  const questionnaire = index.questionnaires.get(versionKey(r.questionnaireId, r.questionnaireVersion));
  if (!questionnaire) {
    return refused(
      'questionnaire-version-unknown',
      problem('response.questionnaire-version-unknown', { questionnaire: r.questionnaireId, version: r.questionnaireVersion }),
      [{ path: 'questionnaireVersion', problem: problem('response.update-app') }],
    );
  }
  if (!questionnaire.groups.includes(r.groupId)) {
    return invalid(problem('response.questionnaire-not-for-group'), [
      {
        path: 'questionnaireId',
        problem: problem('response.questionnaire-groups', { questionnaire: questionnaire.id, groups: questionnaire.groups.join(', ') }),
      },
    ]);
  }
  const { answers, issues } = validateAnswers(questionnaire, r.answers);
  if (issues.length > 0) {
    return invalid(
      problem('response.invalid-answers'),
      // Each answer issue's key names its problem (one response.answer.* text per AnswerIssueKey).
      issues.map((i) => ({
        path: `answers.${i.question}`,
        problem: { code: `response.answer.${i.key}` as const, ...(i.params ? { params: i.params } : {}) },
      })),
    );
  }
  return { ok: true, response: { ...r, answers } };
}
