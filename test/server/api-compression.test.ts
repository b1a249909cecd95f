import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { citizenResponse, harnessPerTest, ORIGIN, type Harness } from './harness';

/**
 * Issue 14: the API's answers go out compressed when the client takes it (the pull is the largest thing a surveyor's
 * phone downloads once the app is installed), small ones as they are; a compressed request body is never inflated,
 * so a sync batch's size limit holds for the bytes received and a "zip bomb" is refused without being opened.
 */

let h: Harness;
let surveyor: string;
let surveyorId: string;

harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    surveyorId = await t.account('dtv', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan', 10]] });
    surveyor = await t.login('dtv');
  },
);

const pull = (acceptEncoding?: string) =>
  h.app.inject({
    method: 'GET',
    url: '/api/sync/pull',
    headers: { cookie: surveyor, ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }) },
  });

describe('compressed API answers', () => {
  it('sends the pull in Brotli, else gzip, else as it is, each the same JSON, varying on Accept-Encoding', async () => {
    const plain = await pull();
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    // The parts of the pull that do not change from one request to the next.
    const stable = (pull: { campaign: unknown; questionnaires: unknown }) => ({
      campaign: pull.campaign,
      questionnaires: pull.questionnaires,
    });
    const json = stable(plain.json());
    expect(plain.rawPayload.length).toBeGreaterThan(10_000);

    const br = await pull('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(stable(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8')))).toEqual(json);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);

    const gz = await pull('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(stable(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8')))).toEqual(json);

    const none = await pull('identity');
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(stable(none.json())).toEqual(json);
  });

  it('leaves small answers and errors as they are', async () => {
    const me = await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: surveyor, 'accept-encoding': 'br, gzip' } });
    expect(me.statusCode).toBe(200);
    expect(me.headers['content-encoding']).toBeUndefined();
    const refused = await h.app.inject({ method: 'GET', url: '/api/sync/pull', headers: { 'accept-encoding': 'br, gzip' } });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
  });

  it('never inflates a compressed request body: refused with a message, nothing stored', async () => {
    const body = gzipSync(JSON.stringify({ responses: [citizenResponse(surveyorId)] }));
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/sync/responses',
      headers: { cookie: surveyor, origin: ORIGIN, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: body,
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect((res.json() as { message?: string }).message).toBeTruthy();
    const count = await h.handle.db
      .selectFrom('responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('sends a CSV download in Brotli or gzip that decodes to the same file', async () => {
    await h.account('qt', 'admin');
    const admin = await h.login('qt');
    const push = await h.app.inject({
      method: 'POST',
      url: '/api/sync/responses',
      headers: { cookie: surveyor, origin: ORIGIN },
      payload: { responses: Array.from({ length: 10 }, () => citizenResponse(surveyorId)) },
    });
    expect(push.statusCode).toBe(200);
    const csv = (acceptEncoding?: string) =>
      h.app.inject({
        method: 'GET',
        url: '/api/campaigns/quang-binh-2021/exports/responses.csv?questionnaireId=phieu-03-s',
        headers: { cookie: admin, ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }) },
      });
    const plain = await csv();
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await csv('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);
    const gz = await csv('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(plain.rawPayload)).toBe(true);
  });
});
