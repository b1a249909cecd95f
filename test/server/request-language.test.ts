// A refused request is said in the language it asks for: Fastify's own refusals, the schemas' checks, the rate limit.
import { describe, expect, it } from 'vitest';
import { FIELD_TEXT_EN, FIELD_TEXT_VI, fieldText, fieldTextIn, problem, problemText, problemTextEn, problemTextVi } from '../../src/shared';
import { api, CAMPAIGN, countRows, expectError, multipart, signIn } from './admin-helpers';
import { harnessPerTest, type Harness } from './harness';

let h: Harness;
let admin: string;
const EN = { 'accept-language': 'en-US,en;q=0.9' };
const accountsUrl = `/api/campaigns/${CAMPAIGN}/accounts`;

harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    await t.account('qt', 'admin');
    admin = await signIn(t, 'qt');
  },
);

const issuesOf = (body: string) =>
  Object.fromEntries((JSON.parse(body) as { issues: { path: string; message: string }[] }).issues.map((i) => [i.path, i.message]));

describe('a request the schemas refuse', () => {
  const bad = { username: 'a b', displayName: '', role: 'coordinator', password: 'short' };

  it('lists each field in English when asked: the schemas’ own words, zod’s, and a problem carried by a check', async () => {
    const before = await countRows(h, 'accounts');
    const res = await api(h, 'POST', accountsUrl, { cookie: admin, payload: bad, headers: EN });
    expectError(res, 400, 'invalid-request');
    expect(res.json().message).toBe('The request is not valid: see each item in "issues".');
    expect(issuesOf(res.body)).toEqual({
      'body.username': FIELD_TEXT_EN.username,
      'body.displayName': FIELD_TEXT_EN.displayName,
      'body.password': 'A password needs at least 10 characters',
      'body.unitId': 'An account with the role "Coordinator" needs a unit',
    });
    const missing = await api(h, 'POST', accountsUrl, { cookie: admin, payload: { role: 'surveyor' }, headers: EN });
    expect(issuesOf(missing.body)['body.username']).toMatch(/^Invalid input: expected string/);
    expect(await countRows(h, 'accounts')).toBe(before);
  });

  it('says the same in Vietnamese by default, with nothing English in it', async () => {
    const res = await api(h, 'POST', accountsUrl, { cookie: admin, payload: bad });
    expectError(res, 400, 'invalid-request');
    expect(res.json().message).toBe('Yêu cầu không hợp lệ: xem từng mục trong "issues".');
    expect(issuesOf(res.body)).toEqual({
      'body.username': FIELD_TEXT_VI.username,
      'body.displayName': FIELD_TEXT_VI.displayName,
      'body.password': 'Mật khẩu cần ít nhất 10 ký tự',
      'body.unitId': 'Đầu mối cần có đơn vị',
    });
    const missing = await api(h, 'POST', accountsUrl, { cookie: admin, payload: { role: 'surveyor' } });
    expect(issuesOf(missing.body)['body.username']).not.toMatch(/Invalid input/);
  });
});

describe('what Fastify refuses before a route runs', () => {
  it('a body that is not JSON, or not sent as JSON', async () => {
    const headers = { cookie: admin, 'content-type': 'application/json' };
    const broken = await h.app.inject({ method: 'POST', url: accountsUrl, headers: { ...headers, ...EN }, payload: '{"username":' });
    expectError(broken, 400, 'invalid-json');
    expect(broken.json().message).toBe('The content sent is not valid JSON.');
    const vi = await h.app.inject({ method: 'POST', url: accountsUrl, headers, payload: '{"username":' });
    expect(vi.json().message).toBe('Nội dung gửi lên không phải JSON hợp lệ.');
    const text = await h.app.inject({
      method: 'POST',
      url: accountsUrl,
      headers: { cookie: admin, 'content-type': 'application/xml', ...EN },
      payload: '<a/>',
    });
    expectError(text, 415, 'unsupported-media-type');
    expect(text.json().message).toBe('The data must be sent as JSON (Content-Type: application/json).');
  });

  it('a badly encoded address', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/campaigns/%E0%A4%A', headers: EN });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'bad-request', message: 'The address is not valid (wrong URL encoding).' });
  });
});

