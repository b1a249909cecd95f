import { beforeEach, describe, expect, it } from 'vitest';
import {
  appraisedSubCriteria,
  problemTextEn,
  problemTextVi,
  selfAssessmentTotals,
  vietnameseDay,
  type AuditEntry,
  type Framework,
  type SaUnitSummary,
  type SelfAssessment,
} from '../../src/shared';
import { putSettingsJson } from '../../src/server/db/settings';
import { harnessPerTest, ORIGIN, type Harness } from './harness';
import { uploadSignedReport } from './signed-report-helpers';

const C = 'quang-binh-2021';
const UNIT = 'so-tu-phap';
const base = `/api/self-assessments/${C}/${UNIT}`;
// The reference campaign's self-assessment deadline is 15/12/2021 (Kế hoạch 2656).
const START = new Date('2021-12-10T03:00:00Z');
let clock = START;
let h: Harness;
let fw: Framework;
let codes: string[];
/** The template's sessions, valid in every test's copy; a test may sign in again into `cookies`. */
const templateCookies: Record<string, string> = {};
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};

const call = (who: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
  h.app.inject({ method, url, headers: { cookie: cookies[who] ?? '', ...(method === 'GET' ? {} : { origin: ORIGIN }) }, payload });
const read = async (who: string) => {
  const res = await call(who, 'GET', base);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as SelfAssessment;
};
const save = (
  who: string,
  code: string,
  body: { version: number; score: number | null; explanation?: string | null; note?: string | null },
) => call(who, 'PUT', `${base}/items/${code}`, { explanation: null, note: null, ...body });

harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    for (const [name, role, unitId] of [
      ['dm', 'coordinator', UNIT],
      ['dm-yt', 'coordinator', 'so-y-te'],
      ['cb1', 'staff', UNIT],
      ['cb2', 'staff', UNIT],
      ['cb-yt', 'staff', 'so-y-te'],
      ['qt', 'admin', null],
      ['hd', 'council', null],
      ['s1', 'surveyor', null],
    ] as const) {
      ids[name] = await t.account(name, role, { unitId: unitId ?? undefined });
      templateCookies[name] = await t.login(name);
    }
    fw = t.registry.get(C)!.frameworkByLevel.get('department')!;
    codes = appraisedSubCriteria(fw).map((s) => s.code);
  },
  { app: { now: () => clock } },
);
beforeEach(() => {
  clock = START;
  for (const key of Object.keys(cookies)) delete cookies[key];
  Object.assign(cookies, templateCookies);
});

/** The coordinator gives cb1 the first field. */
const assignFirstField = async () => {
  const res = await call('dm', 'PUT', `${base}/assignments`, { assignments: [{ code: fw.fields[0]!.code, staffId: ids.cb1 }] });
  expect(res.statusCode, res.body).toBe(204);
};

/** Scores every item 0 (no evidence needed), uploads the signed report and submits after the deadline, the campaign
 * set to flag lateness: the self-assessment is submitted and late. */
const submitLate = async () => {
  const sa = await read('dm');
  for (const i of sa.items)
    if (i.score === null && sa.editableCodes.includes(i.code))
      expect((await save('dm', i.code, { version: i.version, score: 0 })).statusCode).toBe(204);
  expect((await uploadSignedReport(h, cookies.dm)).statusCode).toBe(200);
  clock = new Date('2021-12-15T17:00:00Z');
  for (const who of ['dm', 'qt']) cookies[who] = await h.login(who);
  await putSettingsJson(h.handle.db, C, JSON.stringify({ selfAssessmentLate: 'flag' }), clock.toISOString(), ids.qt!);
  await h.registry.reload();
  const ok = await call('dm', 'POST', `${base}/submit`);
  expect(ok.statusCode, ok.body).toBe(200);
};

/** An appraised sub-criterion worth at least a point, outside the first field (which staff edit below). */
const pointed = () => appraisedSubCriteria(fw).find((s) => s.maxPoints >= 1 && !s.code.startsWith(`${fw.fields[0]!.code}.`))!;

