import { fork } from 'node:child_process';
import { rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { readConfig } from '../../src/server/config';
import { postgresBin, startCluster } from '../server/db/postgres-cluster';
import { withDatabase } from '../server/harness-core';
import type { ServerStats } from './export/child';
import { EXPORT_GROUP, EXPORT_QUESTIONNAIRE, prepareDataDir } from './export/prepare';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'export', 'child.ts');
const RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 3);
const BUDGET = { csv: 1.5, xlsx: 4, memory: 1.3, scoresMs: 2_000 };

type Kind = 'csv' | 'xlsx' | 'baseline' | 'scores';
interface Run extends ServerStats {
  ms: number;
  /** Bytes sent, as sent (compressed when the server compressed them), and how. */
  bytes: number;
  encoding?: string;
  rows: number;
}

const CAMPAIGN = 'quang-binh-2021';
const URLS = {
  csv: `/api/campaigns/${CAMPAIGN}/exports/responses.csv?questionnaireId=${EXPORT_QUESTIONNAIRE}`,
  xlsx: `/api/campaigns/${CAMPAIGN}/exports/responses.xlsx?questionnaireId=${EXPORT_QUESTIONNAIRE}`,
  scores: `/api/campaigns/${CAMPAIGN}/exports/scores.json`,
};
/** What Chrome asks for (less zstd, which the server does not offer). */
const BROWSER_ENCODINGS = 'gzip, deflate, br';
// Warm-up: the route, its plan and its writers once, on a filter that matches nothing (the same for every size).
const WARM_UP = { csv: `${URLS.csv}&from=2099-01-01`, xlsx: `${URLS.xlsx}&from=2099-01-01`, scores: `${URLS.scores}?level=district` };

/**
 * Downloads a URL as a browser saving to disk would ask for it: Brotli or gzip as browsers do (the server compresses
 * what it sends), every byte read, none kept. The bytes are counted as they arrive, not decoded: a browser decodes on
 * its own machine, and decoding here would take the server's cores (this bench runs both on one machine). Returns
 * the bytes sent and their encoding.
 */
