import { describe, expect, it } from 'vitest';
import { interviewSeconds, isShortInterview, uniformAnswers } from '../../src/shared';
import { allKinds } from '../fixtures/all-kinds-questionnaire';
import { loadBundle, referenceCampaignDir } from '../fixtures/campaigns';

describe('review flags', () => {
  it('measures an interview in whole seconds, and refuses a clock that ran backwards', () => {
    expect(interviewSeconds('2021-12-10T08:00:00+07:00', '2021-12-10T08:04:59.600+07:00')).toBe(300);
    expect(interviewSeconds('2021-12-10T08:00:00+07:00', '2021-12-10T07:59:00+07:00')).toBeNull();
    expect(interviewSeconds('garbage', '2021-12-10T07:59:00+07:00')).toBeNull();
  });

  it('flags short interviews only, and not when the threshold is 0', () => {
    expect(isShortInterview('interview', 299, 5)).toBe(true);
    expect(isShortInterview('interview', 300, 5)).toBe(false);
    expect(isShortInterview('paper', 10, 5)).toBe(false);
    expect(isShortInterview('interview', 10, 0)).toBe(false);
    expect(isShortInterview('interview', null, 5)).toBe(false);
  });

  it('calls answers uniform when at least five rating answers sit at the same scale position', async () => {
    const q = (await loadBundle(referenceCampaignDir)).questionnaires[0]!;
    const rated = q.sections.flatMap((s) => s.questions).filter((x) => x.kind === 'rating');
    const at = (pos: (i: number) => number) =>
      Object.fromEntries(rated.map((x, i) => [x.code, 'choices' in x ? x.choices[pos(i) % x.choices.length]!.code : '']));
    expect(rated.length).toBeGreaterThanOrEqual(5);
    expect(
      uniformAnswers(
        q,
        at(() => 0),
      ),
    ).toBe(true);
    expect(
      uniformAnswers(
        q,
        at((i) => (i === 2 ? 1 : 0)),
      ),
    ).toBe(false);
    // The all-kinds questionnaire has too few rated questions to call a pattern.
    const few = allKinds.sections.flatMap((s) => s.questions).filter((x) => x.kind === 'rating');
    expect(few.length).toBeLessThan(5);
    expect(uniformAnswers(allKinds, Object.fromEntries(few.map((x) => [x.code, 'choices' in x ? x.choices[0]!.code : ''])))).toBe(false);
  });
});
