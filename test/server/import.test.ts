import { describe, expect, it } from 'vitest';
import { listAudit } from '../../src/server/db/audit';
import { countResponses } from '../../src/server/db/responses';
import type { ItemResult } from '../../src/shared';
import { citizenResponse, harnessPerTest, type Harness } from './harness';

let h: Harness;
let s1: string;
let s2: string;
let admin: string;
let s1Cookie: string;

harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    s1 = await t.account('s1', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
    s2 = await t.account('s2', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
    await t.account('qt', 'admin');
    admin = await t.login('qt');
    s1Cookie = await t.login('s1');
  },
);

const file = (responses: unknown[], roster: unknown[] = []) => ({
  format: 'phieu-unsynced',
  version: 1,
  exportedAt: '2021-12-20T08:00:00.000Z',
  deviceId: 'dev-lost',
  responses,
  roster,
});
const upload = (body: unknown, cookie = admin) =>
  h.app.inject({ method: 'POST', url: '/api/campaigns/quang-binh-2021/import', headers: { cookie }, payload: body as object });
const statuses = (rs: ItemResult[]) => rs.map((r) => (r.status === 'rejected' ? `rejected:${r.code}` : r.status));

describe('import of an exported device file', () => {
  it('checks every item like a push by its own surveyor, and a second upload changes nothing', async () => {
    const already = citizenResponse(s1);
    await h.app.inject({
      method: 'POST',
      url: '/api/sync/responses',
      headers: { cookie: s1Cookie },
      payload: { responses: [already] },
    });
    const before = await countResponses(h.handle.db);
    const items = [
      already, // synced earlier: duplicate
      citizenResponse(s1),
      citizenResponse(s2),
      citizenResponse(s2, { unitId: 'so-y-te' }), // not assigned
      citizenResponse('no-such-surveyor'),
      citizenResponse(s1, { answers: { Q1: 'Z' } }),
      citizenResponse(s1, { campaignId: 'mau-2025' }),
    ];
    const rosterEntry = {
      id: crypto.randomUUID(),
      campaignId: 'quang-binh-2021',
      unitId: 'so-tu-phap',
      groupId: 'so-nguoi-dan',
      surveyorId: s2,
      deviceId: 'dev-lost',
      respondentName: 'Lê Thị Mai',
      collectedOn: '2021-12-19',
    };
    const first = await upload(file(items, [rosterEntry]));
    expect(first.statusCode).toBe(200);
    const body = first.json() as { responses: ItemResult[]; roster: ItemResult[] };
    expect(statuses(body.responses)).toEqual([
      'duplicate',
      'accepted',
      'accepted',
      'rejected:not-assigned',
      'rejected:invalid',
      'rejected:invalid',
      'rejected:invalid',
    ]);
    expect(body.responses.map((r) => (r.status === 'rejected' ? r.index : -1))).toEqual([-1, -1, -1, 3, 4, 5, 6]);
    expect(statuses(body.roster)).toEqual(['accepted']);
    expect(await countResponses(h.handle.db)).toBe(before + 2);

    const again = (await upload(file(items, [rosterEntry]))).json() as { responses: ItemResult[]; roster: ItemResult[] };
    expect(statuses(again.responses).slice(0, 3)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(statuses(again.roster)).toEqual(['duplicate']);
    expect(await countResponses(h.handle.db)).toBe(before + 2);
    expect((await listAudit(h.handle.db)).filter((a) => a.action === 'import.unsynced')).toHaveLength(2);
  });

  it('is for Home Affairs only, and refuses a file that is not a Phiếu export with a clear message', async () => {
    expect((await upload(file([]), s1Cookie)).statusCode).toBe(403);
    expect((await upload(file([]), '')).statusCode).toBe(401);
    const wrong = await upload({ hello: 'world' });
    expect(wrong.statusCode).toBe(400);
    expect(
      wrong
        .json()
        .issues.map((i: { message: string }) => i.message)
        .join(' '),
    ).toMatch(/Không phải tệp xuất dữ liệu của Phiếu|format/);
    expect(
      (await h.app.inject({ method: 'POST', url: '/api/campaigns/khong-co/import', headers: { cookie: admin }, payload: file([]) }))
        .statusCode,
    ).toBe(404);
  });
});
