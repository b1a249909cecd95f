// The index on the real server (issue 12): a worked example by hand on the tiny campaign (three units of one level,
// survey answers pushed through sync, self-assessments submitted, appraised and closed by the council), its ranking,
// tie-break and bands; publication as numbered versions frozen byte for byte; the public page's data with no account.
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { LiveResults, Publication, SurveyResponse, UnitResult } from '../../src/shared';
import { answersOf, times, tinyIndex } from '../fixtures/tiny-campaign';
import { expectError } from './admin-helpers';
import { exclude, pushAccepted, readWorkbook, response, sheetRows, writeCampaignFolder } from './export-helpers';
import { harnessPerTest, ORIGIN, type Harness, type HarnessOptions } from './harness';

const C = 'tiny';
const START = new Date('2030-12-10T03:00:00Z');
let clock = START;
let h: Harness;
// Written at once: each describe's template is built from it.
const dir = writeCampaignFolder(tinyIndex().bundle);
const opts: HarnessOptions = { campaignDir: dir, app: { now: () => clock } };
const cookies: Record<string, string> = {};
/** The sessions opened on the running describe's template, valid in each copy of it. */
const sessions: Record<string, string> = {};
let surveyor: string;

// The survey, by hand (weights = quotas: b 40, c 30; at least 5 valid answers per group; "E" = không biết):
// u1: c 16 A 6 B 3 D → 20.5/25 = 0.82; b 8 A 8 B 4 D → 14/20 = 0.70 → (40×0.70 + 30×0.82)/70 = 0.751428… → 5 × → 3.76
// u2: c 20 A 4 B 3 D → 23/27 = 0.851851…; b no answers → left out → 5 × 0.851851… = 4.259… → 4.26
// u3: only "không biết" → no valid answer → the level's lowest ratio (0.751428…, u1's) → 3.76
const survey = () => [
  ...answersOf('u1', 'c', [...times(16, 'A'), ...times(6, 'B'), ...times(3, 'D')]),
  ...answersOf('u1', 'b', [...times(8, 'A'), ...times(8, 'B'), ...times(4, 'D')]),
  ...answersOf('u2', 'c', [...times(20, 'A'), ...times(4, 'B'), ...times(3, 'D')]),
  ...answersOf('u3', 'c', times(10, 'E')),
];
// Self scores (1.1.1 max 3, 1.1.2 max 2) and the council's:
const SELF = { u1: [3, 2], u2: [3, 2], u3: [2, 2] } as const;
const APPRAISED = { u1: [2.5, 2], u2: [2.5, 1.5], u3: [1, 1] } as const;
// Index = appraised + survey over 10 points:
// u1: 4.5 + 3.76 = 8.26 → 82.6 % Khá; u2: 4 + 4.26 = 8.26 → 82.6 % Khá, equal percent: the tie-break (appraised points
// first) puts u1 (4.5) before u2 (4); u3: 2 + 3.76 = 5.76 → 57.6 % Yếu. On their own scores: u2 9.26, u1 8.76, u3 7.76.

type Method = 'GET' | 'PUT' | 'POST';
const call = (who: string | undefined, method: Method, url: string, payload?: object) =>
  h.app.inject({
    method,
    url,
    headers: { ...(who ? { cookie: cookies[who] ?? '' } : {}), ...(method === 'GET' ? {} : { origin: ORIGIN }) },
    payload,
  });
