import { describe, expect, it } from 'vitest';
import type { AuditEntry, ProgressReport, ReviewDetail, ReviewPage, ReviewSummary } from '../../src/shared';
import { cellCounts, cellCountsFromResponses, surveyorCounts, surveyorCountsFromResponses } from '../../src/server/db/responses';
import { citizenResponse, harnessPerTest, ORIGIN, type Harness } from './harness';

let clock = new Date('2021-12-10T03:00:00Z');
let h: Harness;
let admin: string;
let adminId: string;
let surveyor: string;
const ids: Record<string, string> = {};

const get = async <T>(url: string, cookie = admin) => {
  const res = await h.app.inject({ method: 'GET', url, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
};
const act = (id: string, action: 'exclude' | 'restore', reason: string, cookie = admin) =>
  h.app.inject({ method: 'POST', url: `/api/responses/${id}/${action}`, headers: { cookie, origin: ORIGIN }, payload: { reason } });
const list = (query = '') => get<ReviewPage>(`/api/campaigns/quang-binh-2021/review${query}`);

// Every rated answer at the first choice of its scale: straight-lined.
const uniform = () => {
  const r = citizenResponse('x');
  return Object.fromEntries(Object.entries(r.answers).map(([k, v]) => [k, /^Q(1|2|6|7|10|11)$/.test(k) ? 'A' : v]));
};

// The six responses arrive once, on the template; every test reads (and may change) its own copy of them.
harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    adminId = await t.account('qt', 'admin');
    const sid = await t.account('s1', 'surveyor', {
      cells: [
        ['so-tu-phap', 'so-nguoi-dan'],
        ['so-y-te', 'so-nguoi-dan'],
      ],
    });
    await t.account('dm', 'coordinator', { unitId: 'so-tu-phap' });
    surveyor = await t.login('s1');
    const responses = {
      normal: citizenResponse(sid),
      short: citizenResponse(sid, { startedAt: '2021-12-10T08:00:00+07:00', finishedAt: '2021-12-10T08:02:00+07:00' }),
      paperA: citizenResponse(sid, { mode: 'paper', paperSerial: 'QB-0012' }),
      paperB: citizenResponse(sid, { mode: 'paper', paperSerial: 'QB-0012', deviceId: 'dev-2' }),
      paperOther: citizenResponse(sid, { mode: 'paper', paperSerial: 'QB-0012', unitId: 'so-y-te' }),
      uniform: citizenResponse(sid, { answers: uniform() }),
    };
    for (const [name, r] of Object.entries(responses)) {
      ids[name] = r.id;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/sync/responses',
        headers: { cookie: surveyor },
        payload: { responses: [r] },
      });
      expect(res.json().results[0].status, res.body).toBe('accepted');
      clock = new Date(clock.getTime() + 3_600_000 * 8); // the next arrives 8 hours later
    }
    // Signed in after the arrivals: an office session would have expired over the clock's two days.
    admin = await t.login('qt');
  },
  { app: { now: () => clock } },
);

describe('review list', () => {
  it('lists every response with the flags the server computed, and no answers', async () => {
    const page = await list();
    expect(page.items.map((i) => i.id)).toEqual(Object.values(ids));
    const flags = Object.fromEntries(page.items.map((i) => [i.id, i.flags]));
    expect(flags[ids.normal!]).toEqual([]);
    expect(flags[ids.short!]).toEqual(['short-interview']);
    expect(flags[ids.paperA!]).toEqual(['duplicate-serial']);
    expect(flags[ids.paperB!]).toEqual(['duplicate-serial']);
    // The same serial in another unit is another paper form.
    expect(flags[ids.paperOther!]).toEqual([]);
    expect(flags[ids.uniform!]).toEqual(['uniform-answers']);
    expect(page.items[0]).toMatchObject({ surveyorName: 's1', durationSeconds: 840, excluded: false, excludedReason: null });
    expect(JSON.stringify(page)).not.toMatch(/"answers"/);
  });

  it('filters by flag, unit, state and Vietnamese arrival day, and pages with a cursor', async () => {
    expect((await list('?flag=duplicate-serial')).items.map((i) => i.id)).toEqual([ids.paperA, ids.paperB]);
    expect((await list('?flag=any')).items).toHaveLength(4);
    expect((await list('?unitId=so-y-te')).items.map((i) => i.id)).toEqual([ids.paperOther]);
    // Arrivals at 03:00, 11:00, 19:00 UTC on the 10th: 10:00 and 18:00 on the 10th in Vietnam, then 02:00 on the 11th.
    expect((await list('?from=2021-12-10&to=2021-12-10')).items.map((i) => i.id)).toEqual([ids.normal, ids.short]);
    const first = await list('?limit=4');
    expect(first.items).toHaveLength(4);
    const rest = await list(`?limit=4&cursor=${first.nextCursor}`);
    expect(rest.items.map((i) => i.id)).toEqual([ids.paperOther, ids.uniform]);
    expect(rest.nextCursor).toBeNull();
  });

  it('answers bad filters with a 4xx that says what to fix', async () => {
    for (const [query, status] of [
      ['?from=2021-12-12&to=2021-12-10', 400],
      ['?flag=tre-han', 400],
      ['?unitId=khong-co', 404],
      ['?cursor=bm9wZQ', 400],
      ['?limit=100000', 400],
    ] as const) {
      const res = await h.app.inject({ method: 'GET', url: `/api/campaigns/quang-binh-2021/review${query}`, headers: { cookie: admin } });
      expect(res.statusCode, query).toBe(status);
      expect(res.json().message).toMatch(/\p{L}/u);
    }
  });

  it('shows one response with its answers, and sums the flags', async () => {
    const detail = await get<ReviewDetail>(`/api/responses/${ids.short}/review`);
    expect(detail).toMatchObject({ id: ids.short, flags: ['short-interview'], answers: { Q1: 'A', P6: 'truc-tiep' } });
    expect(await get<ReviewSummary>('/api/campaigns/quang-binh-2021/review/summary')).toEqual({
      total: 6,
      excluded: 0,
      flags: { 'over-quota': 0, 'short-interview': 1, 'duplicate-serial': 2, 'uniform-answers': 1, late: 0 },
    });
  });
});

