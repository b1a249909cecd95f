// Authorization over what comes back (DESIGN §2, issue 11). authorization.test.ts says who may call what; this suite
// says that no answer reveals an item, answer or file outside the caller's scope, whatever its status. Every GET
// operation of the OpenAPI document is read, as every kind of caller, with its path parameters filled from PARAMS:
// a new read route is read here the day it is added, and the table test fails until READS knows it.
//
// Two techniques:
// 1. Non-interference: a secret change is made, every read is repeated, and every caller who must not observe the
//    change gets byte-equal answers (a total, a count, an audit entry, a 404 turning into a 200 all count).
// 2. Canaries: distinctive strings are put where only some roles may see them; no answer to anyone else contains one,
//    and each one reaches someone who may see it (so the search is not vacuous).
// Statuses are not checked here (the other table does that): a 401/403/404 simply has to reveal nothing either.
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceUploadResult, ItemResult, SurveyResponse } from '../../src/shared';
import { difference, toAnswer, type Answer } from './derived/answers';
import { fillPath, operations, queryNames, type OpenApiDocument } from './derived/openapi';
import { pdf, sha256, upload } from './evidence-files';
import { DiskSpace } from '../../src/server/services/disk-space';
import { citizenResponse, startHarness, type Harness } from './harness';

const C = 'quang-binh-2021';
const TP = 'so-tu-phap';
const YT = 'so-y-te';
// The app's clock stands still so that the same state gives the same bytes (times in answers, session expiries).
const FIXED = new Date('2021-12-10T03:00:00Z');

type Caller = 'anonymous' | 'admin' | 'coordTp' | 'coordYt' | 'staff' | 'surveyorA' | 'surveyorB' | 'council';
const CALLERS: readonly Caller[] = ['anonymous', 'admin', 'coordTp', 'coordYt', 'staff', 'surveyorA', 'surveyorB', 'council'];

// ---------------------------------------------------------------------------------------------------------------
// Canaries: where each is put, who may see it, and who must be shown it somewhere (the search finds what it looks for).

const CANARY = {
  tpShortText: 'CANARY-TP-P5-Q7V3',
  tpLongText: 'CANARY-TP-C1-W2M8',
  tpSerial: 'CANARY-TP-SERIAL-H4',
  ytShortText: 'CANARY-YT-P5-B9K1',
  ytLongText: 'CANARY-YT-C1-J6T5',
  ytSerial: 'CANARY-YT-SERIAL-R2',
  tpRosterName: 'CANARY-TP-ROSTER-NAME-X3P7',
  tpRosterOrg: 'CANARY-TP-ROSTER-ORG-L8D2',
  ytRosterName: 'CANARY-YT-ROSTER-NAME-N5F4',
  ytRosterOrg: 'CANARY-YT-ROSTER-ORG-Z1C6',
  tpUnassignedExplanation: 'CANARY-TP-231-EXPLANATION-U4G9',
  tpUnassignedNote: 'CANARY-TP-231-NOTE-E7S3',
  tpUnassignedFile: 'CANARY-TP-231-FILE-K2Y8',
  tpUnassignedFileText: 'CANARY-TP-231-CONTENT-P6A1',
  tpLibraryFile: 'CANARY-TP-LIBRARY-FILE-D3H5',
  tpLibraryFileText: 'CANARY-TP-LIBRARY-CONTENT-M9Q2',
  tpAssignedExplanation: 'CANARY-TP-211-EXPLANATION-V1R7',
  tpStaffFile: 'CANARY-TP-STAFF-FILE-T8W4',
  tpStaffFileText: 'CANARY-TP-STAFF-CONTENT-F5N6',
  ytExplanation: 'CANARY-YT-111-EXPLANATION-G2J9',
  ytNote: 'CANARY-YT-111-NOTE-S6B3',
  ytFile: 'CANARY-YT-FILE-Y4L1',
  ytFileText: 'CANARY-YT-CONTENT-C7X5',
  tpOtherStaffExplanation: 'CANARY-TP-111-EXPLANATION-O3K8',
  tpOtherStaffFile: 'CANARY-TP-OTHER-STAFF-FILE-I9E2',
  tpOtherStaffFileText: 'CANARY-TP-OTHER-STAFF-CONTENT-A5U7',
} as const;