const ok = async (who: string, method: Method, url: string, payload?: object) => {
  const res = await call(who, method, url, payload);
  expect(res.statusCode, `${who} ${method} ${url}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
  return res;
};
const live = async () => (await ok('qt', 'GET', `/api/campaigns/${C}/results`)).json() as LiveResults;
const unitOf = (units: UnitResult[], id: string) => units.find((u) => u.unitId === id)!;

/** The template every test starts from: the accounts, their sessions and the survey answers pushed. */
async function accountsAndSurvey(t: Harness) {
  h = t; // the steps below act on `h`
  await t.account('qt', 'admin');
  await t.account('chu-tich', 'council');
  for (const u of ['u1', 'u2', 'u3']) await t.account(`dm-${u}`, 'coordinator', { unitId: u });
  surveyor = await t.account('dtv', 'surveyor', {
    cells: ['u1', 'u2', 'u3'].flatMap((u): [string, string][] => [
      [u, 'b'],
      [u, 'c'],
    ]),
  });
  for (const who of ['qt', 'chu-tich', 'dm-u1', 'dm-u2', 'dm-u3', 'dtv']) cookies[who] = await t.login(who);
  Object.assign(sessions, cookies);
  await pushAccepted(t, cookies.dtv!, survey().map(toPush));
}
const toPush = (r: ReturnType<typeof answersOf>[number]): SurveyResponse =>
  response({
    campaignId: C,
    unitId: r.unitId,
    groupId: r.groupId,
    questionnaireId: r.questionnaireId,
    surveyorId: surveyor,
    answers: r.answers,
  });

/** Each unit submits its self scores and the chair appraises them (nothing closed yet). */
async function assessAndAppraise() {
  for (const u of ['u1', 'u2', 'u3'] as const) {
    const base = `/api/self-assessments/${C}/${u}`;
    for (const [i, code] of ['1.1.1', '1.1.2'].entries()) {
      await ok(`dm-${u}`, 'PUT', `${base}/items/${code}`, {
        version: 0,
        score: SELF[u][i],
        explanation: 'Có văn bản kèm theo',
        note: null,
      });
    }
    await ok(`dm-${u}`, 'POST', `${base}/submit`);
    for (const [i, code] of ['1.1.1', '1.1.2'].entries()) {
      await ok('chu-tich', 'PUT', `${base}/appraisal/items/${code}`, {
        version: 0,
        score: APPRAISED[u][i],
        comment: APPRAISED[u][i] === SELF[u][i] ? null : 'Thiếu tài liệu kiểm chứng',
      });
    }
  }
}
async function close(units: string[]) {
  for (const u of units) await ok('chu-tich', 'POST', `/api/self-assessments/${C}/${u}/appraisal/close`);
}

beforeEach(() => {
  clock = START;
  Object.assign(cookies, sessions);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the worked example', () => {
  harnessPerTest((fresh) => (h = fresh), accountsAndSurvey, opts);

  it('goes through self-assessment, appraisal and closing by the API', async () => {
    await assessAndAppraise();
  });

  it('refuses publication while a unit is not appraised, naming how many', async () => {
    await assessAndAppraise();
    await ok('chu-tich', 'POST', `/api/self-assessments/${C}/u1/appraisal/close`);
    const res = await call('qt', 'POST', `/api/campaigns/${C}/publications`, { reason: null });
    expectError(res, 409, 'results.not-appraised');
    expect(res.json().message).toContain('2 đơn vị');
    expect((await live()).notAppraised.map((u) => u.unitId)).toEqual(['u2', 'u3']);
    for (const u of ['u2', 'u3']) await ok('chu-tich', 'POST', `/api/self-assessments/${C}/${u}/appraisal/close`);
  });

  it('gives the figures computed by hand, to the last decimal, with the tie broken by the campaign’s rule', async () => {
    await assessAndAppraise();
    await close(['u1', 'u2', 'u3']);
    const { results, notAppraised, publications } = await live();
    expect(notAppraised).toEqual([]);
    expect(publications).toEqual([]);
    const units = results.levels[0]!.units;
    expect(
      units.map((u) => [
        u.unitId,
        u.appraisedPoints,
        u.surveyPoints,
        u.totalPoints,
        u.maxPoints,
        u.percent,
        u.rank,
        u.band.name,
        u.selfPoints,
        u.selfRank,
      ]),
    ).toEqual([
      ['u1', 4.5, 3.76, 8.26, 10, 82.6, 1, 'Khá', 5, 2],
      ['u2', 4, 4.26, 8.26, 10, 82.6, 2, 'Khá', 5, 1],
      ['u3', 2, 3.76, 5.76, 10, 57.6, 3, 'Yếu', 4, 3],
    ]);
    expect(unitOf(units, 'u3').surveyCaveats).toEqual([
      { code: '1.2.1', title: 'Hài lòng về giải quyết TTHC', rule: 'level-minimum', thinGroups: ['b', 'c'] },
    ]);
    expect(unitOf(units, 'u2').surveyCaveats).toEqual([
      { code: '1.2.1', title: 'Hài lòng về giải quyết TTHC', rule: 'computed', thinGroups: ['b'] },
    ]);
    expect(unitOf(units, 'u1').surveyCaveats).toEqual([]);
    expect(unitOf(units, 'u1').fields).toEqual([
      { code: '1', title: 'Lĩnh vực 1', self: 5, appraised: 4.5, appraisedMax: 5, survey: 3.76, surveyMax: 5 },
    ]);
    expect(unitOf(units, 'u2').items).toEqual([
      { code: '1.1.1', title: 'TCTP 1', method: 'appraised', maxPoints: 3, self: 3, appraised: 2.5, survey: null },
      { code: '1.1.2', title: 'TCTP 2', method: 'appraised', maxPoints: 2, self: 2, appraised: 1.5, survey: null },
      { code: '1.2.1', title: 'Hài lòng về giải quyết TTHC', method: 'survey', maxPoints: 5, self: null, appraised: null, survey: 4.26 },
    ]);
    // The drill-down: groups, valid answers, weights, rule.
    const sub = unitOf(units, 'u1').survey.subCriteria[0]!;
    expect(sub.groups.map((g) => [g.groupId, g.weight, g.valid, g.meanCoefficient])).toEqual([
      ['b', 40, 20, 0.7],
      ['c', 30, 25, 0.82],
    ]);
    expect(results.rules).toMatchObject({ tieBreak: ['appraised-points'], noValidDataPolicy: 'level-minimum' });
  });
});

describe('publication', () => {
  // Every unit appraised and closed, once, on this describe's template.
  harnessPerTest(
    (fresh) => (h = fresh),
    async (t) => {
      await accountsAndSurvey(t);
      await assessAndAppraise();
      await close(['u1', 'u2', 'u3']);
    },
    opts,
  );
  /** The public results' body as version 1 froze it. */
  let first: string;
  const publishFirst = async () => {
    expect((await ok('qt', 'POST', `/api/campaigns/${C}/publications`, { reason: null })).statusCode).toBe(201);
    first = (await call(undefined, 'GET', `/api/public/campaigns/${C}/results`)).body;
  };
  /** Ten more answers for u3 (all "A") pushed and five of u1's excluded, after version 1. */
  const addAndExclude = async () => {
    const more = answersOf('u3', 'c', times(10, 'A')).map(toPush);
    await pushAccepted(h, cookies.dtv!, more);
    const ids = await h.handle.db.selectFrom('responses').select('id').where('unit_id', '=', 'u1').limit(5).execute();
    for (const r of ids) await exclude(h, r.id, 'Kiểm tra sau công bố');
  };
  const correction = 'Bổ sung phiếu khảo sát của đơn vị u3';

  it('freezes a numbered version that anyone can read with no account', async () => {
    const res = await ok('qt', 'POST', `/api/campaigns/${C}/publications`, { reason: null });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ campaignId: C, version: 1, reason: null, late: false, publishedBy: 'qt' });
    const pub = await call(undefined, 'GET', `/api/public/campaigns/${C}/results`);
    expect(pub.statusCode, pub.body).toBe(200);
    first = pub.body;
    const body = pub.json() as Publication;
    expect(body.version).toBe(1);
    expect(body.results.levels[0]!.units.map((u) => [u.unitId, u.percent, u.rank])).toEqual([
      ['u1', 82.6, 1],
      ['u2', 82.6, 2],
      ['u3', 57.6, 3],
    ]);
    // The hash is that of the results as served.
    const text = first.slice(first.indexOf('"results":') + '"results":'.length, -1);
    expect(createHash('sha256').update(text).digest('hex')).toBe(body.sha256);
    expect((await live()).results.levels[0]!.units.every((u) => u.state === 'published')).toBe(true);
    // Published: the unit can change nothing.
    expectError(
      await call('dm-u1', 'PUT', `/api/self-assessments/${C}/u1/items/1.1.1`, { version: 1, score: 0, explanation: null, note: null }),
      409,
      'submitted',
    );
  });

  it('stays byte for byte the same when responses are added or excluded later, while the live figures move', async () => {
    await publishFirst();
    await addAndExclude();
    expect((await call(undefined, 'GET', `/api/public/campaigns/${C}/results`)).body).toBe(first);
    expect((await call(undefined, 'GET', `/api/public/campaigns/${C}/results/1`)).body).toBe(first);
    expect(unitOf((await live()).results.levels[0]!.units, 'u3').surveyPoints).toBe(5);
  });

  it('publishes a correction only with a reason, as version 2, and keeps version 1 readable', async () => {
    await publishFirst();
    await addAndExclude();
    expectError(await call('qt', 'POST', `/api/campaigns/${C}/publications`, { reason: null }), 400, 'results.reason-needed');
    const res = await ok('qt', 'POST', `/api/campaigns/${C}/publications`, { reason: correction });
    expect(res.json()).toMatchObject({ version: 2, reason: correction });
    const latest = (await call(undefined, 'GET', `/api/public/campaigns/${C}/results`)).json() as Publication;
    expect(latest.version).toBe(2);
    expect(unitOf(latest.results.levels[0]!.units, 'u3').surveyPoints).toBe(5);
    expect((await call(undefined, 'GET', `/api/public/campaigns/${C}/results/1`)).body).toBe(first);
    expect((await live()).publications.map((p) => p.version)).toEqual([2, 1]);
  });

  it('downloads as XLSX with no account, and as Home Affairs’ printable report with the draft decision', async () => {
    await publishFirst();
    const x = await call(undefined, 'GET', `/api/public/campaigns/${C}/results/1/ket-qua.xlsx`);
    expect(x.statusCode, x.body.slice(0, 200)).toBe(200);
    const wb = await readWorkbook(x);
    const ranking = sheetRows(wb, 'Xếp hạng Cấp sở');
    expect(ranking.find((r) => r[1] === 'Đơn vị u2')).toEqual([2, 'Đơn vị u2', 5, 4, 4.26, 8.26, 10, 82.6, 'Khá']);
    expect(sheetRows(wb, 'Chi tiết').find((r) => r[0] === 'Đơn vị u1' && r[2] === '1.1.1')).toEqual([
      'Đơn vị u1',
      'Cấp sở',
      '1.1.1',
      'TCTP 1',
      'Thẩm định',
      3,
      3,
      2.5,
    ]);
    const report = await call('qt', 'GET', `/api/campaigns/${C}/publications/1/report.html`);
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('BÁO CÁO KẾT QUẢ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2030');
    expect(report.body).toContain('DỰ THẢO');
    expect(String(report.headers['content-security-policy'])).toMatch(/default-src 'none'/);
    for (const who of ['dm-u1', 'chu-tich', 'dtv', undefined])
      expect((await call(who, 'GET', `/api/campaigns/${C}/publications/1/report.html`)).statusCode).toBe(who ? 403 : 401);
    expectError(await call(undefined, 'GET', `/api/public/campaigns/${C}/results/9`), 404, 'results.not-published');
    expectError(await call(undefined, 'GET', `/api/public/campaigns/khong-co/results`), 404, 'results.not-published');
  });

  it('shows the public pages with no account and no script: the ranking per level, each unit’s scorecard, earlier versions', async () => {
    await publishFirst();
    await addAndExclude();
    await ok('qt', 'POST', `/api/campaigns/${C}/publications`, { reason: correction });
    const page = await call(undefined, 'GET', `/ket-qua/${C}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(String(page.headers['content-security-policy'])).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(page.body).not.toMatch(/<script/i);
    expect(page.body).toContain('<html lang="vi">');
    expect(page.body).toContain('<meta name="description"');
    expect(page.body).toContain('Công bố lần 2');
    expect(page.body).toContain('đính chính: Bổ sung phiếu khảo sát của đơn vị u3');
    expect(page.body).toContain('/api/public/campaigns/tiny/results/2/ket-qua.xlsx');
    expect(page.body).toContain('href="/ket-qua/tiny?phien-ban=1"');
    const old = await call(undefined, 'GET', `/ket-qua/${C}?phien-ban=1`);
    expect(old.body).toContain('Đây là bản cũ');
    expect(old.body).toMatch(/<td class="n">1<\/td>\s*<td><a href="\/ket-qua\/tiny\/u1\?phien-ban=1">Đơn vị u1<\/a><\/td>/);
    const card = await call(undefined, 'GET', `/ket-qua/${C}/u2?phien-ban=1`);
    expect(card.statusCode).toBe(200);
    expect(card.body).toContain('<strong>Chỉ số 82,6%</strong> · hạng 2/3 Cấp sở · xếp loại Khá');
    expect(card.body).toContain('có nhóm đối tượng dưới mức tối thiểu');
    expect((await call(undefined, 'GET', `/ket-qua/${C}/khong-co`)).statusCode).toBe(404);
    const none = await call(undefined, 'GET', '/ket-qua/chua-co');
    expect(none.statusCode).toBe(404);
    expect(none.body).toContain('chưa được công bố');
  });

  it('follows the publication deadline: refused after it unless the campaign says flag', async () => {
    await publishFirst(); // so that a correction with its reason would be taken, but for the date
    clock = new Date('2031-01-20T03:00:00Z');
    cookies.qt = await h.login('qt');
    const res = await call('qt', 'POST', `/api/campaigns/${C}/publications`, { reason: 'Đính chính' });
    expectError(res, 409, 'results.deadline-passed');
    expect(res.json().message).toContain('15/01/2031');
  });
});
