import { describe, expect, it } from 'vitest';
import {
  assignmentProgress,
  campaignTotals,
  deviceCount,
  isOverQuota,
  overAllocatedCells,
  quotaProgress,
  startWarning,
} from '../../../src/shared';
import { tinyIndex } from '../../fixtures/tiny-campaign';

const { campaign } = tinyIndex().bundle;

describe('quota arithmetic', () => {
  const progress = quotaProgress(campaign.quotas, [
    { unit: 'u1', group: 'b', received: 45, excluded: 2 }, // 43 counted of 40 → 3 over
    { unit: 'u1', group: 'c', received: 10 },
    { unit: 'u1', group: 'c', received: 5, excluded: 1 }, // counts add up per cell
    { unit: 'zz', group: 'c', received: 99 }, // not a quota cell: ignored
  ]);

  it('computes each cell', () => {
    expect(progress.find((p) => p.unit === 'u1' && p.group === 'b')).toEqual({
      unit: 'u1',
      group: 'b',
      target: 40,
      received: 45,
      excluded: 2,
      counted: 43,
      remaining: 0,
      over: 3,
      reached: true,
    });
    expect(progress.find((p) => p.unit === 'u1' && p.group === 'c')).toMatchObject({
      target: 30,
      received: 15,
      excluded: 1,
      counted: 14,
      remaining: 16,
      over: 0,
      reached: false,
    });
    expect(progress.find((p) => p.unit === 'u3' && p.group === 'c')).toMatchObject({ received: 0, remaining: 30 });
  });

  it('sums per unit, level, group and campaign, without letting a surplus fill another cell', () => {
    const totals = campaignTotals(campaign, progress);
    expect(totals.overall).toEqual({ target: 210, received: 60, excluded: 3, counted: 57, remaining: 16 + 40 + 30 + 40 + 30, over: 3 });
    expect(totals.byUnit.u1).toMatchObject({ target: 70, counted: 57, remaining: 16, over: 3 });
    expect(totals.byGroup.b).toMatchObject({ target: 120, counted: 43 });
    expect(totals.byLevel.dept?.target).toBe(210);
  });

  it('tracks surveyor allocations', () => {
    const assignments = [
      { surveyor: 's1', unit: 'u1', group: 'b', allocation: 20 },
      { surveyor: 's2', unit: 'u1', group: 'b', allocation: 25 },
      { surveyor: 's3', unit: 'u1', group: 'c' },
    ];
    const counts = [
      { surveyor: 's1', unit: 'u1', group: 'b', received: 21 },
      { surveyor: 's2', unit: 'u1', group: 'b', received: 7 },
      { surveyor: 's3', unit: 'u1', group: 'c', received: 4 },
    ];
    expect(assignmentProgress(assignments, counts).map((a) => [a.surveyor, a.received, a.remaining, a.reached])).toEqual([
      ['s1', 21, 0, true],
      ['s2', 7, 18, false],
      ['s3', 4, undefined, false],
    ]);
    expect(overAllocatedCells(campaign.quotas, assignments)).toEqual([{ unit: 'u1', group: 'b', target: 40, allocated: 45 }]);
  });

  it('warns, never blocks, before one more response past the quota or allocation', () => {
    expect(deviceCount(38, 2)).toBe(40);
    expect(startWarning({ target: 40, cellCount: 40, ownCount: 3 })).toBe('quota-reached');
    expect(startWarning({ target: 40, cellCount: 39, allocation: 10, ownCount: 10 })).toBe('allocation-reached');
    expect(startWarning({ target: 40, cellCount: 39, allocation: 10, ownCount: 9 })).toBeNull();
    expect(isOverQuota(40, 39)).toBe(false);
    expect(isOverQuota(40, 40)).toBe(true);
  });
});
