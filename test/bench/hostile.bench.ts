// The larger hostile-input run of issue 11: the real server as a child process, 20,000 generated hostile requests
// over HTTP from every role (the generators of test/server/hostile), then the statuses and the server's resident
// memory before and after. Memory is read from /proc/<pid>/status (VmRSS now, VmHWM the peak) and, after a forced
// garbage collection, from the server itself (test/bench/hostile/mem-probe.ts): a V8 heap that stays grown means
// something still holds objects; an RSS that stays grown over a small heap is memory the allocator kept.
//
// Prints figures only; nothing here asserts. HOSTILE_REQUESTS (20000), HOSTILE_CONCURRENCY (8), HOSTILE_ROUNDS (1:
// repeat the run to tell a leak, which keeps growing, from a high-water mark, which does not), HOSTILE_SEED,
// HOSTILE_CASES (a regular expression over the case names, "METHOD /path kind: what": only those, to find which
// input holds memory), HOSTILE_ROLES (a comma-separated list of callers, all by default).
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Role } from '../../src/shared';
import { citizenResponse } from '../server/harness';
import { hostileCases, hostileStrings, seededRandom, type HostileRequest } from '../server/hostile/cases';
import { CAMPAIGN, operationExample, UNIT, type KnownIds } from '../server/hostile/examples';
import { listOperations, type OpenApiDoc } from '../server/hostile/openapi';
import { answerProblems, sendHostile, type Answer } from '../server/hostile/send';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PASSWORD = 'mat-khau-bench-hostile';
const SAMPLE: Record<Role, string> = { admin: 'quantri', coordinator: 'daumoi', staff: 'canbo1', surveyor: 'dieutra1', council: 'hoidong' };
type Who = 'anonymous' | Role;
const ROLES: readonly Who[] = ['anonymous', 'admin', 'coordinator', 'staff', 'surveyor', 'council'];

interface Server {
  child: ChildProcess;
  url: URL;
  output: () => string;
  stop: () => Promise<void>;
}