describe('exclusion', () => {
  const progress = async () =>
    (await get<ProgressReport>('/api/campaigns/quang-binh-2021/progress?unitId=so-tu-phap')).cells.find((c) => c.group === 'so-nguoi-dan')!;
  const consistent = async () => {
    expect(await cellCounts(h.handle.db, 'quang-binh-2021')).toEqual(
      expect.arrayContaining(await cellCountsFromResponses(h.handle.db, 'quang-binh-2021')),
    );
    expect(await surveyorCounts(h.handle.db, 'quang-binh-2021')).toEqual(
      expect.arrayContaining(await surveyorCountsFromResponses(h.handle.db, 'quang-binh-2021')),
    );
  };

  it('takes a response out of the counts with its reason, audited, and restores it', async () => {
    expect(await progress()).toMatchObject({ received: 5, excluded: 0, counted: 5 });
    expect((await act(ids.paperB!, 'exclude', 'Trùng số phiếu giấy QB-0012 với phiếu nhập trước')).statusCode).toBe(204);
    expect(await progress()).toMatchObject({ received: 5, excluded: 1, counted: 4 });
    await consistent();
    expect(await get<ReviewDetail>(`/api/responses/${ids.paperB}/review`)).toMatchObject({
      excluded: true,
      excludedReason: 'Trùng số phiếu giấy QB-0012 với phiếu nhập trước',
      reviewedBy: adminId,
    });
    expect((await list('?state=excluded')).items.map((i) => i.id)).toEqual([ids.paperB]);
    expect((await list('?state=included')).items).toHaveLength(5);

    // Twice is a conflict that changes nothing.
    const again = await act(ids.paperB!, 'exclude', 'Bấm hai lần');
    expect(again.statusCode).toBe(409);
    expect(await progress()).toMatchObject({ excluded: 1 });

    expect((await act(ids.paperB!, 'restore', 'Phiếu giấy khác, số in trùng do lỗi in')).statusCode).toBe(204);
    expect(await progress()).toMatchObject({ received: 5, excluded: 0, counted: 5 });
    await consistent();
    const audit = await get<AuditEntry[]>(`/api/responses/${ids.paperB}/audit`);
    expect(audit.map((a) => [a.action, a.actorName, (a.detail as { reason: string }).reason])).toEqual([
      ['response.exclude', 'qt', 'Trùng số phiếu giấy QB-0012 với phiếu nhập trước'],
      ['response.restore', 'qt', 'Phiếu giấy khác, số in trùng do lỗi in'],
    ]);
  });

  it('refuses without a reason, an unknown response, and anyone but Home Affairs — changing nothing', async () => {
    const before = await progress();
    const noReason = await act(ids.normal!, 'exclude', ' ');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toMatch(/lý do/);
    expect((await act('khong-co-phieu-nay', 'exclude', 'Lý do hợp lệ')).statusCode).toBe(404);
    expect((await act(ids.normal!, 'exclude', 'Điều phối viên tự loại', await h.login('dm'))).statusCode).toBe(403);
    expect((await act(ids.normal!, 'exclude', 'Điều tra viên tự loại', surveyor)).statusCode).toBe(403);
    expect(await progress()).toEqual(before);
    expect(await get<AuditEntry[]>(`/api/responses/${ids.normal}/audit`)).toEqual([]);
  });
});
