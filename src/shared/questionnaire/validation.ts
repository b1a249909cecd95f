import type { Question, Questionnaire } from '../schema/questionnaire';
import type { AnswerValue, Answers } from '../schema/response';
import { allQuestions, isAnswered } from './answers';
import { resolveVisibility } from './visibility';

export type AnswerIssueCode =
  | 'required'
  | 'wrong-type'
  | 'not-a-choice'
  | 'duplicate-choice'
  | 'too-few-choices'
  | 'too-many-choices'
  | 'not-integer'
  | 'too-small'
  | 'too-large'
  | 'too-long'
  | 'invalid-date'
  | 'unknown-question';

/**
 * A problem with one answer, as data: a screen words it in its own language from `key` and `params` (the surveyor's
 * catalogue has an `answer.<key>` text for each; the server's, a `response.answer.<key>` problem).
 */
export interface AnswerIssue {
  question: string;
  code: AnswerIssueCode;
  /** The code, with what was expected when the same code reads differently (`wrong-type.number`, `too-small.date`). */
  key: AnswerIssueKey;
  params?: Readonly<Record<string, string | number>>;
}

export type AnswerIssueKey =
  | Exclude<AnswerIssueCode, 'wrong-type' | 'too-small' | 'too-large'>
  | 'wrong-type.choice'
  | 'wrong-type.choices'
  | 'wrong-type.number'
  | 'wrong-type.text'
  | 'too-small.number'
  | 'too-small.date'
  | 'too-large.number'
  | 'too-large.date';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function issue(
  question: Question,
  code: AnswerIssueCode,
  key: AnswerIssueKey = code as AnswerIssueKey,
  params?: AnswerIssue['params'],
): AnswerIssue {
  return { question: question.code, code, key, ...(params ? { params } : {}) };
}

/** Checks one given answer against its question; required-ness is judged by validateAnswers. */
export function validateAnswer(question: Question, value: AnswerValue): AnswerIssue | null {
  switch (question.kind) {
    case 'single-choice':
    case 'rating':
    case 'yes-no':
      if (typeof value !== 'string') return issue(question, 'wrong-type', 'wrong-type.choice');
      return question.choices.some((c) => c.code === value) ? null : issue(question, 'not-a-choice', 'not-a-choice', { value });
    case 'multiple-choice': {
      if (!Array.isArray(value)) return issue(question, 'wrong-type', 'wrong-type.choices');
      const unknown = value.find((v) => !question.choices.some((c) => c.code === v));
      if (unknown !== undefined) return issue(question, 'not-a-choice', 'not-a-choice', { value: unknown });
      if (new Set(value).size !== value.length) return issue(question, 'duplicate-choice');
      if (question.minSelected !== undefined && value.length < question.minSelected) {
        return issue(question, 'too-few-choices', 'too-few-choices', { min: question.minSelected });
      }
      if (question.maxSelected !== undefined && value.length > question.maxSelected) {
        return issue(question, 'too-many-choices', 'too-many-choices', { max: question.maxSelected });
      }
      return null;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return issue(question, 'wrong-type', 'wrong-type.number');
      if (question.integer && !Number.isInteger(value)) return issue(question, 'not-integer');
      if (question.min !== undefined && value < question.min)
        return issue(question, 'too-small', 'too-small.number', { min: question.min });
      if (question.max !== undefined && value > question.max)
        return issue(question, 'too-large', 'too-large.number', { max: question.max });
      return null;
    case 'short-text':
    case 'long-text':
      if (typeof value !== 'string') return issue(question, 'wrong-type', 'wrong-type.text');
      return value.length > question.maxLength
        ? issue(question, 'too-long', 'too-long', { max: question.maxLength, length: value.length })
        : null;
    case 'date':
      if (typeof value !== 'string' || !isRealDate(value)) return issue(question, 'invalid-date');
      if (question.min !== undefined && value < question.min) return issue(question, 'too-small', 'too-small.date', { min: question.min });
      if (question.max !== undefined && value > question.max) return issue(question, 'too-large', 'too-large.date', { max: question.max });
      return null;
  }
}

export interface AnswersCheck {
  /** Answers to visible questions only, blanks removed: what should be stored. */
  answers: Answers;
  issues: AnswerIssue[];
}

/**
 * Validates a whole set of answers: unknown codes, each visible answer, and required visible questions.
 * Answers to hidden questions are dropped, not reported: skip logic changed, the answer no longer applies.
 */
export function validateAnswers(q: Questionnaire, answers: Answers): AnswersCheck {
  const known = new Set(allQuestions(q).map((x) => x.code));
  const issues: AnswerIssue[] = [];
  for (const code of Object.keys(answers)) {
    if (!known.has(code)) issues.push({ question: code, code: 'unknown-question', key: 'unknown-question', params: { code } });
  }
  const { visible, effectiveAnswers } = resolveVisibility(q, answers);
  for (const question of visible) {
    const value = effectiveAnswers[question.code];
    if (!isAnswered(value)) {
      if (question.required) issues.push(issue(question, 'required'));
      continue;
    }
    const problem = validateAnswer(question, value);
    if (problem) issues.push(problem);
  }
  return { answers: effectiveAnswers, issues };
}
