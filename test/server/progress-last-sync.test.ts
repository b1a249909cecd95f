import { beforeEach, describe, expect, it } from 'vitest';
import type { ProgressReport } from '../../src/shared';
import { citizenResponse, harnessPerTest, type Harness } from './harness';

/**
 * "Đồng bộ lần cuối" per surveyor (issue 15): it said "never" for a surveyor who had synced, because it was the newest
 * response of one unit × group. It is the surveyor's last sync: responses sent for any cell, or a pull with nothing new.
 */
let h: Harness;
const START = new Date('2021-12-20T01:00:00Z');
let clock = START;
let s2: string;

const progress = async (username: string) => {
  const res = await h.app.inject({
    method: 'GET',
    url: '/api/campaigns/quang-binh-2021/progress',
    headers: { cookie: await h.login(username) },
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as ProgressReport).surveyors;
};

harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    s2 = await t.account('s2', 'surveyor', {
      cells: [
        ['so-tu-phap', 'so-nguoi-dan', 15],
        ['h-minh-hoa', 'huyen-nguoi-dan'],
      ],
    });
    await t.account('s3', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan', 15]] });
    await t.account('dm', 'coordinator', { unitId: 'so-tu-phap' });
    await t.account('qt', 'admin');
  },
  { app: { now: () => clock } },
);
// The test moves the clock: every test starts from the same time.
beforeEach(() => {
  clock = START;
});

describe('last sync per surveyor', () => {
  it('is the surveyor’s last sync in every cell of theirs, not the newest response of that cell', async () => {
    const cookie = await h.login('s2');
    clock = new Date('2021-12-20T01:01:00Z');
    const push = await h.app.inject({
      method: 'POST',
      url: '/api/sync/responses',
      headers: { cookie },
      payload: { responses: [citizenResponse(s2)] },
    });
    expect(push.statusCode, push.body).toBe(200);

    const rows = await progress('qt');
    const minhHoa = rows.find((r) => r.surveyor === s2 && r.unit === 'h-minh-hoa')!;
    const tuPhap = rows.find((r) => r.surveyor === s2 && r.unit === 'so-tu-phap')!;
    // Nothing sent for Minh Hóa yet, but the phone synced: the same time on both rows.
    expect(minhHoa).toMatchObject({ received: 0, lastReceivedAt: null, lastSyncAt: '2021-12-20T01:01:00.000Z' });
    expect(tuPhap).toMatchObject({ received: 1, lastReceivedAt: '2021-12-20T01:01:00.000Z', lastSyncAt: '2021-12-20T01:01:00.000Z' });
    // A surveyor who never reached the server has never synced.
    expect(rows.find((r) => r.displayName === 's3')).toMatchObject({ lastSyncAt: null });

    // A later sync with nothing to send (a pull) moves it on.
    clock = new Date('2021-12-20T02:30:00Z');
    expect((await h.app.inject({ method: 'GET', url: '/api/sync/pull', headers: { cookie } })).statusCode).toBe(200);
    const after = await progress('dm');
    expect(after.map((r) => [r.displayName, r.unit, r.lastSyncAt])).toEqual([
      ['s2', 'so-tu-phap', '2021-12-20T02:30:00.000Z'],
      ['s3', 'so-tu-phap', null],
    ]);
  });
});
