// Issue 17, server hygiene: timeouts for a server facing the internet, readiness, 507 before the disk is full, and one
// log line per request with nobody's data in it. Each test starts its own server over its own SQLite file.
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppOptions } from '../../src/server/app';
import { readConfig } from '../../src/server/config';
import { countResponses } from '../../src/server/db/responses';
import { DiskSpace, statfsFreeBytes } from '../../src/server/services/disk-space';
import { timeoutsFor } from '../../src/server/start';
import type { ItemResult } from '../../src/shared';
import type { ReadinessReport } from '../../src/shared/api/health';
import { citizenResponse, ORIGIN, startHarness, type Harness } from './harness';

const MB = 1024 * 1024;
let open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.map((h) => h.close()));
  open = [];
});

async function start(app: Partial<AppOptions> = {}): Promise<{ h: Harness; surveyorId: string; cookie: string }> {
  const h = await startHarness({ app });
  open.push(h);
  const surveyorId = await h.account('dieutravien7', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
  return { h, surveyorId, cookie: await h.login('dieutravien7') };
}

/**
 * Makes the app's database refuse writes, or take them again. SQLite: query_only on its one connection. PostgreSQL:
 * the database's default (a standby's state, as far as a session can tell), then its connections ended so that the
 * pool opens new ones under it.
 */
async function readOnly(h: Harness, on: boolean): Promise<void> {
  if (!h.postgres) {
    await sql.raw(`pragma query_only = ${on ? 1 : 0}`).execute(h.handle.db);
    return;
  }
  const { name, admin } = h.postgres;
  await admin(
    on ? `alter database ${name} set default_transaction_read_only = on` : `alter database ${name} reset default_transaction_read_only`,
  );
  await admin(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`);
}

const push = async (h: Harness, cookie: string, responses: unknown[], lang?: string) => {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/sync/responses',
    headers: { cookie, origin: ORIGIN, ...(lang ? { 'accept-language': lang } : {}) },
    payload: { responses },
  });
  return { status: res.statusCode, body: res.json() as { results?: ItemResult[]; error?: string; message?: string } };
};

/** A socket to the listening server that sends `request` and resolves with what it got when the server closes it. */
function rawExchange(port: number, request: string): Promise<{ received: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let received = '';
    socket.on('data', (d) => (received += String(d)));
    socket.on('error', reject);
    socket.on('close', () => resolve({ received, ms: performance.now() - t0 }));
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the socket open for 10 s; got: ${received}`));
    }, 10_000);
  });
}

const listen = async (h: Harness): Promise<number> => {
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  const address = h.app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return address.port;
};

