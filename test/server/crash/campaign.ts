import { createHash } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import { upsertAssignment } from '../../../src/server/db/assignments';
import { migrateToLatest, openSqlite } from '../../../src/server/db/database';
import { openPostgres } from '../../../src/server/db/postgres';
import { createAccount } from '../../../src/server/services/auth';
import { CampaignRegistry } from '../../../src/server/services/campaign-registry';
import { loadCampaign } from '../../../src/server/services/campaign-loader';
import {
  canonicalJson,
  pushResultSchema,
  quotaTarget,
  type CampaignIndex,
  type ItemResult,
  type SurveyResponse,
} from '../../../src/shared';
import { loadBundle, referenceCampaignDir } from '../../fixtures/campaigns';
import { generateResponses, prng } from '../../fixtures/generate-responses';
import { EPOCH_HEADER } from './child-protocol';
import { startCrashServer, type CrashServer } from './server';

/**
 * The crash campaign (issue 11): the server as a real child process over a real SQLite data folder, simulated devices
 * pushing batches of finalised responses at once, the server SIGKILLed at random moments (from outside, and from
 * inside right after a commit and before the answer), restarted on the same folder, and the devices retrying every
 * unanswered batch as the real client does (src/client/sync/engine.ts): network errors, 5xx, 429 and 408 back off
 * with full jitter and retry the same queue head; an item leaves the queue only on an answer for it.
 *
 * What the server stored is checked against what the devices sent and against what the server said:
 *  - right after every kill (before the restart) the database is read as it was left: every item answered
 *    accepted/duplicate by that start is there, and the counts tables equal a recount;
 *  - every answer is the one the database says it must be: `duplicate` exactly for the items stored before the
 *    answering start began (a committed-but-unanswered batch), `accepted` for the others, nothing rejected;
 *  - at the end: every response stored exactly once, with the content hash of what was sent and its columns intact,
 *    cell_counts and surveyor_counts equal to a recount, and the over-quota flags to what the quotas imply.
 */

export interface CrashCampaignOptions {
  seed: number;
  devices: number;
  /** Responses in all, shared out among the devices. */
  responses: number;
  /** Each push takes 1..maxBatch items from the device's queue head (the real client takes up to 100). */
  maxBatch: number;
  /** Only these units' quota cells (a few units put cells over quota with few responses); all by default. */
  units?: string[];
  /** No more kills after this many; the campaign then runs to the end on the last start. */
  maxKills: number;
  /** In the starts armed from inside: the chance that a push kills the server right after its commit. */
  killAfterCommit: number;
  /** In the starts killed from outside: after this many answered pushes (uniform in the range), plus 0..jitterMs. */
  outsideKillAfter: [number, number];
  outsideKillJitterMs: number;
  /** The client's backoff, scaled down (the app waits 5 s · 2^n up to 10 min). */
  backoff: { baseMs: number; maxMs: number };
  /** Environment for the server processes (e.g. PHIEU_VALIDATION_WORKERS). */
  serverEnv?: Record<string, string>;
  /**
   * A PostgreSQL database (an empty one) to run on instead of the data folder's SQLite file (issue 18): the server
   * processes get it as PHIEU_DATABASE_URL, and every read of what was stored goes there.
   */
  databaseUrl?: string;
}

export interface CrashCampaignReport {
  seed: number;
  responses: number;
  devices: number;
  /** Distinct batches, and every push made (first tries and retries). */
  batches: number;
  pushes: number;
  /** Pushes that got no answer: the server died under them (reset), or it was down (connection refused). */
  unanswered: number;
  refused: number;
  /** Pushes answered 5xx/429/408 (retried). */
  retryStatuses: number;
  kills: { outside: number; afterCommit: number };
  starts: number;
  seconds: number;
  /** Of which spent waiting for servers to start (the first and every restart). */
  startSeconds: number;
  /** Batches committed by a push that got no answer, found stored at the next start, and their items. */
  committedUnanswered: { batches: number; items: number };
  /** Retried batches whose unanswered pushes had not committed (answered accepted on retry). */
  uncommittedRetried: { batches: number; items: number };
  /** Items a network error left unclear without any kill (a retry on the same start): either answer allowed. */
  ambiguous: number;
  stored: number;
  overQuota: number;
  /** Everything below must be empty. */
  lost: string[];
  doubled: string[];
  changed: string[];
  unexpected: string[];
  rejected: string[];
  /** Answered accepted/duplicate, then missing from the database (at the next kill or at the end). */
  answeredMissing: string[];
  /** An answer other than the one the database says it must be. */
  wrongAnswers: string[];
  /** A batch found partly stored (its transaction was not all or nothing). */
  partial: string[];
  /** cell_counts / surveyor_counts against a recount from responses (and from what the devices sent), over-quota flags. */
  countMismatches: string[];
  /** 401, other 4xx, an answer of the wrong length or order, a server that ended other than by our kill. */
  protocol: string[];
  /** Surveyor rows whose last_received_at is not the latest received_at of their responses (reported, not a failure). */
  lastReceivedDiffers: number;
}

