// Assignments of surveyors to unit × group cells and their allocations, set by Home Affairs.
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../src/server/db/audit';
import { countResponses } from '../../src/server/db/responses';
import type { AdminAssignment, AssignmentCell, ItemResult, PullResult } from '../../src/shared';
import { api, CAMPAIGN, countRows, expectError, signIn } from './admin-helpers';
import { citizenResponse, harnessPerTest, type Harness } from './harness';

let h: Harness;
let admin: string;
let dt1: string;
let dt2: string;
let dt1Cookie: string;
let khoa: string;

const cellUrl = (surveyor: string, unit: string, group: string) => `/api/campaigns/${CAMPAIGN}/assignments/${surveyor}/${unit}/${group}`;
const assign = (surveyor: string, unit: string, group: string, payload: unknown = {}) =>
  api(h, 'PUT', cellUrl(surveyor, unit, group), { cookie: admin, payload });
const unassign = (surveyor: string, unit: string, group: string) => api(h, 'DELETE', cellUrl(surveyor, unit, group), { cookie: admin });
const listOf = async (query = '') => {
  const res = await api(h, 'GET', `/api/campaigns/${CAMPAIGN}/assignments${query}`, { cookie: admin });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { assignments: AdminAssignment[]; cells: AssignmentCell[]; warnings: string[] };
};

harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    await t.account('qt', 'admin');
    dt1 = await t.account('dt1', 'surveyor');
    dt2 = await t.account('dt2', 'surveyor');
    await t.account('dm', 'coordinator', { unitId: 'so-tu-phap' });
    khoa = await t.account('dt-khoa', 'surveyor');
    admin = await signIn(t, 'qt');
    dt1Cookie = await signIn(t, 'dt1');
  },
);

/** A step that must succeed, done through the API as Home Affairs would. */
const ok = async (call: Promise<{ statusCode: number; body: string }>) => {
  const res = await call;
  expect(res.statusCode, res.body).toBe(200);
};
// The assignments the tests build on, in the order the first tests make them.
const assignDt1 = () => ok(assign(dt1, 'so-tu-phap', 'so-nguoi-dan', { allocation: 20 }));
const assignDt2 = () => ok(assign(dt2, 'so-tu-phap', 'so-nguoi-dan', { allocation: 15 }));
/** dt-khoa disabled, then assigned to Minh Hóa's citizens. */
const assignDisabled = async () => {
  await ok(api(h, 'PATCH', `/api/accounts/${khoa}`, { cookie: admin, payload: { disabled: true } }));
  return assign(khoa, 'h-minh-hoa', 'huyen-nguoi-dan');
};