function download(base: string, url: string, cookie: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${url}`, { headers: { cookie, 'accept-encoding': BROWSER_ENCODINGS } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve({ bytes, encoding: String(res.headers['content-encoding'] ?? 'identity') })
          : reject(new Error(`${url}: ${res.statusCode}`)),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/**
 * One measurement with the server in a fresh process (node --expose-gc), so its memory peak is that measurement's
 * alone; this process is the client and times the download end to end.
 */
async function measureInChild(dir: string, kind: Kind, databaseUrl?: string): Promise<Run> {
  const child = fork(CHILD, databaseUrl ? [dir, databaseUrl] : [dir], {
    execArgv: [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), '--expose-gc', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages: object[] = [];
  const waiters: ((m: object) => void)[] = [];
  child.on('message', (m: object) => (waiters.shift() ?? ((x: object) => messages.push(x)))(m));
  const next = <T>(): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const queued = messages.shift();
      if (queued) return resolve(queued as T);
      waiters.push((m) => resolve(m as T));
      child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
    });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const { url, cookie } = await next<{ url: string; cookie: string }>();
    if (kind === 'baseline') {
      child.send({ cmd: 'baseline' });
      const { stats } = await next<{ stats: ServerStats & { ms: number; rows: number } }>();
      child.send({ cmd: 'stop' });
      await next();
      return { ...stats, bytes: 0 };
    }
    await download(url, WARM_UP[kind], cookie);
    child.send({ cmd: 'start' });
    await next();
    const t0 = performance.now();
    const { bytes, encoding } = await download(url, URLS[kind], cookie);
    const ms = performance.now() - t0;
    child.send({ cmd: 'stop' });
    const { stats } = await next<{ stats: ServerStats }>();
    return { ...stats, ms, bytes, encoding, rows: 0 };
  } finally {
    await exited;
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

/** Medians over runs: time, server CPU, memory peaks. */
function medianRun(runs: Run[]): Run {
  return {
    ms: median(runs.map((r) => r.ms)),
    bytes: runs[0]?.bytes ?? 0,
    encoding: runs[0]?.encoding,
    rows: runs[0]?.rows ?? 0,
    cpuMs: median(runs.map((r) => r.cpuMs)),
    rssBeforeMb: median(runs.map((r) => r.rssBeforeMb)),
    peakRssMb: median(runs.map((r) => r.peakRssMb)),
    peakHeapMb: median(runs.map((r) => r.peakHeapMb)),
  };
}

/** RUNS rounds of the given kinds, interleaved so that a change in the machine's load touches them all alike. */
export async function measure<K extends Kind>(dir: string, kinds: readonly K[], databaseUrl?: string): Promise<Record<K, Run>> {
  const runs = new Map<K, Run[]>(kinds.map((k) => [k, []]));
  for (let i = 0; i < RUNS; i += 1) for (const k of kinds) runs.get(k)?.push(await measureInChild(dir, k, databaseUrl));
  return Object.fromEntries(kinds.map((k) => [k, medianRun(runs.get(k) ?? [])])) as Record<K, Run>;
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (x: number) => `${x.toFixed(0)} MB`;
const size = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MB`;
/** What was sent: its size and, when compressed, how. */
const sent = (r: Run) => `${size(r.bytes)}${r.encoding && r.encoding !== 'identity' ? ` ${r.encoding}` : ''}`;
const verdict = (ok: boolean) => (ok ? 'within budget' : '← OVER BUDGET');
const memory = (r: Run) =>
  `server CPU ${s(r.cpuMs)}, peak RSS ${mb(r.peakRssMb)} (${mb(r.rssBeforeMb)} before), peak heap ${mb(r.peakHeapMb)}`;

/**
 * Issue 5's download budgets, every figure from its own child process (median of BENCH_EXPORT_RUNS, default 3): the
 * responses of one questionnaire (citizens rating the 21 departments, phieu-03-s) as CSV and XLSX over HTTP for 1,000
 * and 100,000 stored responses, against a bare streamed SELECT-and-flatten of the same rows; and the survey scores of
 * every unit of the reference campaign from 100,000 responses (scores.json over HTTP, engine included).
 */
export async function exportBench(): Promise<void> {
  const load = os.loadavg()[0] ?? 0;
  const cores = os.availableParallelism();
  console.log(
    `export benchmarks: ${cores} cores, load average ${load.toFixed(1)}${load > cores ? ' (busy machine: wall times stretch, the server CPU times hold better)' : ''}`,
  );
  const workers = readConfig().exportWorkers;
  console.log(
    `  CSV downloads and survey scores computed by ${workers === 0 ? 'the request thread' : `${workers} worker thread${workers > 1 ? 's' : ''}`} (PHIEU_EXPORT_WORKERS); server CPU counts every thread`,
  );
  const results = new Map<number, Record<'baseline' | 'csv' | 'xlsx', Run>>();
  for (const n of [1_000, 100_000]) {
    const dir = await prepareDataDir(n, { group: EXPORT_GROUP });
    try {
      const r = await measure(dir, ['baseline', 'csv', 'xlsx'] as const);
      results.set(n, r);
      const vs = (x: Run) => `${(x.ms / r.baseline.ms).toFixed(2)}× baseline (CPU ${(x.cpuMs / r.baseline.cpuMs).toFixed(2)}×)`;
      console.log(`responses download, ${n.toLocaleString('en')} responses (${EXPORT_QUESTIONNAIRE}, 21 departments), median of ${RUNS}:`);
      console.log(
        `  baseline, streamed SELECT + flatten: ${s(r.baseline.ms)}, ${r.baseline.rows.toLocaleString('en')} rows; ${memory(r.baseline)}`,
      );
      console.log(`  CSV over HTTP, ${sent(r.csv)}: ${s(r.csv.ms)} = ${vs(r.csv)}; ${memory(r.csv)}`);
      console.log(`  XLSX over HTTP, ${sent(r.xlsx)}: ${s(r.xlsx.ms)} = ${vs(r.xlsx)}; ${memory(r.xlsx)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const small = results.get(1_000)!;
  const large = results.get(100_000)!;
  const ratio = (k: 'csv' | 'xlsx') => large[k].ms / large.baseline.ms;
  const memRatio = (k: 'csv' | 'xlsx') => large[k].peakRssMb / small[k].peakRssMb;
  console.log('  budgets (issue 5), 100,000 responses:');
  console.log(`    CSV ${ratio('csv').toFixed(2)}× baseline (≤ ${BUDGET.csv}×): ${verdict(ratio('csv') <= BUDGET.csv)}`);
  console.log(`    XLSX ${ratio('xlsx').toFixed(2)}× baseline (≤ ${BUDGET.xlsx}×): ${verdict(ratio('xlsx') <= BUDGET.xlsx)}`);
  console.log(
    `    peak RSS, 100,000 against 1,000: CSV ${memRatio('csv').toFixed(2)}×, XLSX ${memRatio('xlsx').toFixed(2)}× (≤ ${BUDGET.memory}×): ${verdict(memRatio('csv') <= BUDGET.memory && memRatio('xlsx') <= BUDGET.memory)}`,
  );

  const dir = await prepareDataDir(100_000, { seed: 9 });
  try {
    const { scores } = await measure(dir, ['scores'] as const);
    console.log(
      `survey scores of every unit (29) from 100,000 responses, scores.json over HTTP (read, engine, JSON): ${s(scores.ms)}; ${memory(scores)}`,
    );
    console.log(`  budget (issue 5): < ${s(BUDGET.scoresMs)}: ${verdict(scores.ms < BUDGET.scoresMs)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Issue 18's download budget on PostgreSQL (a throwaway cluster, fsync on): the CSV of 100,000 responses within 1.5×
 * the bare streamed SELECT-and-flatten on the same database (a server-side cursor, read in the request thread: the
 * export workers read the SQLite file), and its memory flat from 1,000 to 100,000 responses.
 */
export async function exportPostgresBench(): Promise<void> {
  if (!postgresBin()) {
    console.log('(PostgreSQL is not installed: the download figures on PostgreSQL are not taken)');
    return;
  }
  const cluster = startCluster({ fsync: true });
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  try {
    console.log(`responses download on PostgreSQL, load average ${(os.loadavg()[0] ?? 0).toFixed(1)}, median of ${RUNS}:`);
    const results = new Map<number, Record<'baseline' | 'csv', Run>>();
    for (const n of [1_000, 100_000]) {
      await admin.query(`create database export_${n}`);
      const url = withDatabase(cluster.url(), `export_${n}`);
      const dir = await prepareDataDir(n, { group: EXPORT_GROUP, databaseUrl: url });
      try {
        const r = await measure(dir, ['baseline', 'csv'] as const, url);
        results.set(n, r);
        console.log(`  ${n.toLocaleString('en')} responses: baseline ${s(r.baseline.ms)}; ${memory(r.baseline)}`);
        console.log(
          `  ${n.toLocaleString('en')} responses: CSV ${sent(r.csv)} in ${s(r.csv.ms)} = ${(r.csv.ms / r.baseline.ms).toFixed(2)}× baseline; ${memory(r.csv)}`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const large = results.get(100_000)!;
    const small = results.get(1_000)!;
    const ratio = large.csv.ms / large.baseline.ms;
    const mem = large.csv.peakRssMb / small.csv.peakRssMb;
    console.log(
      `  budgets (issue 18), 100,000 responses: CSV ${ratio.toFixed(2)}× baseline (≤ ${BUDGET.csv}×): ${verdict(ratio <= BUDGET.csv)}`,
    );
    console.log(`    peak RSS, 100,000 against 1,000: ${mem.toFixed(2)}× (≤ ${BUDGET.memory}×): ${verdict(mem <= BUDGET.memory)}`);
  } finally {
    await admin.end();
    cluster.stop();
  }
}

// `npx tsx test/bench/export.bench.ts` runs these alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await exportBench();
