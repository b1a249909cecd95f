import { isChoiceQuestion, type CampaignIndex } from '../../../shared';
import type { Cell } from './rows';
import type { QuestionnairePlan } from './plan';

export const CODEBOOK_HEADER = [
  'questionnaire_id',
  'questionnaire_version',
  'section',
  'question_code',
  'column',
  'question_text',
  'kind',
  'required',
  'choices',
  'coefficients',
  'sub_criterion',
  'sub_criterion_title',
  'question_weight',
] as const;

/**
 * The codebook: one row per question of every version of the questionnaires in the download, with its choices as
 * "code=label", their coefficients ("E=excluded" for "Không biết"), and the survey sub-criterion it feeds.
 */
export function codebookRows(index: CampaignIndex, plans: readonly QuestionnairePlan[]): Cell[][] {
  const rows: Cell[][] = [];
  for (const plan of plans) {
    const headers = new Map(plan.columns.map((c) => [c.code, c.header]));
    for (const q of plan.versions) {
      const level = index.groups.get(q.groups[0] ?? '')?.ratesLevel;
      const subCriteria = level ? index.subCriteria.get(level) : undefined;
      for (const section of q.sections) {
        for (const question of section.questions) {
          const choice = isChoiceQuestion(question) ? question : undefined;
          const scoring = choice && 'scoring' in choice ? choice.scoring : undefined;
          rows.push([
            q.id,
            q.version,
            section.title,
            question.code,
            headers.get(question.code) ?? question.code,
            question.text,
            question.kind,
            question.required ? 1 : 0,
            choice ? choice.choices.map((c) => `${c.code}=${c.label}`).join('; ') : null,
            scoring && choice
              ? choice.choices.map((c) => `${c.code}=${c.excluded ? 'excluded' : String(c.coefficient ?? '')}`).join('; ')
              : null,
            scoring?.subCriterion ?? null,
            scoring ? (subCriteria?.get(scoring.subCriterion)?.title ?? null) : null,
            scoring?.weight ?? null,
          ]);
        }
      }
    }
  }
  return rows;
}