/** The evidence files, their content carrying a canary too (a download must not hand it over). */
const FILES = {
  tpStaff: { name: `${CANARY.tpStaffFile}.pdf`, bytes: pdf(CANARY.tpStaffFileText) },
  tpUnassigned: { name: `${CANARY.tpUnassignedFile}.pdf`, bytes: pdf(CANARY.tpUnassignedFileText) },
  tpLibrary: { name: `${CANARY.tpLibraryFile}.pdf`, bytes: pdf(CANARY.tpLibraryFileText) },
  yt: { name: `${CANARY.ytFile}.pdf`, bytes: pdf(CANARY.ytFileText) },
  tpOtherStaff: { name: `${CANARY.tpOtherStaffFile}.pdf`, bytes: pdf(CANARY.tpOtherStaffFileText) },
};
const HASH = Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, sha256(f.bytes)])) as Record<keyof typeof FILES, string>;

interface Canary {
  name: string;
  value: string;
  /** Who may be shown it (DESIGN §2). */
  may: readonly Caller[];
  /** Who must find it in some answer at the end: proof that it was planted where it should be. */
  seenBy: readonly Caller[];
}
const group = (names: string[], values: Record<string, string>, may: readonly Caller[], seenBy: readonly Caller[]): Canary[] =>
  names.map((name) => ({ name, value: values[name] ?? '', may, seenBy }));
const CV: Record<string, string> = { ...CANARY, ...Object.fromEntries(Object.entries(HASH).map(([k, v]) => [`hash:${k}`, v])) };
// Individual answers: Home Affairs only, never a coordinator (even of the unit), the council or staff; the surveyor
// who collected them, though no server answer gives them back.
const CANARIES: Canary[] = [
  ...group(['tpShortText', 'tpLongText', 'tpSerial'], CV, ['admin', 'surveyorA'], ['admin']),
  ...group(['ytShortText', 'ytLongText', 'ytSerial'], CV, ['admin', 'surveyorB'], ['admin']),
  // The payment roster: the unit's coordinator, Home Affairs, the surveyor's own entries.
  ...group(['tpRosterName', 'tpRosterOrg'], CV, ['admin', 'coordTp', 'surveyorA'], ['admin', 'coordTp']),
  ...group(['ytRosterName', 'ytRosterOrg'], CV, ['admin', 'coordYt', 'surveyorB'], ['admin', 'coordYt']),
  // Self-assessment: the unit's coordinator, Home Affairs and the council; the staff member only what is assigned
  // to them (2.3.1 is not, nor 1.1.1, nor a library file someone else uploaded and attached to nothing).
  ...group(
    [
      ...[
        'tpUnassignedExplanation',
        'tpUnassignedNote',
        'tpUnassignedFile',
        'tpUnassignedFileText',
        'hash:tpUnassigned',
        'tpLibraryFile',
        'tpLibraryFileText',
        'hash:tpLibrary',
      ],
      ...['tpOtherStaffExplanation', 'tpOtherStaffFile', 'tpOtherStaffFileText', 'hash:tpOtherStaff'],
    ],
    CV,
    ['admin', 'coordTp', 'council'],
    ['admin', 'coordTp', 'council'],
  ),
  ...group(
    ['tpAssignedExplanation', 'tpStaffFile', 'tpStaffFileText', 'hash:tpStaff'],
    CV,
    ['admin', 'coordTp', 'council', 'staff'],
    ['admin', 'coordTp', 'council', 'staff'],
  ),
  ...group(
    ['ytExplanation', 'ytNote', 'ytFile', 'ytFileText', 'hash:yt'],
    CV,
    ['admin', 'coordYt', 'council'],
    ['admin', 'coordYt', 'council'],
  ),
];

// Response ids are known before the responses exist, so the same URLs are read before and after they are pushed.
const RID = {
  tpBase: randomUUID(),
  ytBase: randomUUID(),
  tpText: randomUUID(),
  tpPaper: randomUUID(),
  ytText: randomUUID(),
  ytPaper: randomUUID(),
  unknown: randomUUID(),
};

// ---------------------------------------------------------------------------------------------------------------
// The table: every GET operation of the OpenAPI document, with the query strings it is read with ('' = none), and
// the values of every path parameter (each operation is read at every combination).