describe('the rate limit', () => {
  it('says when to try again, in the language asked', async () => {
    const remoteAddress = '192.0.2.77';
    let n = 0;
    // A new username each time, so that the per-account lock (also a 429) never answers first.
    const attempt = (headers: Record<string, string> = {}) =>
      h.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress,
        headers,
        payload: { username: `nobody${(n += 1)}`, password: 'wrong password' },
      });
    let last = await attempt();
    for (let i = 0; i < 70 && last.statusCode !== 429; i += 1) last = await attempt();
    expect(last.statusCode).toBe(429);
    const en = await attempt(EN);
    expectError(en, 429, 'rate-limited');
    expect(en.json().message).toMatch(/^Too many requests from this address\. Try again in \d+ minutes\.$/);
  });
});

describe('an account sheet’s report', () => {
  const sheet = 'username,display_name,role,unit,extra\nab,,chief,nowhere,x\ndt.ok,Nguyễn Văn A,surveyor,,\n';
  const importIn = (headers: Record<string, string>) => {
    const body = multipart('accounts.csv', sheet, 'text/csv');
    return h.app.inject({
      method: 'POST',
      url: `${accountsUrl}/import?dryRun=true`,
      headers: { cookie: admin, ...headers, ...body.headers },
      payload: body.payload,
    });
  };
  type Report = { message: string; errors: { column: string; message: string }[]; warnings: { message: string }[] };

  it('lists each row’s problems and the warnings in English when asked', async () => {
    const res = await importIn(EN);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as Report;
    expect(report.message).toBe('4 errors in the sheet. Correct the rows named and upload it again.');
    expect(report.errors.map((e) => `${e.column}: ${e.message}`)).toEqual([
      `username: ${FIELD_TEXT_EN.username}`,
      `display_name: ${FIELD_TEXT_EN.displayName}`,
      expect.stringMatching(/^role: Role "chief" is not understood: use /),
      'unit: The campaign has no unit "nowhere"',
    ]);
    expect(report.warnings.map((w) => w.message)).toEqual(['Column "extra" is not used and will be ignored']);
  });

  it('in Vietnamese by default', async () => {
    const report = (await importIn({})).json() as Report;
    expect(report.message).toBe('4 lỗi trong bảng. Sửa các dòng được nêu rồi tải lên lại.');
    expect(report.errors[0]?.message).toBe(FIELD_TEXT_VI.username);
    expect(report.warnings[0]?.message).toBe('Cột "extra" không được dùng và sẽ bị bỏ qua');
  });
});

describe('field texts', () => {
  it('every Vietnamese text has its English, and one given with parameters is found again', () => {
    expect(Object.keys(FIELD_TEXT_EN).sort()).toEqual(Object.keys(FIELD_TEXT_VI).sort());
    const said = fieldText('allocationMax', { max: 7 });
    expect(said).toBe('Số phiếu phân bổ tối đa 7');
    expect(fieldTextIn(FIELD_TEXT_EN, said)).toBe('An allocation is at most 7 questionnaires');
    expect(fieldTextIn(FIELD_TEXT_EN, 'Một câu không có trong danh mục')).toBe('Một câu không có trong danh mục');
  });

  it('a size in a message is written the language’s way', () => {
    const tooLarge = problem('evidence.file-too-large', { size: 1.5 * 1024 * 1024 });
    expect(problemText(problemTextVi, tooLarge)).toContain('Tệp lớn hơn 1,5 MB');
    expect(problemText(problemTextEn, tooLarge)).toContain('1.5 MB');
  });
});
