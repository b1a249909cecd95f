import { describe, expect, it } from 'vitest';
import { scoreSurvey, type UnitSurveyScore } from '../../../src/shared';
import { answersOf, times, tinyIndex } from '../../fixtures/tiny-campaign';

const sub = (u: UnitSurveyScore | undefined, code = '1.2.1') => u?.subCriteria.find((s) => s.code === code);

describe('survey scoring — worked example of par-index-domain.md §2.2', () => {
  // TCTP "3.6" (here 1.2.1, M = 5): group C mean 0.82, group B mean 0.70, quotas C 30, B 40
  // → r = (30·0.82 + 40·0.70) / 70 = 0.751428… → 3.757… → 3.76 points.
  const index = tinyIndex();
  const c = answersOf('u1', 'c', [...times(16, 'A'), ...times(6, 'B'), ...times(3, 'D'), ...times(5, 'E')]); // 20.5 / 25
  const b = answersOf('u1', 'b', [...times(8, 'A'), ...times(8, 'B'), ...times(4, 'D')]); // 14 / 20
  const result = scoreSurvey(index, [...c, ...b]);
  const u1 = result.units.find((u) => u.unitId === 'u1');

  it('gives 3.76 points', () => {
    expect(sub(u1)?.points).toBe(3.76);
    expect(sub(u1)?.ratio).toBeCloseTo(52.6 / 70, 12);
    expect(sub(u1)?.rule).toBe('computed');
    expect(u1?.points).toBe(3.76);
    expect(u1?.maxPoints).toBe(5);
  });

  it('keeps the numbers behind the figure', () => {
    const groupC = sub(u1)?.groups.find((g) => g.groupId === 'c');
    const groupB = sub(u1)?.groups.find((g) => g.groupId === 'b');
    expect(groupC?.weight).toBe(30);
    expect(groupB?.weight).toBe(40);
    expect(groupC?.ratio).toBeCloseTo(0.82, 12);
    expect(groupB?.ratio).toBeCloseTo(0.7, 12);
    const q1c = groupC?.questions.find((q) => q.questionCode === 'Q1');
    expect(q1c).toMatchObject({ valid: 25, excluded: 5, missing: 0, sum: 20.5, used: true, choiceCounts: { A: 16, B: 6, D: 3, E: 5 } });
    // Q2 is optional and nobody answered it: it is reported, unused.
    expect(groupC?.questions.find((q) => q.questionCode === 'Q2')).toMatchObject({ valid: 0, missing: 30, used: false, mean: null });
    expect(u1?.responses).toEqual({ c: 30, b: 20 });
    expect(u1?.responseIds.c).toHaveLength(30);
  });

  it('excludes "không biết" from numerator and denominator', () => {
    const more = answersOf('u1', 'c', times(40, 'E'));
    const again = scoreSurvey(index, [...c, ...b, ...more]);
    expect(sub(again.units.find((u) => u.unitId === 'u1'))?.points).toBe(3.76);
  });
});