async function startServer(dataDir: string): Promise<Server> {
  const probe = path.join(root, 'test/bench/hostile/mem-probe.ts');
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', '--import', pathToFileURL(probe).href, 'src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      PHIEU_DATA_DIR: dataDir,
      PHIEU_SAMPLE_PASSWORD: PASSWORD,
      PHIEU_CLIENT_DIR: path.join(dataDir, 'none'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const exited = new Promise((r) => child.on('exit', r));
  const deadline = Date.now() + 60_000;
  while (!/Phiếu đang chạy: (\S+)/.test(out)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = new URL((/Phiếu đang chạy: (\S+)/.exec(out)?.[1] ?? '').replace(/\/$/, ''));
  return {
    child,
    url,
    output: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

interface Memory {
  rssMb: number;
  peakMb: number;
  /** Resident in the main thread's malloc arena ([heap] in /proc/<pid>/smaps): native allocations, freed or not. */
  mallocMb: number;
  /** After two forced collections, from inside the server. */
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  snapshot?: string;
}

const mb = (bytes: number) => bytes / 2 ** 20;
function procStatusKb(pid: number, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? NaN);
}

/** Resident kB of the mappings named `name` in /proc/<pid>/smaps. */
function smapsKb(pid: number, name: string): number {
  let total = 0;
  let inside = false;
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) inside = line.trimEnd().endsWith(` ${name}`);
    else if (inside && line.startsWith('Rss:')) total += Number(/(\d+)/.exec(line)?.[1] ?? 0);
  }
  return total;
}

async function memory(server: Server): Promise<Memory> {
  const pid = server.child.pid ?? 0;
  const seen = server.output().length;
  server.child.kill('SIGUSR2');
  const deadline = Date.now() + 60_000;
  let line: string | undefined;
  while (!(line = /hostile-mem (\{.*\})/.exec(server.output().slice(seen))?.[1])) {
    if (Date.now() > deadline) throw new Error('the server did not report its memory');
    await new Promise((r) => setTimeout(r, 20));
  }
  const m = JSON.parse(line) as { heapUsed: number; heapTotal: number; external: number; arrayBuffers: number; snapshot?: string };
  return {
    rssMb: procStatusKb(pid, 'VmRSS') / 1024,
    peakMb: procStatusKb(pid, 'VmHWM') / 1024,
    mallocMb: smapsKb(pid, '[heap]') / 1024,
    heapUsedMb: mb(m.heapUsed),
    heapTotalMb: mb(m.heapTotal),
    externalMb: mb(m.external),
    arrayBuffersMb: mb(m.arrayBuffers),
    snapshot: m.snapshot,
  };
}

const show = (m: Memory) =>
  `RSS ${m.rssMb.toFixed(0)} MB (peak ${m.peakMb.toFixed(0)} MB, malloc arena ${m.mallocMb.toFixed(0)} MB); after GC: heap ${m.heapUsedMb.toFixed(1)} / ${m.heapTotalMb.toFixed(0)} MB, external ${m.externalMb.toFixed(1)} MB, array buffers ${m.arrayBuffersMb.toFixed(1)} MB${m.snapshot ? `; snapshot ${m.snapshot}` : ''}`;

/** A JSON request from a chosen local address (127.x.y.z): each round signs in again from a fresh one, since the
 * login limit is per address and the hostile cases have used that address's budget up. */
function json(
  base: URL,
  method: string,
  url: string,
  opts: { cookie?: string; body?: unknown; from?: string } = {},
): Promise<{ status: number; body: unknown; setCookie: string }> {
  return new Promise((resolve, reject) => {
    const payload = opts.body !== undefined ? JSON.stringify(opts.body) : undefined;
    const req = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        method,
        path: url,
        localAddress: opts.from,
        headers: {
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
          ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            body: text ? (JSON.parse(text) as unknown) : null,
            setCookie: String(res.headers['set-cookie']?.[0] ?? ''),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function signIn(base: URL, username: string, from?: string): Promise<string> {
  const res = await json(base, 'POST', '/api/auth/login', { body: { username, password: PASSWORD }, from });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.setCookie.split(';')[0] ?? '';
}

async function signInAll(base: URL, from?: string): Promise<Record<Role, string>> {
  const cookies = {} as Record<Role, string>;
  for (const role of Object.keys(SAMPLE) as Role[]) cookies[role] = await signIn(base, SAMPLE[role], from);
  return cookies;
}

/** The sample data the cases need: sessions for every role, a stored response, an evidence file, two spare accounts. */
async function prepare(base: URL): Promise<{ cookies: Record<Role, string>; ids: KnownIds }> {
  const cookies = await signInAll(base);
  const idOf = async (cookie: string) =>
    ((await json(base, 'GET', '/api/auth/me', { cookie })).body as { account: { id: string } }).account.id;
  const surveyor = await idOf(cookies.surveyor);
  const staff = await idOf(cookies.staff);
  const otherSurveyor = await idOf(await signIn(base, 'dieutra2'));
  const stored = citizenResponse(surveyor);
  const push = await json(base, 'POST', '/api/sync/responses', { cookie: cookies.surveyor, body: { responses: [stored] } });
  if (push.status !== 200) throw new Error(`push: ${push.status}`);
  const created = async (username: string) => {
    const res = await json(base, 'POST', `/api/campaigns/${CAMPAIGN}/accounts`, {
      cookie: cookies.admin,
      body: { username, displayName: username, role: 'council', password: PASSWORD },
    });
    if (res.status !== 201) throw new Error(`create ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { account: { id: string } }).account.id;
  };
  const target = await created('muc-tieu-hostile');
  await created('dang-nhap-hostile');
  const form = new FormData();
  form.append('attachTo', '1.1.1');
  form.append(
    'file',
    new Blob([Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1')]),
    'kiem-chung.pdf',
  );
  const up = await fetch(new URL(`/api/self-assessments/${CAMPAIGN}/${UNIT}/files`, base), {
    method: 'POST',
    headers: { cookie: cookies.coordinator },
    body: form,
  });
  const upBody = (await up.json()) as { files?: { hash: string }[] };
  const evidenceHash = upBody.files?.[0]?.hash ?? '0'.repeat(64);
  return {
    cookies,
    ids: {
      surveyor,
      otherSurveyor,
      staff,
      target,
      responseId: stored.id,
      evidenceHash,
      // No batch can be issued here (the reference survey's deadline has passed on a real clock): revoking answers 404.
      batchId: '00000000-0000-4000-8000-000000000000',
      login: { username: 'dang-nhap-hostile', password: PASSWORD },
    },
  };
}

interface Run {
  requests: number;
  seconds: number;
  statuses: Map<string, number>;
  problems: string[];
}

async function sendAll(base: URL, cases: HostileRequest[], concurrency: number): Promise<Run> {
  const statuses = new Map<string, number>();
  const problems: string[] = [];
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++] as HostileRequest;
      let key: string;
      try {
        const a: Answer = await sendHostile(base, c);
        key = String(a.status);
        for (const p of answerProblems(c, a))
          if (problems.length < 50) problems.push(`${c.name} → ${a.status} ${a.body.slice(0, 160)}: ${p}`);
      } catch (err) {
        // The server answered early and closed while a huge body was still being sent, or refused the connection.
        key = `network:${(err as NodeJS.ErrnoException).code ?? 'error'}`;
      }
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { requests: cases.length, seconds: (performance.now() - t0) / 1000, statuses, problems };
}

/**
 * Every case of every operation for every role, in a seeded random order, repeated or cut to `count`. Logouts come
 * last so that the sessions the other cases use stay alive (signing in again would meet the per-address limit).
 */
function schedule(doc: OpenApiDoc, ids: KnownIds, cookies: Record<Role, string>, count: number, seed: number): HostileRequest[] {
  const strings = hostileStrings(seed, 64);
  const all: HostileRequest[] = [];
  const only = process.env.HOSTILE_CASES ? new RegExp(process.env.HOSTILE_CASES) : undefined;
  for (const op of listOperations(doc)) {
    const example = operationExample(doc, op, ids);
    const roles = process.env.HOSTILE_ROLES ? ROLES.filter((r) => process.env.HOSTILE_ROLES?.split(',').includes(r)) : ROLES;
    for (const who of roles)
      all.push(
        ...hostileCases(op, example, strings, who === 'anonymous' ? {} : { cookie: cookies[who] }).filter(
          (c) => !only || only.test(c.name),
        ),
      );
  }
  if (all.length === 0) throw new Error(`no case matches HOSTILE_CASES=${process.env.HOSTILE_CASES}`);
  const random = seededRandom(seed);
  for (let i = all.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j] as HostileRequest, all[i] as HostileRequest];
  }
  const out: HostileRequest[] = [];
  while (out.length < count) out.push(...all.slice(0, count - out.length));
  const isLogout = (c: HostileRequest) => c.method === 'POST' && c.url.startsWith('/api/auth/logout');
  return [...out.filter((c) => !isLogout(c)), ...out.filter(isLogout)];
}

export async function hostileBench(): Promise<void> {
  const count = Number(process.env.HOSTILE_REQUESTS ?? 20_000);
  const concurrency = Number(process.env.HOSTILE_CONCURRENCY ?? 8);
  const rounds = Number(process.env.HOSTILE_ROUNDS ?? 1);
  const seed = Number(process.env.HOSTILE_SEED ?? 20261211);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'phieu-hostile-bench-'));
  let server: Server | undefined;
  try {
    server = await startServer(dataDir);
    const { cookies, ids } = await prepare(server.url);
    const doc = (await json(server.url, 'GET', '/api/openapi.json')).body as OpenApiDoc;
    const before = await memory(server);
    const loadBefore = loadavg();
    console.log(
      `Hostile input over HTTP (issue 11): ${count} requests per round over ${listOperations(doc).length} operations × ${ROLES.length} callers, ${concurrency} at a time, seed ${seed}`,
    );
    console.log(`  before: ${show(before)}; load ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
    for (let round = 1; round <= rounds; round += 1) {
      // The previous round ended with logouts: every round signs in afresh, from an address of its own.
      const run = await sendAll(
        server.url,
        schedule(doc, ids, round === 1 ? cookies : await signInAll(server.url, `127.0.${round}.1`), count, seed),
        concurrency,
      );
      const after = await memory(server);
      const histogram = [...run.statuses]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([s, n]) => `${s}: ${n}`)
        .join(', ');
      console.log(
        `  round ${round}: ${run.requests} requests in ${run.seconds.toFixed(1)} s (${(run.requests / run.seconds).toFixed(0)}/s); statuses ${histogram}`,
      );
      console.log(
        `  after round ${round}: ${show(after)}; RSS ${after.rssMb - before.rssMb >= 0 ? '+' : ''}${(after.rssMb - before.rssMb).toFixed(0)} MB; load ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
      );
      if (run.problems.length > 0)
        console.log(`  answers out of contract (first ${run.problems.length}):\n    ${run.problems.join('\n    ')}`);
    }
    const errors = server
      .output()
      .split('\n')
      .filter((l) => /"level":(50|60)/.test(l));
    console.log(
      `  server error log lines: ${errors.length}${
        errors.length
          ? `\n    ${errors
              .slice(0, 5)
              .map((l) => l.slice(0, 300))
              .join('\n    ')}`
          : ''
      }`,
    );
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// `npx tsx test/bench/hostile.bench.ts` runs it alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await hostileBench();
