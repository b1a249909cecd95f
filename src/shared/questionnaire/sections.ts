import type { Questionnaire, Section } from '../schema/questionnaire';
import type { Answers } from '../schema/response';
import { resolveVisibility } from './visibility';

/** The sections a surveyor pages through: those with at least one question skip logic shows for these answers. */
export function visibleSections(q: Questionnaire, answers: Answers): Section[] {
  const shown = new Set(resolveVisibility(q, answers).visible.map((question) => question.code));
  return q.sections.filter((s) => s.questions.some((question) => shown.has(question.code)));
}

/**
 * The page a form reopens on, from the place it was left: a section (if skip logic still shows it), the review page
 * (`place === review`: one past the last section), or the first section.
 */
export function pageOfPlace(q: Questionnaire, answers: Answers, place: string | null, review: string): number {
  const sections = visibleSections(q, answers);
  if (place === review) return sections.length;
  return Math.max(
    0,
    sections.findIndex((s) => s.id === place),
  );
}
