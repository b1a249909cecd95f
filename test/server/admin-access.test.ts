// Campaign administration is Home Affairs' alone (DESIGN §2 "campaign set-up, accounts"): every admin endpoint is
// refused to coordinators, surveyors, council members and unit staff (403) and to anonymous callers (401), before
// any body is read, and a refused call writes nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, CAMPAIGN, countRows, expectError, multipart, signIn, type Method } from './admin-helpers';
import { ORIGIN, startHarness, type Harness } from './harness';

let h: Harness;
let targetId: string;
let surveyorId: string;
const cookies: Record<string, string> = {};

const csv = 'Tên đăng nhập,Họ tên,Vai trò\nnguoi-moi,Người Mới,Điều tra viên\n';

interface Endpoint {
  method: Method;
  url: () => string;
  payload?: () => unknown;
  multipart?: boolean;
  /** What Home Affairs gets with the same call: the guard lets it through. */
  admin: number;
  /** What must exist first for that call to succeed. */
  given?: () => Promise<void>;
}

const assignmentUrl = () => `/api/campaigns/${CAMPAIGN}/assignments/${surveyorId}/so-y-te/so-nguoi-dan`;
const assignSurveyor = async () => {
  const res = await api(h, 'PUT', assignmentUrl(), { cookie: cookies['quan-tri'], payload: { allocation: 3 } });
  expect(res.statusCode, res.body).toBe(200);
};

const ENDPOINTS: Endpoint[] = [
  { method: 'GET', url: () => '/api/campaigns', admin: 200 },
  { method: 'PUT', url: () => `/api/campaigns/${CAMPAIGN}/state`, payload: () => ({ state: 'open' }), admin: 200 },
  { method: 'GET', url: () => `/api/campaigns/${CAMPAIGN}/settings`, admin: 200 },
  { method: 'PUT', url: () => `/api/campaigns/${CAMPAIGN}/settings`, payload: () => ({ minInterviewMinutes: 5 }), admin: 200 },
  { method: 'GET', url: () => `/api/campaigns/${CAMPAIGN}/accounts`, admin: 200 },
  {
    method: 'POST',
    url: () => `/api/campaigns/${CAMPAIGN}/accounts`,
    // A new name each call: a second call (a retry) must not find it taken.
    payload: () => ({ username: `tao-${randomUUID().slice(0, 8)}`, displayName: 'Tạo', role: 'council' }),
    admin: 201,
  },
  { method: 'POST', url: () => `/api/campaigns/${CAMPAIGN}/accounts/import?dryRun=true`, multipart: true, admin: 200 },
  { method: 'GET', url: () => `/api/accounts/${targetId}`, admin: 200 },
  { method: 'PATCH', url: () => `/api/accounts/${targetId}`, payload: () => ({ displayName: 'Đổi tên' }), admin: 200 },
  { method: 'POST', url: () => `/api/accounts/${targetId}/password`, payload: () => ({}), admin: 200 },
  { method: 'DELETE', url: () => `/api/accounts/${targetId}/sessions`, admin: 200 },
  { method: 'GET', url: () => `/api/campaigns/${CAMPAIGN}/assignments`, admin: 200 },
  { method: 'PUT', url: assignmentUrl, payload: () => ({ allocation: 3 }), admin: 200 },
  { method: 'DELETE', url: assignmentUrl, admin: 200, given: assignSurveyor },
  { method: 'GET', url: () => '/api/audit', admin: 200 },
];

function send(e: Endpoint, cookie: string | undefined, headers: Record<string, string> = {}) {
  if (e.multipart) {
    const body = multipart('tai-khoan.csv', csv);
    return h.app.inject({
      method: e.method,
      url: e.url(),
      headers: { ...(cookie ? { cookie } : {}), ...body.headers, ...headers },
      payload: body.payload,
    });
  }
  return api(h, e.method, e.url(), { cookie, payload: e.payload?.(), headers });
}

