import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { upsertAssignment } from '../../src/server/db/assignments';
import pg from 'pg';
import { migrateToLatest, openSqlite } from '../../src/server/db/database';
import { openPostgres } from '../../src/server/db/postgres';
import { insertResponses } from '../../src/server/db/responses';
import { inTransaction } from '../../src/server/db/transaction';
import { createAccount } from '../../src/server/services/auth';
import { CampaignRegistry } from '../../src/server/services/campaign-registry';
import { loadCampaign } from '../../src/server/services/campaign-loader';
import { canonicalJson, type SurveyResponse } from '../../src/shared';
import { loadBundle, referenceCampaignDir } from '../fixtures/campaigns';
import { generateResponses } from '../fixtures/generate-responses';
import { postgresBin, startCluster, type Cluster } from '../server/db/postgres-cluster';
import { withDatabase } from '../server/harness-core';
import { Devices, ownCpuSeconds, processCpuSeconds } from './ingest/load';

const BATCH = 100;
/** Batches measured in each phase (one device, then DEVICES at once). */
const PHASE_BATCHES = 150;
const WARMUP_BATCHES = 40;
const DEVICES = 8;

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * Starts the real server process on the prepared data folder (and PostgreSQL database, if given); resolves with its
 * URL and a stop function.
 */