const READS: Record<string, readonly string[]> = {
  'GET /api/health': [''],
  'GET /api/ready': [''],
  'GET /api/system/backup': [''],
  'GET /api/auth/me': [''],
  'GET /api/auth/session': [''],
  'GET /api/sync/pull': [''],
  'GET /api/campaigns': [''],
  'GET /api/campaigns/current': [''],
  'GET /api/audit': ['', `?subject=sa:${C}:${TP}`, `?subject=sa:${C}:${TP}:2.3.1`, '?action=sa.file.upload'],
  'GET /api/accounts/{accountId}': [''],
  'GET /api/campaigns/{campaignId}/accounts': ['', `?unitId=${YT}`],
  'GET /api/campaigns/{campaignId}/assignments': [''],
  'GET /api/campaigns/{campaignId}/settings': [''],
  'GET /api/campaigns/{campaignId}/questionnaires': [''],
  'GET /api/campaigns/{campaignId}/frameworks': [''],
  'GET /api/campaigns/{campaignId}/progress': ['', `?unitId=${TP}`, `?unitId=${YT}`],
  'GET /api/campaigns/{campaignId}/responses': ['', `?unitId=${TP}`],
  'GET /api/campaigns/{campaignId}/review': [''],
  'GET /api/campaigns/{campaignId}/review/summary': [''],
  'GET /api/campaigns/{campaignId}/self-assessments': [''],
  'GET /api/campaigns/{campaignId}/exports/responses.csv': [
    '?questionnaireId=phieu-03-s',
    `?questionnaireId=phieu-03-s&unitId=${TP}&labels=labels`,
  ],
  'GET /api/campaigns/{campaignId}/exports/responses.xlsx': ['', `?unitId=${YT}`],
  'GET /api/campaigns/{campaignId}/exports/scores.json': [''],
  'GET /api/campaigns/{campaignId}/exports/scores.csv': [''],
  'GET /api/campaigns/{campaignId}/exports/scores.xlsx': [''],
  'GET /api/campaigns/{campaignId}/exports/rosters.html': ['', `?unitId=${TP}`, `?unitId=${YT}`],
  'GET /api/campaigns/{campaignId}/exports/rosters.xlsx': ['', `?unitId=${TP}`, `?unitId=${YT}`],
  'GET /api/responses/{id}': [''],
  'GET /api/responses/{id}/audit': [''],
  'GET /api/responses/{id}/review': [''],
  'GET /api/self-assessments/{campaignId}/{unitId}': [''],
  'GET /api/self-assessments/{campaignId}/{unitId}/audit': ['', '?code=2.3.1', '?code=2.1.1', '?code=1.1.1'],
  'GET /api/self-assessments/{campaignId}/{unitId}/files/{hash}': [''],
  'GET /api/self-assessments/{campaignId}/{unitId}/signed-report': [''],
  'GET /api/self-assessments/{campaignId}/{unitId}/staff': [''],
  'GET /api/self-assessments/{campaignId}/{unitId}/appraisal': [''],
  'GET /api/campaigns/{campaignId}/appraisal-tasks': [''],
  'GET /api/campaigns/{campaignId}/council': [''],
  'GET /api/campaigns/{campaignId}/results': [''],
  'GET /api/campaigns/{campaignId}/publications/{version}/report.html': [''],
  'GET /api/public/campaigns/{campaignId}/results': [''],
  'GET /ket-qua/{campaignId}': ['', '?phien-ban=1'],
  'GET /ket-qua/{campaignId}/{unitId}': [''],
  'GET /api/public/campaigns/{campaignId}/results/{version}': [''],
  'GET /api/public/campaigns/{campaignId}/results/{version}/ket-qua.xlsx': [''],
  'GET /api/campaigns/{campaignId}/self-fill/batches': ['', `?unitId=${YT}`],
  'GET /api/p/{code}': [''],
};