describe('survey scoring — question weights, minimum answers and rounding', () => {
  const index = tinyIndex();
  // u2, group c: Q1 = A A B C C D → 3.75 / 6 = 0.625; Q2 (weight 2) = A A A A B → 4.75 / 5 = 0.95.
  // Group c ratio = (1·0.625 + 2·0.95) / 3 = 0.841666…; group b has 3 answers < 5 → left out.
  // Points = 5 × 0.841666… = 4.2083 → 4.21.
  const responses = [
    ...answersOf('u2', 'c', ['A', 'A', 'B', 'C', 'C', 'D'], ['A', 'A', 'A', 'A', 'B']),
    ...answersOf('u2', 'b', ['A', 'A', 'A']),
  ];
  const u2 = scoreSurvey(index, responses).units.find((u) => u.unitId === 'u2');

  it('weights questions inside a group and leaves out a group below the minimum', () => {
    const s = sub(u2);
    expect(s?.groups.find((g) => g.groupId === 'b')).toMatchObject({ omitted: 'below-minimum', ratio: null });
    expect(s?.groups.find((g) => g.groupId === 'c')?.ratio).toBeCloseTo(2.525 / 3, 12);
    expect(s?.points).toBe(4.21);
  });

  it('rounds half up on the decimal value', () => {
    // Only Q1 for group c: 0.625 × 5 = 3.125 → 3.13.
    const only = scoreSurvey(index, answersOf('u2', 'c', ['A', 'A', 'B', 'C', 'C', 'D']));
    expect(sub(only.units.find((u) => u.unitId === 'u2'))?.points).toBe(3.13);
  });

  it('counts a group once it reaches the minimum', () => {
    const withB = scoreSurvey(index, [...responses, ...answersOf('u2', 'b', ['D', 'D'])]);
    // b: A A A D D → 0.6; c: 0.841666…; weights 40 / 30 → (40·0.6 + 30·0.841666…) / 70 = 0.703571…
    const s = sub(withB.units.find((u) => u.unitId === 'u2'));
    expect(s?.ratio).toBeCloseTo((40 * 0.6 + 30 * (2.525 / 3)) / 70, 12);
    expect(s?.points).toBe(3.52);
  });

  it('uses fixed group weights when the campaign sets them', () => {
    const fixed = tinyIndex({ groupWeights: { b: 1, c: 3 } });
    const withB = scoreSurvey(fixed, [...responses, ...answersOf('u2', 'b', ['D', 'D'])]);
    expect(sub(withB.units.find((u) => u.unitId === 'u2'))?.ratio).toBeCloseTo((1 * 0.6 + 3 * (2.525 / 3)) / 4, 12);
  });

  it('skips responses it cannot place instead of guessing', () => {
    const stray = { id: 'x', unitId: 'nowhere', groupId: 'c', questionnaireId: 'qc', questionnaireVersion: 1, answers: { Q1: 'A' } };
    const unknownVersion = { ...stray, id: 'y', unitId: 'u1', questionnaireVersion: 9 };
    expect(scoreSurvey(index, [stray, unknownVersion]).skippedResponses).toEqual(['x', 'y']);
  });
});

describe('survey scoring — sub-criteria without valid data', () => {
  const base = [
    ...answersOf('u1', 'c', [...times(16, 'A'), ...times(6, 'B'), ...times(3, 'D')]),
    ...answersOf('u1', 'b', [...times(8, 'A'), ...times(8, 'B'), ...times(4, 'D')]),
    ...answersOf('u2', 'c', ['A', 'A', 'B', 'C', 'C', 'D'], ['A', 'A', 'A', 'A', 'B']),
    ...answersOf('u3', 'c', times(10, 'E')), // only "không biết"
  ];
  const u3 = (policy: 'rescale' | 'zero' | 'level-average') =>
    scoreSurvey(tinyIndex({ noValidDataPolicy: policy }), base).units.find((u) => u.unitId === 'u3');

  it('rescale: leaves the sub-criterion out of the unit maximum', () => {
    expect(sub(u3('rescale'))).toMatchObject({ rule: 'rescaled', points: null, ratio: null });
    expect(u3('rescale')).toMatchObject({ points: 0, maxPoints: 0 });
  });

  it('zero: gives no points but keeps the maximum', () => {
    expect(sub(u3('zero'))).toMatchObject({ rule: 'zero', points: 0, ratio: 0 });
    expect(u3('zero')).toMatchObject({ points: 0, maxPoints: 5 });
  });

  it('level-average: gives the mean ratio of the units of the level that have data', () => {
    // u1 0.751428…, u2 0.841666… → 0.796547… × 5 = 3.98
    expect(sub(u3('level-average'))).toMatchObject({ rule: 'level-average', points: 3.98 });
    expect(sub(u3('level-average'))?.ratio).toBeCloseTo((52.6 / 70 + 2.525 / 3) / 2, 12);
  });
});