describe('reading', () => {
  it('gives the coordinator the whole framework of the unit’s level, editable, with totals and what is missing', async () => {
    const sa = await read('dm');
    // The deadline in force: the campaign's day read with its deadline rule.
    expect(sa).toMatchObject({
      state: 'draft',
      editable: true,
      deadline: h.registry.get(C)!.bundle.campaign.deadlines.selfAssessment,
      lateRule: 'refuse',
      frameworkId: fw.id,
    });
    expect(sa.editableCodes.sort()).toEqual([...codes].sort());
    expect(sa.totals.max).toBe(fw.declaredTotals.appraised);
    expect(sa.totals.surveyMax).toBe(fw.declaredTotals.survey);
    expect(sa.issues).toHaveLength(codes.length);
    expect(sa.issues.every((i) => i.kind === 'no-score')).toBe(true);
  });

  it('words what is missing in the language the request asks for (issue 16)', async () => {
    const en = await h.app.inject({ method: 'GET', url: base, headers: { cookie: cookies.dm ?? '', 'accept-language': 'en' } });
    expect(en.statusCode).toBe(200);
    const [first] = (en.json() as SelfAssessment).issues;
    expect(first?.message).toBe(problemTextEn.problems['sa-review.no-score']);
    expect((await read('dm')).issues[0]?.message).toBe(problemTextVi.problems['sa-review.no-score']);
  });

  it('lets Home Affairs and the council read, and refuses another unit’s people, surveyors and strangers', async () => {
    expect((await read('qt')).editable).toBe(false);
    expect((await read('hd')).editable).toBe(false);
    for (const who of ['dm-yt', 'cb-yt', 's1']) expect((await call(who, 'GET', base)).statusCode, who).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: base })).statusCode).toBe(401);
    expect((await call('dm', 'GET', `/api/self-assessments/${C}/khong-co`)).statusCode).toBe(404);
  });
});

