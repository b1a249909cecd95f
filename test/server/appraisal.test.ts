// The council's work on the real server (issue 12, DESIGN §6): setting up the council, who appraises what, a whole
// appraisal with one explanation round, closing, returning, the deadline rules, and the words in both languages.
import { beforeEach, describe, expect, it } from 'vitest';
import { putSettingsJson } from '../../src/server/db/settings';
import {
  appraisedSubCriteria,
  type Appraisal,
  type AppraisalWorkList,
  type AuditEntry,
  type CouncilMember,
  type Framework,
  type SaUnitSummary,
  type SelfAssessment,
} from '../../src/shared';
import { expectError } from './admin-helpers';
import { harnessPerTest, ORIGIN, type Harness } from './harness';
import { uploadSignedReport } from './signed-report-helpers';

const C = 'quang-binh-2021';
const UNIT = 'so-tu-phap';
const base = `/api/self-assessments/${C}/${UNIT}`;
// Self-assessment closes before 15/12/2021, appraisal before 30/12/2021 (Kế hoạch 2656): last days 14/12 and 29/12.
const START = new Date('2021-12-10T03:00:00Z');
let clock = START;
let h: Harness;
let fw: Framework;
let codes: string[];
const cookies: Record<string, string> = {};
/** The sessions opened on the template, valid in each copy until the clock moves on. */
const sessions: Record<string, string> = {};
const ids: Record<string, string> = {};

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';
const call = (who: string, method: Method, url: string, payload?: object, headers: Record<string, string> = {}) =>
  h.app.inject({
    method,
    url,
    headers: { cookie: cookies[who] ?? '', ...(method === 'GET' ? {} : { origin: ORIGIN }), ...headers },
    payload,
  });