const ids = {} as Record<Exclude<Caller, 'anonymous'>, string>;
/** Path parameter values, read once the accounts exist. */
const PARAMS: Record<string, () => readonly string[]> = {
  campaignId: () => [C],
  unitId: () => [TP, YT],
  id: () => Object.values(RID),
  accountId: () => [ids.staff, ids.coordTp, ids.surveyorB],
  hash: () => [...Object.values(HASH), '0'.repeat(64)],
  version: () => ['1'],
  // Not a self-fill code (issue 19): the respondent's read answers every caller alike. A well-formed code matching
  // nothing would count against this one address, and after 200 its answer changes to 429 for everyone (by design).
  code: () => ['1.1.1'],
};

// The document is read when the file is collected, so that each operation gets its own tests.
// The disk's free space is the machine's, not the data's: a fixed reading, so the readiness answer compares.
const h: Harness = await startHarness({ app: { now: () => FIXED, disk: new DiskSpace('.', 0, async () => 64 * 2 ** 30) } });
afterAll(() => h.close());
const DOC = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApiDocument;
const OPS = operations(DOC);
/** Operations that can be read: every path parameter has values (an operation missing from READS is read with no query). */
const READABLE = OPS.filter((op) => op.pathParams.every((p) => p in PARAMS));

// ---------------------------------------------------------------------------------------------------------------
// Calls

const USERNAME: Record<Exclude<Caller, 'anonymous'>, string> = {
  admin: 'qt-so-noi-vu',
  coordTp: 'dm-tu-phap',
  coordYt: 'dm-y-te',
  staff: 'cb-tu-phap',
  surveyorA: 'dtv-a',
  surveyorB: 'dtv-b',
  council: 'hd-tham-dinh',
};
/** Who acts: a caller, or another staff member of Sở Tư pháp (not a caller: what is assigned to them is hidden from the one who is). */
type Actor = Caller | 'otherStaff';
const cookies = {} as Record<Exclude<Actor, 'anonymous'>, string>;
let otherStaff = '';
const cookieOf = (who: Actor): string | undefined => (who === 'anonymous' ? undefined : cookies[who]);

async function send(who: Actor, method: 'PUT' | 'POST', url: string, payload: object, status: number): Promise<LightMyRequestResponse> {
  const cookie = cookieOf(who);
  const res = await h.app.inject({ method, url, headers: cookie ? { cookie } : {}, payload });
  expect(res.statusCode, `${who} ${method} ${url}: ${res.body.slice(0, 300)}`).toBe(status);
  return res;
}
/** The staff member's assignment: field 2 minus 2.3.1, i.e. criteria 2.1, 2.2 and 2.4 (2.5 is survey-scored). */
const STAFF_CRITERIA = ['2.1', '2.2', '2.4'];
const saBase = (unit: string) => `/api/self-assessments/${C}/${unit}`;
const saveItem = (who: Actor, unit: string, code: string, body: { score: number; explanation?: string; note?: string }) =>
  send(who, 'PUT', `${saBase(unit)}/items/${code}`, { version: 0, explanation: null, note: null, ...body }, 204);

async function uploadAs(who: Actor, unit: string, file: { name: string; bytes: Buffer }, attachTo?: string): Promise<void> {
  const res = await upload(h, cookieOf(who), [file], { unit, ...(attachTo ? { attachTo } : {}) });
  expect(res.statusCode, res.body).toBe(200);
  expect((res.json() as EvidenceUploadResult).files.map((f) => f.hash)).toEqual([sha256(file.bytes)]);
}

async function push(who: Caller, kind: 'responses' | 'roster', items: object[]): Promise<void> {
  const res = await send(who, 'POST', `/api/sync/${kind}`, kind === 'responses' ? { responses: items } : { entries: items }, 200);
  expect((res.json() as { results: ItemResult[] }).results.map((r) => r.status)).toEqual(items.map(() => 'accepted'));
}

const rosterEntry = (surveyorId: string, unitId: string, over: { respondentName: string; organisation?: string }) => ({
  id: randomUUID(),
  campaignId: C,
  unitId,
  groupId: 'so-nguoi-dan',
  surveyorId,
  deviceId: 'dev-derived',
  collectedOn: '2021-12-10',
  ...over,
});