describe('setting assignments', () => {
  it('assigns a surveyor to a cell, which the surveyor sees in the pull', async () => {
    const res = await assign(dt1, 'so-tu-phap', 'so-nguoi-dan', { allocation: 20 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      created: true,
      warnings: [],
      assignment: {
        surveyorId: dt1,
        username: 'dt1',
        unitId: 'so-tu-phap',
        unitName: 'Sở Tư pháp',
        groupId: 'so-nguoi-dan',
        allocation: 20,
        received: 0,
      },
      cell: { unitId: 'so-tu-phap', groupId: 'so-nguoi-dan', target: 30, allocated: 20, surveyors: 1, overAllocated: false },
    });
    const pull = (await api(h, 'GET', '/api/sync/pull', { cookie: dt1Cookie })).json() as PullResult;
    expect(pull.assignments).toEqual([
      { unit: 'so-tu-phap', group: 'so-nguoi-dan', allocation: 20, target: 30, cellCount: 0, ownCount: 0 },
    ]);
  });

  it('warns, without refusing, when allocations of a cell add up past its target', async () => {
    await assignDt1();
    const res = await assign(dt2, 'so-tu-phap', 'so-nguoi-dan', { allocation: 15 });
    expect(res.statusCode).toBe(200);
    expect(res.json().cell).toMatchObject({ allocated: 35, target: 30, surveyors: 2, overAllocated: true });
    expect(res.json().warnings).toEqual([expect.stringMatching(/Sở Tư pháp × .*tổng phân bổ 35 phiếu vượt chỉ tiêu 30 phiếu/)]);
    const list = await listOf('?unitId=so-tu-phap');
    expect(list.warnings).toHaveLength(1);
  });

  it('changes an allocation, or clears it', async () => {
    await assignDt1();
    await assignDt2();
    expect((await assign(dt2, 'so-tu-phap', 'so-nguoi-dan', { allocation: 10 })).json()).toMatchObject({
      created: false,
      warnings: [],
      cell: { allocated: 30 },
    });
    expect((await assign(dt2, 'so-tu-phap', 'so-nguoi-dan', {})).json()).toMatchObject({
      created: false,
      assignment: { allocation: null },
      cell: { allocated: 20 },
    });
    const [entry] = (await listAudit(h.handle.db, 'account:dt2')).slice(-1);
    expect(entry).toMatchObject({ action: 'assignment.assign' });
    expect(JSON.parse(entry?.detail_json ?? '{}')).toEqual({
      campaignId: CAMPAIGN,
      unitId: 'so-tu-phap',
      groupId: 'so-nguoi-dan',
      allocation: null,
      previousAllocation: 10,
    });
  });

  it.each([
    ['a negative allocation', () => assign(dt1, 'so-y-te', 'so-nguoi-dan', { allocation: -1 }), 400, 'invalid-request'],
    ['a fractional allocation', () => assign(dt1, 'so-y-te', 'so-nguoi-dan', { allocation: 2.5 }), 400, 'invalid-request'],
    ['an allocation as text', () => assign(dt1, 'so-y-te', 'so-nguoi-dan', { allocation: '5' }), 400, 'invalid-request'],
    ['a group that rates another level', () => assign(dt1, 'so-y-te', 'huyen-nguoi-dan'), 400, 'group-level-mismatch'],
    ['a unit of no campaign', () => assign(dt1, 'so-khong-co', 'so-nguoi-dan'), 404, 'not-found'],
    ['a group of no campaign', () => assign(dt1, 'so-y-te', 'nhom-khong-co'), 404, 'not-found'],
    ['an account that does not exist', () => assign('khong-co', 'so-y-te', 'so-nguoi-dan'), 404, 'not-found'],
    [
      'an account that is not a surveyor',
      async () => assign((await listAccounts()).dm ?? 'dm', 'so-tu-phap', 'so-nguoi-dan'),
      409,
      'not-a-surveyor',
    ],
    [
      'a campaign that does not exist',
      () => api(h, 'PUT', `/api/campaigns/khong-co/assignments/${dt1}/so-y-te/so-nguoi-dan`, { cookie: admin, payload: {} }),
      404,
      'not-found',
    ],
  ])('refuses %s and assigns nothing', async (_, call, status, error) => {
    const before = { assignments: await countRows(h, 'assignments'), audit: await countRows(h, 'audit_log') };
    const res = await call();
    expectError(res, status, error);
    expect({ assignments: await countRows(h, 'assignments'), audit: await countRows(h, 'audit_log') }).toEqual(before);
  });

  it('says a refusal in English when asked', async () => {
    const dm = (await listAccounts()).dm ?? 'dm';
    const res = await api(h, 'PUT', cellUrl(dm, 'so-tu-phap', 'so-nguoi-dan'), {
      cookie: admin,
      payload: {},
      headers: { 'accept-language': 'en' },
    });
    expectError(res, 409, 'not-a-surveyor');
    expect(res.json().message).toBe('"dm" is not a surveyor: only surveyors are assigned to collect questionnaires.');
    expect((await assign(dm, 'so-tu-phap', 'so-nguoi-dan')).json().message).toBe(
      '"dm" không phải điều tra viên: chỉ điều tra viên được phân công thu phiếu.',
    );
  });

  it('warns when the surveyor is disabled', async () => {
    const res = await assignDisabled();
    expect(res.json().warnings).toEqual([expect.stringMatching(/đang bị khoá/)]);
  });
});

