import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../server/db/postgres-cluster';
import { citizenResponse } from '../server/harness';
import { buildServer, builtClient, cleanEnv, loginCookie, root, run, startServerOnPort, type RunningServer } from './helpers/server';

/**
 * Issue 17: the server as `npm run build` makes it, run by plain node (no tsx, no loader) from a folder whose
 * node_modules holds the runtime dependencies only (the lockfile's packages not marked dev), so that any import of a
 * development package fails here. The server's basics run through it, worker threads included.
 */
const PASSWORD = 'mat-khau-ban-dung';
let tmp: string;
let app: string;
let server: RunningServer;

/** package-lock.json's top-level packages that a production install (`npm ci --omit=dev`) keeps. */
function runtimePackages(): string[] {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([key, p]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(key) && p.dev !== true)
    .map(([key]) => key.slice('node_modules/'.length));
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'phieu-built-'));
  app = path.join(tmp, 'app');
  await buildServer(path.join(app, 'dist', 'server'));
  for (const name of runtimePackages()) {
    mkdirSync(path.dirname(path.join(app, 'node_modules', name)), { recursive: true });
    symlinkSync(path.join(root, 'node_modules', name), path.join(app, 'node_modules', name), 'dir');
  }
  cpSync(path.join(root, 'survey-definitions'), path.join(app, 'survey-definitions'), { recursive: true });
  server = await startServerOnPort({
    port: 0,
    dataDir: path.join(tmp, 'data'),
    clientDir: await builtClient(),
    password: PASSWORD,
    cwd: app,
    args: [path.join(app, 'dist', 'server', 'main.js')],
    env: { PHIEU_VALIDATION_WORKERS: '1', PHIEU_EXPORT_WORKERS: '1' },
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the built server', () => {
  it('imports nothing but node itself and the runtime dependencies', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const allowed = new Set([...Object.keys(pkg.dependencies), ...builtinModules]);
    const dir = path.join(app, 'dist', 'server');
    const imported = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(path.join(dir, file), 'utf8');
      // The bundle's own import statements (rolldown writes them with double quotes): not the tsx loader that a string
      // of worker-thread.ts names for running from sources, a branch the built server never takes.
      const statements = [...code.matchAll(/^(?:import|export)[^;\n]*?from\s*"([^"]+)"/gm), ...code.matchAll(/\bimport\("([^"]+)"\)/g)];
      for (const m of statements.filter((x) => !(x[1] ?? '.').startsWith('.'))) {
        const spec = (m[1] ?? '').replace(/^node:/, '');
        imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec));
      }
    }
    expect(imported.size).toBeGreaterThan(10);
    expect([...imported].filter((name) => !allowed.has(name))).toEqual([]);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['main.js', 'cli.js', 'validation-worker.js', 'export-worker.js']));
  });

  it('answers health and serves the PWA', async () => {
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });

  it('signs in, takes a push through its validation worker once, and downloads it through its export worker', async () => {
    const surveyor = await loginCookie(server.url, 'dieutra1', PASSWORD);
    const pull = await fetch(`${server.url}/api/sync/pull`, { headers: { cookie: surveyor } });
    expect(pull.status).toBe(200);
    const me = ((await pull.json()) as { account: { id: string } }).account.id;
    const response = citizenResponse(me);
    const push = () =>
      fetch(`${server.url}/api/sync/responses`, {
        method: 'POST',
        headers: { cookie: surveyor, 'content-type': 'application/json' },
        body: JSON.stringify({ responses: [response] }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { results: { status: string }[] } }));
    const first = await push();
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.results.map((r) => r.status)).toEqual(['accepted']);
    expect((await push()).body.results.map((r) => r.status)).toEqual(['duplicate']);

    const admin = await loginCookie(server.url, 'quantri', PASSWORD);
    const csv = await fetch(`${server.url}/api/campaigns/quang-binh-2021/exports/responses.csv?questionnaireId=phieu-03-s`, {
      headers: { cookie: admin },
    });
    expect(csv.status).toBe(200);
    expect((await csv.text()).split(response.id).length - 1).toBe(1);

    // Both jobs went to worker threads that loaded (a worker that cannot load is logged, and the work falls back).
    const ready = await fetch(`${server.url}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ workers: { validation: { expected: 1, running: 1 }, export: { expected: 1, running: 1 } } });
    expect(server.output()).not.toContain('worker thread failed');
  });

  it('runs the operator CLI built beside it', async () => {
    const data = path.join(tmp, 'cli-data');
    const out = await run(process.execPath, [path.join(app, 'dist', 'server', 'cli.js'), 'init', '--admin', 'sonoivu'], {
      cwd: app,
      timeoutMs: 60_000,
      env: cleanEnv({ PHIEU_DATA_DIR: data }),
    });
    expect(out).toMatch(/Đã tạo tài khoản quản trị sonoivu\. Mật khẩu \(chỉ in một lần, hãy lưu lại\): \S{10,}/);
  });
});

describe('the built server on PostgreSQL (issue 18)', () => {
  it('starts with PHIEU_DATABASE_URL, loads the campaign there, takes a push once and downloads it', async () => {
    const cluster = startCluster();
    let pgServer: RunningServer | undefined;
    try {
      pgServer = await startServerOnPort({
        port: 0,
        dataDir: path.join(tmp, 'pg-data'),
        clientDir: await builtClient(),
        password: PASSWORD,
        cwd: app,
        args: [path.join(app, 'dist', 'server', 'main.js')],
        env: { PHIEU_DATABASE_URL: cluster.url(), PHIEU_VALIDATION_WORKERS: '1', PHIEU_EXPORT_WORKERS: '1' },
      });
      await expect.poll(() => pgServer!.output()).toMatch(/Dữ liệu: PostgreSQL postgres:\/\/phieu@\/postgres/); // printed after the address
      const surveyor = await loginCookie(pgServer.url, 'dieutra1', PASSWORD);
      const pull = await fetch(`${pgServer.url}/api/sync/pull`, { headers: { cookie: surveyor } });
      const response = citizenResponse(((await pull.json()) as { account: { id: string } }).account.id);
      const push = async () => {
        const r = await fetch(`${pgServer!.url}/api/sync/responses`, {
          method: 'POST',
          headers: { cookie: surveyor, 'content-type': 'application/json' },
          body: JSON.stringify({ responses: [response] }),
        });
        return ((await r.json()) as { results: { status: string }[] }).results.map((x) => x.status);
      };
      expect(await push()).toEqual(['accepted']);
      expect(await push()).toEqual(['duplicate']);
      const admin = await loginCookie(pgServer.url, 'quantri', PASSWORD);
      const csv = await fetch(`${pgServer.url}/api/campaigns/quang-binh-2021/exports/responses.csv?questionnaireId=phieu-03-s`, {
        headers: { cookie: admin },
      });
      expect(csv.status).toBe(200);
      expect((await csv.text()).split(response.id).length - 1).toBe(1);
      expect((await fetch(`${pgServer.url}/api/ready`)).status).toBe(200);
    } finally {
      await pgServer?.stop();
      cluster.stop();
    }
  }, 120_000);
});