/** An interview carrying open-text canaries (P5 short text, C1 long text) and a paper one carrying its serial. */
function secretResponses(
  surveyorId: string,
  unitId: string,
  id: { text: string; paper: string },
  text: { short: string; long: string; serial: string },
): SurveyResponse[] {
  const base = citizenResponse(surveyorId, { unitId });
  return [
    { ...base, id: id.text, answers: { ...base.answers, P5: text.short, C1: text.long } },
    { ...base, id: id.paper, mode: 'paper', paperSerial: text.serial },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Reading everything

interface ReadCase {
  op: string;
  /** The automatic HEAD twin of each GET is read too: its headers (a file name, a length) are an answer as well. */
  method: 'GET' | 'HEAD';
  url: string;
  /** "GET /api/…?…": where its answer is kept. */
  key: string;
}
let CASES: ReadCase[] = [];
/** Per caller, per case key: what came back. */
type Snapshot = Map<Caller, Map<string, Answer>>;
const snapshots: { after: string; answers: Snapshot }[] = [];

async function readAll(): Promise<Snapshot> {
  const out: Snapshot = new Map();
  for (const who of CALLERS) {
    const mine = new Map<string, Answer>();
    const cookie = cookieOf(who);
    for (const c of CASES)
      mine.set(c.key, await toAnswer(await h.app.inject({ method: c.method, url: c.url, headers: cookie ? { cookie } : {} })));
    out.set(who, mine);
  }
  return out;
}

const casesOf = (op: string) => CASES.filter((c) => c.op === op);
const answerOf = (s: Snapshot, who: Caller, key: string): Answer => {
  const a = s.get(who)?.get(key);
  if (!a) throw new Error(`no answer for ${who} ${key}`);
  return a;
};

beforeAll(async () => {
  ids.admin = await h.account(USERNAME.admin, 'admin');
  ids.coordTp = await h.account(USERNAME.coordTp, 'coordinator', { unitId: TP });
  ids.coordYt = await h.account(USERNAME.coordYt, 'coordinator', { unitId: YT });
  ids.staff = await h.account(USERNAME.staff, 'staff', { unitId: TP });
  otherStaff = await h.account('cb-tu-phap-2', 'staff', { unitId: TP });
  ids.surveyorA = await h.account(USERNAME.surveyorA, 'surveyor', { cells: [[TP, 'so-nguoi-dan']] });
  ids.surveyorB = await h.account(USERNAME.surveyorB, 'surveyor', { cells: [[YT, 'so-nguoi-dan']] });
  ids.council = await h.account(USERNAME.council, 'council');
  for (const who of Object.keys(USERNAME) as Exclude<Caller, 'anonymous'>[]) cookies[who] = await h.login(USERNAME[who]);
  cookies.otherStaff = await h.login('cb-tu-phap-2');

  await send(
    'coordTp',
    'PUT',
    `${saBase(TP)}/assignments`,
    { assignments: STAFF_CRITERIA.map((code) => ({ code, staffId: ids.staff })) },
    204,
  );
  // What the staff member may see: an explanation on an assigned item, and their own file attached to it.
  await saveItem('coordTp', TP, '2.1.1', { score: 1, explanation: CANARY.tpAssignedExplanation });
  await uploadAs('staff', TP, FILES.tpStaff, '2.1.1');
  // One plain response and roster entry per unit, so that counts and downloads have something before the changes.
  await push('surveyorA', 'responses', [citizenResponse(ids.surveyorA, { id: RID.tpBase })]);
  await push('surveyorB', 'responses', [citizenResponse(ids.surveyorB, { id: RID.ytBase, unitId: YT })]);
  await push('surveyorA', 'roster', [rosterEntry(ids.surveyorA, TP, { respondentName: 'Nguyễn Văn An' })]);
  await push('surveyorB', 'roster', [rosterEntry(ids.surveyorB, YT, { respondentName: 'Lê Thị Hoa' })]);

  const params = Object.fromEntries(Object.entries(PARAMS).map(([k, f]) => [k, f()]));
  CASES = READABLE.flatMap((op) =>
    fillPath(op.path, params).flatMap((path) =>
      (READS[op.key] ?? ['']).flatMap((q) =>
        (['GET', 'HEAD'] as const).map((method) => ({ op: op.key, method, url: `${path}${q}`, key: `${method} ${path}${q}` })),
      ),
    ),
  );
  // A first pass, dropped: a read may record itself (a session's last use), and the baseline must already include that.
  await readAll();
  snapshots.push({ after: 'set-up', answers: await readAll() });
});

// ---------------------------------------------------------------------------------------------------------------

describe('the table', () => {
  it('knows every GET operation of the OpenAPI document', () => {
    expect(OPS.length).toBeGreaterThanOrEqual(30);
    const unknown = OPS.map((op) => op.key).filter((k) => !(k in READS));
    expect(unknown, 'GET operations missing from READS in this file: add each with the query strings to read it with').toEqual([]);
  });

  it('lists no operation the document does not have', () => {
    const documented = new Set(OPS.map((op) => op.key));
    expect(Object.keys(READS).filter((k) => !documented.has(k))).toEqual([]);
  });

  it('has values for every path parameter, and reads only documented query parameters', () => {
    const missing = OPS.flatMap((op) => op.pathParams.filter((p) => !(p in PARAMS)).map((p) => `${op.key}: {${p}}`));
    expect(missing, 'path parameters with no values in PARAMS').toEqual([]);
    const undocumented = OPS.flatMap((op) =>
      (READS[op.key] ?? []).flatMap((q) =>
        queryNames(q)
          .filter((n) => !op.queryParams.includes(n))
          .map((n) => `${op.key}: ?${n}`),
      ),
    );
    expect(undocumented, 'query parameters the document does not declare').toEqual([]);
  });

  it('reads every operation at least once as every caller', () => {
    expect(CASES.length).toBeGreaterThan(OPS.length);
    for (const op of READABLE) expect(casesOf(op.key).length, op.key).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Non-interference: the changes are made in this order, each on top of the one before.

interface Change {
  name: string;
  /** Callers who must not be able to tell that it happened. */
  hiddenFrom: readonly Caller[];
  apply(): Promise<void>;
}

const CHANGES: Change[] = [
  {
    name: 'Sở Tư pháp’s coordinator scores and explains 2.3.1 (not assigned to the staff member), uploads a file to it, attaches the staff member’s own file to it too, and puts a file in the library',
    hiddenFrom: ['anonymous', 'coordYt', 'staff', 'surveyorA', 'surveyorB'],
    async apply() {
      await saveItem('coordTp', TP, '2.3.1', { score: 1, explanation: CANARY.tpUnassignedExplanation, note: CANARY.tpUnassignedNote });
      await uploadAs('coordTp', TP, FILES.tpUnassigned, '2.3.1');
      await send('coordTp', 'POST', `${saBase(TP)}/items/2.3.1/files`, { hash: HASH.tpStaff }, 200);
      await uploadAs('coordTp', TP, FILES.tpLibrary);
    },
  },
  {
    name: 'Sở Y tế’s coordinator edits its self-assessment and uploads a file',
    hiddenFrom: ['anonymous', 'coordTp', 'staff', 'surveyorA', 'surveyorB'],
    async apply() {
      await saveItem('coordYt', YT, '1.1.1', { score: 1, explanation: CANARY.ytExplanation, note: CANARY.ytNote });
      await uploadAs('coordYt', YT, FILES.yt, '1.1.1');
    },
  },
  {
    name: 'surveyor B pushes responses and payment-roster entries to Sở Y tế',
    hiddenFrom: ['anonymous', 'coordTp', 'staff', 'surveyorA', 'council'],
    async apply() {
      await push(
        'surveyorB',
        'responses',
        secretResponses(
          ids.surveyorB,
          YT,
          { text: RID.ytText, paper: RID.ytPaper },
          { short: CANARY.ytShortText, long: CANARY.ytLongText, serial: CANARY.ytSerial },
        ),
      );
      await push('surveyorB', 'roster', [
        rosterEntry(ids.surveyorB, YT, { respondentName: CANARY.ytRosterName, organisation: CANARY.ytRosterOrg }),
      ]);
    },
  },
  {
    name: 'surveyor A pushes responses and payment-roster entries to Sở Tư pháp',
    hiddenFrom: ['anonymous', 'coordYt', 'staff', 'surveyorB', 'council'],
    async apply() {
      await push(
        'surveyorA',
        'responses',
        secretResponses(
          ids.surveyorA,
          TP,
          { text: RID.tpText, paper: RID.tpPaper },
          { short: CANARY.tpShortText, long: CANARY.tpLongText, serial: CANARY.tpSerial },
        ),
      );
      await push('surveyorA', 'roster', [
        rosterEntry(ids.surveyorA, TP, { respondentName: CANARY.tpRosterName, organisation: CANARY.tpRosterOrg }),
      ]);
    },
  },
  {
    name: 'Sở Tư pháp’s coordinator assigns criterion 1.1 to another staff member, who explains 1.1.1 and puts a file in the library',
    hiddenFrom: ['anonymous', 'coordYt', 'staff', 'surveyorA', 'surveyorB'],
    async apply() {
      const assignments = [...STAFF_CRITERIA.map((code) => ({ code, staffId: ids.staff })), { code: '1.1', staffId: otherStaff }];
      await send('coordTp', 'PUT', `${saBase(TP)}/assignments`, { assignments }, 204);
      await saveItem('otherStaff', TP, '1.1.1', { score: 0, explanation: CANARY.tpOtherStaffExplanation });
      await uploadAs('otherStaff', TP, FILES.tpOtherStaff);
    },
  },
];

/** Makes the changes in order up to the n-th, reading everything after each (a run filtered to one change stays right). */
async function reach(n: number): Promise<void> {
  while (snapshots.length <= n) {
    const change = CHANGES[snapshots.length - 1];
    if (!change) throw new Error(`no change ${n}`);
    await change.apply();
    snapshots.push({ after: change.name, answers: await readAll() });
  }
}

CHANGES.forEach((change, i) => {
  describe(`non-interference: ${change.name}`, () => {
    beforeAll(() => reach(i + 1));

    for (const op of READABLE) {
      describe(op.key, () => {
        it.each([...change.hiddenFrom])('%s sees no difference', (who) => {
          const [before, after] = [snapshots[i], snapshots[i + 1]];
          if (!before || !after) throw new Error('snapshots missing');
          const seen = casesOf(op.key).flatMap((c) => {
            const d = difference(answerOf(before.answers, who, c.key), answerOf(after.answers, who, c.key));
            return d ? [`${c.key}: ${d}`] : [];
          });
          expect(seen, `${who} can tell that ${change.name}`).toEqual([]);
        });
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Canaries, over every answer read after every change.

describe('canaries', () => {
  beforeAll(() => reach(CHANGES.length));

  for (const op of READABLE) {
    describe(op.key, () => {
      it.each([...CALLERS])('%s is shown no canary outside their scope', (who) => {
        const forbidden = CANARIES.filter((c) => !c.may.includes(who));
        // One line per URL and canary, naming the first change after which it showed.
        const leaks = new Map<string, string>();
        for (const s of snapshots) {
          for (const c of casesOf(op.key)) {
            const text = answerOf(s.answers, who, c.key).text;
            for (const k of forbidden) {
              const key = `${c.key}: ${k.name} (${k.value})`;
              if (text.includes(k.value) && !leaks.has(key)) leaks.set(key, `${key}, first after: ${s.after}`);
            }
          }
        }
        expect([...leaks.values()], `${who} is shown what is outside their scope`).toEqual([]);
      });
    });
  }

  it('finds them in the cells of XLSX downloads (decompressed), not only in JSON, CSV and HTML', () => {
    const last = snapshots[snapshots.length - 1];
    if (!last) throw new Error('no snapshot');
    const xlsx = (who: Caller, url: string) => answerOf(last.answers, who, `GET ${url}`).text;
    expect(xlsx('admin', `/api/campaigns/${C}/exports/responses.xlsx`)).toContain(CANARY.tpLongText);
    expect(xlsx('admin', `/api/campaigns/${C}/exports/rosters.xlsx`)).toContain(CANARY.ytRosterOrg);
    expect(xlsx('coordTp', `/api/campaigns/${C}/exports/rosters.xlsx`)).toContain(CANARY.tpRosterName);
  });

  it.each(CANARIES.map((c) => [c.name, c] as const))('%s reaches those who may see it', (_name, canary) => {
    const last = snapshots[snapshots.length - 1];
    if (!last) throw new Error('no snapshot');
    for (const who of canary.seenBy) {
      const where = CASES.filter((c) => answerOf(last.answers, who, c.key).text.includes(canary.value));
      expect(where.length, `${canary.name} is in no answer to ${who}: the canary is not where it should be`).toBeGreaterThan(0);
    }
  });
});
