// Who may call what (DESIGN §2, §7), enforced on the server per request. Every registered route is in one table of
// caller → expected status, and every forbidden case of §2 is tried directly: a refused call must also write nothing.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setAccountDisabled } from '../../src/server/db/accounts';
import { countResponses, getResponse } from '../../src/server/db/responses';
import { revokeAccountSessions } from '../../src/server/db/sessions';
import { createAccount } from '../../src/server/services/auth';
import type { ItemResult, ProgressReport, SurveyResponse } from '../../src/shared';
import { citizenResponse, harnessPerTest, staffResponse, ORIGIN, PASSWORD, startHarness, type Harness } from './harness';

type Who = 'anonymous' | 'admin' | 'coordTp' | 'coordYt' | 'surveyor' | 'council' | 'staff';
const CALLERS: Who[] = ['anonymous', 'admin', 'coordTp', 'coordYt', 'surveyor', 'council', 'staff'];
type SignedIn = Exclude<Who, 'anonymous'>;
const USERNAME: Record<SignedIn, string> = {
  admin: 'qt-so-noi-vu',
  coordTp: 'dm-tu-phap',
  coordYt: 'dm-y-te',
  surveyor: 'dtv-a',
  council: 'hd-tham-dinh',
  staff: 'cb-tu-phap',
};
const ROLE = {
  admin: 'admin',
  coordTp: 'coordinator',
  coordYt: 'coordinator',
  surveyor: 'surveyor',
  council: 'council',
  staff: 'staff',
} as const;

const CAMPAIGN = 'quang-binh-2021';
const EVIL = 'https://evil.example';

let h: Harness;
const cookies = {} as Record<SignedIn, string>;
let surveyorA: string;
let surveyorB: string;
/** The account the admin table rows act on (rename, reset password, revoke sessions). */
let adminTarget: string;
/** Responses already on the server: two in Sở Tư pháp (by A), two in Sở Y tế (by B). */
const storedTp: SurveyResponse[] = [];
const storedYt: SurveyResponse[] = [];

// Each sign-in comes from its own address so the per-address login limit never interferes with these tests.
let addressSeq = 0;
const nextAddress = () => {
  addressSeq += 1;
  return `10.77.${Math.floor(addressSeq / 250)}.${(addressSeq % 250) + 1}`;
};
async function signIn(username: string, harness: Harness = h): Promise<string> {
  const res = await harness.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: nextAddress(),
    payload: { username, password: PASSWORD },
  });
  expect(res.statusCode, `login ${username}: ${res.body}`).toBe(200);
  const c = res.cookies.find((x) => x.name === 'phieu_session');
  if (!c) throw new Error('no session cookie');
  return `phieu_session=${c.value}`;
}

const cookieOf = (who: Who): Record<string, string> => (who === 'anonymous' ? {} : { cookie: cookies[who] });

async function call(
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  opts: { cookie?: string; payload?: unknown; headers?: Record<string, string>; harness?: Harness } = {},
) {
  const headers: Record<string, string> = { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...opts.headers };
  return (opts.harness ?? h).app.inject({
    method,
    url,
    headers,
    ...(opts.payload !== undefined ? { payload: opts.payload as object } : {}),
  });
}

async function pushAs(cookie: string, responses: unknown[], headers: Record<string, string> = {}) {
  return call('POST', '/api/sync/responses', { cookie, payload: { responses }, headers });
}
const resultsOf = (res: LightMyRequestResponse) => (res.json() as { results: ItemResult[] }).results;

