import { describe, expect, it } from 'vitest';
import { countResponses } from '../../src/server/db/responses';
import type { ItemResult } from '../../src/shared';
import { citizenResponse, harnessPerTest, staffResponse, ORIGIN, startHarness, type Harness } from './harness';

let h: Harness;
let surveyorId: string;
let cookie: string;
let admin: string;

const push = async (responses: unknown[], c = cookie) => {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/sync/responses',
    headers: { cookie: c, origin: ORIGIN },
    payload: { responses },
  });
  return { status: res.statusCode, body: res.json() as { results: ItemResult[]; message?: string } };
};
const statuses = (r: { body: { results: ItemResult[] } }) =>
  r.body.results.map((x) => (x.status === 'rejected' ? `rejected:${x.code}` : x.status));

harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    surveyorId = await t.account('dt', 'surveyor', {
      cells: [
        ['so-tu-phap', 'so-nguoi-dan', 15],
        ['so-tu-phap', 'so-cong-chuc-so'],
      ],
    });
    cookie = await t.login('dt');
    await t.account('admin', 'admin');
    admin = await t.login('admin');
  },
);

describe('sync idempotency (DESIGN §4)', () => {
  it('accepts a batch once; the same batch again is all duplicates and adds no row', async () => {
    const batch = [citizenResponse(surveyorId), citizenResponse(surveyorId), citizenResponse(surveyorId)];
    const before = await countResponses(h.handle.db);
    expect(statuses(await push(batch))).toEqual(['accepted', 'accepted', 'accepted']);
    expect(statuses(await push(batch))).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await countResponses(h.handle.db)).toBe(before + 3);
  });

  it('treats the same item in two batches as a duplicate, whatever its key order', async () => {
    const r = citizenResponse(surveyorId);
    const reordered = Object.fromEntries(Object.entries(r).reverse());
    expect(statuses(await push([r, citizenResponse(surveyorId)]))).toEqual(['accepted', 'accepted']);
    expect(statuses(await push([citizenResponse(surveyorId), reordered]))).toEqual(['accepted', 'duplicate']);
  });

  it('rejects the same id with other content as a conflict and keeps the first', async () => {
    const r = citizenResponse(surveyorId);
    await push([r]);
    const changed = { ...r, answers: { ...r.answers, Q1: 'D' } };
    const res = await push([changed]);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'conflict', id: r.id });
    const stored = await h.app.inject({ method: 'GET', url: `/api/responses/${r.id}`, headers: { cookie: admin } });
    expect(stored.json().answers.Q1).toBe('A');
  });

  it('answers a duplicate inside one batch once accepted, then duplicate', async () => {
    const r = citizenResponse(surveyorId);
    expect(statuses(await push([r, r]))).toEqual(['accepted', 'duplicate']);
  });

  it('lets one bad item not sink the rest, and says why per item', async () => {
    const good = citizenResponse(surveyorId);
    const wrongCell = citizenResponse(surveyorId, { unitId: 'so-y-te' });
    const badAnswer = citizenResponse(surveyorId, { answers: { ...good.answers, Q1: 'Z' } });
    const unknownVersion = citizenResponse(surveyorId, { questionnaireVersion: 7 });
    const otherSurveyor = citizenResponse('someone-else');
    const res = await push([good, wrongCell, badAnswer, 'not a response', unknownVersion, otherSurveyor]);
    expect(res.status).toBe(200);
    expect(statuses(res)).toEqual([
      'accepted',
      'rejected:not-assigned',
      'rejected:invalid',
      'rejected:invalid',
      'rejected:questionnaire-version-unknown',
      'rejected:invalid',
    ]);
    const bad = res.body.results[2];
    expect(bad?.status === 'rejected' && bad.issues).toEqual([{ path: 'answers.Q1', message: expect.any(String) }]);
    expect(res.body.results[3]).toMatchObject({ id: null, index: 3 });
  });

  it('accepts past the quota and flags over-quota', async () => {
    const before = (await h.app.inject({ method: 'GET', url: '/api/sync/pull', headers: { cookie } })).json();
    const cell = before.assignments.find((a: { group: string }) => a.group === 'so-cong-chuc-so');
    expect(cell.target).toBe(15);
    const batch = Array.from({ length: 17 - cell.cellCount }, () => staffResponse(surveyorId));
    const res = await push(batch);
    const flags = res.body.results.map((x) => x.status === 'accepted' && x.overQuota);
    expect(flags.filter(Boolean)).toHaveLength(2);
    expect(flags.slice(-2)).toEqual([true, true]);
  });

  it('gives the retry after a crash between commit and answer a duplicate, not a second row', async () => {
    let crash = true;
    const crashing = await startHarness({
      app: {
        afterCommit: () => {
          if (crash) throw new Error('server killed after commit');
        },
      },
    });
    try {
      const sid = await crashing.account('dt', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
      const c = await crashing.login('dt');
      const batch = [citizenResponse(sid), citizenResponse(sid)];
      const first = await crashing.app.inject({
        method: 'POST',
        url: '/api/sync/responses',
        headers: { cookie: c },
        payload: { responses: batch },
      });
      expect(first.statusCode).toBe(500); // the device saw no ack and keeps both queued
      crash = false;
      const retry = await crashing.app.inject({
        method: 'POST',
        url: '/api/sync/responses',
        headers: { cookie: c },
        payload: { responses: batch },
      });
      expect(retry.json().results.map((x: ItemResult) => x.status)).toEqual(['duplicate', 'duplicate']);
      expect(await countResponses(crashing.handle.db)).toBe(2);
    } finally {
      await crashing.close();
    }
  });

  it('counts concurrent pushes of the same items once', async () => {
    const batch = Array.from({ length: 20 }, () => citizenResponse(surveyorId));
    const before = await countResponses(h.handle.db);
    const all = await Promise.all(Array.from({ length: 5 }, () => push(batch)));
    expect(await countResponses(h.handle.db)).toBe(before + 20);
    const perItem = batch.map((_, i) => all.map((r) => r.body.results[i]?.status));
    for (const outcomes of perItem) {
      expect(outcomes.filter((s) => s === 'accepted')).toHaveLength(1);
      expect(outcomes.filter((s) => s === 'duplicate')).toHaveLength(4);
    }
  });

  it('refuses a closed campaign per item and stores nothing', async () => {
    const { setCampaignState } = await import('../../src/server/db/campaigns');
    await setCampaignState(h.handle.db, 'quang-binh-2021', 'closed', new Date().toISOString());
    await h.registry.reload();
    try {
      const before = await countResponses(h.handle.db);
      expect(statuses(await push([citizenResponse(surveyorId)]))).toEqual(['rejected:campaign-closed']);
      expect(await countResponses(h.handle.db)).toBe(before);
    } finally {
      await setCampaignState(h.handle.db, 'quang-binh-2021', 'open', new Date().toISOString());
      await h.registry.reload();
    }
  });

  it('keeps the per-cell and per-surveyor counts equal to the responses stored, after accepted, duplicate and over-quota pushes', async () => {
    // Pushes of every kind the tests above make: new, repeated, conflicting, over quota, refused, concurrent.
    const r = citizenResponse(surveyorId);
    const first = [r, citizenResponse(surveyorId), staffResponse(surveyorId)];
    expect(statuses(await push(first))).toEqual(['accepted', 'accepted', 'accepted']);
    expect(statuses(await push(first))).toEqual(['duplicate', 'duplicate', 'duplicate']);
    const conflicting = { ...r, answers: { ...r.answers, Q1: 'D' } };
    expect(statuses(await push([conflicting, citizenResponse(surveyorId, { unitId: 'so-y-te' })]))).toEqual([
      'rejected:conflict',
      'rejected:not-assigned',
    ]);
    const overQuota = (await push(Array.from({ length: 16 }, () => staffResponse(surveyorId)))).body.results;
    expect(overQuota.filter((x) => x.status === 'accepted' && x.overQuota)).toHaveLength(2);
    const concurrent = Array.from({ length: 5 }, () => citizenResponse(surveyorId));
    await Promise.all(Array.from({ length: 3 }, () => push(concurrent)));
    expect(await countResponses(h.handle.db)).toBe(3 + 16 + 5);
    const { cellCounts, cellCountsFromResponses, surveyorCounts, surveyorCountsFromResponses } =
      await import('../../src/server/db/responses');
    const key = (r: { unit_id: string; group_id: string; surveyor_id?: string }) => `${r.unit_id} ${r.group_id} ${r.surveyor_id ?? ''}`;
    const order = <T extends { unit_id: string; group_id: string; surveyor_id?: string }>(rows: T[]) =>
      [...rows].sort((a, b) => key(a).localeCompare(key(b)));
    expect(order(await cellCounts(h.handle.db, 'quang-binh-2021'))).toEqual(
      order(await cellCountsFromResponses(h.handle.db, 'quang-binh-2021')),
    );
    expect(order(await surveyorCounts(h.handle.db, 'quang-binh-2021'))).toEqual(
      order(await surveyorCountsFromResponses(h.handle.db, 'quang-binh-2021')),
    );
  });

  it('records receive time, surveyor, device and app version', async () => {
    const r = citizenResponse(surveyorId, { deviceId: 'phone-42', appVersion: '0.9.1', mode: 'paper', paperSerial: 'QB-0007' });
    await push([r]);
    const stored = (await h.app.inject({ method: 'GET', url: `/api/responses/${r.id}`, headers: { cookie: admin } })).json();
    expect(stored).toMatchObject({
      surveyorId,
      deviceId: 'phone-42',
      appVersion: '0.9.1',
      mode: 'paper',
      paperSerial: 'QB-0007',
      overQuota: false,
    });
    expect(Date.parse(stored.receivedAt)).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('payment roster', () => {
  const entry = (over: Record<string, unknown> = {}) => ({
    id: crypto.randomUUID(),
    campaignId: 'quang-binh-2021',
    unitId: 'so-tu-phap',
    groupId: 'so-nguoi-dan',
    surveyorId,
    deviceId: 'dev-test',
    respondentName: 'Nguyễn Thị Hoà',
    organisation: 'Thôn Đông, xã Quảng Phú',
    phone: '0912 345 678',
    collectedOn: '2021-12-10',
    ...over,
  });
  const pushRoster = async (entries: unknown[]) =>
    (await h.app.inject({ method: 'POST', url: '/api/sync/roster', headers: { cookie }, payload: { entries } })).json() as {
      results: ItemResult[];
    };

  it('stores entries idempotently in their own table', async () => {
    const e = entry();
    expect((await pushRoster([e])).results.map((r) => r.status)).toEqual(['accepted']);
    expect((await pushRoster([e])).results.map((r) => r.status)).toEqual(['duplicate']);
    expect((await pushRoster([{ ...e, respondentName: 'Khác' }])).results[0]).toMatchObject({ status: 'rejected', code: 'conflict' });
    expect((await pushRoster([entry({ unitId: 'so-y-te' })])).results[0]).toMatchObject({ status: 'rejected', code: 'not-assigned' });
    expect((await pushRoster([entry({ phone: '<script>' })])).results[0]).toMatchObject({ status: 'rejected', code: 'invalid' });
  });
});
