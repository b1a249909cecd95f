import { describe, expect, it } from 'vitest';
import { format } from '../../../src/client/i18n/i18n';
import { en } from '../../../src/client/i18n/en';
import { viScreens } from '../../../src/client/i18n/vi-screens';
import {
  problemText,
  problemTextVi,
  validateAnswer,
  validateAnswers,
  type AnswerIssue,
  type ProblemCode,
  type Question,
  type Questionnaire,
} from '../../../src/shared';

/**
 * Issue 16: the questionnaire screen words an answer's problem in the surveyor's language from the shared check's key
 * and parameters. In Vietnamese it reads exactly as the server's message (one wording); in English, no Vietnamese.
 */
const q = (over: Record<string, unknown>): Question => ({ code: 'Q1', text: 'Câu hỏi', required: true, ...over }) as unknown as Question;
const choice = q({ kind: 'single-choice', choices: [{ code: 'A', label: 'A' }] });
const many = q({
  kind: 'multiple-choice',
  choices: [
    { code: 'A', label: 'A' },
    { code: 'B', label: 'B' },
    { code: 'C', label: 'C' },
  ],
  minSelected: 2,
  maxSelected: 2,
});
const num = q({ kind: 'number', integer: true, min: 1, max: 9 });
const text = q({ kind: 'short-text', maxLength: 3 });
const date = q({ kind: 'date', min: '2021-01-01', max: '2021-12-31' });

const issues: AnswerIssue[] = [
  validateAnswer(choice, ['A']),
  validateAnswer(choice, 'Z'),
  validateAnswer(many, 'A'),
  validateAnswer(many, ['A', 'A']),
  validateAnswer(many, ['A']),
  validateAnswer(many, ['A', 'B', 'C']),
  validateAnswer(many, ['Z']),
  validateAnswer(num, 'x'),
  validateAnswer(num, 1.5),
  validateAnswer(num, 0),
  validateAnswer(num, 10),
  validateAnswer(text, 5),
  validateAnswer(text, 'abcd'),
  validateAnswer(date, '2021-02-30'),
  validateAnswer(date, '2020-12-31'),
  validateAnswer(date, '2022-01-01'),
  ...validateAnswers({ sections: [{ id: 's', title: 'S', questions: [choice] }] } as unknown as Questionnaire, { X9: 'A' }).issues,
].filter((i): i is AnswerIssue => i !== null);

describe('an answer issue on screen', () => {
  it('covers every kind of problem the check reports', () => {
    expect(new Set(issues.map((i) => i.key)).size).toBe(17);
  });

  it.each(issues.map((i) => [i.key, i] as const))('%s: in Vietnamese the server’s words, in English none of them', (key, issue) => {
    const server = problemText(problemTextVi, {
      code: `response.answer.${key}` as ProblemCode,
      ...(issue.params ? { params: issue.params } : {}),
    });
    expect(format(viScreens[`answer.${key}`], issue.params as Record<string, string | number>)).toBe(server);
    const english = format(en[`answer.${key}`], issue.params as Record<string, string | number>);
    expect(english).not.toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
    expect(english).not.toMatch(/\{\w+\}/);
  });
});
