import { describe, expect, it } from 'vitest';
import { questionnaireSchema, type QuestionnaireInput } from '../../../src/shared';
import { allKindsInput } from '../../fixtures/all-kinds-questionnaire';

/** Parses a modified copy of the all-kinds questionnaire and returns its issues as "path: message". */
function issuesAfter(change: (q: QuestionnaireInput) => void): string[] {
  const copy = structuredClone(allKindsInput);
  change(copy);
  const result = questionnaireSchema.safeParse(copy);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const q = (input: QuestionnaireInput, s: number, i: number) => input.sections[s]!.questions[i]! as Record<string, unknown>;

describe('questionnaire schema', () => {
  it('accepts the all-kinds questionnaire', () => {
    expect(issuesAfter(() => {})).toEqual([]);
  });

  it('refuses skip logic over a later or unknown question', () => {
    expect(issuesAfter((x) => (q(x, 0, 1).visibleIf = { question: 'N1', gt: 1 }))).toEqual([
      expect.stringMatching(/^sections\.0\.questions\.1\.visibleIf: .*"N1" không đứng trước/),
    ]);
    expect(issuesAfter((x) => (q(x, 0, 1).visibleIf = { question: 'ZZ', answered: true }))).toEqual([
      expect.stringContaining('"ZZ" không đứng trước'),
    ]);
  });

  it('refuses a condition on a choice the question does not have', () => {
    expect(issuesAfter((x) => (q(x, 0, 2).visibleIf = { question: 'Y1', equals: 'maybe' }))).toEqual([
      expect.stringContaining('không có lựa chọn mã "maybe"'),
    ]);
  });

  it('refuses a number comparison on a choice question', () => {
    expect(issuesAfter((x) => (q(x, 1, 0).visibleIf = { question: 'S1', gt: 1 }))).toEqual([
      expect.stringContaining('chỉ dùng được với câu hỏi dạng số'),
    ]);
  });

  it('requires a coefficient or "excluded" on every choice of a scored question', () => {
    const issues = issuesAfter((x) => {
      const choices = q(x, 0, 2).choices as { coefficient?: number }[];
      delete choices[1]!.coefficient;
    });
    expect(issues).toEqual([expect.stringMatching(/^sections\.0\.questions\.2\.choices\.1: .*coefficient/)]);
  });

  it('refuses a coefficient on an unscored question, and "yes-no" without yes and no', () => {
    expect(issuesAfter((x) => ((q(x, 0, 0).choices as { coefficient?: number }[])[0]!.coefficient = 1))).toEqual([
      expect.stringContaining('Hệ số không có tác dụng'),
    ]);
    // Y1 loses "yes"; R1's and L1's conditions now name a choice Y1 does not have.
    expect(issuesAfter((x) => ((q(x, 0, 1).choices as { code: string }[])[0]!.code = 'co'))).toEqual([
      expect.stringMatching(/^sections\.0\.questions\.1\.choices: .*"yes" và "no"/),
      expect.stringMatching(/^sections\.0\.questions\.2\.visibleIf: .*"yes"/),
      expect.stringMatching(/^sections\.1\.questions\.2\.visibleIf: .*"yes"/),
    ]);
  });

  it('refuses duplicate codes and unknown fields', () => {
    expect(issuesAfter((x) => (q(x, 1, 0).code = 'S1'))).toEqual([expect.stringContaining('"S1" bị trùng')]);
    expect(issuesAfter((x) => (q(x, 0, 0).colour = 'red'))).toHaveLength(1);
  });

  it('refuses JavaScript in place of a condition', () => {
    expect(issuesAfter((x) => (q(x, 0, 2).visibleIf = 'answers.Y1 === "yes"' as never)).length).toBeGreaterThan(0);
  });
});
