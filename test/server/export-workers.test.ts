// Issue 5, downloads in export worker threads: a CSV has the same bytes as in the request thread whatever the filter,
// every response once from one moment, a dead worker breaks the download off (never a file that looks whole), and a
// client that stops reading stops the workers too; survey scores are the request thread's, even when a worker dies.
import { parse } from 'csv-parse/sync';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appExportWorkers, buildApp } from '../../src/server/app';
import { openExportReader, type ArrivalKey, type ExportResponseFilter } from '../../src/server/db/export';
import { ExportWorkerPool, type CsvRangeJob } from '../../src/server/services/export/export-workers';
import { planResponsesExport } from '../../src/server/services/export/plan';
import { responsesCsv } from '../../src/server/services/export/responses';
import { scoreRowBatches } from '../../src/server/services/export/score-rows';
import { surveyScores } from '../../src/server/services/export/scores';
import { versionKey, type CampaignIndex, type ResponsesExportQuery, type SurveyResponse } from '../../src/shared';
import { answersFor, exclude, person, pushAccepted, response, signIn } from './export-helpers';
import { harnessPerTest, testDatabaseKind, type Harness } from './harness';

const CAMPAIGN = 'quang-binh-2021';
let h: Harness;
let index: CampaignIndex;
let pool: ExportWorkerPool;
let surveyor: string;
let cookie: string;
const TOTAL = 40;
/**
 * For the hooks and tests that start export workers: each loads TypeScript through tsx, about half a second alone and
 * several seconds when the suite runs files beside each other on two cores (the default 5 s was seen to run out).
 */
const WORKER_STARTS = 30_000;

const citizen = (i: number, over: Partial<SurveyResponse> = {}) =>
  response({
    unitId: i % 3 === 0 ? 'so-y-te' : 'so-tu-phap',
    groupId: 'so-nguoi-dan',
    questionnaireId: 'phieu-03-s',
    surveyorId: surveyor,
    answers: answersFor(
      index.questionnaires.get(versionKey('phieu-03-s', 1))!,
      (k) => (k + i) % 3,
      `Ý kiến số ${i}: "một cửa", nhanh\ngọn`,
    ),
    ...(i % 7 === 0 ? { mode: 'paper' as const, paperSerial: `S-${i % 2}` } : {}),
    ...over,
  });

const query = (over: Partial<ResponsesExportQuery> = {}): ResponsesExportQuery => ({
  questionnaireId: 'phieu-03-s',
  included: 'all',
  labels: 'codes',
  ...over,
});

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The download as the request thread writes it, and as `workers` write it. */
async function both(q: ResponsesExportQuery, workers: ExportWorkerPool = pool): Promise<[Buffer, Buffer]> {
  const plan = planResponsesExport(index, q, 'csv');
  const deps = readDeps();
  return [
    await bytesOf(await responsesCsv(deps, index, plan)),
    await bytesOf(await responsesCsv({ ...deps, exportWorkers: workers }, index, plan)),
  ];
}

/**
 * What a download reads with: the database, and on PostgreSQL (the node-pg project) its URL, which the workers connect
 * to for their ranges (issue 18).
 */
const readDeps = () => ({ db: h.handle.db, registry: h.registry, databaseUrl: h.postgres?.url });

/** Every key of rangeEnds, which is a plain iterable on SQLite and an async one on PostgreSQL. */
async function keysOf(ends: Iterable<ArrivalKey> | AsyncIterable<ArrivalKey>): Promise<ArrivalKey[]> {
  const out: ArrivalKey[] = [];
  for await (const k of ends) out.push(k);
  return out;
}

const idsOf = (csv: Buffer): string[] => (parse(csv, { bom: true, columns: true }) as { id: string }[]).map((r) => r.id);

