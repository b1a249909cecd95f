import type { AnswerValue, Answers } from '../schema/response';
import type { Question, Questionnaire } from '../schema/questionnaire';

/** Whether a value counts as an answer: blank text and empty selections do not. */
export function isAnswered(value: AnswerValue | null | undefined): value is AnswerValue {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return Number.isFinite(value);
}

const flattened = new WeakMap<Questionnaire, Question[]>();

/** All questions in display order (computed once per questionnaire object: scoring calls this per response). */
export function allQuestions(q: Questionnaire): Question[] {
  let list = flattened.get(q);
  if (!list) {
    list = q.sections.flatMap((s) => s.questions);
    flattened.set(q, list);
  }
  return list;
}

/** Answers with the unanswered entries removed. */
export function answeredOnly(answers: Answers): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([, v]) => isAnswered(v)));
}
