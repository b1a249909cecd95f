// The server side of one export measurement, alone in its process so its memory peak is its own:
//   node --expose-gc --import tsx test/bench/export/child.ts <data dir> [<postgres url>]     (spawned with an IPC channel)
// It serves the data folder and answers the parent (export.bench.ts, the client) over IPC:
//   → { ready, url, cookie }
//   ← { cmd: 'start' }    gc, then sample memory            → { started }
//   ← { cmd: 'stop' }     stop sampling                     → { stats }, then exit
//   ← { cmd: 'baseline' } the bare streamed SELECT-and-flatten, in this process, sampled the same way → { stats }
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { appExportWorkers, buildApp } from '../../../src/server/app';
import { readConfig } from '../../../src/server/config';
import { migrateToLatest, openSqlite } from '../../../src/server/db/database';
import { openPostgres } from '../../../src/server/db/postgres';
import { openExportReader } from '../../../src/server/db/export';
import { CampaignRegistry } from '../../../src/server/services/campaign-registry';
import { questionnairePlan } from '../../../src/server/services/export/plan';
import type { Answers } from '../../../src/shared';
import { BENCH_ADMIN, EXPORT_QUESTIONNAIRE } from './prepare';

export interface ServerStats {
  ms?: number;
  rows?: number;
  cpuMs: number;
  rssBeforeMb: number;
  peakRssMb: number;
  peakHeapMb: number;
}

const [dir, databaseUrl] = process.argv.slice(2) as [string, string | undefined];
const CAMPAIGN = 'quang-binh-2021';
const MB = 2 ** 20;
const send = (m: object) => process.send?.(m);

const handle = databaseUrl ? openPostgres(databaseUrl) : openSqlite(path.join(dir, 'phieu.sqlite'));
await migrateToLatest(handle.db);
const registry = new CampaignRegistry(handle.db);
await registry.reload();
// The export workers as `npm start` has them (PHIEU_EXPORT_WORKERS, by default one per core, at most 2); no flags:
// this process's --expose-gc is not one a worker may take.
const app = await buildApp({ db: handle.db, databaseUrl, registry, exportWorkers: readConfig().exportWorkers, exportWorkerExecArgv: [] });
await appExportWorkers(app)?.ready(); // nothing is measured while they load
const url = (await app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');
const login = await fetch(`${url}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(BENCH_ADMIN),
});
if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

let sampler: NodeJS.Timeout | undefined;
let rssBefore = 0;
let peakRss = 0;
let peakHeap = 0;
let cpu = process.cpuUsage();
const sample = () => {
  const m = process.memoryUsage();
  if (m.rss > peakRss) peakRss = m.rss;
  if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
};
function start(): void {
  globalThis.gc?.();
  rssBefore = process.memoryUsage().rss;
  peakRss = rssBefore;
  peakHeap = process.memoryUsage().heapUsed;
  cpu = process.cpuUsage();
  sampler = setInterval(sample, 5);
}
function stop(): ServerStats {
  clearInterval(sampler);
  sample();
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, rssBeforeMb: rssBefore / MB, peakRssMb: peakRss / MB, peakHeapMb: peakHeap / MB };
}

/**
 * The floor a download is measured against: the same SELECT streamed from the export connection, each row's answers
 * parsed and flattened into one value per column (the metadata, then one per question), nothing formatted or sent.
 */
async function bareSelectAndFlatten(): Promise<number> {
  const plan = questionnairePlan(registry.get(CAMPAIGN)!, EXPORT_QUESTIONNAIRE);
  const reader = await openExportReader(handle.db, { databaseUrl });
  let rows = 0;
  let cells = 0;
  try {
    for await (const batch of reader.responses({ campaignId: CAMPAIGN, questionnaireId: EXPORT_QUESTIONNAIRE, included: 'all' })) {
      for (const r of batch) {
        const answers = JSON.parse(r.answers_json) as Answers;
        const flat: unknown[] = [
          r.id,
          r.unit_id,
          r.group_id,
          r.questionnaire_id,
          r.questionnaire_version,
          r.surveyor_id,
          r.device_id,
          r.mode,
          r.paper_serial,
          r.started_at,
          r.finished_at,
          r.received_at,
          r.duration_seconds,
          r.over_quota,
          r.uniform_answers,
          r.excluded,
          r.excluded_reason,
        ];
        for (const c of plan.columns) flat.push(answers[c.code] ?? null);
        cells += flat.length;
        rows += 1;
      }
    }
  } finally {
    await reader.close();
  }
  if (cells === 0 && rows > 0) throw new Error('nothing flattened');
  return rows;
}

process.on('message', (m: { cmd: 'start' | 'stop' | 'baseline' }) => {
  void (async () => {
    if (m.cmd === 'start') {
      start();
      send({ started: true });
    } else if (m.cmd === 'baseline') {
      start();
      const t0 = performance.now();
      const rows = await bareSelectAndFlatten();
      const ms = performance.now() - t0;
      send({ stats: { ...stop(), ms, rows } });
    } else {
      send({ stats: stop() });
      await app.close();
      await handle.close();
      process.disconnect?.();
    }
  })();
});
send({ ready: true, url, cookie });