interface Attempt {
  /** The start whose address the device used (the child refuses a request meant for another start). */
  epoch: number;
  /** network: sent, no answer; down: connection refused (never reached a server); refused: a 4xx that stops the device. */
  outcome: 'answered' | 'network' | 'down' | 'retry-status' | 'refused';
  status?: number;
  results?: ItemResult[];
}

interface Batch {
  device: number;
  items: SurveyResponse[];
  attempts: Attempt[];
}

interface Account {
  id: string;
  username: string;
}

const PASSWORD = 'mat-khau-chien-dich-sap';

/** A data folder as an installed server has it: the reference campaign and one surveyor per device, assigned to the cells used. */
export async function prepareDataFolder(
  dir: string,
  devices: number,
  units?: string[],
  databaseUrl?: string,
): Promise<{ index: CampaignIndex; accounts: Account[] }> {
  const handle = databaseUrl ? openPostgres(databaseUrl, 2) : openSqlite(path.join(dir, 'phieu.sqlite'));
  try {
    await migrateToLatest(handle.db);
    const bundle = await loadBundle(referenceCampaignDir);
    await loadCampaign(handle.db, bundle, new Date());
    const registry = new CampaignRegistry(handle.db);
    await registry.reload();
    const index = registry.get(bundle.campaign.id);
    if (!index) throw new Error('reference campaign not loaded');
    const cells = bundle.campaign.quotas.filter((q) => q.target > 0 && (!units || units.includes(q.unit)));
    const accounts: Account[] = [];
    for (let d = 0; d < devices; d += 1) {
      const username = `crash${d + 1}`;
      const id = await createAccount(
        handle.db,
        { username, displayName: `Điều tra viên ${d + 1}`, role: 'surveyor', password: PASSWORD, campaignId: bundle.campaign.id },
        new Date(),
      );
      // Every surveyor works every cell used, so concurrent pushes meet on the same count rows.
      for (const c of cells) {
        await upsertAssignment(handle.db, {
          campaign_id: bundle.campaign.id,
          surveyor_id: id,
          unit_id: c.unit,
          group_id: c.group,
          allocation: null,
          created_at: new Date().toISOString(),
        });
      }
      accounts.push({ id, username });
    }
    return { index, accounts };
  } finally {
    await handle.close();
  }
}

interface HttpAnswer {
  status: number;
  epoch: number | undefined;
  body: string;
}

/** One request over the device's keep-alive connection; rejects on a network error (no answer). */
function post(agent: http.Agent, base: string, route: string, headers: Record<string, string>, body: string): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(route, base),
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const epoch = res.headers[EPOCH_HEADER];
          resolve({
            status: res.statusCode ?? 0,
            epoch: typeof epoch === 'string' ? Number(epoch) : undefined,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', reject);
      },
    );
    // A phone gives up on a server that does not answer; so does the device here.
    req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface StoredRow {
  id: string;
  campaign_id: string;
  unit_id: string;
  group_id: string;
  questionnaire_id: string;
  questionnaire_version: number;
  surveyor_id: string;
  device_id: string;
  started_at: string;
  finished_at: string;
  app_version: string;
  mode: string;
  answers_json: string;
  content_hash: string;
  over_quota: number;
  excluded: number;
}

interface CountRow {
  key: string;
  received: number;
  excluded: number;
}

/**
 * What was stored, read as a killed server left it: SQLite's file on a read-only connection (it sees the WAL a killed
 * server left and leaves it for the next start to recover), or the PostgreSQL database. Counts come as numbers.
 */
interface StoreReader {
  all<T>(text: string): Promise<T[]>;
  close(): Promise<void>;
}