async function startServer(dataDir: string, databaseUrl?: string): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', 'src/server/main.ts'],
    {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        PHIEU_DATA_DIR: dataDir,
        ...(databaseUrl ? { PHIEU_DATABASE_URL: databaseUrl } : {}),
        PHIEU_CLIENT_DIR: path.join(dataDir, 'none'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  const deadline = Date.now() + 30_000;
  while (!/Phiếu đang chạy: (\S+)/.test(out)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = (/Phiếu đang chạy: (\S+)/.exec(out)?.[1] ?? '').replace(/\/$/, '');
  const exited = new Promise((r) => child.on('exit', r));
  return {
    url,
    pid: child.pid ?? 0,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Responses ingested per second through the real HTTP endpoint of the real server process (loopback; this
 * process is the client, as a phone would be),
 * batches of 100, with 10,000 and 100,000 responses already stored: on SQLite with WAL and synchronous=FULL, then on
 * PostgreSQL (a throwaway cluster with fsync on, synchronous_commit on) when its binaries are installed.
 * Budgets: SQLite (issue 3) ≥ 10,000 responses/s and a batch p95 under 100 ms; PostgreSQL (issue 18) ≥ 0.5× SQLite's
 * responses/s from the same run and a batch p95 under 150 ms.
 */
export async function ingestBench(): Promise<void> {
  const rates = new Map<string, number>();
  let cluster: Cluster | undefined;
  const bin = postgresBin();
  for (const kind of ['sqlite', 'postgres'] as const) {
    if (kind === 'postgres') {
      if (!bin) {
        console.log('  (PostgreSQL is not installed: its ingest figures are not taken)');
        break;
      }
      cluster = startCluster({ fsync: true });
    }
    try {
      await ingestOn(kind, cluster, rates);
    } finally {
      cluster?.stop();
    }
  }
  for (const stored of [10_000, 100_000]) {
    for (const devices of [1, DEVICES]) {
      const key = (kind: string) => `${kind} ${stored} ${devices}`;
      const s = rates.get(key('sqlite'));
      const p = rates.get(key('postgres'));
      if (s && p)
        console.log(
          `  PostgreSQL ÷ SQLite, ${stored.toLocaleString('en')} stored, ${devices} device${devices > 1 ? 's' : ''}: ${(p / s).toFixed(2)}× responses/s`,
        );
    }
  }
  console.log(
    '  budget: SQLite (issue 3) ≥ 10,000 responses/s, batch p95 < 100 ms; PostgreSQL (issue 18) ≥ 0.5× SQLite, batch p95 < 150 ms',
  );
}

async function ingestOn(kind: 'sqlite' | 'postgres', cluster: Cluster | undefined, rates: Map<string, number>): Promise<void> {
  for (const stored of [10_000, 100_000]) {
    const dir = mkdtempSync(path.join(tmpdir(), 'phieu-bench-'));
    const databaseUrl = cluster ? withDatabase(cluster.url(), `bench_${stored}`) : undefined;
    if (cluster) {
      const admin = new pg.Client({ connectionString: cluster.url() });
      await admin.connect();
      await admin.query(`create database bench_${stored}`);
      await admin.end();
    }
    const handle = databaseUrl ? openPostgres(databaseUrl, 2) : openSqlite(path.join(dir, 'phieu.sqlite'));
    let closed = false;
    try {
      await migrateToLatest(handle.db);
      const bundle = await loadBundle(referenceCampaignDir);
      await loadCampaign(handle.db, bundle, new Date());
      const registry = new CampaignRegistry(handle.db);
      await registry.reload();
      const index = registry.get(bundle.campaign.id);
      if (!index) throw new Error('campaign not loaded');
      const surveyor = await createAccount(
        handle.db,
        { username: 'bench', displayName: 'bench', role: 'surveyor', password: 'bench-bench', campaignId: bundle.campaign.id },
        new Date(),
      );
      for (const q of bundle.campaign.quotas) {
        await upsertAssignment(handle.db, {
          campaign_id: bundle.campaign.id,
          surveyor_id: surveyor,
          unit_id: q.unit,
          group_id: q.group,
          allocation: null,
          created_at: new Date().toISOString(),
        });
      }
      const mine = (r: SurveyResponse): SurveyResponse => ({ ...r, surveyorId: surveyor });

      // Pre-fill directly (not what is measured).
      const prefill = generateResponses(index, stored, 3).map(mine);
      for (let i = 0; i < prefill.length; i += 5_000) {
        await inTransaction(handle.db, (trx) =>
          insertResponses(
            trx,
            prefill.slice(i, i + 5_000).map((r) => ({
              id: r.id,
              campaign_id: r.campaignId,
              unit_id: r.unitId,
              group_id: r.groupId,
              questionnaire_id: r.questionnaireId,
              questionnaire_version: r.questionnaireVersion,
              surveyor_id: r.surveyorId,
              device_id: r.deviceId,
              started_at: r.startedAt,
              finished_at: r.finishedAt,
              app_version: r.appVersion,
              mode: r.mode,
              paper_serial: null,
              answers_json: JSON.stringify(r.answers),
              content_hash: canonicalJson(r).length.toString(),
              received_at: new Date().toISOString(),
              over_quota: 0,
              excluded: 0,
            })),
          ),
        );
      }

      await handle.close();
      closed = true;
      const server = await startServer(dir, databaseUrl);
      const base = server.url;
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bench', password: 'bench-bench' }),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const fresh = generateResponses(index, (2 * PHASE_BATCHES + WARMUP_BATCHES) * BATCH, 99).map(mine);
      const bodies = Array.from({ length: 2 * PHASE_BATCHES + WARMUP_BATCHES }, (_, b) =>
        Buffer.from(JSON.stringify({ responses: fresh.slice(b * BATCH, (b + 1) * BATCH) })),
      );

      const client = new Devices(base, cookie, DEVICES);
      for (const body of bodies.slice(0, WARMUP_BATCHES)) await client.push(body, BATCH); // warm-up: let the server JIT settle
      // One device at a time, then DEVICES devices pushing at once (the morning a team gets back to coverage).
      for (const devices of [1, DEVICES]) {
        const queue = bodies.slice(WARMUP_BATCHES + (devices === 1 ? 0 : PHASE_BATCHES)).slice(0, PHASE_BATCHES);
        const latencies: number[] = [];
        const cpu0 = { client: ownCpuSeconds(), server: processCpuSeconds(server.pid), main: processCpuSeconds(server.pid, server.pid) };
        const t0 = performance.now();
        await Promise.all(
          Array.from({ length: devices }, async () => {
            for (let body = queue.shift(); body !== undefined; body = queue.shift()) latencies.push(await client.push(body, BATCH));
          }),
        );
        const seconds = (performance.now() - t0) / 1000;
        const since = (before: number | undefined, now: number | undefined) =>
          before !== undefined && now !== undefined ? now - before : undefined;
        const cpu = {
          client: ownCpuSeconds() - cpu0.client,
          server: since(cpu0.server, processCpuSeconds(server.pid)),
          main: since(cpu0.main, processCpuSeconds(server.pid, server.pid)),
        };
        latencies.sort((a, b) => a - b);
        const share = (s: number) => `${Math.round((100 * s) / seconds)}%`;
        const rate = (latencies.length * BATCH) / seconds;
        rates.set(`${kind} ${stored} ${devices}`, rate);
        console.log(
          `ingest on ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${stored.toLocaleString('en')} already stored, ${latencies.length} batches of ${BATCH} from ${devices} device${devices > 1 ? 's at once' : ''}: ` +
            `${Math.round(rate).toLocaleString('en')} responses/s; batch p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms, max ${(latencies[latencies.length - 1] ?? 0).toFixed(1)} ms` +
            `; CPU (of one core) server ${cpu.server === undefined || cpu.main === undefined ? 'n/a' : `${share(cpu.server)} (main thread ${share(cpu.main)}; ${((1000 * cpu.server) / latencies.length).toFixed(1)} ms per batch)`}, load generator ${share(cpu.client)}; machine load ${(loadavg()[0] ?? 0).toFixed(1)}`,
        );
      }
      client.close();
      await server.stop();
    } finally {
      if (!closed) await handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
