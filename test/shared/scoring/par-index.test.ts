import { describe, expect, it } from 'vitest';
import { computeIndex, IndexInputError, scoreSurvey } from '../../../src/shared';
import { answersOf, times, tinyIndex } from '../../fixtures/tiny-campaign';

// Survey data: u1 → 3.76 (worked example), u2 → 4.21, u3 → only "không biết".
const responses = [
  ...answersOf('u1', 'c', [...times(16, 'A'), ...times(6, 'B'), ...times(3, 'D')]),
  ...answersOf('u1', 'b', [...times(8, 'A'), ...times(8, 'B'), ...times(4, 'D')]),
  ...answersOf('u2', 'c', ['A', 'A', 'B', 'C', 'C', 'D'], ['A', 'A', 'A', 'A', 'B']),
  ...answersOf('u3', 'c', times(10, 'E')),
];
const appraised = [
  { unitId: 'u1', points: { '1.1.1': 2.5, '1.1.2': 2 } },
  { unitId: 'u2', points: { '1.1.1': 3, '1.1.2': 0.5 } },
  { unitId: 'u3', points: { '1.1.1': 3, '1.1.2': 1.5 } },
];

describe('index computation', () => {
  it('adds appraised and survey points, rescales a sub-criterion without data (under that rule), ranks and bands', () => {
    const index = tinyIndex({ noValidDataPolicy: 'rescale' });
    const result = computeIndex(index, appraised, scoreSurvey(index, responses));
    expect(result.map((r) => [r.unitId, r.totalPoints, r.maxPoints, r.percent, r.rank, r.band.name])).toEqual([
      ['u3', 4.5, 5, 90, 1, 'Tốt'], // 4.5 appraised; survey rescaled away → 4.5 / 5
      ['u1', 8.26, 10, 82.6, 2, 'Khá'], // 4.5 + 3.76
      ['u2', 7.71, 10, 77.1, 3, 'Trung bình'], // 3.5 + 4.21
    ]);
    const u1 = result.find((r) => r.unitId === 'u1');
    expect(u1).toMatchObject({ appraisedPoints: 4.5, appraisedMax: 5, surveyPoints: 3.76, surveyMax: 5, missingAppraised: [] });
    expect(u1?.fields).toEqual([{ code: '1', title: 'Lĩnh vực 1', points: 8.26, maxPoints: 10, percent: 82.6 }]);
  });

  it('by default gives a unit without survey data the lowest ratio of its level: never more than having data', () => {
    // u3 has only "không biết": under "rescale" it came first with 90 % (above). Level minimum: the lower of u1's
    // ratio (40×0.7 + 30×0.82) / 70 = 0.751428… and u2's 2.525 / 3 = 0.841666… → 5 × 0.751428… = 3.757… → 3.76,
    // exactly u1's survey points: 4.5 + 3.76 = 8.26 → 82.6 %, level with u1 (same appraised points: they share rank 1).
    const index = tinyIndex();
    expect(index.bundle.scoring.noValidDataPolicy).toBe('level-minimum');
    const result = computeIndex(index, appraised, scoreSurvey(index, responses));
    expect(result.map((r) => [r.unitId, r.totalPoints, r.maxPoints, r.percent, r.rank, r.band.name])).toEqual([
      ['u1', 8.26, 10, 82.6, 1, 'Khá'],
      ['u3', 8.26, 10, 82.6, 1, 'Khá'],
      ['u2', 7.71, 10, 77.1, 3, 'Trung bình'],
    ]);
  });

  it('follows the campaign policy for missing survey data', () => {
    const index = tinyIndex({ noValidDataPolicy: 'zero' });
    const u3 = computeIndex(index, appraised, scoreSurvey(index, responses)).find((r) => r.unitId === 'u3');
    expect(u3).toMatchObject({ totalPoints: 4.5, maxPoints: 10, percent: 45, rank: 3, band: { id: 'yeu', name: 'Yếu' } });
  });

  it('counts an appraised sub-criterion without a score as 0 and lists it', () => {
    const index = tinyIndex();
    const u1 = computeIndex(index, [{ unitId: 'u1', points: { '1.1.1': 2.5 } }], scoreSurvey(index, responses)).find(
      (r) => r.unitId === 'u1',
    );
    expect(u1).toMatchObject({ appraisedPoints: 2.5, totalPoints: 6.26, missingAppraised: ['1.1.2'] });
  });

  it('breaks ties by the campaign keys, then shares the rank', () => {
    const index = tinyIndex({ noValidDataPolicy: 'zero', tieBreak: ['appraised-points'] });
    // No survey data at all: each unit's survey is 0, so percent = appraised / 10.
    const none = scoreSurvey(index, []);
    const result = computeIndex(
      index,
      [
        { unitId: 'u1', points: { '1.1.1': 2, '1.1.2': 2 } },
        { unitId: 'u2', points: { '1.1.1': 3, '1.1.2': 1 } },
        { unitId: 'u3', points: { '1.1.1': 3, '1.1.2': 2 } },
      ],
      none,
    );
    expect(result.map((r) => [r.unitId, r.percent, r.rank])).toEqual([
      ['u3', 50, 1],
      ['u1', 40, 2],
      ['u2', 40, 2],
    ]);
  });

  it('prefers the tie-break key when percentages are equal', () => {
    const index = tinyIndex({ tieBreak: ['survey-points'] });
    // u1: 4.5 + 3.76 = 8.26. Give u2 appraised points so that it also totals 8.26 with 4.21 survey points.
    const result = computeIndex(
      index,
      [
        { unitId: 'u1', points: { '1.1.1': 2.5, '1.1.2': 2 } },
        { unitId: 'u2', points: { '1.1.1': 2.5, '1.1.2': 1.55 } },
      ],
      scoreSurvey(index, responses),
    );
    const rank = (id: string) => result.find((r) => r.unitId === id)?.rank;
    expect(result.find((r) => r.unitId === 'u2')?.percent).toBe(82.6);
    expect(rank('u2')).toBeLessThan(rank('u1') ?? 0); // 4.21 survey points beat 3.76
  });

  it('refuses appraised points outside the framework', () => {
    const index = tinyIndex();
    const survey = scoreSurvey(index, []);
    expect(() => computeIndex(index, [{ unitId: 'u1', points: { '1.1.1': 3.5 } }], survey)).toThrow(IndexInputError);
    expect(() => computeIndex(index, [{ unitId: 'u1', points: { '1.2.1': 1 } }], survey)).toThrow(/not an appraised/);
    expect(() => computeIndex(index, [{ unitId: 'u1', points: { '9.9.9': 1 } }], survey)).toThrow(IndexInputError);
  });
});
