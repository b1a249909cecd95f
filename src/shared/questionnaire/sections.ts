import type { Questionnaire, Section } from '../schema/questionnaire';
import type { Answers } from '../schema/response';
import { resolveVisibility } from './visibility';

/** The sections a surveyor pages through: those with at least one question skip logic shows for these answers. */
export function visibleSections(q: Questionnaire, answers: Answers): Section[] {
  const shown = new Set(resolveVisibility(q, answers).visible.map((question) => question.code));
  return q.sections.filter((s) => s.questions.some((question) => shown.has(question.code)));
}
