import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (cwd of the build and of the server process). */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runs a command to completion; throws with its output when it fails or takes longer than `timeoutMs`. */
export function run(cmd: string, args: string[], opts: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')} took longer than ${opts.timeoutMs} ms:\n${out}`));
    }, opts.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${out}`));
    });
  });
}

/**
 * The environment of a child process as a shell would give it, without what vitest sets for itself: vitest sets
 * NODE_ENV=test, and a Vite build under NODE_ENV=test is a development build (React in development mode,
 * `import.meta.env.DEV` true, so the app never registers its service worker).
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(VITEST|VITE_|NODE_ENV$|TEST$|MODE$)/.test(k)) env[k] = v;
  return { ...env, ...extra };
}

/** `npx vite build --ssr` into `outDir`: the server as `npm run build` makes it, for plain node. */
export async function buildServer(outDir: string): Promise<void> {
  await run('npx', ['vite', 'build', '--ssr', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: root,
    timeoutMs: 60_000,
    env: cleanEnv({ NODE_ENV: 'production' }),
  });
}

/** `npx vite build` into `outDir` (a temporary folder, so a concurrent build of dist/client is never clobbered). */
export async function buildClient(outDir: string): Promise<void> {
  await run('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: root,
    timeoutMs: 150_000,
    env: cleanEnv({ NODE_ENV: 'production' }),
  });
}

export interface RunningServer {
  child: ChildProcess;
  /** Without the trailing slash, e.g. http://localhost:40123 */
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts the real server process (what `npm start` runs after building) on a free port, serving `clientDir`. */
export async function startServer(opts: { dataDir: string; clientDir: string; password: string }): Promise<RunningServer> {
  return startServerOnPort({ ...opts, port: 0 });
}

/** Signs in from Node and returns the `name=value` session cookie. */
export async function loginCookie(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${username}: HTTP ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (!cookie) throw new Error(`login as ${username}: no session cookie`);
  return cookie;
}

/** An API call as `cookie` signs it, a JSON body when given: the response as it comes. */
export function apiCall(url: string, cookie: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export interface StoredResponse {
  id: string;
  unitId: string;
  groupId: string;
  questionnaireId: string;
  questionnaireVersion: number;
  surveyorId: string;
  deviceId: string;
  mode: string;
  answers: Record<string, unknown>;
  receivedAt: string;
  overQuota: boolean;
}

/** Every response of a campaign cell as Home Affairs sees it (follows the cursor to the end). */
export async function listResponses(
  url: string,
  cookie: string,
  campaignId: string,
  filter: { unitId?: string; groupId?: string } = {},
): Promise<StoredResponse[]> {
  const all: StoredResponse[] = [];
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams({ limit: '500', ...filter, ...(cursor ? { cursor } : {}) });
    const res = await fetch(`${url}/api/campaigns/${campaignId}/responses?${q}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`GET responses: HTTP ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { responses: StoredResponse[]; nextCursor: string | null };
    all.push(...body.responses);
    cursor = body.nextCursor;
  } while (cursor);
  return all;
}

/**
 * Starts the real server process on the given port (0: a free one). A server started again on the port of one that
 * died keeps the browser's origin, and with it the page's service worker, IndexedDB and session cookie. If the test
 * process ends without afterAll (killed, crashed), the server does not outlive it.
 */
export async function startServerOnPort(opts: {
  dataDir: string;
  clientDir: string;
  password: string;
  port: number;
  /** Node's arguments: by default the server built for the run (serverArgs). */
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
}): Promise<RunningServer> {
  const env = cleanEnv({
    PORT: String(opts.port),
    HOST: '127.0.0.1',
    PHIEU_DATA_DIR: opts.dataDir,
    PHIEU_SAMPLE_PASSWORD: opts.password,
    PHIEU_CLIENT_DIR: opts.clientDir,
    LOG_LEVEL: 'warn',
    ...opts.env,
  });
  const args = opts.args ?? (await serverArgs());
  const child = spawn(process.execPath, args, { cwd: opts.cwd ?? root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.off('exit', killOnExit);
      resolve();
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`the server did not start on port ${opts.port} within 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = /Phiếu đang chạy: (\S+)/.exec(out);
      if (m?.[1]) finish(null, m[1].replace(/\/$/, ''));
    };
    const onExit = (code: number | null) => finish(new Error(`the server exited (${code}) before listening on port ${opts.port}:\n${out}`));
    function finish(err: Error | null, value?: string) {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(value as string);
    }
    child.stdout?.on('data', check);
    child.once('exit', onExit);
    check();
  }).catch((e: unknown) => {
    child.kill('SIGKILL');
    throw e;
  });
  return {
    child,
    url,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Node's arguments that start the server: under vitest the server built once for the run (test/setup/server-build.ts),
 * as production runs it; elsewhere (the benches, run by tsx) the TypeScript sources through tsx.
 */
export async function serverArgs(): Promise<string[]> {
  if (!process.env.VITEST) return ['--import', 'tsx', 'src/server/main.ts'];
  const { inject } = await import('vitest');
  return [inject('phieuServerMain')];
}

/** The port of a running server's address. */
export function portOf(server: RunningServer): number {
  return Number(new URL(server.url).port);
}

/** Kills the server process outright (SIGKILL: no graceful close, like a crash or a power cut) and waits until it is gone. */
export async function killServer(server: RunningServer): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await gone;
}

/** Runs the operator's CLI (what `npx phieu <args>` runs) on a data folder, e.g. `revoke-sessions --username U`; returns its output. */
export function phieuCli(dataDir: string, args: string[]): Promise<string> {
  return run(process.execPath, ['src/server/cli/phieu.mjs', ...args], {
    cwd: root,
    timeoutMs: 60_000,
    env: cleanEnv({ PHIEU_DATA_DIR: dataDir }),
  });
}

/**
 * The PWA the e2e project built once (test/e2e/global-setup.ts), for the tests to serve or read; never written to.
 * vitest is imported here, when called, so that the benches (tsx, no test runner) can use the rest of this module.
 */
export async function builtClient(): Promise<string> {
  const { inject } = await import('vitest');
  return inject('phieuClientDir');
}

/** A scenario's temporary folder: the PWA built once (builtClient), and the server running on an empty `dataDir`. */
export interface Workspace {
  tmp: string;
  clientDir: string;
  dataDir: string;
  server: RunningServer;
}

/** Starts the server on the built PWA and a fresh temporary data folder (for a file's beforeAll). */
export async function openWorkspace(prefix: string, password: string): Promise<Workspace> {
  const tmp = mkdtempSync(path.join(tmpdir(), prefix));
  const clientDir = await builtClient();
  const dataDir = path.join(tmp, 'data');
  mkdirSync(dataDir);
  return { tmp, clientDir, dataDir, server: await startServer({ dataDir, clientDir, password }) };
}

/** Closes the browser, stops the server and removes the folder (for a file's afterAll). */
export async function closeWorkspace(parts: { tmp?: string; server?: RunningServer; context?: { close(): Promise<void> } }): Promise<void> {
  await parts.context?.close().catch(() => undefined);
  await parts.server?.stop();
  if (parts.tmp) rmSync(parts.tmp, { recursive: true, force: true });
}
