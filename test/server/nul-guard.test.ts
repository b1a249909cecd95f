// A NUL character in a path, query or JSON body (issue 18): PostgreSQL cannot store one in text, so every route
// refuses it the same way on both databases, before it reads anything: 400, a message a person can act on, nothing
// written.
import { describe, expect, it } from 'vitest';
import { countResponses } from '../../src/server/db/responses';
import { holdsNul, nulPath } from '../../src/shared';
import { citizenResponse, harnessPerTest, ORIGIN, type Harness } from './harness';

let h: Harness;
const ids: Record<string, string> = {};
harnessPerTest(
  (x) => (h = x),
  async (t) => {
    ids.admin = await t.account('qt', 'admin');
    ids.surveyor = await t.account('dtv', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
  },
);

const refusedForNul = (res: { statusCode: number; json(): unknown }, path: string) => {
  expect(res.statusCode).toBe(400);
  const message = expect.stringMatching(/^Yêu cầu có ký tự NUL \(mã 0\)/);
  expect(res.json()).toEqual({ error: 'bad-request', message, issues: [{ path, message }] });
};

describe('a NUL character', () => {
  it('in a path or a query is refused, in the words the request asks for', async () => {
    const cookie = await h.login('qt');
    refusedForNul(await h.app.inject({ method: 'GET', url: '/api/accounts/%00', headers: { cookie } }), 'params.accountId');
    refusedForNul(
      await h.app.inject({ method: 'GET', url: '/api/audit?subject=account%3A%00', headers: { cookie } }),
      'querystring.subject',
    );
    const en = await h.app.inject({ method: 'GET', url: '/api/accounts/a%00b', headers: { cookie, 'accept-language': 'en' } });
    expect(en.statusCode).toBe(400);
    expect(en.json()).toMatchObject({ message: expect.stringMatching(/^The request holds a NUL character/) });
  });

  it('in a sign-in is refused like any other bad field, and no session is made', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'qt\u0000', password: 'x'.repeat(12) } });
    refusedForNul(res, 'body.username');
    expect(res.cookies).toEqual([]);
  });

  it('in a pushed response rejects that response alone; the others of the push are stored', async () => {
    const cookie = await h.login('dtv');
    const bad = citizenResponse(ids.surveyor!, { deviceId: 'dev\u0000' });
    const good = citizenResponse(ids.surveyor!);
    const push = () =>
      h.app.inject({
        method: 'POST',
        url: '/api/sync/responses',
        headers: { cookie, origin: ORIGIN },
        payload: { responses: [bad, good] },
      });
    const res = await push();
    expect(res.statusCode).toBe(200);
    expect(res.json().results).toMatchObject([
      { id: bad.id, status: 'rejected', code: 'invalid', message: 'Phiếu có ký tự NUL (mã 0), ký tự không được có trong trường nào' },
      { id: good.id, status: 'accepted' },
    ]);
    expect(await countResponses(h.handle.db)).toBe(1);
    expect((await push()).json().results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'duplicate']);
    expect(await countResponses(h.handle.db)).toBe(1);
  });
});

describe('holdsNul', () => {
  it('finds one in a string, a key or deep in arrays and objects, and nowhere else', () => {
    expect(holdsNul('a\u0000')).toBe(true);
    expect(holdsNul({ a: [{ b: 'x\u0000y' }] })).toBe(true);
    expect(holdsNul({ ['k\u0000']: 1 })).toBe(true);
    expect(holdsNul({ a: ['\\u0000', 1, null, true], b: 'Sở Tư pháp' })).toBe(false);
    expect(holdsNul(undefined)).toBe(false);
    expect(nulPath({ responses: [{}, { answers: { Q1: 'a\u0000' } }] })).toEqual(['responses', '1', 'answers', 'Q1']);
    // Bytes are not JSON values: a push kept as bytes is checked per item, never walked byte by byte here.
    expect(nulPath({ bytes: Buffer.from('a\u0000b') })).toBeUndefined();
  });
});