describe('timeouts', () => {
  it('are set for a server facing the internet by default', async () => {
    const { h } = await start();
    expect(h.app.server.headersTimeout).toBe(30_000);
    expect(h.app.server.requestTimeout).toBe(15 * 60_000);
    expect(h.app.server.keepAliveTimeout).toBe(15_000);
    expect(h.app.server.timeout).toBe(120_000);
  });

  it('close a connection whose headers never finish, with 408', async () => {
    const { h } = await start({ timeouts: { headersMs: 300, requestMs: 600, checkEveryMs: 100 } });
    const port = await listen(h);
    const { received } = await rawExchange(port, 'GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  });

  it('close an idle keep-alive connection after its timeout, having answered the request', async () => {
    const { h } = await start({ timeouts: { keepAliveMs: 200 } });
    const port = await listen(h);
    const { received, ms } = await rawExchange(port, 'GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(received).toContain('"status":"ok"');
    expect(ms).toBeLessThan(5_000); // closed by the keep-alive timeout, not by the test's own 10 s limit
  });
});

describe('readiness', () => {
  it('says the database takes writes, the disk has room and which workers run', async () => {
    const { h } = await start({ disk: new DiskSpace('.', 10 * MB, async () => 900 * MB) });
    const res = await h.app.inject({ method: 'GET', url: '/api/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      ready: true,
      database: { writable: true },
      disk: { freeBytes: 900 * MB, minFreeBytes: 10 * MB, writesAllowed: true },
      workers: { validation: { expected: 0, running: 0 }, export: { expected: 0, running: 0 } },
    } satisfies Partial<ReadinessReport>);
  });

  it('answers 503 when the database refuses writes, and says so', async () => {
    const { h } = await start();
    await readOnly(h, true);
    const res = await h.app.inject({ method: 'GET', url: '/api/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ ready: false, database: { writable: false } });
    await readOnly(h, false);
    // PostgreSQL: the pool may still hand out a connection being ended; the next one is new, and writable.
    await expect.poll(async () => (await h.app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
  });

  it('counts worker threads that run', async () => {
    const { h } = await start({ validationWorkers: 1, exportWorkers: 1 });
    const res = await h.app.inject({ method: 'GET', url: '/api/ready' });
    expect(res.json()).toMatchObject({ workers: { validation: { expected: 1, running: 1 }, export: { expected: 1, running: 1 } } });
  });
});

describe('the disk reserve', () => {
  it('refuses writes with 507 below it, changes nothing, keeps reads and sign-in, and takes the retry once there is room', async () => {
    let free = 100 * MB;
    const { h, surveyorId, cookie } = await start({ disk: new DiskSpace('.', 512 * MB, async () => free, 0) });
    const kept = citizenResponse(surveyorId);
    free = 600 * MB;
    expect((await push(h, cookie, [kept])).body.results?.[0]?.status).toBe('accepted');

    free = 100 * MB;
    const waiting = citizenResponse(surveyorId);
    const refused = await push(h, cookie, [waiting]);
    expect(refused.status).toBe(507);
    expect(refused.body).toMatchObject({ error: 'disk-full' });
    expect(refused.body.message).toContain('sắp hết dung lượng đĩa');
    expect((await push(h, cookie, [waiting], 'en')).body.message).toContain('almost out of disk space');
    expect(await countResponses(h.handle.db)).toBe(1);
    expect((await h.app.inject({ method: 'GET', url: '/api/sync/pull', headers: { cookie } })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: `/api/responses/${kept.id}`, headers: { cookie } })).statusCode).not.toBe(507);
    await expect(h.login('dieutravien7')).resolves.toMatch(/^phieu_session=/);
    const ready = await h.app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ ready: false, database: { writable: true }, disk: { writesAllowed: false } });

    free = 600 * MB;
    expect((await push(h, cookie, [waiting, kept])).body.results?.map((r) => r.status)).toEqual(['accepted', 'duplicate']);
    expect(await countResponses(h.handle.db)).toBe(2);
  });

  it('reads the real free space of the nearest folder that exists, at most once per interval', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'phieu-disk-'));
    try {
      expect(await statfsFreeBytes(path.join(dir, 'not', 'yet', 'made'))).toBeGreaterThan(0);
      let reads = 0;
      const disk = new DiskSpace(dir, 1, async (d) => (reads++, statfsFreeBytes(d)), 60_000);
      expect(await disk.allowsWrites()).toBe(true);
      await disk.freeBytes();
      expect(reads).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the request log', () => {
  it('writes one line per request: method, route pattern, status, time; no address, account, query or cookie', async () => {
    const lines: string[] = [];
    const { h, surveyorId, cookie } = await start({ logger: { level: 'info', stream: { write: (l: string) => void lines.push(l) } } });
    const r = citizenResponse(surveyorId);
    await push(h, cookie, [r]);
    lines.length = 0;
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/responses/${r.id}?q=Nguyen+Van+An`,
      headers: { cookie },
      remoteAddress: '203.0.113.77',
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(200);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(entry).toMatchObject({ msg: 'request', method: 'GET', route: '/api/responses/:id', status: res.statusCode });
    expect(typeof entry.ms).toBe('number');
    const text = lines[0] ?? '';
    for (const secret of [r.id, '203.0.113.77', 'Nguyen', cookie.split('=')[1] ?? 'x', 'dieutravien7', surveyorId])
      expect(text).not.toContain(secret);
  });
});

describe('behind a reverse proxy', () => {
  it('keeps idle connections open longer than a proxy reusing them does (nginx: 60 s), and no longer otherwise', async () => {
    expect(timeoutsFor(readConfig({ PHIEU_TRUST_PROXY: '1' }))).toEqual({ keepAliveMs: 65_000 });
    expect(timeoutsFor(readConfig({}))).toBeUndefined();
    const { h } = await start({ timeouts: timeoutsFor({ trustProxy: true }) });
    expect(h.app.server.keepAliveTimeout).toBe(65_000);
    expect(h.app.server.headersTimeout).toBe(30_000);
  });
});