const ok = async <T>(who: string, method: Method, url: string, payload?: object): Promise<T> => {
  const res = await call(who, method, url, payload);
  expect(res.statusCode, `${who} ${method} ${url}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
  return (res.body ? res.json() : null) as T;
};
const appraisal = (who: string) => ok<Appraisal>(who, 'GET', `${base}/appraisal`);
const appraise = (who: string, code: string, body: { version: number; score: number | null; comment?: string | null }) =>
  call(who, 'PUT', `${base}/appraisal/items/${code}`, { comment: null, ...body });
const field2 = () => codes.filter((c) => c.startsWith('2.'));

/** Moves the clock to `iso` and signs everyone in again (office sessions last 12 hours). */
async function at(iso: string) {
  clock = new Date(iso);
  for (const who of Object.keys(cookies)) cookies[who] = await h.login(who);
}

/** The story's steps, in order: each test takes the ones before the step it checks. */
const steps = {
  /** The coordinator scores every item (2.1.1 at 1.5, the rest 0), uploads the signed report and submits. */
  async submitted() {
    for (const code of codes)
      expect(
        (
          await call('dm', 'PUT', `${base}/items/${code}`, {
            version: 0,
            score: code === '2.1.1' ? 1.5 : 0,
            explanation: code === '2.1.1' ? 'Đã ban hành đủ văn bản' : null,
            note: null,
          })
        ).statusCode,
      ).toBe(204);
    // The reference campaign asks for the signed report with the submission (issue 15).
    expect((await uploadSignedReport(h, cookies.dm)).statusCode).toBe(200);
    await ok('dm', 'POST', `${base}/submit`);
  },
  /** The field-2 member appraises their items: 2.1.1 at 1 with a comment, the rest 0. */
  async memberScored() {
    expect((await appraise('tv-linh-vuc-2', '2.1.1', { version: 0, score: 1, comment: 'Thiếu văn bản thứ hai' })).statusCode).toBe(204);
    for (const code of field2().filter((c) => c !== '2.1.1'))
      expect((await appraise('tv-linh-vuc-2', code, { version: 0, score: 0 })).statusCode).toBe(204);
  },
  /** On 18/12 the member asks about 2.1.1, the unit answers, and the member scores it again. */
  async explained() {
    await at('2021-12-18T03:00:00Z');
    await ok('tv-linh-vuc-2', 'POST', `${base}/explanation-requests`, {
      codes: ['2.1.1'],
      message: 'Bổ sung văn bản thứ hai',
      deadline: '2021-12-22',
    });
    expect(
      (await call('dm', 'PUT', `${base}/items/2.1.1`, { version: 1, score: 1, explanation: 'Bổ sung: đã có văn bản thứ hai', note: null }))
        .statusCode,
    ).toBe(204);
    await ok('dm', 'POST', `${base}/explanation-requests/answer`, { message: 'Đã bổ sung' });
    expect((await appraise('tv-linh-vuc-2', '2.1.1', { version: 1, score: 1, comment: null })).statusCode).toBe(204);
  },
  /** The chair scores every other item 0 and closes the appraisal. */
  async appraised() {
    for (const code of codes.filter((c) => !c.startsWith('2.')))
      expect((await appraise('chu-tich', code, { version: 0, score: 0 })).statusCode).toBe(204);
    expect(await ok('chu-tich', 'POST', `${base}/appraisal/close`)).toEqual({ late: false });
  },
  /** Home Affairs returns it to the council. */
  async returned() {
    expect((await call('qt', 'POST', `${base}/return`, { to: 'in-appraisal', reason: 'Chấm lại tiêu chí 1.1.1' })).statusCode).toBe(204);
  },
  /** After the deadline (31/12), with late appraisals flagged, the chair closes it again. */
  async closedLate() {
    await at('2021-12-31T03:00:00Z');
    await putSettingsJson(h.handle.db, C, JSON.stringify({ appraisalLate: 'flag' }), clock.toISOString(), ids.qt!);
    await h.registry.reload();
    expect(await ok('chu-tich', 'POST', `${base}/appraisal/close`)).toEqual({ late: true });
  },
};
type Step = keyof typeof steps;
/** Takes the story's steps up to `last`, included. */
async function through(last: Step) {
  for (const step of Object.keys(steps) as Step[]) {
    await steps[step]();
    if (step === last) return;
  }
}

// Accounts and sessions are made once, on the template; every test starts from a draft nobody has touched and takes
// the story's steps it needs (cheaper than a template per step: an account costs a password hash).
harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    for (const [name, role, opts] of [
      ['dm', 'coordinator', { unitId: UNIT }],
      ['cb1', 'staff', { unitId: UNIT }],
      ['dm-yt', 'coordinator', { unitId: 'so-y-te' }],
      ['qt', 'admin', {}],
      ['chu-tich', 'council', {}],
      ['tv-linh-vuc-2', 'council', { council: [{ kind: 'field', level: 'department', field: '2' }] }],
      ['tv-huyen', 'council', { council: [{ kind: 'unit', unitId: 'h-minh-hoa' }] }],
      ['ngoai-hoi-dong', 'council', { council: 'none' }],
      ['dtv', 'surveyor', {}],
    ] as const) {
      ids[name] = await t.account(name, role, opts);
      sessions[name] = await t.login(name);
    }
    fw = t.registry.get(C)!.frameworkByLevel.get('department')!;
    codes = appraisedSubCriteria(fw).map((s) => s.code);
  },
  { app: { now: () => clock } },
);
beforeEach(() => {
  clock = START;
  Object.assign(cookies, sessions);
});

describe('the council', () => {
  it('is set up by Home Affairs: position, body and what each member appraises, refused for a non-council account or an unknown field', async () => {
    const put = (account: string, body: object) => call('qt', 'PUT', `/api/campaigns/${C}/council/${account}`, body);
    const res = await put(ids['ngoai-hoi-dong']!, { position: 'secretary', organisation: 'Sở Nội vụ', scopes: [] });
    expect(res.statusCode, res.body).toBe(200);
    expectError(await put(ids.dm!, { position: 'member', organisation: 'Sở Tư pháp', scopes: [] }), 400, 'council.not-council-account');
    expectError(
      await put(ids['tv-huyen']!, { position: 'member', organisation: 'X', scopes: [{ kind: 'field', level: 'department', field: '99' }] }),
      400,
      'council.unknown-field',
    );
    expectError(
      await put(ids['tv-huyen']!, { position: 'member', organisation: 'X', scopes: [{ kind: 'unit', unitId: 'khong-co' }] }),
      400,
      'council.unknown-unit',
    );
    expectError(
      await call('chu-tich', 'PUT', `/api/campaigns/${C}/council/${ids['tv-huyen']}`, { position: 'chair', organisation: 'X', scopes: [] }),
      403,
      'forbidden',
    );
    const council = await ok<CouncilMember[]>('tv-linh-vuc-2', 'GET', `/api/campaigns/${C}/council`);
    expect(council.find((m) => m.username === 'tv-linh-vuc-2')).toMatchObject({
      position: 'member',
      scopes: [{ kind: 'field', level: 'department', field: '2' }],
    });
    expect(council.find((m) => m.username === 'ngoai-hoi-dong')).toMatchObject({ position: 'secretary', scopes: [] });
    expect((await call('qt', 'DELETE', `/api/campaigns/${C}/council/${ids['ngoai-hoi-dong']}`)).statusCode).toBe(204);
    expectError(await call('qt', 'DELETE', `/api/campaigns/${C}/council/${ids['ngoai-hoi-dong']}`), 404, 'council.not-member');
  });

  it('shows a member only what they appraise; the chair and Home Affairs everything; an account off the council nothing', async () => {
    const member = await ok<SelfAssessment>('tv-linh-vuc-2', 'GET', base);
    expect([...member.visibleCodes].sort()).toEqual(field2().sort());
    expect(member.totals.fields.map((f) => f.code)).toEqual(['2']);
    expectError(await call('tv-huyen', 'GET', base), 403, 'forbidden');
    expectError(await call('ngoai-hoi-dong', 'GET', base), 403, 'forbidden');
    expect((await ok<SelfAssessment>('chu-tich', 'GET', base)).visibleCodes.length).toBeGreaterThan(codes.length);
    const listed = (who: string) =>
      ok<SaUnitSummary[]>(who, 'GET', `/api/campaigns/${C}/self-assessments`).then((l) => l.map((u) => u.unitId));
    expect(await listed('tv-huyen')).toEqual(['h-minh-hoa']);
    expect((await listed('tv-linh-vuc-2')).length).toBe(21);
    expect((await listed('chu-tich')).length).toBe(29);
    expect(await listed('ngoai-hoi-dong')).toEqual([]);
    const tasks = await ok<AppraisalWorkList>('tv-linh-vuc-2', 'GET', `/api/campaigns/${C}/appraisal-tasks`);
    expect(tasks).toMatchObject({ deadline: '2021-12-29', chair: false });
    expect(tasks.tasks.find((t) => t.unitId === UNIT)).toEqual({
      unitId: UNIT,
      level: 'department',
      state: 'draft',
      late: false,
      items: field2().length,
      appraised: 0,
      waiting: 0,
    });
  });
});

describe('an appraisal with one explanation round', () => {
  it('starts only once the unit has submitted', async () => {
    expectError(await appraise('tv-linh-vuc-2', '2.1.1', { version: 0, score: 1 }), 409, 'workflow.wrong-state');
    await steps.submitted();
  });

  it('takes a member’s scores within their fields, asking a comment where the score differs from the unit’s', async () => {
    await through('submitted');
    expectError(await appraise('tv-linh-vuc-2', '2.1.1', { version: 0, score: 1 }), 400, 'appraisal.comment-needed');
    expectError(await appraise('tv-linh-vuc-2', '2.1.1', { version: 0, score: 1.25, comment: 'x' }), 400, 'appraisal.invalid-score');
    expectError(await appraise('tv-linh-vuc-2', '1.1.1', { version: 0, score: 0 }), 403, 'workflow.not-appraiser');
    expectError(await appraise('tv-linh-vuc-2', '2.5.1', { version: 0, score: 0 }), 400, 'workflow.not-appraised-item');
    expect((await appraise('tv-linh-vuc-2', '2.1.1', { version: 0, score: 1, comment: 'Thiếu văn bản thứ hai' })).statusCode).toBe(204);
    expect((await appraisal('chu-tich')).state).toBe('in-appraisal');
    expectError(await appraise('chu-tich', '2.1.1', { version: 0, score: 1.5 }), 409, 'appraisal.conflict');
    for (const code of field2().filter((c) => c !== '2.1.1'))
      expect((await appraise('tv-linh-vuc-2', code, { version: 0, score: 0 })).statusCode).toBe(204);
    const seen = await appraisal('tv-linh-vuc-2');
    expect(seen.items.map((i) => i.code).sort()).toEqual(field2().sort());
    expect(seen.items.find((i) => i.code === '2.1.1')).toMatchObject({
      score: 1,
      comment: 'Thiếu văn bản thứ hai',
      version: 1,
      updatedBy: 'tv-linh-vuc-2',
    });
  });

  it('keeps the council’s scores and comments from the unit, and a member’s work from members outside it', async () => {
    await through('memberScored');
    const unit = await appraisal('dm');
    expect(unit.items).toEqual([]);
    const reads = ['', '/audit', '/audit?code=2.1.1', '/appraisal'].map((path) => `${base}${path}`);
    for (const who of ['dm', 'cb1']) {
      for (const url of reads) {
        const res = await call(who, 'GET', url);
        expect(res.body, `${who} ${url}`).not.toContain('Thiếu văn bản thứ hai');
      }
    }
    expectError(await call('dm-yt', 'GET', `/api/campaigns/${C}/appraisal-tasks`), 403, 'forbidden');
    // A member outside Sở Tư pháp (tv-huyen appraises Minh Hóa) reads, scores and asks nothing there.
    expectError(await call('tv-huyen', 'GET', `${base}/appraisal`), 403, 'forbidden');
    expectError(await appraise('tv-huyen', '2.1.1', { version: 1, score: 0, comment: 'x' }), 403, 'forbidden');
    expectError(
      await call('tv-huyen', 'POST', `${base}/explanation-requests`, { codes: ['2.1.1'], message: 'x', deadline: '2021-12-20' }),
      403,
      'forbidden',
    );
    for (const who of ['dm', 'cb1', 'dtv'])
      expectError(await appraise(who, '2.1.1', { version: 1, score: 0, comment: 'x' }), 403, 'forbidden');
    expect((await h.app.inject({ method: 'GET', url: `${base}/appraisal` })).statusCode).toBe(401);
  });

  it('reopens exactly the requested items for the unit, which answers and sends them back', async () => {
    await through('memberScored');
    await at('2021-12-18T03:00:00Z');
    expectError(
      await call('tv-linh-vuc-2', 'POST', `${base}/explanation-requests`, { codes: ['1.1.1'], message: 'x', deadline: '2021-12-22' }),
      403,
      'workflow.not-appraiser',
    );
    expectError(
      await call('tv-linh-vuc-2', 'POST', `${base}/explanation-requests`, { codes: ['2.1.1'], message: 'x', deadline: '2021-12-17' }),
      400,
      'appraisal.deadline-before-today',
    );
    const round = await ok<{ number: number }>('tv-linh-vuc-2', 'POST', `${base}/explanation-requests`, {
      codes: ['2.1.1'],
      message: 'Bổ sung văn bản thứ hai',
      deadline: '2021-12-22',
    });
    expect(round).toEqual({ number: 1 });
    const unit = await appraisal('dm');
    expect(unit).toMatchObject({ state: 'explanation-requested', requestedCodes: ['2.1.1'] });
    expect(unit.rounds).toEqual([
      expect.objectContaining({
        number: 1,
        codes: ['2.1.1'],
        message: 'Bổ sung văn bản thứ hai',
        deadline: '2021-12-22',
        answeredAt: null,
      }),
    ]);
    expect((await ok<SelfAssessment>('dm', 'GET', base)).editableCodes).toEqual(['2.1.1']);
    expectError(
      await call('dm', 'PUT', `${base}/items/1.1.1`, { version: 1, score: 0.5, explanation: null, note: null }),
      409,
      'workflow.not-reopened',
    );
    expect(
      (await call('dm', 'PUT', `${base}/items/2.1.1`, { version: 1, score: 1, explanation: 'Bổ sung: đã có văn bản thứ hai', note: null }))
        .statusCode,
    ).toBe(204);
    expectError(await appraise('tv-linh-vuc-2', '2.1.1', { version: 1, score: 1, comment: null }), 409, 'workflow.awaiting-explanation');
    expectError(await call('qt', 'POST', `${base}/appraisal/close`), 409, 'workflow.round-open');
    expectError(await call('cb1', 'POST', `${base}/explanation-requests/answer`, { message: null }), 403, 'forbidden');
    expect(await ok('dm', 'POST', `${base}/explanation-requests/answer`, { message: 'Đã bổ sung' })).toEqual({ late: false });
    const after = await appraisal('tv-linh-vuc-2');
    expect(after.state).toBe('explained');
    expect(after.rounds[0]).toMatchObject({ answer: 'Đã bổ sung', answeredBy: 'dm', late: false });
    expect((await appraise('tv-linh-vuc-2', '2.1.1', { version: 1, score: 1, comment: null })).statusCode).toBe(204);
  });

  it('is closed by the chair or Home Affairs only once every item has an appraised score, and then refuses every change', async () => {
    await through('explained');
    expectError(await call('tv-linh-vuc-2', 'POST', `${base}/appraisal/close`), 403, 'workflow.not-yours');
    const missing = codes.length - field2().length;
    const refused = await call('chu-tich', 'POST', `${base}/appraisal/close`);
    expectError(refused, 409, 'workflow.unappraised');
    expect(refused.json().message).toContain(String(missing));
    for (const code of codes.filter((c) => !c.startsWith('2.')))
      expect((await appraise('chu-tich', code, { version: 0, score: 0 })).statusCode).toBe(204);
    expect(await ok('chu-tich', 'POST', `${base}/appraisal/close`)).toEqual({ late: false });
    expect((await appraisal('qt')).state).toBe('appraised');
    expectError(await appraise('chu-tich', '1.1.1', { version: 1, score: 0.5, comment: 'x' }), 409, 'workflow.wrong-state');
    expectError(
      await call('dm', 'PUT', `${base}/items/1.1.1`, { version: 1, score: 0.5, explanation: null, note: null }),
      409,
      'submitted',
    );
    expectError(
      await call('tv-linh-vuc-2', 'POST', `${base}/explanation-requests`, { codes: ['2.1.1'], message: 'x', deadline: '2021-12-22' }),
      409,
      'workflow.wrong-state',
    );
  });

  it('is returned by Home Affairs with a reason the unit reads, and only backwards', async () => {
    await through('appraised');
    expectError(await call('chu-tich', 'POST', `${base}/return`, { to: 'in-appraisal', reason: 'x' }), 403, 'forbidden');
    expectError(await call('qt', 'POST', `${base}/return`, { to: 'published', reason: 'x' }), 400, 'invalid-request');
    expectError(await call('qt', 'POST', `${base}/return`, { to: 'in-appraisal', reason: '' }), 400, 'invalid-request');
    expect((await call('qt', 'POST', `${base}/return`, { to: 'in-appraisal', reason: 'Chấm lại tiêu chí 1.1.1' })).statusCode).toBe(204);
    expect((await appraisal('chu-tich')).state).toBe('in-appraisal');
    const history = await ok<AuditEntry[]>('dm', 'GET', `${base}/audit`);
    expect(history.at(-1)).toMatchObject({
      action: 'sa.return',
      detail: { from: 'appraised', to: 'in-appraisal', reason: 'Chấm lại tiêu chí 1.1.1' },
    });
    expectError(await call('qt', 'POST', `${base}/return`, { to: 'in-appraisal', reason: 'x' }), 400, 'workflow.return-forward');
  });

  it('follows the appraisal deadline: refused after it, or accepted and the closing flagged late', async () => {
    await through('returned');
    await at('2021-12-31T03:00:00Z');
    const late = await appraise('chu-tich', '1.1.1', { version: 1, score: 0, comment: null });
    expectError(late, 409, 'appraisal.deadline-passed');
    expect(late.json().message).toContain('đến hết ngày 29/12/2021');
    await putSettingsJson(h.handle.db, C, JSON.stringify({ appraisalLate: 'flag' }), clock.toISOString(), ids.qt!);
    await h.registry.reload();
    expect(await ok('chu-tich', 'POST', `${base}/appraisal/close`)).toEqual({ late: true });
    expect(await appraisal('qt')).toMatchObject({ state: 'appraised', late: true });
  });

  it('says every refusal in English when asked', async () => {
    await through('closedLate');
    const res = await call(
      'chu-tich',
      'PUT',
      `${base}/appraisal/items/1.1.1`,
      { version: 1, score: 0, comment: null },
      { 'accept-language': 'en-GB,en;q=0.9,vi;q=0.5' },
    );
    expectError(res, 409, 'workflow.wrong-state');
    expect(res.json().message).toBe('The assessment is "appraised", so this cannot be done now.');
    const vi = await call('chu-tich', 'PUT', `${base}/appraisal/items/1.1.1`, { version: 1, score: 0, comment: null });
    expect(vi.json().message).toBe('Bản đánh giá đang ở trạng thái "đã thẩm định xong" nên không làm được việc này.');
  });
});
