import { beforeEach, describe, expect, it } from 'vitest';
import type { ProgressReport } from '../../src/shared';
import { citizenResponse, harnessPerTest, type Harness } from './harness';

// The server's clock, moved by the test: responses arrive on chosen Vietnamese days.
const TODAY = new Date('2021-12-20T02:00:00Z');
let clock = TODAY;
let h: Harness;
let surveyor: string;
let cookie: string;

const push = (on: Harness, n: number) =>
  on.app.inject({
    method: 'POST',
    url: '/api/sync/responses',
    headers: { cookie },
    payload: { responses: Array.from({ length: n }, () => citizenResponse(surveyor)) },
  });
const report = async (who: string, query = '') =>
  (
    await h.app.inject({ method: 'GET', url: `/api/campaigns/quang-binh-2021/progress${query}`, headers: { cookie: await h.login(who) } })
  ).json() as ProgressReport;

// The template holds the responses: both tests only read them.
harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    surveyor = await t.account('s1', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
    await t.account('dm', 'coordinator', { unitId: 'so-tu-phap' });
    await t.account('qt', 'admin');
    cookie = await t.login('s1');
    // 16:59 and 17:00 UTC fall on two Vietnamese days (UTC+7).
    for (const [at, n] of [
      ['2021-12-18T16:59:00Z', 2],
      ['2021-12-18T17:00:00Z', 3],
      ['2021-12-20T02:00:00Z', 1],
    ] as const) {
      clock = new Date(at);
      expect((await push(t, n)).statusCode).toBe(200);
    }
  },
  { app: { now: () => clock } },
);
beforeEach(() => {
  clock = TODAY;
});

describe('progress per day against the survey deadline', () => {
  it('gives a coordinator their unit’s responses per Vietnamese day and its pace', async () => {
    const r = await report('dm');
    expect(r).toMatchObject({ today: '2021-12-20', deadline: '2021-12-29' });
    expect(r.units).toHaveLength(1);
    const unit = r.units[0]!;
    expect(unit).toMatchObject({ unit: 'so-tu-phap', level: 'department', target: 85, received: 6, remaining: 79 });
    expect(unit.daily).toEqual([
      { date: '2021-12-18', received: 2, excluded: 0 },
      { date: '2021-12-19', received: 3, excluded: 0 },
      { date: '2021-12-20', received: 1, excluded: 0 },
    ]);
    // 6 in the 3 days since collection began: 2 a day; "trước ngày 30/12" leaves 10 days (20th–29th) → 20 of 79:
    // behind by 59.
    expect(unit.schedule).toMatchObject({ daysLeft: 10, pacePerDay: 2, projected: 20, shortfall: 59, neededPerDay: 8, status: 'behind' });
  });

  it('gives Home Affairs every unit, those without responses included', async () => {
    const r = await report('qt');
    expect(r.units).toHaveLength(29);
    expect(r.units.find((u) => u.unit === 'h-minh-hoa')).toMatchObject({
      target: 120,
      received: 0,
      daily: [],
      schedule: { status: 'behind', pacePerDay: 0 },
    });
  });
});