async function openStoreReader(file: string, databaseUrl: string | undefined): Promise<StoreReader> {
  if (!databaseUrl) {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    return { all: async <T>(text: string) => db.prepare(text).all() as T[], close: async () => void db.close() };
  }
  const client = new pg.Client({
    connectionString: databaseUrl,
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)) },
  } as pg.ClientConfig);
  await client.connect();
  return { all: async <T>(text: string) => (await client.query(text)).rows as T[], close: () => client.end() };
}

/** The counts tables against a recount from responses. */
async function countProblems(db: StoreReader, when: string): Promise<string[]> {
  const problems: string[] = [];
  const compare = (what: string, kept: CountRow[], recount: CountRow[]) => {
    const a = new Map(kept.map((r) => [r.key, `${r.received}/${r.excluded}`]));
    const b = new Map(recount.map((r) => [r.key, `${r.received}/${r.excluded}`]));
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      // A count row of 0/0 and no responses agree.
      if ((a.get(key) ?? '0/0') !== (b.get(key) ?? '0/0'))
        problems.push(`${when}: ${what} ${key.replaceAll('/', ' × ')} kept ${a.get(key) ?? 'none'}, recount ${b.get(key) ?? 'none'}`);
    }
  };
  const cellKey = "campaign_id || '/' || unit_id || '/' || group_id";
  compare(
    'cell_counts',
    await db.all<CountRow>(`select ${cellKey} as key, received, excluded from cell_counts`),
    await db.all<CountRow>(
      `select ${cellKey} as key, count(*) as received, sum(excluded) as excluded from responses group by campaign_id, unit_id, group_id`,
    ),
  );
  const surveyorKey = `${cellKey} || '/' || surveyor_id`;
  compare(
    'surveyor_counts',
    await db.all<CountRow>(`select ${surveyorKey} as key, received, excluded from surveyor_counts`),
    await db.all<CountRow>(
      `select ${surveyorKey} as key, count(*) as received, sum(excluded) as excluded from responses group by campaign_id, unit_id, group_id, surveyor_id`,
    ),
  );
  return problems;
}