// The responses every test reads, pushed once in the template. The per-test servers start no export workers (each test
// would boot two): the one test of the download route builds an app with them over its copy.
harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    index = t.registry.get(CAMPAIGN)!;
    await person(t, 'quantri', 'Quản trị Sở Nội vụ', 'admin');
    surveyor = await person(t, 'dtv-an', 'Nguyễn Văn An', 'surveyor', {
      cells: [
        ['so-tu-phap', 'so-nguoi-dan'],
        ['so-y-te', 'so-nguoi-dan'],
      ],
    });
    cookie = await signIn(t, 'dtv-an');
    const all = Array.from({ length: TOTAL }, (_, i) =>
      citizen(i, {
        finishedAt: `2021-12-${String(10 + (i % 5)).padStart(2, '0')}T09:00:00+07:00`,
        startedAt: `2021-12-${String(10 + (i % 5)).padStart(2, '0')}T08:40:00+07:00`,
      }),
    );
    // Several pushes: arrival times differ, and several responses share one.
    for (let i = 0; i < all.length; i += 8) await pushAccepted(t, cookie, all.slice(i, i + 8));
    await exclude(t, all[4]!.id, 'Phiếu trùng lặp, loại khi rà soát');
    await exclude(t, all[17]!.id, 'Phỏng vấn quá ngắn, loại khi rà soát');
  },
);
beforeAll(async () => {
  // Ranges of 3 rows: a download of 40 is 14 ranges, cut inside pushes and at their edges.
  pool = new ExportWorkerPool(2, [], { rowsPerRange: 3 });
  await pool.ready();
}, WORKER_STARTS);
afterAll(() => pool.close());

describe('CSV workers', () => {
  it.each([
    ['everything', query()],
    ['included only', query({ included: 'included' })],
    ['excluded only', query({ included: 'excluded' })],
    ['one unit', query({ unitId: 'so-y-te' })],
    ['a date range', query({ from: '2021-12-11', to: '2021-12-13' })],
    ['labels', query({ labels: 'labels' })],
    ['nothing matching', query({ from: '2030-01-01' })],
  ])('write the bytes the request thread writes: %s', async (_what, q) => {
    const [here, there] = await both(q);
    expect(there.equals(here)).toBe(true);
    expect(idsOf(there).length).toBe(new Set(idsOf(there)).size);
  });

  it(
    'hold every response once, in arrival order, with ranges of any size',
    async () => {
      const stored = await h.handle.db
        .selectFrom('responses')
        .select('id')
        .where('campaign_id', '=', CAMPAIGN)
        .orderBy('received_at')
        .orderBy('id')
        .execute();
      expect(stored).toHaveLength(TOTAL);
      for (const rowsPerRange of [1, 7, 40, 41]) {
        const other = new ExportWorkerPool(1, [], { rowsPerRange });
        try {
          const [here, there] = await both(query(), other);
          expect(there.equals(here), `${rowsPerRange} rows per range`).toBe(true);
          expect(idsOf(there)).toEqual(stored.map((r) => r.id));
        } finally {
          await other.close();
        }
      }
    },
    WORKER_STARTS,
  );

  it(
    'are what the download route uses when the app has them',
    async () => {
      // No execArgv: the pool boots tsx itself for TypeScript sources, whatever flags the test runner has.
      const app = await buildApp({
        db: h.handle.db,
        databaseUrl: h.postgres?.url,
        registry: h.registry,
        evidenceDir: path.join(h.dir, 'evidence'),
        exportWorkers: 2,
        exportWorkerExecArgv: [],
      });
      try {
        expect(appExportWorkers(app)?.size).toBe(2);
        const admin = await signIn(h, 'quantri');
        const res = await app.inject({
          method: 'GET',
          url: `/api/campaigns/${CAMPAIGN}/exports/responses.csv?questionnaireId=phieu-03-s`,
          headers: { cookie: admin },
        });
        expect(res.statusCode).toBe(200);
        const [here] = await both(query());
        expect(res.rawPayload.equals(here)).toBe(true);
      } finally {
        await app.close();
      }
    },
    WORKER_STARTS,
  );
});

