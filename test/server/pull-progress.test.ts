import { describe, expect, it } from 'vitest';
import type { ItemResult, ProgressReport, PullResult } from '../../src/shared';
import { citizenResponse, harnessPerTest, type Harness } from './harness';

let h: Harness;
let s1: string;
let s2: string;
let c1: string;
let c2: string;

const pull = async (cookie: string) =>
  (await h.app.inject({ method: 'GET', url: '/api/sync/pull', headers: { cookie } })).json() as PullResult;
const push = async (cookie: string, responses: unknown[]) =>
  (
    (await h.app.inject({ method: 'POST', url: '/api/sync/responses', headers: { cookie }, payload: { responses } })).json() as {
      results: ItemResult[];
    }
  ).results;

harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    // Two surveyors split Sở Tư pháp's 30 citizen questionnaires 15/15; s2 also covers Minh Hóa's citizens.
    s1 = await t.account('s1', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan', 15]] });
    s2 = await t.account('s2', 'surveyor', {
      cells: [
        ['so-tu-phap', 'so-nguoi-dan', 15],
        ['h-minh-hoa', 'huyen-nguoi-dan'],
      ],
    });
    await t.account('dm', 'coordinator', { unitId: 'so-tu-phap' });
    await t.account('qt', 'admin');
    c1 = await t.login('s1');
    c2 = await t.login('s2');
  },
);

/** Three citizen responses from s1 and one from s2, all accepted: what every report below counts. */
const sendFour = async () => {
  const statuses = [
    ...(await push(c1, [citizenResponse(s1), citizenResponse(s1), citizenResponse(s1)])),
    ...(await push(c2, [citizenResponse(s2)])),
  ];
  expect(statuses.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
};

describe('pull', () => {
  it('gives a surveyor their cells with targets and counts, and the questionnaires they need', async () => {
    await sendFour();
    const p = await pull(c2);
    expect(p.account.id).toBe(s2);
    expect(p.campaign).toMatchObject({ id: 'quang-binh-2021', state: 'open', province: 'Quảng Bình' });
    expect(p.campaign.units).toHaveLength(29);
    expect(p.assignments).toEqual([
      { unit: 'h-minh-hoa', group: 'huyen-nguoi-dan', allocation: null, target: 50, cellCount: 0, ownCount: 0 },
      { unit: 'so-tu-phap', group: 'so-nguoi-dan', allocation: 15, target: 30, cellCount: 4, ownCount: 1 },
    ]);
    // Every version of the questionnaires of the surveyor's groups: drafts begun on version 1 stay on it, new
    // responses start on the newest.
    expect((p.questionnaires as { id: string; version: number }[]).map((q) => `${q.id}@${q.version}`).sort()).toEqual([
      'phieu-03-h@1',
      'phieu-03-h@2',
      'phieu-03-s@1',
      'phieu-03-s@2',
    ]);
  });
});

describe('progress', () => {
  it('shows a coordinator counts per group and per surveyor for their own unit only, and no answers', async () => {
    await sendFour();
    const res = await h.app.inject({
      method: 'GET',
      url: '/api/campaigns/quang-binh-2021/progress',
      headers: { cookie: await h.login('dm') },
    });
    expect(res.statusCode).toBe(200);
    const report = res.json() as ProgressReport;
    expect(new Set(report.cells.map((c) => c.unit))).toEqual(new Set(['so-tu-phap']));
    expect(report.cells.find((c) => c.group === 'so-nguoi-dan')).toMatchObject({
      target: 30,
      received: 4,
      counted: 4,
      remaining: 26,
      over: 0,
      reached: false,
    });
    expect(report.totals).toMatchObject({ target: 85, received: 4, remaining: 81 });
    expect(report.surveyors.map((s) => [s.displayName, s.received, s.allocation])).toEqual([
      ['s1', 3, 15],
      ['s2', 1, 15],
    ]);
    expect(res.body).not.toMatch(/answers|"Q1"/);
  });

  it('shows Home Affairs every unit: 2,745 in all', async () => {
    await sendFour();
    const report = (
      await h.app.inject({ method: 'GET', url: '/api/campaigns/quang-binh-2021/progress', headers: { cookie: await h.login('qt') } })
    ).json() as ProgressReport;
    expect(report.cells).toHaveLength(87);
    expect(report.totals).toMatchObject({ target: 2745, received: 4, counted: 4, remaining: 2741 });
  });

  it('pages through responses for Home Affairs with a cursor', async () => {
    await sendFour();
    const cookie = await h.login('qt');
    const first = (
      await h.app.inject({ method: 'GET', url: '/api/campaigns/quang-binh-2021/responses?limit=3', headers: { cookie } })
    ).json();
    expect(first.responses).toHaveLength(3);
    const second = (
      await h.app.inject({
        method: 'GET',
        url: `/api/campaigns/quang-binh-2021/responses?limit=3&cursor=${first.nextCursor}`,
        headers: { cookie },
      })
    ).json();
    expect(second.responses).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.responses, ...second.responses].map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(4);
    const bad = await h.app.inject({ method: 'GET', url: '/api/campaigns/quang-binh-2021/responses?cursor=bm9wZQ', headers: { cookie } });
    expect(bad.statusCode).toBe(400);
  });
});
