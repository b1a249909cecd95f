import type { Worker } from 'node:worker_threads';
import type { CampaignRegistry } from './campaign-registry';
import { judgeBody, judgeResponses, type ResponseChecker, type ResponseJudgement } from './response-check';
import type { FromWorker, ToWorker } from './validation-worker';
import { startWorker, workerModule } from './worker-thread';

/** Checks in the request's own thread: tests, and a server configured with no validation workers. */
export function inProcessChecker(registry: CampaignRegistry): ResponseChecker {
  return {
    check: async (items) => judgeResponses(items, (id) => registry.get(id)),
    checkBody: async (bytes) => judgeBody(bytes, (id) => registry.get(id)),
    close: async () => {},
  };
}

interface Pending {
  /** The same check in this thread, when the worker cannot answer. */
  here: () => ResponseJudgement[] | null;
  resolve: (judgements: ResponseJudgement[] | null) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  /** Consecutive deaths with no answer in between. */
  failures: number;
  /** Registry version whose campaigns this worker holds. */
  version: number;
  pending: Map<number, Pending>;
}

export interface ValidationPoolOptions {
  /** Node flags for the workers; by default the parent's. */
  execArgv?: string[];
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
  private readonly slots: Slot[] = [];
  private nextJob = 1;
  private closing = false;

  constructor(
    private readonly registry: CampaignRegistry,
    size: number,
    private readonly options: ValidationPoolOptions = {},
  ) {
    for (let i = 0; i < size; i += 1) this.slots.push(this.spawn(0));
  }

  get size(): number {
    return this.slots.length;
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
    const slot = this.slots.reduce<Slot | undefined>((best, s) => (!best || s.pending.size < best.pending.size ? s : best), undefined);
    if (!slot || this.closing) return Promise.resolve().then(here);
    if (slot.version !== this.registry.version) {
      this.post(slot, { kind: 'campaigns', bundles: this.registry.bundles() });
      slot.version = this.registry.version;
    }
    const job = this.nextJob++;
    return new Promise<T>((resolve, reject) => {
      // The worker runs the same function as `here` (judgeResponses or judgeBody), so its answer is a T.
      slot.pending.set(job, { here, resolve: (judgements) => resolve(judgements as T), reject });
      this.post(slot, message(job));
    });
  }

  /** Test seam: ends worker `i` as a crash would, with whatever jobs it holds. */
  async kill(i: number): Promise<void> {
    await this.slots[i]?.worker.terminate();
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private post(slot: Slot, message: ToWorker): void {
    slot.worker.postMessage(message);
  }

  private spawn(failures: number): Slot {
    const worker = startWorker(WORKER_FILE, this.options.execArgv ?? process.execArgv);
    const slot: Slot = { worker, failures, version: -1, pending: new Map() };
    worker.on('message', (reply: FromWorker) => {
      slot.failures = 0;
      const job = slot.pending.get(reply.job);
      if (!job) return;
      slot.pending.delete(reply.job);
      if (reply.ok) job.resolve(reply.judgements);
      else this.fallback(job); // the same error, if it is one, surfaces in this thread as it would without workers
    });
    worker.on('error', () => {}); // 'exit' follows and does the recovery
    worker.on('exit', () => {
      const index = this.slots.indexOf(slot);
      if (!this.closing && index >= 0 && slot.failures + 1 < MAX_FAILED_STARTS) this.slots[index] = this.spawn(slot.failures + 1);
      else if (index >= 0) this.slots.splice(index, 1);
      const orphans = [...slot.pending.values()];
      slot.pending.clear();
      for (const job of orphans) this.fallback(job);
    });
    return slot;
  }

  private fallback(job: Pending): void {
    try {
      job.resolve(job.here());
    } catch (error) {
      job.reject(error);
    }
  }
}
