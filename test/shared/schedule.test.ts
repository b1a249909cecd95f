import { describe, expect, it } from 'vitest';
import { daysBetween, schedule, vnDay } from '../../src/shared';

const day = (date: string, received: number, excluded = 0) => ({ date, received, excluded });

describe('schedule against the survey deadline', () => {
  it('puts an instant on its Vietnamese calendar day', () => {
    expect(vnDay('2021-12-09T16:59:59.999Z')).toBe('2021-12-09');
    expect(vnDay('2021-12-09T17:00:00.000Z')).toBe('2021-12-10');
    expect(daysBetween('2021-11-30', '2021-12-01')).toBe(1);
  });

  it('is on track when the last week’s pace covers what remains', () => {
    // 70 counted over 7 days = 10/day; 5 days left (10th..14th) → 50 ≥ 40.
    const daily = ['04', '05', '06', '07', '08', '09', '10'].map((d) => day(`2021-12-${d}`, 10));
    const s = schedule({ remaining: 40, daily, today: '2021-12-10', deadline: '2021-12-14' });
    expect(s).toMatchObject({ daysLeft: 5, pacePerDay: 10, projected: 50, shortfall: 0, neededPerDay: 8, status: 'on-track' });
  });

  it('warns when the pace falls short, and says by how much', () => {
    const daily = [day('2021-12-08', 3), day('2021-12-09', 3), day('2021-12-10', 3)];
    // Collection began 3 days ago: the pace is 9/3 = 3 a day, not 9/7.
    const s = schedule({ remaining: 40, daily, today: '2021-12-10', deadline: '2021-12-14' });
    expect(s).toMatchObject({ pacePerDay: 3, projected: 15, shortfall: 25, neededPerDay: 8, status: 'behind' });
  });

  it('does not count excluded responses towards the pace', () => {
    const s = schedule({ remaining: 10, daily: [day('2021-12-10', 10, 10)], today: '2021-12-10', deadline: '2021-12-11' });
    expect(s).toMatchObject({ pacePerDay: 0, status: 'behind', shortfall: 10 });
  });

  it('is done when nothing remains, and missed once the deadline has passed with a gap', () => {
    expect(schedule({ remaining: 0, daily: [], today: '2021-12-20', deadline: '2021-12-14' }).status).toBe('done');
    expect(schedule({ remaining: 5, daily: [], today: '2021-12-15', deadline: '2021-12-14' })).toMatchObject({
      status: 'missed',
      daysLeft: 0,
      neededPerDay: null,
      shortfall: 5,
    });
  });
});