// Scores in a worker read the SQLite file; on PostgreSQL they are computed in the request thread from its cursor.
describe.skipIf(testDatabaseKind() === 'postgres')('survey scores in a worker', () => {
  const now = () => new Date('2021-12-20T00:00:00Z');
  it.each([undefined, 'department', 'district'])("equal the request thread's (level %s)", async (level) => {
    const here = await surveyScores({ db: h.handle.db, now }, index, level);
    const there = await surveyScores({ db: h.handle.db, now, exportWorkers: pool }, index, level);
    expect(there).toEqual(here);
    if (level !== 'district') expect(there.responsesUsed).toBeGreaterThan(0);
  });

  it('are computed by the worker itself (no silent fallback to this thread)', async () => {
    const reader = await openExportReader(h.handle.db);
    try {
      const query = reader.scorableQuery(CAMPAIGN);
      const there = await pool.scores({ file: reader.file!, query, bundle: index.bundle });
      const here = await scoreRowBatches(index, reader.scorable(CAMPAIGN));
      const included = await h.handle.db
        .selectFrom('responses')
        .select('id')
        .where('campaign_id', '=', CAMPAIGN)
        .where('excluded', '=', 0)
        .execute();
      expect(there.used).toBe(included.length);
      expect(there.used).toBeGreaterThan(0);
      expect(there).toEqual(here);
    } finally {
      await reader.close();
    }
  });

  it(
    'are computed here when the worker dies holding them',
    async () => {
      class Dying extends ExportWorkerPool {
        died = false;
        override scores(job: Parameters<ExportWorkerPool['scores']>[0]) {
          const scored = super.scores(job);
          this.died = true;
          void this.kill(0);
          return scored;
        }
      }
      const dying = new Dying(1, []);
      try {
        await dying.ready();
        const warnings: string[] = [];
        const there = await surveyScores({ db: h.handle.db, now, exportWorkers: dying }, index, undefined, (m) => warnings.push(m));
        expect(dying.died).toBe(true);
        expect(warnings).toEqual([expect.stringMatching(/computed in the request thread: .*stopped/)]);
        expect(there).toEqual(await surveyScores({ db: h.handle.db, now }, index));
      } finally {
        await dying.close();
      }
    },
    WORKER_STARTS,
  );
});

describe('range ends', () => {
  const filter: ExportResponseFilter = { campaignId: CAMPAIGN, questionnaireId: 'phieu-03-s', included: 'all' };

  it('cut every n rows and end on the last response, never twice', async () => {
    const reader = await openExportReader(h.handle.db, { databaseUrl: h.postgres?.url });
    try {
      const stored = await h.handle.db
        .selectFrom('responses')
        .select(['id', 'received_at'])
        .where('campaign_id', '=', CAMPAIGN)
        .orderBy('received_at')
        .orderBy('id')
        .execute();
      for (const every of [1, 3, 8, 40, 100]) {
        const ends = (await keysOf(reader.rangeEnds(filter, every))).map((k) => k.id);
        const want = stored.filter((_, i) => (i + 1) % every === 0).map((r) => r.id);
        if (want.at(-1) !== stored.at(-1)!.id) want.push(stored.at(-1)!.id);
        expect(ends, `every ${every}`).toEqual(want);
      }
      expect(await keysOf(reader.rangeEnds({ ...filter, finishedFrom: '2030-01-01' }, 3))).toEqual([]);
      await expect(keysOf(reader.rangeEnds(filter, 0))).rejects.toThrow(/positive whole number/);
    } finally {
      await reader.close();
    }
  });

  it('come from one moment: a response stored during a download is not in it', async () => {
    const before = await h.handle.db
      .selectFrom('responses')
      .select('id')
      .where('campaign_id', '=', CAMPAIGN)
      .where('questionnaire_id', '=', 'phieu-03-s')
      .execute();
    const plan = planResponsesExport(index, query(), 'csv');
    const stream = await responsesCsv({ ...readDeps(), exportWorkers: pool }, index, plan);
    const chunks: Buffer[] = [];
    const it = stream[Symbol.asyncIterator]();
    chunks.push((await it.next()).value as Buffer, (await it.next()).value as Buffer); // the header and the first range
    const late = citizen(99);
    await pushAccepted(h, cookie, [late]);
    for (let r = await it.next(); r.done !== true; r = await it.next()) chunks.push(r.value as Buffer);
    const ids = idsOf(Buffer.concat(chunks));
    expect(ids).not.toContain(late.id);
    expect(ids.sort()).toEqual(before.map((r) => r.id).sort());
    // Later downloads have it.
    const [, next] = await both(query());
    expect(idsOf(next)).toContain(late.id);
  });
});

