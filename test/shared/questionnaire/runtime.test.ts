import { describe, expect, it } from 'vitest';
import { evaluateCondition, progress, validateAnswer, validateAnswers, visibleQuestions, type Question } from '../../../src/shared';
import { allKinds } from '../../fixtures/all-kinds-questionnaire';

const codes = (qs: Question[]) => qs.map((q) => q.code);
const question = (code: string): Question => {
  const q = allKinds.sections.flatMap((s) => s.questions).find((x) => x.code === code);
  if (!q) throw new Error(code);
  return q;
};

describe('skip logic', () => {
  it('shows only the questions whose conditions hold over earlier answers', () => {
    expect(codes(visibleQuestions(allKinds, {}))).toEqual(['S1', 'Y1', 'N1', 'M1']);
    expect(codes(visibleQuestions(allKinds, { S1: 'nu', Y1: 'yes', N1: 5, M1: ['ht'] }))).toEqual(['S1', 'Y1', 'R1', 'N1', 'M1', 'T1']);
    expect(codes(visibleQuestions(allKinds, { S1: 'nu', Y1: 'no', N1: 2, M1: ['xd'] }))).toEqual(['S1', 'Y1', 'N1', 'M1', 'D1', 'L1']);
    expect(codes(visibleQuestions(allKinds, { S1: 'nu', Y1: 'yes', R1: 'E' }))).toContain('L1');
    expect(codes(visibleQuestions(allKinds, { S1: 'nu', Y1: 'yes', R1: 'A' }))).not.toContain('L1');
  });

  it('hides what depended on a hidden question (an answer kept from before does not count)', () => {
    // R1 = E would show L1, but R1 is hidden once Y1 = no; L1 then shows through "not Y1 = yes" only.
    expect(codes(visibleQuestions(allKinds, { S1: 'nu', Y1: 'no', R1: 'E' }))).toContain('L1');
    expect(codes(visibleQuestions(allKinds, { Y1: 'no', R1: 'E' }))).not.toContain('L1'); // S1 unanswered
  });

  it('evaluates each test form', () => {
    expect(evaluateCondition({ question: 'M1', equals: 'dat' }, { M1: ['dat', 'ht'] })).toBe(true);
    expect(evaluateCondition({ question: 'M1', oneOf: ['xd'] }, { M1: ['dat', 'ht'] })).toBe(false);
    expect(evaluateCondition({ question: 'N1', gt: 2, lte: 4 }, { N1: 4 })).toBe(true);
    expect(evaluateCondition({ question: 'N1', gt: 2, lte: 4 }, { N1: 5 })).toBe(false);
    expect(evaluateCondition({ question: 'N1', lt: 10 }, {})).toBe(false);
    expect(evaluateCondition({ question: 'N1', answered: false }, { N1: '  ' })).toBe(true);
    expect(evaluateCondition({ question: 'S1', equals: 1 }, { S1: '1' })).toBe(false);
  });
});

describe('answer validation', () => {
  it.each([
    ['S1', 'nu', null],
    ['S1', 'x', 'not-a-choice'],
    ['S1', 3, 'wrong-type'],
    ['M1', ['dat'], null],
    ['M1', ['dat', 'dat'], 'duplicate-choice'],
    ['M1', ['dat', 'xd', 'ht'], 'too-many-choices'],
    ['M1', ['nope'], 'not-a-choice'],
    ['M1', 'dat', 'wrong-type'],
    ['N1', 50, null],
    ['N1', 51, 'too-large'],
    ['N1', -1, 'too-small'],
    ['N1', 2.5, 'not-integer'],
    ['N1', '3', 'wrong-type'],
    ['T1', 'Cấp sổ đỏ', null],
    ['T1', 'Đăng ký kinh doanh', 'too-long'],
    ['D1', '2021-06-30', null],
    ['D1', '2021-02-30', 'invalid-date'],
    ['D1', '30/06/2021', 'invalid-date'],
    ['D1', '2022-01-01', 'too-large'],
    ['D1', '2020-12-31', 'too-small'],
  ] as [string, string | number | string[], string | null][])('%s = %j → %s', (code, value, expected) => {
    const issue = validateAnswer(question(code), value);
    expect(issue?.code ?? null).toBe(expected);
    if (issue) expect(issue.key.startsWith(issue.code)).toBe(true);
  });

  it('checks a whole response: required visible questions, unknown codes, hidden answers dropped', () => {
    const result = validateAnswers(allKinds, { S1: 'nu', Y1: 'no', R1: 'A', N1: 1, ZZ: 'x' });
    expect(result.issues.map((i) => [i.question, i.code])).toEqual([['ZZ', 'unknown-question']]);
    expect(result.answers).toEqual({ S1: 'nu', Y1: 'no', N1: 1 });

    const missing = validateAnswers(allKinds, { S1: 'nu', Y1: 'yes', N1: 4 });
    expect(missing.issues.map((i) => [i.question, i.code])).toEqual([
      ['R1', 'required'],
      ['T1', 'required'],
    ]);
  });

  it('does not require an optional question or complain about blank text', () => {
    expect(validateAnswers(allKinds, { S1: 'nam', Y1: 'no', N1: 0, L1: '   ' }).issues).toEqual([]);
  });
});

describe('progress', () => {
  it('counts visible and answered questions', () => {
    expect(progress(allKinds, {})).toEqual({ visible: 4, answered: 0, requiredVisible: 3, requiredAnswered: 0, ratio: 0, complete: false });
    const p = progress(allKinds, { S1: 'nu', Y1: 'yes', R1: 'B', N1: 1 });
    expect(p).toMatchObject({ visible: 5, answered: 4, requiredVisible: 4, requiredAnswered: 4, complete: true });
    expect(p.ratio).toBeCloseTo(0.8, 12);
  });
});
