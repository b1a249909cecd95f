import type { Condition } from '../schema/condition';
import type { Question, Questionnaire } from '../schema/questionnaire';
import type { Answers } from '../schema/response';
import { allQuestions, isAnswered } from './answers';

/** Evaluates skip logic against the answers given so far. Unanswered questions fail every test but `answered: false`. */
export function evaluateCondition(condition: Condition, answers: Answers): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, answers));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, answers));
  if ('not' in condition) return !evaluateCondition(condition.not, answers);
  const value = answers[condition.question];
  if ('answered' in condition) return isAnswered(value) === condition.answered;
  if (!isAnswered(value)) return false;
  if ('equals' in condition) {
    return Array.isArray(value) ? value.includes(String(condition.equals)) : value === condition.equals;
  }
  if ('oneOf' in condition) {
    const set = condition.oneOf;
    return Array.isArray(value) ? value.some((v) => set.includes(v)) : set.includes(value);
  }
  if (typeof value !== 'number') return false;
  const { gt, gte, lt, lte } = condition;
  return (
    (gt === undefined || value > gt) &&
    (gte === undefined || value >= gte) &&
    (lt === undefined || value < lt) &&
    (lte === undefined || value <= lte)
  );
}

export interface VisibilityResult {
  /** Visible questions in display order. */
  visible: Question[];
  /** The answers to visible questions only: what a hidden question held is dropped. */
  effectiveAnswers: Answers;
}

/**
 * Walks the questionnaire in order. A condition sees only answers to questions that are themselves
 * visible, so hiding a question also hides whatever depended on it.
 */
export function resolveVisibility(q: Questionnaire, answers: Answers): VisibilityResult {
  const visible: Question[] = [];
  const effectiveAnswers: Answers = {};
  for (const question of allQuestions(q)) {
    if (question.visibleIf && !evaluateCondition(question.visibleIf, effectiveAnswers)) continue;
    visible.push(question);
    const value = answers[question.code];
    if (isAnswered(value)) effectiveAnswers[question.code] = value;
  }
  return { visible, effectiveAnswers };
}

export function visibleQuestions(q: Questionnaire, answers: Answers): Question[] {
  return resolveVisibility(q, answers).visible;
}