const state = async () => ({
  accounts: await countRows(h, 'accounts'),
  assignments: await countRows(h, 'assignments'),
  audit: await countRows(h, 'audit_log'),
  settings: await countRows(h, 'campaign_settings'),
  displayName: (await h.handle.db.selectFrom('accounts').select('display_name').where('id', '=', targetId).executeTakeFirstOrThrow())
    .display_name,
});

// One database for the table (a copy per row tripled its time): a refused call writes nothing, which every row checks,
// and each call Home Affairs makes either may be repeated or sets up what it needs first (`given`), so any order passes.
beforeAll(async () => {
  h = await startHarness();
  await h.account('quan-tri', 'admin');
  await h.account('dau-moi', 'coordinator', { unitId: 'so-tu-phap' });
  surveyorId = await h.account('dieu-tra', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
  await h.account('hoi-dong', 'council');
  await h.account('can-bo', 'staff', { unitId: 'so-tu-phap' });
  targetId = await h.account('muc-tieu', 'surveyor');
  for (const u of ['quan-tri', 'dau-moi', 'dieu-tra', 'hoi-dong', 'can-bo']) cookies[u] = await signIn(h, u);
});
afterAll(() => h.close());

describe('every admin endpoint is Home Affairs only', () => {
  const label = (e: Endpoint) => `${e.method} ${e.url().replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')}`;

  it.each(ENDPOINTS.map((e) => [label(e), e] as const))('%s: 401 anonymous, 403 for every other role, nothing written', async (_, e) => {
    await e.given?.();
    const before = await state();
    const anonymous = await send(e, undefined);
    expectError(anonymous, 401, 'unauthenticated');
    for (const who of ['dau-moi', 'dieu-tra', 'hoi-dong', 'can-bo']) {
      const res = await send(e, cookies[who]);
      expectError(res, 403, 'forbidden');
      expect(res.body).not.toContain('password');
      expect(res.body).not.toContain('muc-tieu');
    }
    expect(await state()).toEqual(before);
  });

  it.each(ENDPOINTS.map((e) => [label(e), e] as const))('%s: Home Affairs gets through', async (_, e) => {
    await e.given?.();
    const res = await send(e, cookies['quan-tri']);
    expect(res.statusCode, res.body.slice(0, 400)).toBe(e.admin);
  });

  it('refuses a state-changing admin call from another origin', async () => {
    const before = await state();
    for (const e of ENDPOINTS.filter((x) => x.method !== 'GET')) {
      const res = await send(e, cookies['quan-tri'], { origin: 'https://evil.example' });
      expectError(res, 403, 'bad-origin');
    }
    expect(await state()).toEqual(before);
    expect((await send(ENDPOINTS[1] as Endpoint, cookies['quan-tri'], { origin: ORIGIN })).statusCode).toBe(200);
  });

  it('documents every admin route in the OpenAPI spec under the admin tag', async () => {
    const spec = (await api(h, 'GET', '/api/openapi.json')).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const admin = Object.entries(spec.paths).flatMap(([p, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.tags?.includes('admin'))
        .map(([m]) => `${m.toUpperCase()} ${p}`),
    );
    expect(admin.sort()).toEqual(
      [
        'GET /api/campaigns',
        'PUT /api/campaigns/{campaignId}/state',
        'GET /api/campaigns/{campaignId}/settings',
        'PUT /api/campaigns/{campaignId}/settings',
        'GET /api/campaigns/{campaignId}/accounts',
        'POST /api/campaigns/{campaignId}/accounts',
        'POST /api/campaigns/{campaignId}/accounts/import',
        'GET /api/accounts/{accountId}',
        'PATCH /api/accounts/{accountId}',
        'POST /api/accounts/{accountId}/password',
        'DELETE /api/accounts/{accountId}/sessions',
        'GET /api/campaigns/{campaignId}/assignments',
        'PUT /api/campaigns/{campaignId}/assignments/{surveyorId}/{unitId}/{groupId}',
        'DELETE /api/campaigns/{campaignId}/assignments/{surveyorId}/{unitId}/{groupId}',
        'GET /api/audit',
      ].sort(),
    );
  });
});
