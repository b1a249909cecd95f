import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/server/cli/commands';
import { countAccounts } from '../../src/server/db/accounts';
import { countResponses } from '../../src/server/db/responses';
import { openSqlite } from '../../src/server/db/database';
import type { ItemResult, PullResult } from '../../src/shared';
import { serverArgs } from '../e2e/helpers/server';
import { citizenResponse } from './harness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PASSWORD = 'mat-khau-mau-123';

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the real server process (what `npm start` runs after building) on a free port, over the data folder `dir`. */
async function startServer(dir: string, opts: { env?: Record<string, string> } = {}): Promise<Running> {
  const child = spawn(process.execPath, await serverArgs(), {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      PHIEU_DATA_DIR: dir,
      PHIEU_SAMPLE_PASSWORD: PASSWORD,
      PHIEU_CLIENT_DIR: path.join(dir, 'no-client'),
      LOG_LEVEL: 'warn',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Waits for the line that says it listens, read as it comes (no polling), or for the process to end first.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`server did not start within 30 s:\n${out}`)), 30_000);
    const check = () => {
      if (/Phiếu đang chạy: \S+\n/.test(out)) finish(); // the whole line, not a URL cut between two reads
    };
    const onExit = () => finish(new Error(`server did not start:\n${out}`));
    function finish(error?: Error) {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
    child.stdout?.on('data', check);
    child.once('exit', onExit);
    check();
  });
  const url = (/Phiếu đang chạy: (\S+)/.exec(out)?.[1] ?? '').replace(/\/$/, '');
  // The server prints the rest (where its data is, the sample logins) right after that line, in the same turn and
  // before it answers anything: once a request is answered, all of it has been written, and read here a turn later.
  await (await fetch(`${url}/api/health`)).arrayBuffer();
  await new Promise((r) => setImmediate(r));
  return { child, url, output: () => out, exited };
}

async function loginCookie(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

const pushBatch = (url: string, cookie: string, responses: unknown[]) =>
  fetch(`${url}/api/sync/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ responses }),
  });

describe('a production start (NODE_ENV=production)', () => {
  it('creates no account on an empty database and says how to create the first; `phieu init --admin` does, once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'phieu-prod-'));
    const prod = await startServer(dir, { env: { NODE_ENV: 'production' } });
    try {
      expect(prod.output()).toMatch(/Đã nạp kỳ đánh giá quang-binh-2021/);
      expect(prod.output()).toContain('Chưa có tài khoản nào. Tạo tài khoản Sở Nội vụ đầu tiên: npx phieu init --admin <tên đăng nhập>');
      expect(prod.output()).not.toContain('Tài khoản mẫu');
      const h = openSqlite(path.join(dir, 'phieu.sqlite'));
      expect(await countAccounts(h.db)).toBe(0);
      await h.close();

      const lines: string[] = [];
      const before = process.env.PHIEU_DATA_DIR;
      process.env.PHIEU_DATA_DIR = dir;
      try {
        await run(['init', '--admin', 'qt.sonoivu', '--name', 'Quản trị Sở Nội vụ'], (l) => lines.push(l));
        await expect(run(['init', '--admin', 'qt.khac'], () => {})).rejects.toThrow(/init chỉ dùng lần đầu/);
      } finally {
        if (before === undefined) delete process.env.PHIEU_DATA_DIR;
        else process.env.PHIEU_DATA_DIR = before;
      }
      const password = /Mật khẩu \(chỉ in một lần, hãy lưu lại\): (\S+)/.exec(lines.join('\n'))?.[1] ?? '';
      expect(password).toMatch(/^[A-Za-z0-9]{12}$/);
      const res = await fetch(`${prod.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'qt.sonoivu', password }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ account: { role: 'admin' } });
    } finally {
      prod.child.kill('SIGKILL');
      await prod.exited;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the server process', () => {
  // Each test its own process over its own, empty data folder: one test kills its server, another stops it.
  let dataDir: string;
  let server: Running;
  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'phieu-proc-'));
    server = await startServer(dataDir);
  }, 60_000);
  afterEach(async () => {
    server.child.kill('SIGKILL'); // nothing if it has already exited
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the sample campaign and prints the URL and the sample logins on an empty database', async () => {
    expect(server.output()).toMatch(/Đã nạp kỳ đánh giá quang-binh-2021/);
    for (const u of ['quantri', 'daumoi', 'canbo1', 'dieutra1', 'dieutra2', 'hoidong']) expect(server.output()).toContain(u);
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', campaigns: [{ id: 'quang-binh-2021', state: 'open' }] });
    const doc = await (await fetch(`${server.url}/api/openapi.json`)).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/sync/responses', '/api/sync/pull', '/api/campaigns/{campaignId}/progress']),
    );
    expect((await fetch(`${server.url}/api/docs/`)).status).toBe(200);
  });

  it('loses nothing and doubles nothing when killed mid-push and restarted', async () => {
    const cookie = await loginCookie(server.url, 'dieutra1');
    const pull = (await (await fetch(`${server.url}/api/sync/pull`, { headers: { cookie } })).json()) as PullResult;
    const me = pull.account.id;
    const batch = Array.from({ length: 100 }, () => citizenResponse(me));
    // Send, and kill -9 the server while the batch is in flight: the device cannot know whether it committed.
    const inFlight = pushBatch(server.url, cookie, batch).then(
      (r) => r.status,
      () => 'network-error',
    );
    // Real time on purpose: the request has to reach another process before it dies (fake timers cannot move it).
    await new Promise((r) => setTimeout(r, 15));
    server.child.kill('SIGKILL');
    await server.exited;
    await inFlight;

    server = await startServer(dataDir); // same data folder
    expect(server.output()).not.toMatch(/Tài khoản mẫu/); // nothing re-seeded
    const retry = await pushBatch(server.url, cookie, batch); // the long-lived session survived the restart
    expect(retry.status).toBe(200);
    const results = ((await retry.json()) as { results: ItemResult[] }).results;
    expect(results.every((r) => r.status === 'accepted' || r.status === 'duplicate')).toBe(true);
    const handle = openSqlite(path.join(dataDir, 'phieu.sqlite'));
    try {
      expect(await countResponses(handle.db)).toBe(100);
    } finally {
      await handle.close();
    }
  }, 90_000);

  it('finishes in-flight requests on SIGTERM, then exits cleanly', async () => {
    const cookie = await loginCookie(server.url, 'dieutra1');
    const pull = (await (await fetch(`${server.url}/api/sync/pull`, { headers: { cookie } })).json()) as PullResult;
    const batch = Array.from({ length: 100 }, () => citizenResponse(pull.account.id));
    const inFlight = pushBatch(server.url, cookie, batch);
    // Real time on purpose: the request has to reach the server process before it is told to stop.
    await new Promise((r) => setTimeout(r, 5));
    server.child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: ItemResult[] }).results.filter((r) => r.status === 'accepted')).toHaveLength(100);
    expect(await server.exited).toBe(0);
  }, 60_000);
});
