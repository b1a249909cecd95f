import type { CampaignRegistry } from './campaign-registry';
import { judgeBody, judgeResponses, type ResponseChecker, type ResponseJudgement } from './response-check';
import type { FromWorker, ToWorker } from './validation-worker';
import { WorkerPool } from './worker-pool';
import { workerModule } from './worker-thread';

/** Checks in the request's own thread: tests, and a server configured with no validation workers. */
export function inProcessChecker(registry: CampaignRegistry): ResponseChecker {
  return {
    check: async (items) => judgeResponses(items, (id) => registry.get(id)),
    checkBody: async (bytes) => judgeBody(bytes, (id) => registry.get(id)),
    close: async () => {},
    size: 0,
  };
}

interface Pending {
  /** The same check in this thread, when the worker cannot answer. */
  here: () => ResponseJudgement[] | null;
  resolve: (judgements: ResponseJudgement[] | null) => void;
  reject: (error: unknown) => void;
}

interface Held {
  /** Consecutive deaths with no answer in between. */
  failures: number;
  /** Registry version whose campaigns this worker holds. */
  version: number;
}

export interface ValidationPoolOptions {
  /** Node flags for the workers; by default the parent's. */
  execArgv?: string[];
  /** A worker failed (it is replaced, its jobs checked here): for the log. */
  onError?: (error: Error) => void;
}

const WORKER_FILE = workerModule(import.meta.url, 'validation-worker');

/** A worker that keeps dying before answering anything is not started again: its slot checks in this thread. */
const MAX_FAILED_STARTS = 3;

/**
 * A small pool of worker threads that check pushed responses (zod schema, questionnaire engine, content hash),
 * so the request thread, which also parses, writes to SQLite and answers, is free for the next request. Pure
 * checking only: the database checks and the write stay in the request thread (sync.ts), after the workers answer.
 *
 * A worker that dies loses nothing: the jobs it held are checked again in this thread and a new worker takes its
 * place. Checking is pure, so doing it twice cannot write twice.
 */
export class ValidationPool implements ResponseChecker {
  private readonly workers: WorkerPool<Pending, ToWorker, FromWorker, Held>;

  constructor(
    private readonly registry: CampaignRegistry,
    size: number,
    options: ValidationPoolOptions = {},
  ) {
    this.workers = new WorkerPool(WORKER_FILE, options.execArgv ?? process.execArgv, size, {
      start: (replaced) => ({ failures: replaced ? replaced.state.failures + 1 : 0, version: -1 }),
      heard: (slot) => {
        slot.state.failures = 0;
      },
      // The same error, if it is one, surfaces in this thread as it would without workers.
      answered: (job, reply) => (reply.ok ? job.resolve(reply.judgements) : fallback(job)),
      stopped: (slot) => slot.state.failures + 1 < MAX_FAILED_STARTS,
      failed: options.onError,
      orphaned: fallback,
    });
  }

  get size(): number {
    return this.workers.slots.length;
  }

  check(items: unknown[]): Promise<ResponseJudgement[]> {
    const here = () => judgeResponses(items, (id) => this.registry.get(id));
    return this.submit(here, (job) => ({ kind: 'responses', job, items }));
  }

  /** A push body as received: the worker decodes and parses it, so the request thread does neither, nor copies parsed items. */
  checkBody(bytes: Uint8Array): Promise<ResponseJudgement[] | null> {
    const here = () => judgeBody(bytes, (id) => this.registry.get(id));
    return this.submit(here, (job) => ({ kind: 'body', job, bytes }));
  }

  /** Posts a job to the least busy worker; `here` is the same check in this thread, for a worker that dies or errs. */
  private submit<T extends ResponseJudgement[] | null>(here: () => T, message: (job: number) => ToWorker): Promise<T> {
    const slot = this.workers.leastBusy();
    if (!slot || this.workers.closing) return Promise.resolve().then(here);
    if (slot.state.version !== this.registry.version) {
      this.workers.send(slot, { kind: 'campaigns', bundles: this.registry.bundles() });
      slot.state.version = this.registry.version;
    }
    return new Promise<T>((resolve, reject) => {
      // The worker runs the same function as `here` (judgeResponses or judgeBody), so its answer is a T.
      this.workers.post(slot, { here, resolve: (judgements) => resolve(judgements as T), reject }, message);
    });
  }

  /** Test seam: ends worker `i` as a crash would, with whatever jobs it holds. */
  kill(i: number): Promise<void> {
    return this.workers.kill(i);
  }

  close(): Promise<void> {
    return this.workers.close();
  }
}

function fallback(job: Pending): void {
  try {
    job.resolve(job.here());
  } catch (error) {
    job.reject(error);
  }
}
