import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { SELF_ONLINE_SURVEYOR, type IssuedBatch, type ProgressReport, type RespondentForm, type SelfFillBatch } from '../../src/shared';
import { harnessPerTest, ORIGIN, type Harness } from './harness';

/** Self-fill codes (issue 19): issuing, filling once, revoking, expiry, throttling, and who may do what. */
let h: Harness;
let clock = new Date('2021-12-10T03:00:00Z');
const cookies: Record<string, string> = {};
const C = '/api/campaigns/quang-binh-2021';
const CELL = { unitId: 'so-tu-phap', groupId: 'so-nguoi-dan' };

const ANSWERS = { P1: 'nam', P2: '30-39', P3: 'dai-hoc', P4: 'ca-nhan', P6: 'truc-tiep', Q1: 'A', Q2: 'B', Q3: 'yes', Q5: 'no', Q6: 'A' };
const ANSWERS_REST = { Q7: 'B', Q8: 'no', Q10: 'C', Q11: 'A' };

const as = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  h.app.inject({ method, url, headers: { cookie: cookies[who] ?? '', origin: ORIGIN }, ...(payload ? { payload } : {}) });
const issue = async (count = 3, who = 'qt', cell = CELL) => {
  const res = await as(who, 'POST', `${C}/self-fill/batches`, { ...cell, count, note: 'Bộ phận một cửa' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as IssuedBatch;
};
const open = (code: string, remoteAddress = '10.0.0.1') => h.app.inject({ method: 'GET', url: `/api/p/${code}`, remoteAddress });
const submission = (over: Record<string, unknown> = {}) => ({
  responseId: crypto.randomUUID(),
  secret: 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdl',
  questionnaireId: 'phieu-03-s',
  questionnaireVersion: 1,
  startedAt: '2021-12-10T08:00:00+07:00',
  finishedAt: '2021-12-10T08:14:00+07:00',
  answers: { ...ANSWERS, ...ANSWERS_REST },
  ...over,
});
const submit = (code: string, body: object, remoteAddress = '10.0.0.1') =>
  h.app.inject({ method: 'POST', url: `/api/p/${code}/submit`, payload: body, headers: { origin: ORIGIN }, remoteAddress });
const responses = () => h.handle.db.selectFrom('responses').selectAll().execute();
const progress = async (who = 'qt') => (await as(who, 'GET', `${C}/progress`)).json() as ProgressReport;

harnessPerTest(
  (fresh) => {
    h = fresh;
    clock = new Date('2021-12-10T03:00:00Z');
  },
  async (t) => {
    h = t;
    await t.account('qt', 'admin');
    await t.account('dm', 'coordinator', { unitId: 'so-tu-phap' });
    await t.account('dt', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan', 15]] });
    await t.account('dt2', 'surveyor', { cells: [['so-y-te', 'so-nguoi-dan', 15]] });
    await t.account('tv', 'council', { council: 'none' });
    for (const who of ['qt', 'dm', 'dt', 'dt2', 'tv']) cookies[who] = await t.login(who);
  },
  { app: { now: () => clock } },
);

describe('issuing a batch', () => {
  it('gives the plain codes, links and QR codes once and keeps only their hashes', async () => {
    const issued = await issue(3);
    expect(issued.codes).toHaveLength(3);
    expect(new Set(issued.codes.map((c) => c.code)).size).toBe(3);
    for (const c of issued.codes) {
      expect(c.code).toMatch(/^[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{4}$/);
      expect(c.link).toMatch(new RegExp(`/p/${c.code}$`));
      expect(c.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    }
    expect(issued.batch).toMatchObject({ ...CELL, issued: 3, opened: 0, submitted: 0, revoked: 0, lastDay: '2021-12-29' });
    const stored = await h.handle.db.selectFrom('self_fill_codes').selectAll().execute();
    expect(stored).toHaveLength(3);
    const dump = JSON.stringify(stored) + JSON.stringify(await h.handle.db.selectFrom('self_fill_batches').selectAll().execute());
    for (const c of issued.codes) {
      expect(dump).not.toContain(c.code);
      expect(dump).not.toContain(c.code.replace(/-/g, ''));
    }
  });

  it('refuses a cell with no quota, a count out of range, and issuing after the survey deadline', async () => {
    const none = await as('qt', 'POST', `${C}/self-fill/batches`, { unitId: 'so-tu-phap', groupId: 'huyen-nguoi-dan', count: 1 });
    expect(none.statusCode).toBe(400);
    expect((await as('qt', 'POST', `${C}/self-fill/batches`, { ...CELL, count: 0 })).statusCode).toBe(400);
    expect((await as('qt', 'POST', `${C}/self-fill/batches`, { ...CELL, count: 501 })).statusCode).toBe(400);
    clock = new Date('2021-12-30T03:00:00Z');
    // Signed in again: the template's session has expired by then. Only in this test's copy of the database.
    const late = await h.app.inject({
      method: 'POST',
      url: `${C}/self-fill/batches`,
      headers: { cookie: await h.login('qt'), origin: ORIGIN },
      payload: { ...CELL, count: 1 },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ error: 'self-fill.after-deadline' });
    expect(await h.handle.db.selectFrom('self_fill_batches').selectAll().execute()).toHaveLength(0);
  });
});

describe('filling with a code', () => {
  it('opens the questionnaire of the cell, takes one response, and refuses the code after', async () => {
    const [code] = (await issue(2)).codes;
    const opened = await open(code!.code.toLowerCase().replace(/-/g, ' '));
    expect(opened.statusCode, opened.body).toBe(200);
    const form = opened.json() as RespondentForm;
    expect(form).toMatchObject({ unit: { id: 'so-tu-phap' }, group: { id: 'so-nguoi-dan' }, lastDay: '2021-12-29' });
    expect((form.questionnaire as { id: string }).id).toBe('phieu-03-s');
    expect((await progress()).selfFill).toEqual([
      { unit: 'so-tu-phap', group: 'so-nguoi-dan', batches: 1, issued: 2, opened: 1, submitted: 0, revoked: 0 },
    ]);

    const body = submission();
    const first = await submit(code!.code, body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ status: 'accepted' });
    // A retry after a lost answer: the same single response.
    expect((await submit(code!.code, body)).json()).toEqual({ status: 'duplicate' });
    const rows = await responses();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: body.responseId,
      mode: 'self-online',
      surveyor_id: SELF_ONLINE_SURVEYOR,
      ...{ unit_id: 'so-tu-phap' },
    });
    expect(rows[0]!.self_fill_batch_id).toBeTruthy();
    // Which code was spent is kept apart: no response id on the code, no code or secret on the response.
    const codes = await h.handle.db.selectFrom('self_fill_codes').selectAll().execute();
    expect(JSON.stringify(codes)).not.toContain(body.responseId);
    expect(JSON.stringify(rows)).not.toContain(body.secret);

    const again = await submit(code!.code, submission({ secret: 'YW5vdGhlcmJyb3dzZXJzZWNyZXQ' }));
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({ error: 'respondent.code-spent' });
    expect((await open(code!.code)).statusCode).toBe(410);
    expect((await progress()).selfFill[0]).toMatchObject({ issued: 2, opened: 1, submitted: 1 });
    expect((await progress()).cells.find((c) => c.unit === 'so-tu-phap' && c.group === 'so-nguoi-dan')).toMatchObject({ received: 1 });
  });

  it('stores one response from a flood of submissions to one code', async () => {
    const [code] = (await issue(1)).codes;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => submit(code!.code, submission({ secret: `flood-secret-number-${String(i).padStart(4, '0')}` }))),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 410)).toHaveLength(19);
    expect(await responses()).toHaveLength(1);
  });

  it('refuses invalid answers with the questions named, and writes nothing', async () => {
    const [code] = (await issue(1)).codes;
    const res = await submit(code!.code, submission({ answers: { ...ANSWERS, Q1: 'no-such-choice' } }));
    expect(res.statusCode).toBe(422);
    const body = res.json() as { error: string; issues: { path: string }[] };
    expect(body.error).toBe('respondent.invalid-answers');
    expect(body.issues.map((i) => i.path)).toContain('answers.Q1');
    expect(await responses()).toHaveLength(0);
    expect((await submit(code!.code, submission())).statusCode).toBe(200);
  });

  it('refuses a revoked batch, and an expired code, each with its own message', async () => {
    const issued = await issue(2);
    const [a, b] = issued.codes;
    expect((await submit(a!.code, submission())).statusCode).toBe(200);
    const revoked = await as('qt', 'POST', `${C}/self-fill/batches/${issued.batch.id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ issued: 2, submitted: 1, revoked: 1 });
    expect((await as('qt', 'POST', `${C}/self-fill/batches/${issued.batch.id}/revoke`)).statusCode).toBe(409);
    const refused = await open(b!.code);
    expect(refused.statusCode).toBe(410);
    expect(refused.json()).toMatchObject({ error: 'respondent.code-revoked' });
    expect(await responses()).toHaveLength(1);

    const [c] = (await issue(1)).codes;
    clock = new Date('2021-12-31T03:00:00Z');
    const expired = await open(c!.code);
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toMatchObject({ error: 'respondent.code-expired' });
    expect((await submit(c!.code, submission({ finishedAt: '2021-12-31T08:14:00+07:00' }))).statusCode).toBe(410);
    // Finished by the last day and sent when the network came back the next morning: taken.
    expect((await submit(c!.code, submission())).statusCode).toBe(200);
  });

  it('lets codes live as long as the survey: a deadline moved later keeps them open past the printed day', async () => {
    const [code] = (await issue(1)).codes;
    const moved = await as('qt', 'PUT', `${C}/settings`, {
      deadlines: { selfAssessment: '2021-12-15', survey: '2022-01-10', appraisal: '2021-12-30', publication: '2022-01-15' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    clock = new Date('2022-01-05T03:00:00Z');
    const opened = await open(code!.code);
    expect(opened.statusCode, opened.body).toBe(200);
    expect((opened.json() as RespondentForm).lastDay).toBe('2022-01-10');
    expect((await submit(code!.code, submission({ finishedAt: '2022-01-05T08:14:00+07:00' }))).statusCode).toBe(200);
  });

  it('refuses a malformed code plainly, and throttles wrong codes per address without touching another', async () => {
    const malformed = await open('ABC-0O1');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: 'respondent.code-malformed' });
    const [code] = (await issue(1)).codes;
    for (let i = 0; i < 200; i += 1) expect((await open(`3333-3333-33${'ACDEFGHJKM'[i % 10]}A`, '10.9.9.9')).statusCode).toBe(404);
    const limited = await open(code!.code, '10.9.9.9');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: 'respondent.too-many-wrong' });
    expect((await open(code!.code, '10.1.1.1')).statusCode).toBe(200);
    // The address is counted under a hash, never as it is.
    expect(JSON.stringify(await h.handle.db.selectFrom('rate_limits').selectAll().execute())).not.toContain('10.9.9.9');
  });
});

describe('review of self-filled responses', () => {
  it('flags a fill that took under the minimum, and one with the same answer everywhere, like an interview', async () => {
    const [quick, other] = (await issue(2)).codes;
    const fast = submission({ finishedAt: '2021-12-10T08:02:00+07:00' });
    expect((await submit(quick!.code, fast)).statusCode).toBe(200);
    expect((await submit(other!.code, submission())).statusCode).toBe(200);
    const page = (await as('qt', 'GET', `${C}/review?flag=short-interview`)).json() as { items: { id: string; mode: string }[] };
    expect(page.items).toEqual([expect.objectContaining({ id: fast.responseId, mode: 'self-online' })]);
    const summary = (await as('qt', 'GET', `${C}/review/summary`)).json() as { flags: Record<string, number> };
    expect(summary.flags['short-interview']).toBe(1);
  });
});

describe('downloads', () => {
  it("list a respondent's own fill with its mode and batch, and no surveyor", async () => {
    const issued = await issue(1);
    const body = submission();
    expect((await submit(issued.codes[0]!.code, body)).statusCode).toBe(200);
    const csv = await as('qt', 'GET', `${C}/exports/responses.csv?questionnaireId=phieu-03-s`);
    expect(csv.statusCode).toBe(200);
    const [record] = parse(csv.body, { bom: true, columns: true }) as Record<string, string>[];
    const cell = (name: string) => record![name];
    expect(cell('id')).toBe(body.responseId);
    expect(cell('mode')).toBe('self-online');
    expect(cell('self_fill_batch')).toBe(issued.batch.id);
    expect(cell('surveyor_name')).toBe('');
  });
});

describe('who may issue, list and revoke (DESIGN §2)', () => {
  it('lets a surveyor manage their assigned cells only, and nobody else but Home Affairs', async () => {
    const own = await issue(1, 'dt');
    const other = await as('dt', 'POST', `${C}/self-fill/batches`, { unitId: 'so-y-te', groupId: 'so-nguoi-dan', count: 1 });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ error: 'forbidden' });
    const theirs = await issue(1, 'dt2', { unitId: 'so-y-te', groupId: 'so-nguoi-dan' });
    const listed = (await as('dt', 'GET', `${C}/self-fill/batches`)).json() as { batches: SelfFillBatch[] };
    expect(listed.batches.map((b) => b.id)).toEqual([own.batch.id]);
    expect((await as('dt', 'POST', `${C}/self-fill/batches/${theirs.batch.id}/revoke`)).statusCode).toBe(404);
    const all = (await as('qt', 'GET', `${C}/self-fill/batches`)).json() as { batches: SelfFillBatch[] };
    expect(all.batches).toHaveLength(2);

    for (const who of ['dm', 'tv']) {
      expect((await as(who, 'POST', `${C}/self-fill/batches`, { ...CELL, count: 1 })).statusCode).toBe(403);
      expect((await as(who, 'GET', `${C}/self-fill/batches`)).statusCode).toBe(403);
      expect((await as(who, 'POST', `${C}/self-fill/batches/${own.batch.id}/revoke`)).statusCode).toBe(403);
    }
    expect((await h.app.inject({ method: 'GET', url: `${C}/self-fill/batches` })).statusCode).toBe(401);
    expect(await h.handle.db.selectFrom('self_fill_batches').selectAll().execute()).toHaveLength(2);
  });

  it("shows a coordinator their unit's self-fill counts only, and pays no surveyor for a respondent's own fill", async () => {
    const [code] = (await issue(1)).codes;
    await issue(1, 'dt2', { unitId: 'so-y-te', groupId: 'so-nguoi-dan' });
    expect((await submit(code!.code, submission())).statusCode).toBe(200);
    const report = await progress('dm');
    expect(report.selfFill).toEqual([
      { unit: 'so-tu-phap', group: 'so-nguoi-dan', batches: 1, issued: 1, opened: 1, submitted: 1, revoked: 0 },
    ]);
    const roster = await as('qt', 'GET', `${C}/exports/rosters?unitId=so-tu-phap&format=json`);
    if (roster.statusCode === 200) expect(roster.body).not.toContain(SELF_ONLINE_SURVEYOR);
  });
});

describe('hostile codes and bodies (fast-check)', () => {
  it('answers 4xx to any code string and any malformed body, never 5xx, and writes nothing', async () => {
    const [code] = (await issue(1)).codes;
    const alphabet = [...'34679ACDEFGHJKMNPQRTWXY'];
    const codeText = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.array(fc.constantFrom(...alphabet, '-', ' ', '0', 'O', '/', '..', '%00', '%2F'), { maxLength: 20 }).map((a) => a.join('')),
      fc.constantFrom('../../etc/passwd', '%2e%2e%2f', '\u0000', 'ＡＢＣＤ-ＥＦＧＨ-ＪＫＭＮ', code!.code.slice(0, 13)),
    );
    const valid = Object.fromEntries(Object.entries(submission()).map(([k, v]) => [k, fc.constant(v)]));
    const body = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.record({ ...valid, answers: fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 2 })) }, { requiredKeys: [] }),
      fc.record({
        ...valid,
        responseId: fc.string({ maxLength: 40 }),
        secret: fc.string({ maxLength: 70 }),
        startedAt: fc.string({ maxLength: 30 }),
        questionnaireVersion: fc.oneof(fc.integer(), fc.double(), fc.constant('1')),
      }),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(codeText, body, async (text, payload) => {
        n += 1;
        const address = `10.3.${n % 250}.1`;
        const path = encodeURIComponent(text);
        const opened = await h.app.inject({ method: 'GET', url: `/api/p/${path}`, remoteAddress: address });
        expect(opened.statusCode).toBeGreaterThanOrEqual(400);
        expect(opened.statusCode).toBeLessThan(500);
        const sent = await h.app.inject({
          method: 'POST',
          url: `/api/p/${encodeURIComponent(code!.code)}/submit`,
          payload: JSON.stringify(payload ?? null),
          headers: { 'content-type': 'application/json', origin: ORIGIN },
          remoteAddress: address,
        });
        expect(sent.statusCode, sent.body).toBeGreaterThanOrEqual(400);
        expect(sent.statusCode).toBeLessThan(500);
        expect(sent.json()).toHaveProperty('message');
      }),
      { seed: 20261219, numRuns: 150 },
    );
    expect(await responses()).toHaveLength(0);
    expect((await h.handle.db.selectFrom('self_fill_codes').select('spent').executeTakeFirstOrThrow()).spent).toBe(0);
    expect((await submit(code!.code, submission())).statusCode).toBe(200);
  });
});
