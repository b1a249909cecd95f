// Requests Node's HTTP parser refuses before Fastify sees them get the app's { error, message } in Vietnamese, like
// every other refusal (issue 11: the hostile run over HTTP got Fastify's English default for these).
import { connect, type AddressInfo, type Socket } from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import { clientErrorHandler } from '../../src/server/http/client-error';
import { harnessPerTest, type Harness } from './harness';

let h: Harness;
let port = 0;
harnessPerTest((fresh) => (h = fresh));
beforeEach(async () => {
  // Registered after harnessPerTest, so it runs once this test's server exists.
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  port = (h.app.server.address() as AddressInfo).port;
});

/** Sends raw bytes and returns everything the server writes back before closing. */
const raw = (text: string) =>
  new Promise<string>((resolve) => {
    const s = connect(port, '127.0.0.1');
    let got = '';
    s.on('data', (c) => (got += String(c)));
    s.on('close', () => resolve(got));
    s.on('error', () => {});
    s.write(text);
  });

function parse(answer: string): { status: number; body: { error: string; message: string } } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  expect(head).toMatch(/content-type: application\/json/i);
  return { status: Number(head.split(' ')[1]), body: JSON.parse(body) as { error: string; message: string } };
}

describe('requests refused by the HTTP parser', () => {
  it.each([
    ['a 20 KB query string', `GET /api/health?${'a=1&'.repeat(5000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431, 'headers-too-large'],
    ['a space in the path', 'GET /api/he alth HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'bad-request'],
    [
      'both Content-Length and Transfer-Encoding',
      'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n',
      400,
      'bad-request',
    ],
    [
      'a bad chunk size',
      'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
      400,
      'bad-request',
    ],
  ])('%s → %i { error, message } in Vietnamese', async (_what, request, status, error) => {
    const answer = parse(await raw(request));
    expect(answer.status).toBe(status);
    expect(answer.body.error).toBe(error);
    expect(answer.body.message).toMatch(/Yêu cầu|Địa chỉ/);
  });

  it('answers a request that took longer than the request timeout with 408', () => {
    let written = '';
    let destroyed = false;
    const socket = {
      destroyed: false,
      writable: true,
      write: (t: string) => ((written += t), true),
      destroy: () => void (destroyed = true),
    } as unknown as Socket;
    clientErrorHandler(Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), socket);
    const answer = parse(written);
    expect(answer).toMatchObject({ status: 408, body: { error: 'request-timeout' } });
    expect(destroyed).toBe(true);
  });
});