describe('when things go wrong', () => {
  it(
    'a worker that dies breaks the download off; the next download is whole',
    async () => {
      /** Kills its worker right after handing it the first range: the worker dies holding it. */
      class Dying extends ExportWorkerPool {
        died = false;
        override encode(range: CsvRangeJob): Promise<Buffer> {
          const encoded = super.encode(range);
          if (!this.died) {
            this.died = true;
            void this.kill(0);
          }
          return encoded;
        }
      }
      const flaky = new Dying(1, [], { rowsPerRange: 2 });
      try {
        await flaky.ready();
        const plan = planResponsesExport(index, query(), 'csv');
        const stream = await responsesCsv({ ...readDeps(), exportWorkers: flaky }, index, plan);
        await expect(bytesOf(stream)).rejects.toThrow(/stopped in the middle of a download/);
        expect(stream.destroyed).toBe(true);
        expect(flaky.died).toBe(true);
        // Another worker takes its place.
        const [here, there] = await both(query(), flaky);
        expect(there.equals(here)).toBe(true);
      } finally {
        await flaky.close();
      }
    },
    WORKER_STARTS,
  );

  it(
    'a client that stops reading stops the ranges being read',
    async () => {
      class Counting extends ExportWorkerPool {
        encoded = 0;
        readonly asked: Promise<unknown>[] = [];
        override encode(range: CsvRangeJob): Promise<Buffer> {
          this.encoded += 1;
          const encoding = super.encode(range);
          this.asked.push(encoding.catch(() => {}));
          return encoding;
        }
        /** Every range asked for so far has been answered, and what that set off has run. */
        async settled(): Promise<void> {
          for (let n = 0; n !== this.asked.length;) {
            n = this.asked.length;
            await Promise.all(this.asked);
            await new Promise(setImmediate);
          }
        }
      }
      const counting = new Counting(1, [], { rowsPerRange: 1 });
      try {
        await counting.ready();
        const plan = planResponsesExport(index, query(), 'csv');
        const stream = await responsesCsv({ ...readDeps(), exportWorkers: counting }, index, plan);
        const it = stream[Symbol.asyncIterator]();
        await it.next();
        await it.next();
        // The stream reads ahead until its buffer is full (highWaterMark 1), and no further until the client reads.
        await vi.waitFor(() => expect(stream.readableLength).toBeGreaterThanOrEqual(stream.readableHighWaterMark), {
          timeout: 10_000,
          interval: 5,
        });
        await counting.settled();
        // Two ranges being encoded or waiting per worker, one in the stream, one handed out: nowhere near 40.
        expect(counting.encoded).toBeLessThanOrEqual(5);
        const closed = new Promise((r) => stream.once('close', r));
        stream.destroy();
        await closed; // after the generator has returned (Readable.from closes it before 'close')
        const after = counting.encoded;
        await counting.settled(); // the ranges still in flight come back: none of them asks for another
        expect(counting.encoded).toBe(after);
      } finally {
        await counting.close();
      }
    },
    WORKER_STARTS,
  );

  it(
    'a pool shutting down refuses new ranges with a clear error',
    async () => {
      const closing = new ExportWorkerPool(1, []);
      await closing.close();
      const plan = planResponsesExport(index, query(), 'csv');
      const stream = await responsesCsv({ ...readDeps(), exportWorkers: closing }, index, plan);
      await expect(bytesOf(stream)).rejects.toThrow(/shutting down/);
    },
    WORKER_STARTS,
  );

  it.skipIf(testDatabaseKind() === 'postgres')(
    'a pool that closes fails the jobs its workers held',
    async () => {
      const closing = new ExportWorkerPool(1, []);
      const reader = await openExportReader(h.handle.db);
      try {
        const scoring = closing.scores({ file: reader.file!, query: reader.scorableQuery(CAMPAIGN), bundle: index.bundle });
        await closing.close();
        await expect(scoring).rejects.toThrow(/stopped in the middle/);
      } finally {
        await reader.close();
      }
    },
    WORKER_STARTS,
  );
});