async function countRoster(harness: Harness = h): Promise<number> {
  const row = await harness.handle.db
    .selectFrom('roster_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
async function countSessions(harness: Harness = h): Promise<number> {
  const row = await harness.handle.db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const rosterEntry = (surveyorId: string, over: Record<string, unknown> = {}) => ({
  id: crypto.randomUUID(),
  campaignId: CAMPAIGN,
  unitId: 'so-tu-phap',
  groupId: 'so-nguoi-dan',
  surveyorId,
  deviceId: 'dev-auth',
  respondentName: 'Trần Văn Bình',
  collectedOn: '2021-12-10',
  ...over,
});

/** An error body as DESIGN promises: a stable code and a message a person can read. */
function expectErrorBody(res: LightMyRequestResponse, error: string) {
  const body = res.json() as { error: unknown; message: unknown };
  expect(body.error).toBe(error);
  expect(typeof body.message).toBe('string');
  expect((body.message as string).length).toBeGreaterThan(0);
}

/** The response the exclude and restore rows act on: each call gets a new one, excluded first for restore. */
let reviewTarget = '';
async function storeReviewTarget(excluded: boolean): Promise<void> {
  const r = citizenResponse(surveyorA);
  expect(resultsOf(await pushAs(cookies.surveyor, [r])).map((x) => x.status)).toEqual(['accepted']);
  if (excluded) {
    const res = await call('POST', `/api/responses/${r.id}/exclude`, { cookie: cookies.admin, payload: { reason: 'Chuẩn bị' } });
    expect(res.statusCode, res.body).toBe(204);
  }
  reviewTarget = r.id;
}
const reviewTargetExcluded = async () => (await getResponse(h.handle.db, reviewTarget))?.excluded;

/** The assignment the assignment rows act on (surveyor B × Sở Y tế's own staff): its allocation, or null when there is none. */
const assignmentUrl = () => `/api/campaigns/${CAMPAIGN}/assignments/${surveyorB}/so-y-te/so-cong-chuc-so`;
async function allocationOfB(): Promise<number | null | undefined> {
  const row = await h.handle.db
    .selectFrom('assignments')
    .select('allocation')
    .where('surveyor_id', '=', surveyorB)
    .where('unit_id', '=', 'so-y-te')
    .where('group_id', '=', 'so-cong-chuc-so')
    .executeTakeFirst();
  return row ? row.allocation : null;
}
async function setAssignmentOfB(allocation: number): Promise<void> {
  const res = await call('PUT', assignmentUrl(), { cookie: cookies.admin, payload: { allocation } });
  expect(res.statusCode, res.body).toBe(200);
}

/** Whether the account the council rows act on is on the council. */
const onCouncil = async () =>
  (await h.handle.db.selectFrom('council_members').select('position').where('account_id', '=', adminTarget).executeTakeFirst()) !==
  undefined;
async function putOnCouncil(): Promise<void> {
  const res = await call('PUT', `/api/campaigns/${CAMPAIGN}/council/${adminTarget}`, {
    cookie: cookies.admin,
    payload: { position: 'member', organisation: 'Sở Nội vụ', scopes: [] },
  });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  h = await startHarness();
  await h.account(USERNAME.admin, 'admin');
  await h.account(USERNAME.coordTp, 'coordinator', { unitId: 'so-tu-phap' });
  await h.account(USERNAME.coordYt, 'coordinator', { unitId: 'so-y-te' });
  surveyorA = await h.account(USERNAME.surveyor, 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
  surveyorB = await h.account('dtv-b', 'surveyor', { cells: [['so-y-te', 'so-nguoi-dan']] });
  await h.account(USERNAME.council, 'council');
  await h.account(USERNAME.staff, 'staff', { unitId: 'so-tu-phap' });
  await h.account('dang-nhap-thu', 'surveyor');
  adminTarget = await h.account('qt-muc-tieu', 'council');
  for (const who of Object.keys(USERNAME) as SignedIn[]) cookies[who] = await signIn(USERNAME[who]);
  const cookieB = await signIn('dtv-b');

  storedTp.push(
    citizenResponse(surveyorA),
    citizenResponse(surveyorA, { answers: { ...citizenResponse(surveyorA).answers, P6: 'buu-chinh' } }),
  );
  storedYt.push(citizenResponse(surveyorB, { unitId: 'so-y-te' }), citizenResponse(surveyorB, { unitId: 'so-y-te' }));
  expect(resultsOf(await pushAs(cookies.surveyor, storedTp)).map((r) => r.status)).toEqual(['accepted', 'accepted']);
  expect(resultsOf(await pushAs(cookieB, storedYt)).map((r) => r.status)).toEqual(['accepted', 'accepted']);
});
afterAll(() => h.close());

// ---------------------------------------------------------------------------------------------------------------
// The table: every route the app registers, every kind of caller.

interface Row {
  route: string;
  url: () => string;
  payload?: () => unknown;
  /** The call ends the caller's session, so each caller gets a throwaway one. */
  throwawaySession?: boolean;
  /** Puts what the call acts on in the state the call needs, before each caller's call: the row holds in any order. */
  prepare?: () => Promise<void>;
  /** What the call acts on: a refused call leaves it as it was, an allowed one as `changed`. */
  state?: { read: () => Promise<unknown>; changed: unknown };
  expect: Record<Who, number>;
}

const everyone = (status: number): Record<Who, number> => Object.fromEntries(CALLERS.map((w) => [w, status])) as Record<Who, number>;
/** Signed-in callers in `allowed` get 200, other signed-in callers 403, anonymous 401. */
const only = (...allowed: SignedIn[]): Record<Who, number> =>
  Object.fromEntries(CALLERS.map((w) => [w, w === 'anonymous' ? 401 : allowed.includes(w) ? 200 : 403])) as Record<Who, number>;

const ROWS: Row[] = [
  { route: 'GET /api/health', url: () => '/api/health', expect: everyone(200) },
  { route: 'GET /api/ready', url: () => '/api/ready', expect: everyone(200) },
  { route: 'GET /api/system/backup', url: () => '/api/system/backup', expect: only('admin') },
  { route: 'GET /api/openapi.json', url: () => '/api/openapi.json', expect: everyone(200) },
  { route: 'GET /api/docs', url: () => '/api/docs', expect: everyone(200) },
  // Public by nature: valid credentials of another account sign in whoever sends them.
  {
    route: 'POST /api/auth/login',
    url: () => '/api/auth/login',
    payload: () => ({ username: 'dang-nhap-thu', password: PASSWORD }),
    expect: everyone(200),
  },
  { route: 'POST /api/auth/logout', url: () => '/api/auth/logout', throwawaySession: true, expect: everyone(200) },
  { route: 'GET /api/auth/me', url: () => '/api/auth/me', expect: only('admin', 'coordTp', 'coordYt', 'surveyor', 'council', 'staff') },
  // Nobody signed in is an answer ({ user: null }), not a 401: the app asks before anyone has signed in.
  { route: 'GET /api/auth/session', url: () => '/api/auth/session', expect: everyone(200) },
  { route: 'GET /api/sync/pull', url: () => '/api/sync/pull', expect: only('surveyor') },
  {
    route: 'POST /api/sync/responses',
    url: () => '/api/sync/responses',
    payload: () => ({ responses: [citizenResponse(surveyorA)] }),
    expect: only('surveyor'),
  },
  {
    route: 'POST /api/sync/roster',
    url: () => '/api/sync/roster',
    payload: () => ({ entries: [rosterEntry(surveyorA)] }),
    expect: only('surveyor'),
  },
  {
    route: 'GET /api/campaigns/current',
    url: () => '/api/campaigns/current',
    expect: only('admin', 'coordTp', 'coordYt', 'surveyor', 'council', 'staff'),
  },
  {
    route: 'GET /api/campaigns/:campaignId/questionnaires',
    url: () => `/api/campaigns/${CAMPAIGN}/questionnaires`,
    expect: only('admin', 'coordTp', 'coordYt', 'surveyor', 'council', 'staff'),
  },
  {
    route: 'GET /api/campaigns/:campaignId/frameworks',
    url: () => `/api/campaigns/${CAMPAIGN}/frameworks`,
    expect: only('admin', 'coordTp', 'coordYt', 'surveyor', 'council', 'staff'),
  },
  {
    route: 'GET /api/campaigns/:campaignId/progress',
    url: () => `/api/campaigns/${CAMPAIGN}/progress`,
    expect: only('admin', 'coordTp', 'coordYt'),
  },
  { route: 'GET /api/campaigns/:campaignId/responses', url: () => `/api/campaigns/${CAMPAIGN}/responses`, expect: only('admin') },
  { route: 'GET /api/responses/:id', url: () => `/api/responses/${storedTp[0]?.id}`, expect: only('admin') },
  {
    route: 'POST /api/campaigns/:campaignId/import',
    url: () => `/api/campaigns/${CAMPAIGN}/import`,
    payload: () => ({
      format: 'phieu-unsynced',
      version: 1,
      exportedAt: '2021-12-20T00:00:00Z',
      deviceId: null,
      responses: [storedTp[0]],
      roster: [],
    }),
    expect: only('admin'),
  },
  // Downloads (issue 5): Home Affairs only; a coordinator gets their own unit's payment roster (no unitId: their own).
  ...['responses.csv?questionnaireId=phieu-03-s', 'responses.xlsx', 'scores.json', 'scores.csv', 'scores.xlsx'].map((file) => ({
    route: `GET /api/campaigns/:campaignId/exports/${file.split('?')[0]}`,
    url: () => `/api/campaigns/${CAMPAIGN}/exports/${file}`,
    expect: only('admin'),
  })),
  ...['rosters.xlsx', 'rosters.html'].map((file) => ({
    route: `GET /api/campaigns/:campaignId/exports/${file}`,
    url: () => `/api/campaigns/${CAMPAIGN}/exports/${file}`,
    expect: only('admin', 'coordTp', 'coordYt'),
  })),
  { route: 'GET /api/campaigns/:campaignId/review', url: () => `/api/campaigns/${CAMPAIGN}/review`, expect: only('admin') },
  { route: 'GET /api/campaigns/:campaignId/review/summary', url: () => `/api/campaigns/${CAMPAIGN}/review/summary`, expect: only('admin') },
  { route: 'GET /api/responses/:id/review', url: () => `/api/responses/${storedTp[0]?.id}/review`, expect: only('admin') },
  { route: 'GET /api/responses/:id/audit', url: () => `/api/responses/${storedTp[0]?.id}/audit`, expect: only('admin') },
  // Each call acts on a response of its own: a counted one for exclude, an excluded one for restore.
  {
    route: 'POST /api/responses/:id/exclude',
    url: () => `/api/responses/${reviewTarget}/exclude`,
    payload: () => ({ reason: 'Kiểm tra phân quyền' }),
    prepare: () => storeReviewTarget(false),
    state: { read: reviewTargetExcluded, changed: 1 },
    expect: { ...only('admin'), admin: 204 },
  },
  {
    route: 'POST /api/responses/:id/restore',
    url: () => `/api/responses/${reviewTarget}/restore`,
    payload: () => ({ reason: 'Kiểm tra phân quyền' }),
    prepare: () => storeReviewTarget(true),
    state: { read: reviewTargetExcluded, changed: 0 },
    expect: { ...only('admin'), admin: 204 },
  },
  // Campaign administration (issue 5): Home Affairs only. The JSON body sent to the sheet import is refused as not
  // multipart once the role check has let Home Affairs through; the assignment rows set up the assignment they act on.
  { route: 'GET /api/campaigns', url: () => '/api/campaigns', expect: only('admin') },
  {
    route: 'PUT /api/campaigns/:campaignId/state',
    url: () => `/api/campaigns/${CAMPAIGN}/state`,
    payload: () => ({ state: 'open' }),
    expect: only('admin'),
  },
  { route: 'GET /api/campaigns/:campaignId/settings', url: () => `/api/campaigns/${CAMPAIGN}/settings`, expect: only('admin') },
  {
    route: 'PUT /api/campaigns/:campaignId/settings',
    url: () => `/api/campaigns/${CAMPAIGN}/settings`,
    payload: () => ({}),
    expect: only('admin'),
  },
  { route: 'GET /api/campaigns/:campaignId/accounts', url: () => `/api/campaigns/${CAMPAIGN}/accounts`, expect: only('admin') },
  {
    route: 'POST /api/campaigns/:campaignId/accounts',
    url: () => `/api/campaigns/${CAMPAIGN}/accounts`,
    payload: () => ({ username: 'tao-trong-bang', displayName: 'Tạo trong bảng', role: 'council' }),
    expect: { ...only('admin'), admin: 201 },
  },
  {
    route: 'POST /api/campaigns/:campaignId/accounts/import',
    url: () => `/api/campaigns/${CAMPAIGN}/accounts/import`,
    payload: () => ({}),
    expect: { ...only('admin'), admin: 415 },
  },
  { route: 'GET /api/accounts/:accountId', url: () => `/api/accounts/${adminTarget}`, expect: only('admin') },
  {
    route: 'PATCH /api/accounts/:accountId',
    url: () => `/api/accounts/${adminTarget}`,
    payload: () => ({ displayName: 'Đổi tên' }),
    expect: only('admin'),
  },
  {
    route: 'POST /api/accounts/:accountId/password',
    url: () => `/api/accounts/${adminTarget}/password`,
    payload: () => ({}),
    expect: only('admin'),
  },
  { route: 'DELETE /api/accounts/:accountId/sessions', url: () => `/api/accounts/${adminTarget}/sessions`, expect: only('admin') },
  { route: 'GET /api/campaigns/:campaignId/assignments', url: () => `/api/campaigns/${CAMPAIGN}/assignments`, expect: only('admin') },
  {
    route: 'PUT /api/campaigns/:campaignId/assignments/:surveyorId/:unitId/:groupId',
    url: assignmentUrl,
    payload: () => ({ allocation: 2 }),
    prepare: () => setAssignmentOfB(1),
    state: { read: allocationOfB, changed: 2 },
    expect: only('admin'),
  },
  {
    route: 'DELETE /api/campaigns/:campaignId/assignments/:surveyorId/:unitId/:groupId',
    url: assignmentUrl,
    prepare: () => setAssignmentOfB(2),
    state: { read: allocationOfB, changed: null },
    expect: only('admin'),
  },
  { route: 'GET /api/audit', url: () => '/api/audit', expect: only('admin') },
  // Self-assessment of Sở Tư pháp: its coordinator edits, its staff (nothing assigned here) reads, Home Affairs and the council read.
  {
    route: 'GET /api/campaigns/:campaignId/self-assessments',
    url: () => `/api/campaigns/${CAMPAIGN}/self-assessments`,
    expect: only('admin', 'council'),
  },
  {
    route: 'GET /api/self-assessments/:campaignId/:unitId',
    url: () => `/api/self-assessments/${CAMPAIGN}/so-tu-phap`,
    expect: only('admin', 'coordTp', 'council', 'staff'),
  },
  {
    route: 'PUT /api/self-assessments/:campaignId/:unitId/items/:code',
    url: () => `/api/self-assessments/${CAMPAIGN}/so-tu-phap/items/1.1.1`,
    payload: () => ({ version: 0, score: 0, explanation: null, note: null }),
    expect: { ...only('coordTp'), coordTp: 204 },
  },
  {
    route: 'GET /api/self-assessments/:campaignId/:unitId/staff',
    url: () => `/api/self-assessments/${CAMPAIGN}/so-tu-phap/staff`,
    expect: only('coordTp'),
  },
  {
    route: 'PUT /api/self-assessments/:campaignId/:unitId/assignments',
    url: () => `/api/self-assessments/${CAMPAIGN}/so-tu-phap/assignments`,
    payload: () => ({ assignments: [] }),
    expect: { ...only('coordTp'), coordTp: 204 },
  },
  // Allowed for the coordinator, who is then told what is still missing.
  {
    route: 'POST /api/self-assessments/:campaignId/:unitId/submit',
    url: () => `/api/self-assessments/${CAMPAIGN}/so-tu-phap/submit`,
    expect: { ...only('coordTp'), coordTp: 409 },
  },
  {
    route: 'GET /api/self-assessments/:campaignId/:unitId/audit',
    url: () => `/api/self-assessments/${CAMPAIGN}/so-tu-phap/audit`,
    expect: only('admin', 'coordTp', 'council', 'staff'),
  },
  // Evidence files of Sở Tư pháp. Once let through: the JSON body sent to the upload is refused as not multipart (staff with
  // nothing assigned may not upload at all), and the hash below is in no library (404).
  {
    route: 'POST /api/self-assessments/:campaignId/:unitId/files',
    url: () => `/api/self-assessments/${CAMPAIGN}/so-tu-phap/files`,
    payload: () => ({}),
    expect: { ...only('coordTp'), coordTp: 415 },
  },
  {
    route: 'GET /api/self-assessments/:campaignId/:unitId/files/:hash',
    url: () => `/api/self-assessments/${CAMPAIGN}/so-tu-phap/files/${'0'.repeat(64)}`,
    expect: { ...only('admin', 'coordTp', 'council', 'staff'), admin: 404, coordTp: 404, council: 404, staff: 404 },
  },
  {
    route: 'POST /api/self-assessments/:campaignId/:unitId/items/:code/files',
    url: () => `/api/self-assessments/${CAMPAIGN}/so-tu-phap/items/1.1.1/files`,
    payload: () => ({ hash: '0'.repeat(64) }),
    expect: { ...only('coordTp'), coordTp: 404 },
  },
  {
    route: 'DELETE /api/self-assessments/:campaignId/:unitId/items/:code/files/:hash',
    url: () => `/api/self-assessments/${CAMPAIGN}/so-tu-phap/items/1.1.1/files/${'0'.repeat(64)}`,
    expect: { ...only('coordTp'), coordTp: 404 },
  },
  // The signed report (issue 15): the JSON body sent to the upload is refused as not multipart; none is uploaded here (404),
  // and staff never read it (it carries every total).
  {
    route: 'PUT /api/self-assessments/:campaignId/:unitId/signed-report',
    url: () => `/api/self-assessments/${CAMPAIGN}/so-tu-phap/signed-report`,
    payload: () => ({}),
    expect: { ...only('coordTp'), coordTp: 415 },
  },
  {
    route: 'GET /api/self-assessments/:campaignId/:unitId/signed-report',
    url: () => `/api/self-assessments/${CAMPAIGN}/so-tu-phap/signed-report`,
    expect: { ...only('admin', 'coordTp', 'council', 'staff'), admin: 404, coordTp: 404, council: 404, staff: 403 },
  },
  // Appraisal (issue 12). Sở Tư pháp is a draft here: the council's actions are allowed to try, and the workflow answers 409.
  // The council account of this table is the council's chair (the harness's default for a council account).
  {
    route: 'GET /api/campaigns/:campaignId/appraisal-tasks',
    url: () => `/api/campaigns/${CAMPAIGN}/appraisal-tasks`,
    expect: only('admin', 'council'),
  },
  {
    route: 'GET /api/self-assessments/:campaignId/:unitId/appraisal',
    url: () => `/api/self-assessments/${CAMPAIGN}/so-tu-phap/appraisal`,
    expect: only('admin', 'coordTp', 'council', 'staff'),
  },
  {
    route: 'PUT /api/self-assessments/:campaignId/:unitId/appraisal/items/:code',
    url: () => `/api/self-assessments/${CAMPAIGN}/so-tu-phap/appraisal/items/1.1.1`,
    payload: () => ({ version: 0, score: 0, comment: null }),
    expect: { ...only('council'), council: 409 },
  },
  {
    route: 'POST /api/self-assessments/:campaignId/:unitId/explanation-requests',
    url: () => `/api/self-assessments/${CAMPAIGN}/so-tu-phap/explanation-requests`,
    payload: () => ({ codes: ['1.1.1'], message: 'Kiểm tra phân quyền', deadline: '2021-12-20' }),
    expect: { ...only('council'), council: 409 },
  },
  {
    route: 'POST /api/self-assessments/:campaignId/:unitId/explanation-requests/answer',
    url: () => `/api/self-assessments/${CAMPAIGN}/so-tu-phap/explanation-requests/answer`,
    payload: () => ({ message: null }),
    expect: { ...only('coordTp'), coordTp: 409 },
  },
  {
    route: 'POST /api/self-assessments/:campaignId/:unitId/appraisal/close',
    url: () => `/api/self-assessments/${CAMPAIGN}/so-tu-phap/appraisal/close`,
    expect: { ...only('admin', 'council'), admin: 409, council: 409 },
  },
  {
    route: 'POST /api/self-assessments/:campaignId/:unitId/return',
    url: () => `/api/self-assessments/${CAMPAIGN}/so-tu-phap/return`,
    payload: () => ({ to: 'draft', reason: 'Kiểm tra phân quyền' }),
    expect: { ...only('admin'), admin: 400 },
  },
  { route: 'GET /api/campaigns/:campaignId/council', url: () => `/api/campaigns/${CAMPAIGN}/council`, expect: only('admin', 'council') },
  {
    route: 'PUT /api/campaigns/:campaignId/council/:accountId',
    url: () => `/api/campaigns/${CAMPAIGN}/council/${adminTarget}`,
    payload: () => ({ position: 'member', organisation: 'Sở Nội vụ', scopes: [] }),
    expect: only('admin'),
  },
  {
    route: 'DELETE /api/campaigns/:campaignId/council/:accountId',
    url: () => `/api/campaigns/${CAMPAIGN}/council/${adminTarget}`,
    prepare: putOnCouncil,
    state: { read: onCouncil, changed: false },
    expect: { ...only('admin'), admin: 204 },
  },
  // Results (issue 12): Home Affairs; nothing is published in this table's campaign, so the public pages answer 404 to all.
  { route: 'GET /api/campaigns/:campaignId/results', url: () => `/api/campaigns/${CAMPAIGN}/results`, expect: only('admin') },
  {
    route: 'POST /api/campaigns/:campaignId/publications',
    url: () => `/api/campaigns/${CAMPAIGN}/publications`,
    payload: () => ({ reason: null }),
    expect: { ...only('admin'), admin: 409 },
  },
  {
    route: 'GET /api/campaigns/:campaignId/publications/:version/report.html',
    url: () => `/api/campaigns/${CAMPAIGN}/publications/1/report.html`,
    expect: { ...only('admin'), admin: 404 },
  },
  { route: 'GET /ket-qua/:campaignId', url: () => `/ket-qua/${CAMPAIGN}`, expect: everyone(404) },
  { route: 'GET /ket-qua/:campaignId/:unitId', url: () => `/ket-qua/${CAMPAIGN}/so-tu-phap`, expect: everyone(404) },
  { route: 'GET /api/public/campaigns/:campaignId/results', url: () => `/api/public/campaigns/${CAMPAIGN}/results`, expect: everyone(404) },
  {
    route: 'GET /api/public/campaigns/:campaignId/results/:version',
    url: () => `/api/public/campaigns/${CAMPAIGN}/results/1`,
    expect: everyone(404),
  },
  {
    route: 'GET /api/public/campaigns/:campaignId/results/:version/ket-qua.xlsx',
    url: () => `/api/public/campaigns/${CAMPAIGN}/results/1/ket-qua.xlsx`,
    expect: everyone(404),
  },
  // Self-fill codes (issue 19): Home Affairs for any cell, a surveyor for assigned cells, nobody else. This table's clock is
  // the machine's, past the survey deadline, so those let through are refused by the deadline (409); self-fill.test.ts
  // issues, lists and revokes on the campaign's calendar, with the forbidden cases there too.
  {
    route: 'POST /api/campaigns/:campaignId/self-fill/batches',
    url: () => `/api/campaigns/${CAMPAIGN}/self-fill/batches`,
    payload: () => ({ unitId: 'so-tu-phap', groupId: 'so-nguoi-dan', count: 1 }),
    expect: { ...only('admin', 'surveyor'), admin: 409, surveyor: 409 },
  },
  {
    route: 'GET /api/campaigns/:campaignId/self-fill/batches',
    url: () => `/api/campaigns/${CAMPAIGN}/self-fill/batches`,
    expect: only('admin', 'surveyor'),
  },
  {
    route: 'POST /api/campaigns/:campaignId/self-fill/batches/:batchId/revoke',
    url: () => `/api/campaigns/${CAMPAIGN}/self-fill/batches/${'5d0c2a8e-7f3b-4b1a-9c6d-2e8f4a1b3c5d'}/revoke`,
    expect: { ...only('admin', 'surveyor'), admin: 404, surveyor: 404 },
  },
  // A respondent's routes need no account: a code that matches nothing is 404 to everyone, signed in or not.
  { route: 'GET /api/p/:code', url: () => '/api/p/3333-AAAA-4444', expect: everyone(404) },
  {
    route: 'POST /api/p/:code/submit',
    url: () => '/api/p/3333-AAAA-4444/submit',
    payload: () => ({
      responseId: '0b7e3f1a-5c2d-4e8f-9a1b-3c4d5e6f7a8b',
      secret: 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdl',
      questionnaireId: 'phieu-03-s',
      questionnaireVersion: 1,
      startedAt: '2021-12-10T08:00:00+07:00',
      finishedAt: '2021-12-10T08:14:00+07:00',
      answers: {},
    }),
    expect: everyone(404),
  },
];

describe('route table', () => {
  it('covers every route the app registers', () => {
    // The route tree nests a route under the one its path extends (4 columns per level): rebuild full paths.
    // The swagger UI's own assets hang below /api/docs.
    const tree = h.app.printRoutes({ commonPrefix: false });
    const registered = new Set<string>();
    const parents: string[] = [];
    for (const m of tree.matchAll(/^(.*?)[├└]── (\S*) \(([^)]+)\)$/gmu)) {
      const depth = (m[1] ?? '').length / 4;
      const full = (depth > 0 ? (parents[depth - 1] ?? '') : '') + (m[2] ?? '');
      parents[depth] = full;
      if (full.startsWith('/api/docs/')) continue;
      for (const method of (m[3] ?? '').split(', ')) if (method !== 'HEAD') registered.add(`${method} ${full}`);
    }
    expect(registered.size).toBeGreaterThanOrEqual(12);
    expect([...registered].sort()).toEqual(ROWS.map((r) => r.route).sort());
  });

  it('documents every API route in the OpenAPI spec', async () => {
    const spec = (await call('GET', '/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(spec.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const expected = ROWS.map((r) => r.route).filter((r) => !r.includes('/api/docs') && !r.includes('/api/openapi.json'));
    expect(documented.sort()).toEqual(expected.sort());
  });

  for (const row of ROWS) {
    describe(row.route, () => {
      it.each(CALLERS.map((who) => [who, row.expect[who]] as const))('%s → %i', async (who, status) => {
        const method = row.route.split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
        let cookie = who === 'anonymous' ? undefined : cookies[who];
        if (row.throwawaySession && who !== 'anonymous') cookie = await signIn(USERNAME[who]);
        await row.prepare?.();
        const state = await row.state?.read();
        const before = { responses: await countResponses(h.handle.db), roster: await countRoster() };

        const res = await call(method, row.url(), { cookie, payload: row.payload?.() });
        expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
        if (status === 401) expectErrorBody(res, 'unauthenticated');
        if (status === 403) expectErrorBody(res, 'forbidden');

        if (method === 'GET') {
          // The automatic HEAD twin of a GET route is guarded the same way.
          expect((await call('HEAD', row.url(), { cookie })).statusCode).toBe(status);
        }
        const after = { responses: await countResponses(h.handle.db), roster: await countRoster() };
        if (status !== 200) expect(after).toEqual(before);
        if (row.state) expect(await row.state.read(), 'what the call acts on').toEqual(status < 400 ? row.state.changed : state);

        if (status === 200) {
          if (row.route === 'GET /api/auth/me' && who !== 'anonymous') {
            expect(res.json().account).toMatchObject({ username: USERNAME[who], role: ROLE[who] });
          }
          if (row.route === 'POST /api/sync/responses') {
            expect(resultsOf(res).map((r) => r.status)).toEqual(['accepted']);
            expect(after.responses).toBe(before.responses + 1);
          }
          if (row.route === 'POST /api/sync/roster') expect(after.roster).toBe(before.roster + 1);
          if (row.route === 'POST /api/auth/logout' && cookie) {
            // The throwaway session is dead on the server, not only cleared in the browser; the caller's main one lives.
            expect((await call('GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
            if (who !== 'anonymous') expect((await call('GET', '/api/auth/me', { cookie: cookies[who] })).statusCode).toBe(200);
          }
        }
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------------------------
// DESIGN §2, the forbidden cases one by one.

describe('quota progress: a coordinator sees their own unit only', () => {
  const progress = (who: Who, query = '') => call('GET', `/api/campaigns/${CAMPAIGN}/progress${query}`, { cookie: cookieOf(who).cookie });

  it.each([
    ['coordTp', 'so-y-te'],
    ['coordYt', 'so-tu-phap'],
    ['coordTp', 'so-noi-vu'],
    ['coordTp', 'khong-ton-tai'], // 403, not 404: no oracle for which units exist
  ] as const)('%s asking ?unitId=%s gets 403 and no counts', async (who, unitId) => {
    const res = await progress(who, `?unitId=${unitId}`);
    expect(res.statusCode).toBe(403);
    expectErrorBody(res, 'forbidden');
    expect(res.json()).not.toHaveProperty('cells');
    expect(res.json()).not.toHaveProperty('surveyors');
  });

  it('answers its own unit with only that unit: cells, surveyors and totals', async () => {
    const res = await progress('coordTp');
    expect(res.statusCode).toBe(200);
    const report = res.json() as ProgressReport;
    expect(report.cells.length).toBeGreaterThan(0);
    expect(new Set(report.cells.map((c) => c.unit))).toEqual(new Set(['so-tu-phap']));
    expect(report.cells.map((c) => c.group).sort()).toEqual(['so-cong-chuc-huyen', 'so-cong-chuc-so', 'so-nguoi-dan']);
    expect(report.surveyors.every((s) => s.unit === 'so-tu-phap')).toBe(true);
    expect(report.surveyors.map((s) => s.surveyor)).toContain(surveyorA);
    expect(report.surveyors.map((s) => s.surveyor)).not.toContain(surveyorB);
    expect(report.totals.received).toBe(report.cells.reduce((n, c) => n + c.received, 0));
    expect(report.totals.target).toBe(85); // 15 + 40 + 30: the unit's quota, not the province's
    // Nothing of another unit leaks anywhere in the body.
    expect(res.body).not.toContain('so-y-te');
    expect(res.body).not.toContain(surveyorB);
    expect(res.body).not.toContain('dtv-b');
    // Naming its own unit explicitly is the same report.
    expect((await progress('coordTp', '?unitId=so-tu-phap')).json()).toEqual(report);
  });

  it('counts what was received for the unit, and only that', async () => {
    const tp = (await progress('coordTp')).json() as ProgressReport;
    const yt = (await progress('coordYt')).json() as ProgressReport;
    const received = async (unitId: string) =>
      Number(
        (
          await h.handle.db
            .selectFrom('responses')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('unit_id', '=', unitId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(tp.totals.received).toBe(await received('so-tu-phap'));
    expect(yt.totals.received).toBe(await received('so-y-te'));
    expect(new Set(yt.cells.map((c) => c.unit))).toEqual(new Set(['so-y-te']));
  });

  it('lets Home Affairs see every unit, or one', async () => {
    const all = (await progress('admin')).json() as ProgressReport;
    const units = new Set(all.cells.map((c) => c.unit));
    expect(units.has('so-tu-phap') && units.has('so-y-te')).toBe(true);
    const one = (await progress('admin', '?unitId=so-y-te')).json() as ProgressReport;
    expect(new Set(one.cells.map((c) => c.unit))).toEqual(new Set(['so-y-te']));
  });

  it('refuses a coordinator with no unit, or of no campaign', async () => {
    await h.account('dm-khong-don-vi', 'coordinator');
    await createAccount(
      h.handle.db,
      { username: 'dm-khong-ky', displayName: 'dm', role: 'coordinator', password: PASSWORD, unitId: 'so-tu-phap', campaignId: null },
      new Date(),
    );
    for (const username of ['dm-khong-don-vi', 'dm-khong-ky']) {
      const res = await call('GET', `/api/campaigns/${CAMPAIGN}/progress`, { cookie: await signIn(username) });
      expect(res.statusCode, username).toBe(403);
      expect(res.json()).not.toHaveProperty('cells');
    }
  });
});

describe('individual answers: Home Affairs only, never a coordinator, surveyor or council member', () => {
  const readers: SignedIn[] = ['coordTp', 'coordYt', 'surveyor', 'council', 'staff'];

  it.each(readers)('%s cannot list answers, whatever the filter', async (who) => {
    for (const query of ['', '?unitId=so-tu-phap', '?unitId=so-y-te', `?surveyorId=${surveyorA}`, '?groupId=so-nguoi-dan&limit=500']) {
      const res = await call('GET', `/api/campaigns/${CAMPAIGN}/responses${query}`, { cookie: cookies[who] });
      expect(res.statusCode, `${who} ${query}`).toBe(403);
      expectErrorBody(res, 'forbidden');
      expect(res.body).not.toContain('answers');
      expect(res.body).not.toContain('truc-tiep');
    }
  });

  it.each(readers)('%s cannot read one response, own unit or not, existing or not', async (who) => {
    for (const id of [storedTp[0]?.id, storedTp[1]?.id, storedYt[0]?.id, crypto.randomUUID()]) {
      const res = await call('GET', `/api/responses/${id}`, { cookie: cookies[who] });
      expect(res.statusCode, `${who} ${id}`).toBe(403); // 403 even for an unknown id: no existence oracle
      expect(res.body).not.toContain('answers');
      expect(res.body).not.toContain('buu-chinh');
    }
  });

  it('gives Home Affairs the answers', async () => {
    const one = await call('GET', `/api/responses/${storedTp[1]?.id}`, { cookie: cookies.admin });
    expect(one.statusCode).toBe(200);
    expect(one.json().answers.P6).toBe('buu-chinh');
    const list = await call('GET', `/api/campaigns/${CAMPAIGN}/responses?unitId=so-y-te`, { cookie: cookies.admin });
    expect((list.json() as { responses: { id: string }[] }).responses.map((r) => r.id).sort()).toEqual(storedYt.map((r) => r.id).sort());
  });

  it('gives a surveyor only their own assignments in the pull', async () => {
    const pull = await call('GET', '/api/sync/pull', { cookie: cookies.surveyor });
    expect(pull.statusCode).toBe(200);
    const body = pull.json() as { account: { id: string }; assignments: { unit: string; group: string }[] };
    expect(body.account.id).toBe(surveyorA);
    expect(body.assignments.map((a) => `${a.unit}/${a.group}`)).toEqual(['so-tu-phap/so-nguoi-dan']);
    expect(pull.body).not.toContain(surveyorB);
    expect(pull.body).not.toContain('"answers"');
  });
});

describe('a surveyor pushes only to their cells, under their own name', () => {
  it('gets a per-item not-assigned for a cell of someone else or of nobody, and nothing is stored', async () => {
    const foreign = [
      citizenResponse(surveyorA, { unitId: 'so-y-te' }), // B's cell
      citizenResponse(surveyorA, { unitId: 'so-noi-vu' }), // nobody's cell
      staffResponse(surveyorA), // own unit, other group
    ];
    const before = await countResponses(h.handle.db);
    const res = await pushAs(cookies.surveyor, foreign);
    expect(res.statusCode).toBe(200);
    expect(resultsOf(res).map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
      'not-assigned',
      'not-assigned',
      'not-assigned',
    ]);
    for (const r of resultsOf(res)) expect(r.status === 'rejected' && r.message.length > 0).toBe(true);
    expect(await countResponses(h.handle.db)).toBe(before);
    for (const r of foreign) expect(await getResponse(h.handle.db, r.id)).toBeUndefined();
  });

  it('gets a not-assigned roster entry for a cell not theirs, and nothing is stored', async () => {
    const before = await countRoster();
    const res = await call('POST', '/api/sync/roster', {
      cookie: cookies.surveyor,
      payload: { entries: [rosterEntry(surveyorA, { unitId: 'so-y-te' }), rosterEntry(surveyorA, { unitId: 'so-noi-vu' })] },
    });
    expect(resultsOf(res).map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual(['not-assigned', 'not-assigned']);
    expect(await countRoster()).toBe(before);
  });

  it("rejects a response carrying another surveyor's id, in either surveyor's cell, and stores nothing", async () => {
    const forged = [citizenResponse(surveyorB), citizenResponse(surveyorB, { unitId: 'so-y-te' })];
    const before = await countResponses(h.handle.db);
    const res = await pushAs(cookies.surveyor, forged);
    expect(res.statusCode).toBe(200);
    for (const r of resultsOf(res)) {
      expect(r).toMatchObject({ status: 'rejected', code: 'invalid', issues: [{ path: 'surveyorId', message: expect.any(String) }] });
    }
    expect(await countResponses(h.handle.db)).toBe(before);
    for (const r of forged) expect(await getResponse(h.handle.db, r.id)).toBeUndefined();
  });

  it("rejects a roster entry carrying another surveyor's id", async () => {
    const before = await countRoster();
    const res = await call('POST', '/api/sync/roster', {
      cookie: cookies.surveyor,
      payload: { entries: [rosterEntry(surveyorB), rosterEntry(surveyorB, { unitId: 'so-y-te' })] },
    });
    for (const r of resultsOf(res)) expect(r).toMatchObject({ status: 'rejected', code: 'invalid' });
    expect(await countRoster()).toBe(before);
  });

  it("cannot overwrite another surveyor's stored response by reusing its id", async () => {
    const victim = storedYt[0];
    if (!victim) throw new Error('seed missing');
    const res = await pushAs(cookies.surveyor, [
      { ...victim, surveyorId: surveyorA, unitId: 'so-tu-phap', answers: { ...victim.answers, Q1: 'E' } },
    ]);
    expect(resultsOf(res)[0]).toMatchObject({ status: 'rejected', code: 'conflict', id: victim.id });
    const row = await getResponse(h.handle.db, victim.id);
    expect(row).toMatchObject({ surveyor_id: surveyorB, unit_id: 'so-y-te' });
    expect(JSON.parse(row?.answers_json ?? '{}').Q1).toBe('A');
  });

  it('refuses a push from any other role even with a perfectly valid body', async () => {
    const before = await countResponses(h.handle.db);
    for (const who of ['admin', 'coordTp', 'council', 'staff'] as const) {
      const res = await pushAs(cookies[who], [citizenResponse(surveyorA)], { origin: ORIGIN });
      expect(res.statusCode, who).toBe(403);
    }
    expect(await countResponses(h.handle.db)).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Sessions that are no longer valid behave exactly like no session.

describe('dead sessions behave like no session', () => {
  const protectedCalls = (cookie: string) => [
    () => call('GET', '/api/auth/me', { cookie }),
    () => call('GET', '/api/sync/pull', { cookie }),
    () => pushAs(cookie, [citizenResponse(surveyorA)]),
    () => call('POST', '/api/sync/roster', { cookie, payload: { entries: [rosterEntry(surveyorA)] } }),
  ];

  async function expectDead(cookie: string) {
    const before = { responses: await countResponses(h.handle.db), roster: await countRoster() };
    for (const make of protectedCalls(cookie)) {
      const res = await make();
      expect(res.statusCode, res.body).toBe(401);
      expectErrorBody(res, 'unauthenticated');
    }
    expect({ responses: await countResponses(h.handle.db), roster: await countRoster() }).toEqual(before);
  }

  it('refuses forged, empty and overlong tokens', async () => {
    for (const cookie of [
      'phieu_session=forged-token',
      'phieu_session=',
      `phieu_session=${'a'.repeat(129)}`,
      `phieu_session=${'a'.repeat(10_000)}`,
      'phieu_session=%E0%A4%A',
      'other=1',
    ]) {
      await expectDead(cookie);
    }
  });

  it('refuses a session after logout, when its token is replayed', async () => {
    const cookie = await signIn(USERNAME.surveyor);
    expect((await call('POST', '/api/auth/logout', { cookie })).statusCode).toBe(200);
    await expectDead(cookie);
  });

  it('refuses every session of an account after revokeAccountSessions', async () => {
    const id = await h.account('dtv-thu-hoi', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
    const [c1, c2] = [await signIn('dtv-thu-hoi'), await signIn('dtv-thu-hoi')];
    expect((await pushAs(c1, [citizenResponse(id)])).statusCode).toBe(200);
    expect(await revokeAccountSessions(h.handle.db, id, new Date().toISOString())).toBe(2);
    const before = await countResponses(h.handle.db);
    for (const c of [c1, c2]) {
      const res = await pushAs(c, [citizenResponse(id)]);
      expect(res.statusCode).toBe(401);
      expect((await call('GET', '/api/auth/me', { cookie: c })).statusCode).toBe(401);
    }
    expect(await countResponses(h.handle.db)).toBe(before);
    // Signing in again works: revocation ends sessions, not the account.
    expect((await call('GET', '/api/auth/me', { cookie: await signIn('dtv-thu-hoi') })).statusCode).toBe(200);
  });

  it('refuses a disabled account at login, like an unknown one, and ends its live session', async () => {
    const id = await h.account('dtv-vo-hieu', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
    const live = await signIn('dtv-vo-hieu');
    expect((await call('GET', '/api/auth/me', { cookie: live })).statusCode).toBe(200);
    await setAccountDisabled(h.handle.db, id, new Date().toISOString());
    try {
      await expectDead(live);
      const sessionsBefore = await countSessions();
      const disabled = await h.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: nextAddress(),
        payload: { username: 'dtv-vo-hieu', password: PASSWORD },
      });
      const unknown = await h.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: nextAddress(),
        payload: { username: 'khong-ton-tai', password: PASSWORD },
      });
      expect(disabled.statusCode).toBe(401);
      expect(disabled.json()).toEqual(unknown.json()); // no telling a disabled account from an unknown one
      expect(disabled.cookies.find((c) => c.name === 'phieu_session')).toBeUndefined();
      expect(await countSessions()).toBe(sessionsBefore);
    } finally {
      await setAccountDisabled(h.handle.db, id, null);
    }
  });

  describe('with a clock', () => {
    // Each test its own server and database, and the same start time.
    let hc: Harness;
    const START = new Date();
    let clock = START;
    const HOUR = 3600_000;
    const DAY = 24 * HOUR;
    const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
    let surveyorC: string;

    beforeEach(() => {
      clock = START;
    });
    harnessPerTest(
      (fresh) => (hc = fresh),
      async (t) => {
        surveyorC = await t.account('dtv-c', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
        await t.account('dm-c', 'coordinator', { unitId: 'so-tu-phap' });
        await t.account('dm-d', 'coordinator', { unitId: 'so-tu-phap' });
        await t.account('khoa-c', 'coordinator', { unitId: 'so-tu-phap' });
        await t.account('khoa-song-song', 'coordinator', { unitId: 'so-tu-phap' });
      },
      { app: { now: () => clock, allowedOrigins: ['https://phieu.quangbinh.example'] } },
    );

    const loginAt = (username: string, password = PASSWORD) =>
      hc.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: nextAddress(), payload: { username, password } });

    it('ends an idle coordinator session after 12 hours and a surveyor one after 60 days, on every route', async () => {
      const coord = await signIn('dm-c', hc);
      const surv = await signIn('dtv-c', hc);
      advance(12 * HOUR + 1000);
      expect((await call('GET', `/api/campaigns/${CAMPAIGN}/progress`, { cookie: coord, harness: hc })).statusCode).toBe(401);
      expect((await call('GET', '/api/auth/me', { cookie: coord, harness: hc })).statusCode).toBe(401);
      // The surveyor's long-lived session is still good (and slides forward with this use).
      expect((await call('GET', '/api/sync/pull', { cookie: surv, harness: hc })).statusCode).toBe(200);
      advance(60 * DAY + 1000);
      const before = await countResponses(hc.handle.db);
      const push = await call('POST', '/api/sync/responses', {
        cookie: surv,
        harness: hc,
        payload: { responses: [citizenResponse(surveyorC)] },
      });
      expect(push.statusCode).toBe(401);
      expectErrorBody(push, 'unauthenticated');
      expect(await countResponses(hc.handle.db)).toBe(before);
      expect((await call('GET', '/api/sync/pull', { cookie: surv, harness: hc })).statusCode).toBe(401);
    });

    it('slides a session forward with use', async () => {
      const coord = await signIn('dm-d', hc);
      advance(11 * HOUR);
      expect((await call('GET', '/api/auth/me', { cookie: coord, harness: hc })).statusCode).toBe(200);
      advance(2 * HOUR); // 13 h after login, 2 h after last use
      expect((await call('GET', '/api/auth/me', { cookie: coord, harness: hc })).statusCode).toBe(200);
      advance(12 * HOUR + 1000);
      expect((await call('GET', '/api/auth/me', { cookie: coord, harness: hc })).statusCode).toBe(401);
    });

    it('locks an account after five failures, refuses even the right password meanwhile, and unlocks by itself', async () => {
      for (let i = 0; i < 4; i += 1) expect((await loginAt('khoa-c', `sai-${i}`)).statusCode).toBe(401);
      const fifth = await loginAt('khoa-c', 'sai-5');
      expect(fifth.statusCode).toBe(429);
      expectErrorBody(fifth, 'account-locked');
      expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(0);
      const right = await loginAt('khoa-c');
      expect(right.statusCode).toBe(429);
      expect(right.cookies.find((c) => c.name === 'phieu_session')).toBeUndefined();
      advance(15 * 60_000 + 1000);
      expect((await loginAt('khoa-c')).statusCode).toBe(200);
    });

    // Regression: the failure count was a read-modify-write race, so ten wrong passwords sent at once left the
    // account unlocked and the right password was then accepted. The count is now incremented in SQL.
    it('counts concurrent failed logins toward the lock', async () => {
      const attempts = await Promise.all(Array.from({ length: 10 }, (_, i) => loginAt('khoa-song-song', `doan-${i}`)));
      expect(attempts.every((r) => r.statusCode === 401 || r.statusCode === 429)).toBe(true);
      const right = await loginAt('khoa-song-song');
      expect(right.statusCode).toBe(429);
    });

    it('accepts a state-changing request from a configured extra origin', async () => {
      const cookie = await signIn('dtv-c', hc);
      const res = await call('POST', '/api/sync/responses', {
        cookie,
        harness: hc,
        headers: { origin: 'https://phieu.quangbinh.example' },
        payload: { responses: [citizenResponse(surveyorC)] },
      });
      expect(res.statusCode).toBe(200);
      const evil = await call('POST', '/api/sync/responses', {
        cookie,
        harness: hc,
        headers: { origin: EVIL },
        payload: { responses: [citizenResponse(surveyorC)] },
      });
      expect(evil.statusCode).toBe(403);
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Cross-site request forgery (DESIGN §7): state-changing requests check the Origin.

describe('origin check on state-changing requests', () => {
  const foreignOrigins = [
    EVIL,
    'null',
    'http://localhost:80.evil.example',
    'https://localhost:80',
    'http://localhost:8080',
    'http://evil.localhost:80',
  ];

  it.each(foreignOrigins)('refuses a push from Origin %s with bad-origin and stores nothing', async (origin) => {
    const before = { responses: await countResponses(h.handle.db), roster: await countRoster() };
    const r = citizenResponse(surveyorA);
    const res = await pushAs(cookies.surveyor, [r], { origin });
    expect(res.statusCode).toBe(403);
    expectErrorBody(res, 'bad-origin');
    const roster = await call('POST', '/api/sync/roster', {
      cookie: cookies.surveyor,
      headers: { origin },
      payload: { entries: [rosterEntry(surveyorA)] },
    });
    expect(roster.statusCode).toBe(403);
    expectErrorBody(roster, 'bad-origin');
    expect({ responses: await countResponses(h.handle.db), roster: await countRoster() }).toEqual(before);
    expect(await getResponse(h.handle.db, r.id)).toBeUndefined();
  });

  it('refuses a cross-site login and creates no session', async () => {
    const before = await countSessions();
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: nextAddress(),
      headers: { origin: EVIL },
      payload: { username: USERNAME.surveyor, password: PASSWORD },
    });
    expect(res.statusCode).toBe(403);
    expectErrorBody(res, 'bad-origin');
    expect(res.cookies.find((c) => c.name === 'phieu_session')).toBeUndefined();
    expect(await countSessions()).toBe(before);
  });

  it('refuses a cross-site logout and the session stays live', async () => {
    const cookie = await signIn(USERNAME.surveyor);
    const res = await call('POST', '/api/auth/logout', { cookie, headers: { origin: EVIL } });
    expect(res.statusCode).toBe(403);
    expectErrorBody(res, 'bad-origin');
    expect((await call('GET', '/api/auth/me', { cookie })).statusCode).toBe(200);
  });

  it('refuses Sec-Fetch-Site: cross-site without an Origin, and stores nothing', async () => {
    const before = await countResponses(h.handle.db);
    const res = await pushAs(cookies.surveyor, [citizenResponse(surveyorA)], { 'sec-fetch-site': 'cross-site' });
    expect(res.statusCode).toBe(403);
    expectErrorBody(res, 'bad-origin');
    expect(await countResponses(h.handle.db)).toBe(before);
  });

  it("accepts the server's own origin, no origin (a tool, not a browser), and same-origin fetch metadata", async () => {
    const variants: Record<string, string>[] = [
      { origin: ORIGIN },
      {},
      { 'sec-fetch-site': 'same-origin' },
      { origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
    ];
    for (const headers of variants) {
      const before = await countResponses(h.handle.db);
      const res = await pushAs(cookies.surveyor, [citizenResponse(surveyorA)], headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(200);
      expect(resultsOf(res).map((r) => r.status)).toEqual(['accepted']);
      expect(await countResponses(h.handle.db)).toBe(before + 1);
    }
  });

  it('lets safe methods through whatever the origin, without opening CORS', async () => {
    const res = await call('GET', '/api/auth/me', { cookie: cookies.surveyor, headers: { origin: EVIL } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await h.app.inject({
      method: 'OPTIONS',
      url: '/api/sync/responses',
      headers: { origin: EVIL, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});