/** Runs one campaign in a fresh temp data folder (removed afterwards); every server it starts is killed before it returns. */
export async function runCrashCampaign(opts: CrashCampaignOptions): Promise<CrashCampaignReport> {
  const dir = mkdtempSync(path.join(tmpdir(), 'phieu-crash-'));
  const file = path.join(dir, 'phieu.sqlite');
  const servers: CrashServer[] = [];
  const agents: http.Agent[] = [];
  // Set when the campaign ends (or fails): devices still retrying give up instead of retrying forever.
  let over = false;
  try {
    const { index, accounts } = await prepareDataFolder(dir, opts.devices, opts.units, opts.databaseUrl);
    const random = prng(opts.seed);

    // Responses as the devices made them: generated (valid, over the chosen cells), then owned by each device's surveyor.
    const wanted = (r: SurveyResponse) => !opts.units || opts.units.includes(r.unitId);
    const pool: SurveyResponse[] = [];
    for (let round = 0; pool.length < opts.responses; round += 1) {
      pool.push(...generateResponses(index, opts.responses * (opts.units ? 4 : 1), opts.seed * 31 + round).filter(wanted));
    }
    const perDevice: SurveyResponse[][] = accounts.map(() => []);
    pool.slice(0, opts.responses).forEach((r, i) => {
      const d = i % opts.devices;
      // Through JSON once: what is hashed below is exactly what goes over the wire.
      perDevice[d]!.push(
        JSON.parse(JSON.stringify({ ...r, surveyorId: accounts[d]!.id, deviceId: `crash-device-${d + 1}` })) as SurveyResponse,
      );
    });
    const sent = new Map(perDevice.flat().map((r) => [r.id, r]));

    const report: CrashCampaignReport = {
      seed: opts.seed,
      responses: opts.responses,
      devices: opts.devices,
      batches: 0,
      pushes: 0,
      unanswered: 0,
      refused: 0,
      retryStatuses: 0,
      kills: { outside: 0, afterCommit: 0 },
      starts: 0,
      seconds: 0,
      startSeconds: 0,
      committedUnanswered: { batches: 0, items: 0 },
      uncommittedRetried: { batches: 0, items: 0 },
      ambiguous: 0,
      stored: 0,
      overQuota: 0,
      lost: [],
      doubled: [],
      changed: [],
      unexpected: [],
      rejected: [],
      answeredMissing: [],
      wrongAnswers: [],
      partial: [],
      countMismatches: [],
      protocol: [],
      lastReceivedDiffers: 0,
    };

    // Which starts are killed from outside and which from inside: alternating, from a seeded first pick.
    const insideFirst = random() < 0.5;
    const killsSoFar = () => report.kills.outside + report.kills.afterCommit;
    const mode = (epoch: number): 'outside' | 'after-commit' | 'none' =>
      killsSoFar() >= opts.maxKills ? 'none' : (epoch % 2 === 1) === insideFirst ? 'after-commit' : 'outside';

    let current: CrashServer;
    let outsideKill: { epoch: number; after: number; answered: number; fired: boolean } | undefined;
    const start = async (epoch: number): Promise<CrashServer> => {
      const m = mode(epoch);
      const t = performance.now();
      const server = await startCrashServer({
        dataDir: dir,
        epoch,
        killAfterCommit: m === 'after-commit' ? opts.killAfterCommit : 0,
        seed: opts.seed * 1000 + epoch,
        env: { ...opts.serverEnv, ...(opts.databaseUrl ? { PHIEU_DATABASE_URL: opts.databaseUrl } : {}) },
      });
      servers.push(server);
      report.starts += 1;
      report.startSeconds += (performance.now() - t) / 1000;
      const [lo, hi] = opts.outsideKillAfter;
      outsideKill = m === 'outside' ? { epoch, after: lo + Math.floor(random() * (hi - lo + 1)), answered: 0, fired: false } : undefined;
      return server;
    };
    /** A device saw an answer from this start: maybe time to kill it from outside. */
    const answered = (epoch: number) => {
      const k = outsideKill;
      if (!k || k.epoch !== epoch || k.fired || ++k.answered < k.after) return;
      k.fired = true;
      const target = current;
      setTimeout(() => target.kill(), Math.floor(random() * (opts.outsideKillJitterMs + 1)));
    };

    const t0 = performance.now();
    current = await start(1);

    // Sign every device in once: surveyor sessions are long-lived and must survive every restart.
    const cookies: string[] = [];
    for (const a of accounts) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      agents.push(agent);
      cookies.push(await login(agent, current.url, a.username));
    }

    const batches: Batch[] = [];
    const runDevice = async (d: number): Promise<void> => {
      const queue = [...perDevice[d]!];
      const rnd = prng(opts.seed * 7919 + d + 1);
      let failures = 0;
      const backoff = () => sleep(Math.floor(rnd() * Math.min(opts.backoff.maxMs, opts.backoff.baseMs * 2 ** Math.max(0, failures - 1))));
      while (queue.length > 0) {
        const batch: Batch = { device: d, items: queue.slice(0, 1 + Math.floor(rnd() * opts.maxBatch)), attempts: [] };
        batches.push(batch);
        const body = JSON.stringify({ responses: batch.items });
        for (;;) {
          if (over) throw new Error(`device ${d + 1}: the campaign ended with its queue not empty`);
          const target = current;
          const attempt: Attempt = { epoch: target.epoch, outcome: 'network' };
          batch.attempts.push(attempt);
          let res: HttpAnswer;
          try {
            res = await post(
              agents[d]!,
              target.url,
              '/api/sync/responses',
              { cookie: cookies[d]!, [EPOCH_HEADER]: String(target.epoch) },
              body,
            );
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') attempt.outcome = 'down';
            failures += 1;
            await backoff();
            continue;
          }
          attempt.status = res.status;
          // A 503 from another start is the child's guard against a reused port (nothing written): retried like any 503.
          if (res.epoch !== target.epoch && res.status !== 503)
            report.protocol.push(
              `device ${d + 1}: asked start ${target.epoch}, answered by start ${res.epoch ?? 'unknown'} (${res.status})`,
            );
          if (res.status === 200) {
            const parsed = pushResultSchema.safeParse(parseJson(res.body));
            if (!parsed.success) {
              report.protocol.push(`device ${d + 1}: a 200 answer that is not a push result: ${res.body.slice(0, 200)}`);
              attempt.outcome = 'refused';
              return;
            }
            attempt.outcome = 'answered';
            attempt.results = parsed.data.results;
            failures = 0;
            answered(target.epoch);
            break;
          }
          if (res.status >= 500 || res.status === 429 || res.status === 408) {
            attempt.outcome = 'retry-status';
            failures += 1;
            await backoff();
            continue;
          }
          // 401 keeps the queue and asks for a new sign-in; other 4xx stop. Neither may happen here.
          attempt.outcome = 'refused';
          report.protocol.push(`device ${d + 1}: push answered ${res.status} ${res.body.slice(0, 200)}`);
          return;
        }
        // Results come in the order sent; an item leaves the queue on its own answer only.
        const results = batch.attempts[batch.attempts.length - 1]!.results ?? [];
        if (results.length !== batch.items.length)
          report.protocol.push(`device ${d + 1}: ${batch.items.length} sent, ${results.length} results`);
        results.forEach((r, i) => {
          if (r.id !== batch.items[i]?.id)
            report.protocol.push(`device ${d + 1}: result ${i} is for ${r.id ?? 'null'}, sent ${batch.items[i]?.id ?? 'nothing'}`);
          if (r.status === 'rejected')
            report.rejected.push(`${r.id ?? '?'}: ${r.code} ${r.message} ${JSON.stringify(r.issues).slice(0, 200)}`);
        });
        queue.splice(0, Math.min(results.length, batch.items.length));
      }
    };

    let finished = false;
    const devices = Promise.all(accounts.map((_, d) => runDevice(d))).finally(() => {
      finished = true;
    });
    // Awaited below; this only keeps a device failure from counting as unhandled while the supervisor waits.
    devices.catch(() => {});
    /** Stored ids right after each start ended (before the next start): what it committed is exactly there. */
    const storedAtEnd = new Map<number, Set<string>>();
    const readStored = async (epoch: number) => {
      const db = await openStoreReader(file, opts.databaseUrl);
      try {
        storedAtEnd.set(epoch, new Set((await db.all<{ id: string }>('select id from responses')).map((r) => r.id)));
        report.countMismatches.push(...(await countProblems(db, `after start ${epoch} ended`)));
      } finally {
        await db.close();
      }
    };

    // The supervisor: wait for the devices or for the server to die; read the folder as left; restart on it.
    for (;;) {
      const ended = await Promise.race([current.exited, devices.then(() => 'done' as const)]);
      if (ended === 'done' || finished) break;
      const killedFromOutside = outsideKill?.fired === true;
      if (ended.signal !== 'SIGKILL')
        throw new Error(`server start ${current.epoch} ended by itself (${ended.code ?? ended.signal}):\n${current.output()}`);
      if (killedFromOutside) report.kills.outside += 1;
      else report.kills.afterCommit += 1;
      await readStored(current.epoch);
      current = await start(current.epoch + 1);
    }
    await devices;
    report.seconds = (performance.now() - t0) / 1000;
    // The last start is killed too: the final read is of a folder as a crash leaves it.
    current.kill();
    await current.exited;
    await readStored(current.epoch);
    await verify(report, batches, sent, storedAtEnd, await openStoreReader(file, opts.databaseUrl), index);
    return report;
  } finally {
    over = true;
    for (const a of agents) a.destroy();
    for (const s of servers) s.kill();
    await Promise.all(servers.map((s) => s.exited));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function login(agent: http.Agent, base: string, username: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ username, password: PASSWORD });
    const req = http.request(
      new URL('/api/auth/login', base),
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        res.resume();
        res.on('end', () => {
          const cookie = (res.headers['set-cookie'] ?? []).map((c) => /^phieu_session=[^;]+/.exec(c)?.[0]).find(Boolean);
          if (res.statusCode !== 200 || !cookie) reject(new Error(`login ${username}: ${res.statusCode}`));
          else resolve(cookie);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Everything the report lists, from the answers the devices got, the reads after each kill, and the final folder. */
async function verify(
  report: CrashCampaignReport,
  batches: Batch[],
  sent: Map<string, SurveyResponse>,
  storedAtEnd: Map<number, Set<string>>,
  db: StoreReader,
  index: CampaignIndex,
): Promise<void> {
  const none = new Set<string>();
  const answeredOk = new Map<string, number>();
  report.batches = batches.length;
  for (const batch of batches) {
    report.pushes += batch.attempts.length;
    report.unanswered += batch.attempts.filter((a) => a.outcome === 'network').length;
    report.refused += batch.attempts.filter((a) => a.outcome === 'down').length;
    report.retryStatuses += batch.attempts.filter((a) => a.outcome === 'retry-status').length;
    const last = batch.attempts[batch.attempts.length - 1];
    if (!last || last.outcome !== 'answered' || !last.results) continue;
    const e = last.epoch;
    // Stored before this start began: the previous start ended after every earlier push of this batch was dead.
    const before = storedAtEnd.get(e - 1) ?? none;
    // Earlier pushes that were sent and got no answer (or a 5xx): the only ones that may have stored this batch.
    const unanswered = batch.attempts.slice(0, -1).filter((a) => a.outcome === 'network' || a.outcome === 'retry-status');
    // One of them that reached this same start leaves the outcome open: no kill explains its missing answer.
    const open = unanswered.some((a) => a.epoch === e);
    const storedIds = batch.items.filter((r) => before.has(r.id)).length;
    if (storedIds > 0 && storedIds < batch.items.length)
      report.partial.push(`device ${batch.device + 1}: ${storedIds} of ${batch.items.length} items of one batch stored before start ${e}`);
    if (storedIds > 0 && unanswered.length === 0)
      report.wrongAnswers.push(`device ${batch.device + 1}: a batch stored before start ${e} that no earlier push could have stored`);
    if (unanswered.length > 0 && !open) {
      if (storedIds > 0) {
        report.committedUnanswered.batches += 1;
        report.committedUnanswered.items += storedIds;
      } else {
        report.uncommittedRetried.batches += 1;
        report.uncommittedRetried.items += batch.items.length;
      }
    }
    last.results.forEach((r, i) => {
      const item = batch.items[i];
      if (!item) return;
      if (r.status === 'accepted' || r.status === 'duplicate') answeredOk.set(item.id, e);
      if (open) {
        report.ambiguous += 1;
        return;
      }
      const expected = before.has(item.id) ? 'duplicate' : 'accepted';
      if (r.status !== expected)
        report.wrongAnswers.push(
          `${item.id} (device ${batch.device + 1}, start ${e}, push ${batch.attempts.length}): answered ${r.status}, expected ${expected}`,
        );
    });
  }
  // An answer is a promise that the data survives: it must be there after the start that gave it ended (killed).
  for (const [id, e] of answeredOk)
    if (!storedAtEnd.get(e)?.has(id)) report.answeredMissing.push(`${id}: answered by start ${e}, missing after it ended`);

  try {
    const rows = await db.all<StoredRow>('select * from responses');
    report.stored = rows.length;
    const seen = new Map<string, number>();
    for (const row of rows) seen.set(row.id, (seen.get(row.id) ?? 0) + 1);
    for (const [id, n] of seen) if (n > 1) report.doubled.push(`${id} stored ${n} times`);
    for (const id of sent.keys()) if (!seen.has(id)) report.lost.push(id);
    for (const row of rows) {
      const r = sent.get(row.id);
      if (!r) {
        report.unexpected.push(row.id);
        continue;
      }
      const diffs: string[] = [];
      // DESIGN §4: content equality is the hash of the canonical JSON of the response as sent.
      if (row.content_hash !== sha256(canonicalJson(r))) diffs.push('content_hash');
      const columns: [string, unknown, unknown][] = [
        ['campaign_id', row.campaign_id, r.campaignId],
        ['unit_id', row.unit_id, r.unitId],
        ['group_id', row.group_id, r.groupId],
        ['questionnaire_id', row.questionnaire_id, r.questionnaireId],
        ['questionnaire_version', Number(row.questionnaire_version), r.questionnaireVersion],
        ['surveyor_id', row.surveyor_id, r.surveyorId],
        ['device_id', row.device_id, r.deviceId],
        ['started_at', row.started_at, r.startedAt],
        ['finished_at', row.finished_at, r.finishedAt],
        ['app_version', row.app_version, r.appVersion],
        ['mode', row.mode, r.mode],
      ];
      for (const [name, got, want] of columns) if (got !== want) diffs.push(name);
      // The engine keeps the answers its skip logic shows: each stored answer is the one sent.
      const answers = JSON.parse(row.answers_json) as Record<string, unknown>;
      const sentAnswers = r.answers as Record<string, unknown>;
      if (
        Object.keys(answers).length === 0 ||
        Object.entries(answers).some(([k, v]) => JSON.stringify(v) !== JSON.stringify(sentAnswers[k]))
      )
        diffs.push('answers');
      if (diffs.length > 0) report.changed.push(`${row.id}: ${diffs.join(', ')}`);
    }

    report.countMismatches.push(...(await countProblems(db, 'at the end')));
    // The counts against what the devices sent, too: a recount from a table that lost rows would agree with itself.
    const sentPerCell = new Map<string, number>();
    for (const r of sent.values()) sentPerCell.set(`${r.unitId} × ${r.groupId}`, (sentPerCell.get(`${r.unitId} × ${r.groupId}`) ?? 0) + 1);
    const cells = await db.all<{ unit_id: string; group_id: string; received: number; within: number }>(
      'select unit_id, group_id, received, (select count(*) from responses r where r.campaign_id = c.campaign_id and r.unit_id = c.unit_id and r.group_id = c.group_id and r.over_quota = 0) as within from cell_counts c',
    );
    for (const c of cells) {
      const key = `${c.unit_id} × ${c.group_id}`;
      if (c.received !== (sentPerCell.get(key) ?? 0))
        report.countMismatches.push(`cell_counts ${key}: ${c.received}, the devices sent ${sentPerCell.get(key) ?? 0}`);
      // Responses are counted one after another in commit order, so exactly the first `target` of a cell are within quota.
      const target = quotaTarget(index, c.unit_id, c.group_id);
      if (c.within !== Math.min(target, c.received))
        report.countMismatches.push(`over-quota flags ${key}: ${c.within} within quota of ${c.received}, target ${target}`);
    }
    for (const key of sentPerCell.keys())
      if (!cells.some((c) => `${c.unit_id} × ${c.group_id}` === key))
        report.countMismatches.push(`cell_counts ${key}: no row, the devices sent ${sentPerCell.get(key)}`);
    report.overQuota = rows.filter((r) => r.over_quota === 1).length;
    report.lastReceivedDiffers =
      (
        await db.all<{ n: number }>(
          'select count(*) as n from surveyor_counts s where s.last_received_at is distinct from (select max(received_at) from responses r where r.campaign_id = s.campaign_id and r.surveyor_id = s.surveyor_id and r.unit_id = s.unit_id and r.group_id = s.group_id)',
        )
      )[0]?.n ?? -1;
  } finally {
    await db.close();
  }
}

/** The report's failures, one line each (the first few of each kind), for an assertion message. */
export function failuresOf(r: CrashCampaignReport): string[] {
  const kinds: [string, string[]][] = [
    ['lost', r.lost],
    ['doubled', r.doubled],
    ['changed', r.changed],
    ['unexpected', r.unexpected],
    ['rejected', r.rejected],
    ['answered then missing', r.answeredMissing],
    ['wrong answer', r.wrongAnswers],
    ['partly stored batch', r.partial],
    ['count mismatch', r.countMismatches],
    ['protocol', r.protocol],
  ];
  return kinds.flatMap(([kind, list]) => (list.length === 0 ? [] : [`${list.length} ${kind}:`, ...list.slice(0, 5).map((l) => `  ${l}`)]));
}

/** One line of figures. */
export function summaryOf(r: CrashCampaignReport): string {
  return (
    `crash campaign seed ${r.seed}: ${r.responses.toLocaleString('en')} responses from ${r.devices} devices in ${r.batches} batches, ${r.pushes} pushes ` +
    `(${r.unanswered} unanswered, ${r.refused} refused while down, ${r.retryStatuses} answered 5xx); ${r.kills.outside + r.kills.afterCommit} kills (${r.kills.outside} from outside, ` +
    `${r.kills.afterCommit} right after a commit), ${r.starts} starts, ${r.seconds.toFixed(1)} s (${r.startSeconds.toFixed(1)} s starting servers); ${r.committedUnanswered.batches} committed-but-unanswered ` +
    `batches (${r.committedUnanswered.items} items) answered duplicate on retry, ${r.uncommittedRetried.batches} unanswered batches not committed; ` +
    `${r.stored.toLocaleString('en')} stored (${r.overQuota} over quota); lost ${r.lost.length}, doubled ${r.doubled.length}, changed ${r.changed.length}, ` +
    `wrong answers ${r.wrongAnswers.length}, count mismatches ${r.countMismatches.length}, left open ${r.ambiguous}` +
    (r.lastReceivedDiffers > 0
      ? `; ${r.lastReceivedDiffers} surveyor_counts rows with a last_received_at other than their latest response's`
      : '')
  );
}