describe('assignment and entry', () => {
  it('shows staff only what is assigned to them, and lets them edit only that', async () => {
    expect((await read('cb1')).visibleCodes).toEqual([]);
    expect((await save('cb1', codes[0]!, { version: 0, score: 0 })).statusCode).toBe(403);
    const field = fw.fields[0]!;
    const res = await call('dm', 'PUT', `${base}/assignments`, { assignments: [{ code: field.code, staffId: ids.cb1 }] });
    expect(res.statusCode, res.body).toBe(204);
    const mine = await read('cb1');
    const inField = field.criteria.flatMap((c) => c.subCriteria.filter((s) => s.method === 'appraised').map((s) => s.code));
    expect(mine.visibleCodes.sort()).toEqual([...inField].sort());
    expect(mine.assignments).toEqual([]);
    expect((await save('cb1', inField[0]!, { version: 0, score: 0 })).statusCode).toBe(204);
    const outside = codes.find((c) => !inField.includes(c))!;
    expect((await save('cb1', outside, { version: 0, score: 0 })).statusCode).toBe(403);
    expect((await save('cb2', inField[1]!, { version: 0, score: 0 })).statusCode).toBe(403);
    expect((await read('dm')).assignments).toEqual([{ code: field.code, staffId: ids.cb1, staffName: 'cb1' }]);
  });

  it('gives staff totals and what is missing over their items only: a score outside them changes nothing they read', async () => {
    await assignFirstField();
    const before = await read('cb1');
    // Neither pointed() nor the last item: the tests below start those at version 0.
    const other = appraisedSubCriteria(fw).find(
      (s) => s.maxPoints >= 1 && !s.code.startsWith(`${fw.fields[0]!.code}.`) && s.code !== pointed().code && s.code !== codes.at(-1),
    )!;
    expect(before.visibleCodes).not.toContain(other.code);
    const saved = await save('dm', other.code, { version: 0, score: other.maxPoints, explanation: 'Điểm ngoài phần được giao' });
    expect(saved.statusCode, saved.body).toBe(204);
    const after = await read('cb1');
    expect(after.totals).toEqual(before.totals);
    expect(after.issues).toEqual(before.issues);
    // The totals are those of the framework cut to the visible items: every field and criterion shown is one they have.
    const visible = new Set(after.visibleCodes);
    const shownCodes = after.totals.fields.flatMap((f) => [f.code, ...f.criteria.map((c) => c.code)]);
    expect(shownCodes.every((code) => [...visible].some((v) => v.startsWith(`${code}.`)))).toBe(true);
    expect(after.totals.max).toBe(
      appraisedSubCriteria(fw)
        .filter((s) => visible.has(s.code))
        .reduce((n, s) => n + s.maxPoints, 0),
    );
    // The coordinator sees it.
    expect((await read('dm')).totals.self).toBe(before.totals.self + other.maxPoints);
    expect((await save('dm', other.code, { version: 1, score: null })).statusCode).toBe(204);
  });

  it('refuses a bad assignment as a whole, saying which line is wrong', async () => {
    await assignFirstField();
    const res = await call('dm', 'PUT', `${base}/assignments`, {
      assignments: [
        { code: '99.9', staffId: ids.cb1 },
        { code: codes[0], staffId: ids['cb-yt'] },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path)).toEqual(['assignments.0.code', 'assignments.1.staffId']);
    expect((await read('dm')).assignments).toHaveLength(1);
    expect((await call('cb1', 'PUT', `${base}/assignments`, { assignments: [] })).statusCode).toBe(403);
  });

  it('says its refusals in English when asked, with the same error codes and issues', async () => {
    const en = (who: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
      h.app.inject({
        method,
        url,
        headers: { cookie: cookies[who] ?? '', 'accept-language': 'en', ...(method === 'GET' ? {} : { origin: ORIGIN }) },
        payload,
      });
    const bad = await en('dm', 'PUT', `${base}/assignments`, {
      assignments: [
        { code: '99.9', staffId: ids.cb1 },
        { code: codes[0], staffId: ids['cb-yt'] },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      error: 'invalid-assignment',
      message: 'The assignment is not valid: see each line in "issues".',
      issues: [
        { path: 'assignments.0.code', message: '"99.9" is not a field, criterion or self-scored sub-criterion of the framework' },
        { path: 'assignments.1.staffId', message: 'Not an active staff account of the unit' },
      ],
    });
    const vi = await call('dm', 'PUT', `${base}/assignments`, { assignments: [{ code: '99.9', staffId: ids.cb1 }] });
    expect(vi.json()).toMatchObject({
      message: 'Phân công chưa hợp lệ: xem từng dòng trong "issues".',
      issues: [{ message: '"99.9" không phải lĩnh vực, tiêu chí hay tiêu chí thành phần tự chấm của bộ chỉ số' }],
    });
    const other = await en('dm-yt', 'GET', base);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toEqual({ error: 'forbidden', message: 'Your account may not see or work on another unit’s self-assessment.' });
    expect((await call('dm-yt', 'GET', base)).json().message).toBe(
      'Tài khoản của bạn không có quyền xem hoặc làm bản tự đánh giá của đơn vị khác.',
    );
    const unknown = await en('dm', 'GET', `/api/self-assessments/${C}/khong-co`);
    expect(unknown.json()).toEqual({ error: 'not-found', message: 'Unit "khong-co" was not found.' });
    const incomplete = await en('dm', 'POST', `${base}/submit`);
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.json()).toMatchObject({
      error: 'incomplete',
      message: expect.stringMatching(/^Not sent: \d+ sub-criteria still need work \(see the Review page\)\.$/),
    });
    expect(incomplete.json().issues.length).toBeGreaterThan(0);
    expect((await read('dm')).state).toBe('draft');
  });

  it('refuses a score outside 0..max or off the step, with the reason, and keeps what was stored', async () => {
    const sub = pointed();
    for (const [score, message] of [
      [sub.maxPoints + sub.step, /Điểm tối đa/],
      [-1, /không được âm/],
      [sub.step / 2, /bội số/],
    ] as const) {
      const res = await save('dm', sub.code, { version: 0, score });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toMatch(message);
    }
    const survey = fw.fields.flatMap((f) => f.criteria.flatMap((c) => c.subCriteria)).find((s) => s.method === 'survey')!;
    expect((await save('dm', survey.code, { version: 0, score: 0 })).statusCode).toBe(403);
    expect((await save('dm', '42.42.42', { version: 0, score: 0 })).statusCode).toBe(404);
    expect((await read('dm')).items.find((i) => i.code === sub.code)).toMatchObject({ score: null, version: 0 });
  });

  it('shows a conflict instead of overwriting when two people edit the same item', async () => {
    const code = codes[codes.length - 1]!;
    expect((await save('dm', code, { version: 0, score: 0, note: 'Bản của đầu mối' })).statusCode).toBe(204);
    const second = await save('dm', code, { version: 0, score: 0, note: 'Bản cũ của người khác' });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toMatch(/Người khác vừa lưu/);
    expect((await read('dm')).items.find((i) => i.code === code)).toMatchObject({ note: 'Bản của đầu mối', version: 1, updatedBy: 'dm' });
    expect((await save('dm', code, { version: 1, score: 0, note: 'Sửa tiếp' })).statusCode).toBe(204);
    const audit = (await call('dm', 'GET', `${base}/audit?code=${code}`)).json() as AuditEntry[];
    expect(audit.map((a) => [a.action, a.actorName, (a.detail as { note: string }).note])).toEqual([
      ['sa.item.save', 'dm', 'Bản của đầu mối'],
      ['sa.item.save', 'dm', 'Sửa tiếp'],
    ]);
  });

  it('keeps running totals equal to the shared engine’s', async () => {
    const sub = pointed();
    expect((await save('dm', sub.code, { version: 0, score: sub.maxPoints, explanation: 'Đã ban hành đúng hạn' })).statusCode).toBe(204);
    const sa = await read('dm');
    expect(sa.totals).toEqual(selfAssessmentTotals(fw, new Map(sa.items.map((i) => [i.code, { score: i.score }]))));
    expect(sa.totals.self).toBe(sub.maxPoints);
    expect(sa.issues.find((i) => i.code === sub.code)).toBeUndefined();
  });
});

describe('submission', () => {
  it('is refused while items are missing, listing them', async () => {
    const res = await call('dm', 'POST', `${base}/submit`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/còn \d+ tiêu chí thành phần/);
    expect((await read('dm')).state).toBe('draft');
  });

  it('is refused after the deadline when the campaign says so, and accepted and flagged late when it says flag', async () => {
    // Fill everything: 0 points needs no evidence.
    const sa = await read('dm');
    for (const i of sa.items)
      if (i.score === null && sa.editableCodes.includes(i.code))
        expect((await save('dm', i.code, { version: i.version, score: 0 })).statusCode).toBe(204);
    expect((await read('dm')).issues).toEqual([]);
    expect((await call('cb1', 'POST', `${base}/submit`)).statusCode).toBe(403);
    // The reference campaign asks for the signed, stamped report (unit level "signedReport": "required").
    const unsigned = await call('dm', 'POST', `${base}/submit`);
    expect(unsigned.statusCode).toBe(409);
    expect(unsigned.json()).toMatchObject({
      error: 'signed-report.missing',
      message: expect.stringMatching(/Báo cáo tự đánh giá đã ký, đóng dấu/),
    });
    expect((await read('dm')).state).toBe('draft');
    expect((await uploadSignedReport(h, cookies.dm)).statusCode).toBe(200);
    clock = new Date('2021-12-15T17:00:00Z'); // 00:00 on 16/12 in Vietnam
    for (const who of ['dm', 'qt']) cookies[who] = await h.login(who);
    const late = await call('dm', 'POST', `${base}/submit`);
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toBe(
      `Đã quá hạn tự đánh giá (đến hết ngày ${vietnameseDay(h.registry.get(C)!.bundle.campaign.deadlines.selfAssessment)}). Liên hệ Sở Nội vụ.`,
    );
    await putSettingsJson(h.handle.db, C, JSON.stringify({ selfAssessmentLate: 'flag' }), clock.toISOString(), ids.qt!);
    await h.registry.reload();
    const ok = await call('dm', 'POST', `${base}/submit`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ late: true });
    expect(await read('qt')).toMatchObject({ state: 'submitted', late: true, submittedBy: 'dm' });
  });

  it('locks the self-assessment: no more edits, assignments or a second submission', async () => {
    await submitLate();
    cookies.cb1 = await h.login('cb1');
    const sa = await read('dm');
    expect(sa.editable).toBe(false);
    const item = sa.items[0]!;
    expect((await save('dm', item.code, { version: item.version, score: 0 })).statusCode).toBe(409);
    expect((await save('cb1', item.code, { version: item.version, score: 0 })).statusCode).toBe(409);
    expect((await call('dm', 'PUT', `${base}/assignments`, { assignments: [] })).statusCode).toBe(409);
    expect((await call('dm', 'POST', `${base}/submit`)).statusCode).toBe(409);
  });

  it('lists every evaluated unit for Home Affairs and the council, not for coordinators', async () => {
    await submitLate();
    const res = await call('qt', 'GET', `/api/campaigns/${C}/self-assessments`);
    expect(res.statusCode).toBe(200);
    const list = res.json() as SaUnitSummary[];
    expect(list).toHaveLength(29);
    expect(list.find((u) => u.unitId === UNIT)).toMatchObject({
      state: 'submitted',
      late: true,
      scored: codes.length,
      items: codes.length,
    });
    expect(list.find((u) => u.unitId === 'so-y-te')).toMatchObject({ state: 'draft', scored: 0 });
    cookies.hd = await h.login('hd');
    expect((await call('hd', 'GET', `/api/campaigns/${C}/self-assessments`)).statusCode).toBe(200);
    cookies.dm = await h.login('dm');
    expect((await call('dm', 'GET', `/api/campaigns/${C}/self-assessments`)).statusCode).toBe(403);
  });
});
