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

/** A problem with one answer. `message` is Vietnamese, ready to show beside the question. */
export interface AnswerIssue {
  question: string;
  code: AnswerIssueCode;
  message: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function issue(question: Question, code: AnswerIssueCode, message: string): AnswerIssue {
  return { question: question.code, code, message };
}

/** Checks one given answer against its question; required-ness is judged by validateAnswers. */
export function validateAnswer(question: Question, value: AnswerValue): AnswerIssue | null {
  switch (question.kind) {
    case 'single-choice':
    case 'rating':
    case 'yes-no':
      if (typeof value !== 'string') return issue(question, 'wrong-type', 'Chọn một phương án');
      return question.choices.some((c) => c.code === value)
        ? null
        : issue(question, 'not-a-choice', `"${value}" không phải là một phương án của câu này`);
    case 'multiple-choice': {
      if (!Array.isArray(value)) return issue(question, 'wrong-type', 'Chọn một hoặc nhiều phương án');
      const unknown = value.find((v) => !question.choices.some((c) => c.code === v));
      if (unknown !== undefined) return issue(question, 'not-a-choice', `"${unknown}" không phải là một phương án của câu này`);
      if (new Set(value).size !== value.length) return issue(question, 'duplicate-choice', 'Một phương án được chọn hai lần');
      if (question.minSelected !== undefined && value.length < question.minSelected) {
        return issue(question, 'too-few-choices', `Chọn ít nhất ${question.minSelected} phương án`);
      }
      if (question.maxSelected !== undefined && value.length > question.maxSelected) {
        return issue(question, 'too-many-choices', `Chọn nhiều nhất ${question.maxSelected} phương án`);
      }
      return null;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return issue(question, 'wrong-type', 'Nhập một số');
      if (question.integer && !Number.isInteger(value)) return issue(question, 'not-integer', 'Nhập một số nguyên');
      if (question.min !== undefined && value < question.min) return issue(question, 'too-small', `Giá trị nhỏ nhất là ${question.min}`);
      if (question.max !== undefined && value > question.max) return issue(question, 'too-large', `Giá trị lớn nhất là ${question.max}`);
      return null;
    case 'short-text':
    case 'long-text':
      if (typeof value !== 'string') return issue(question, 'wrong-type', 'Nhập nội dung dạng chữ');
      return value.length > question.maxLength
        ? issue(question, 'too-long', `Tối đa ${question.maxLength} ký tự (hiện có ${value.length})`)
        : null;
    case 'date':
      if (typeof value !== 'string' || !isRealDate(value)) return issue(question, 'invalid-date', 'Ngày không hợp lệ (dạng YYYY-MM-DD)');
      if (question.min !== undefined && value < question.min) return issue(question, 'too-small', `Ngày sớm nhất là ${question.min}`);
      if (question.max !== undefined && value > question.max) return issue(question, 'too-large', `Ngày muộn nhất là ${question.max}`);
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
    if (!known.has(code)) issues.push({ question: code, code: 'unknown-question', message: `Phiếu không có câu hỏi mã "${code}"` });
  }
  const { visible, effectiveAnswers } = resolveVisibility(q, answers);
  for (const question of visible) {
    const value = effectiveAnswers[question.code];
    if (!isAnswered(value)) {
      if (question.required) issues.push(issue(question, 'required', 'Câu hỏi bắt buộc: cần trả lời'));
      continue;
    }
    const problem = validateAnswer(question, value);
    if (problem) issues.push(problem);
  }
  return { answers: effectiveAnswers, issues };
}
