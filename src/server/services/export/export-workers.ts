import type { CampaignBundle, SurveyScores } from '../../../shared';
import type { ArrivalKey, RangeQuery } from '../../db/export';
import { WorkerPool } from '../worker-pool';
import { workerModule } from '../worker-thread';
import { csvHead } from './csv';
import type { FromExportWorker, ToExportWorker } from './export-worker';
import type { QuestionColumn } from './plan';
import type { RowContext } from './rows';

/** One range of a download for a worker: where to read it and how to turn its rows into records. Plain data. */
export interface CsvRangeJob {
  /** The SQLite database file (the worker opens it read-only), or */
  file?: string;
  /** the PostgreSQL database (the worker connects to it: issue 18). */
  databaseUrl?: string;
  query: RangeQuery;
  columns: QuestionColumn[];
  ctx: RowContext;
  /** rows.ts plainCells */
  plain: boolean[];
  /** Rows the range should hold (to size its buffer). */
  rows: number;
}

/** The survey scores of a campaign for a worker: the included responses (ExportReader.scorableQuery). Plain data. */
export interface ScoresJob {
  file: string;
  query: RangeQuery;
  bundle: CampaignBundle;
}

/** What score-rows.ts scoreRows returns. */
export interface WorkerScores {
  result: SurveyScores;
  used: number;
}

type Reply = Extract<FromExportWorker, { ok: true }>;

interface Pending {
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
}

interface Loading {
  /** Resolves when the worker has loaded its modules (or has stopped). */
  loaded: Promise<void>;
  done: () => void;
}

function loading(): Loading {
  let done = (): void => {};
  const loaded = new Promise<void>((resolve) => (done = resolve));
  return { loaded, done };
}

const WORKER_FILE = workerModule(import.meta.url, 'export-worker');

/**
 * Worker threads that read and encode ranges of a CSV download and compute survey scores, started with the server so
 * that the first download does not wait for them to load (about a second each from TypeScript sources). That work is
 * most of a download's cost (a second or two of CPU per 100,000 responses): in workers ranges are encoded beside each
 * other and off the request thread, which only writes the bytes out, so sync pushes and the screens are not held up.
 *
 * A worker that dies fails the jobs it held (a CSV download breaks off, the client sees an error, never a file that
 * looks whole; scores are computed in the request thread instead) and is started again for the next job. Workers only
 * read, so nothing else is at stake.
 */
export class ExportWorkerPool {
  private readonly workers: WorkerPool<Pending, ToExportWorker, FromExportWorker, Loading>;

  /** Rows per range: about a megabyte of CSV, enough to make a message's cost small. */
  readonly rowsPerRange: number;

  constructor(
    readonly size: number,
    execArgv: string[] = process.execArgv,
    opts: { rowsPerRange?: number; onError?: (error: Error) => void } = {},
  ) {
    this.rowsPerRange = opts.rowsPerRange ?? 2048;
    if (!Number.isInteger(size) || size < 1) throw new Error(`an export worker pool needs at least one worker, got ${size}`);
    this.workers = new WorkerPool(WORKER_FILE, execArgv, size, {
      start: loading,
      heard: (slot, message) => {
        if ('loaded' in message) slot.state.done();
      },
      answered: (job, reply) => (reply.ok ? job.resolve(reply) : job.reject(new Error(`export worker: ${reply.error}`))),
      // A worker that died is replaced by the next job (submit), not here.
      stopped: (slot) => {
        slot.state.done();
        return false;
      },
      orphaned: (job) => job.reject(new Error('an export worker stopped in the middle of a download')),
      failed: opts.onError,
    });
  }

  /** The workers running now (a dead one is replaced by the next job). */
  get live(): number {
    return this.workers.slots.length;
  }

  /** The records of one range, encoded by the least busy worker. */
  async encode(range: CsvRangeJob): Promise<Buffer> {
    const reply = await this.submit((job) => ({ kind: 'csv', ...range, job }));
    if (reply.kind !== 'csv') throw new Error('an export worker answered a CSV range with something else');
    return Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength);
  }

  /** Survey scores computed by the least busy worker. */
  async scores(job: ScoresJob): Promise<WorkerScores> {
    const reply = await this.submit((id) => ({ kind: 'scores', ...job, job: id }));
    if (reply.kind !== 'scores') throw new Error('an export worker answered a scores job with something else');
    return reply.scores;
  }

  private submit(message: (job: number) => ToExportWorker): Promise<Reply> {
    if (this.workers.closing) return Promise.reject(new Error('the server is shutting down'));
    try {
      // A worker that died is replaced by the next job.
      if (this.workers.slots.length < this.size) this.workers.add();
    } catch (error) {
      if (this.workers.slots.length === 0) return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const slot = this.workers.leastBusy();
    if (!slot) return Promise.reject(new Error('no export worker could be started'));
    return new Promise<Reply>((resolve, reject) => this.workers.post(slot, { resolve, reject }, message));
  }

  /** Resolves when every worker has loaded (or stopped): a benchmark waits for it before it measures anything. */
  async ready(): Promise<void> {
    await Promise.all(this.workers.slots.map((s) => s.state.loaded));
  }

  /** Test seam: ends worker `i` as a crash would, with whatever ranges it holds. */
  kill(i: number): Promise<void> {
    return this.workers.kill(i);
  }

  close(): Promise<void> {
    return this.workers.close();
  }
}

/**
 * A CSV file from ranges encoded elsewhere (the pool): the BOM and the header, then each range's records in order.
 * `ends` gives the key closing each range (ExportReader.rangeEnds); at most `ahead` ranges are being encoded or
 * waiting at once, and the next is asked for only when the client takes one, so memory stays flat however many rows.
 */
export async function* rangedCsvChunks(
  header: readonly string[],
  ends: Iterable<ArrivalKey> | AsyncIterable<ArrivalKey>,
  encode: (from: ArrivalKey | null, to: ArrivalKey) => Promise<Buffer>,
  ahead: number,
): AsyncGenerator<Buffer> {
  yield csvHead(header);
  const cuts = Symbol.asyncIterator in ends ? ends[Symbol.asyncIterator]() : ends[Symbol.iterator]();
  const queue: Promise<Buffer>[] = [];
  let from: ArrivalKey | null = null;
  const fill = async (): Promise<void> => {
    while (queue.length < ahead) {
      const next = await cuts.next();
      if (next.done === true) return;
      const range = encode(from, next.value);
      range.catch(() => {}); // a failure surfaces when its turn comes (below), not as an unhandled rejection
      queue.push(range);
      from = next.value;
    }
  };
  try {
    await fill();
    for (let range = queue.shift(); range; range = queue.shift()) {
      const bytes = await range;
      await fill();
      yield bytes;
    }
  } finally {
    await cuts.return?.();
  }
}