async function listAccounts(): Promise<Record<string, string>> {
  const res = await api(h, 'GET', `/api/campaigns/${CAMPAIGN}/accounts`, { cookie: admin });
  return Object.fromEntries((res.json().accounts as { username: string; id: string }[]).map((a) => [a.username, a.id]));
}

describe('listing assignments', () => {
  it('lists per campaign with names, allocations and what each surveyor sent, filtered by unit or surveyor', async () => {
    await assignDt1();
    await assignDt2();
    await ok(assign(dt2, 'so-tu-phap', 'so-nguoi-dan', {}));
    await ok(assignDisabled());
    await assign(dt1, 'h-minh-hoa', 'huyen-nguoi-dan', { allocation: 5 });
    const all = await listOf();
    expect(all.assignments.map((a) => `${a.username} ${a.unitId} ${a.groupId}`)).toEqual([
      'dt-khoa h-minh-hoa huyen-nguoi-dan',
      'dt1 h-minh-hoa huyen-nguoi-dan',
      'dt1 so-tu-phap so-nguoi-dan',
      'dt2 so-tu-phap so-nguoi-dan',
    ]);
    expect(all.assignments[0]).toMatchObject({ disabled: true, groupName: expect.any(String), unitName: 'UBND huyện Minh Hóa' });
    expect((await listOf(`?surveyorId=${dt1}`)).assignments.map((a) => a.unitId)).toEqual(['h-minh-hoa', 'so-tu-phap']);
    // The cell totals include every surveyor of the cell, even when the list is narrowed to one.
    expect((await listOf(`?surveyorId=${dt1}&unitId=so-tu-phap`)).cells).toEqual([
      { unitId: 'so-tu-phap', groupId: 'so-nguoi-dan', target: 30, counted: 0, allocated: 20, surveyors: 2, overAllocated: false },
    ]);
    expectError(await api(h, 'GET', `/api/campaigns/${CAMPAIGN}/assignments?unitId=khong-co`, { cookie: admin }), 404, 'not-found');
  });
});

describe('removing assignments', () => {
  it('keeps the responses already received, says so, and the next push for the cell is not-assigned', async () => {
    await assignDt1();
    const push = async (responses: unknown[]) =>
      ((await api(h, 'POST', '/api/sync/responses', { cookie: dt1Cookie, payload: { responses } })).json() as { results: ItemResult[] })
        .results;
    expect((await push([citizenResponse(dt1), citizenResponse(dt1)])).map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const [row] = (await listOf(`?surveyorId=${dt1}&unitId=so-tu-phap`)).assignments;
    expect(row).toMatchObject({ received: 2, excluded: 0, lastReceivedAt: expect.any(String) });

    const res = await unassign(dt1, 'so-tu-phap', 'so-nguoi-dan');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ removed: true, responsesKept: 2 });
    expect(res.json().message).toMatch(/2 phiếu .* vẫn được giữ/);
    expect(await countResponses(h.handle.db)).toBe(2);
    expect((await push([citizenResponse(dt1)])).map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual(['not-assigned']);
    expect((await listAudit(h.handle.db, 'account:dt1')).map((e) => e.action).slice(-1)).toEqual(['assignment.unassign']);

    expectError(await unassign(dt1, 'so-tu-phap', 'so-nguoi-dan'), 404, 'not-found');
    const none = await unassign(dt2, 'h-minh-hoa', 'huyen-nguoi-dan');
    expectError(none, 404, 'not-found');
  });

  it('lets a surveyor without assignments change role afterwards', async () => {
    await assignDt2();
    expect((await listOf(`?surveyorId=${dt2}`)).assignments).toHaveLength(1);
    for (const a of (await listOf(`?surveyorId=${dt2}`)).assignments)
      expect((await unassign(dt2, a.unitId, a.groupId)).json().responsesKept).toBe(0);
    const res = await api(h, 'PATCH', `/api/accounts/${dt2}`, { cookie: admin, payload: { role: 'council' } });
    expect(res.json()).toMatchObject({ role: 'council', assignments: 0 });
  });
});
