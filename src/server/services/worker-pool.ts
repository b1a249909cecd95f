import type { Worker } from 'node:worker_threads';
import { startWorker } from './worker-thread';

/** One worker of a pool: the jobs it holds, by id, and what its pool's policy keeps about it. */
export interface PoolSlot<Job, State> {
  readonly worker: Worker;
  readonly pending: Map<number, Job>;
  readonly state: State;
}

/** A message from a worker that answers a job: it carries the job's id. */
export type Answer<FromWorker> = Extract<FromWorker, { job: number }>;

/** What the pools differ in; the slot logic is WorkerPool's. */
export interface PoolPolicy<Job, FromWorker, State> {
  /** The state of a new worker; `replaced` is the slot of the worker it takes the place of. */
  start(replaced: PoolSlot<Job, State> | undefined): State;
  /** Every message from a worker, before the job it answers (if any) is looked up: a handshake, a health count. */
  heard?(slot: PoolSlot<Job, State>, message: FromWorker): void;
  /** The answer to a job, taken out of its worker's pending jobs. */
  answered(job: Job, reply: Answer<FromWorker>): void;
  /** A worker stopped (crash, kill or close). True starts another in its place now; false (or closing) drops the slot. */
  stopped(slot: PoolSlot<Job, State>): boolean;
  /** Each job the stopped worker held unanswered, after the slot was replaced or dropped. */
  orphaned(job: Job): void;
  /** A worker failed (its module would not load, it threw): for the log. 'exit' follows and does the recovery. */
  failed?(error: Error): void;
}

/**
 * Worker threads on one module, each job posted to the least busy and answered by id. What a job is, what happens to
 * the jobs of a worker that dies and whether it is replaced are the policy's: the validation pool checks them again in
 * this thread, the export pool fails them.
 */
export class WorkerPool<Job, ToWorker, FromWorker extends object, State> {
  private readonly live: PoolSlot<Job, State>[] = [];
  private nextJob = 1;
  private stopping = false;

  constructor(
    private readonly file: URL,
    private readonly execArgv: string[],
    size: number,
    private readonly policy: PoolPolicy<Job, FromWorker, State>,
  ) {
    for (let i = 0; i < size; i += 1) this.add();
  }

  get slots(): readonly PoolSlot<Job, State>[] {
    return this.live;
  }

  /** Set by close(): no worker is replaced any more. */
  get closing(): boolean {
    return this.stopping;
  }

  /** The worker holding the fewest jobs, the first of those on a tie; none when every worker is gone. */
  leastBusy(): PoolSlot<Job, State> | undefined {
    return this.live.reduce<PoolSlot<Job, State> | undefined>(
      (best, s) => (!best || s.pending.size < best.pending.size ? s : best),
      undefined,
    );
  }

  /** Posts a job to `slot` under a new id; its answer goes to policy.answered. */
  post(slot: PoolSlot<Job, State>, job: Job, message: (id: number) => ToWorker): void {
    const id = this.nextJob++;
    slot.pending.set(id, job);
    slot.worker.postMessage(message(id));
  }

  /** A message that is not a job (it has no answer), e.g. state the worker keeps for the jobs after it. */
  send(slot: PoolSlot<Job, State>, message: ToWorker): void {
    slot.worker.postMessage(message);
  }

  /** Starts one more worker; throws if it cannot be started. */
  add(): PoolSlot<Job, State> {
    const slot = this.spawn(undefined);
    this.live.push(slot);
    return slot;
  }

  /** Test seam: ends worker `i` as a crash would, with whatever jobs it holds. */
  async kill(i: number): Promise<void> {
    await this.live[i]?.worker.terminate();
  }

  /** Ends every worker; the jobs they held go to policy.orphaned. */
  async close(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.live.map((s) => s.worker.terminate()));
  }

  private spawn(replaced: PoolSlot<Job, State> | undefined): PoolSlot<Job, State> {
    const state = this.policy.start(replaced);
    const worker = startWorker(this.file, this.execArgv);
    const slot: PoolSlot<Job, State> = { worker, pending: new Map(), state };
    worker.on('message', (message: FromWorker) => {
      this.policy.heard?.(slot, message);
      const id = (message as { job?: unknown }).job;
      const job = typeof id === 'number' ? slot.pending.get(id) : undefined;
      if (typeof id !== 'number' || job === undefined) return;
      slot.pending.delete(id);
      // A message with a numeric `job` is one of FromWorker's answers.
      this.policy.answered(job, message as Answer<FromWorker>);
    });
    worker.on('error', (error) => this.policy.failed?.(error)); // 'exit' follows and does the recovery
    worker.on('exit', () => {
      const i = this.live.indexOf(slot);
      const replace = this.policy.stopped(slot);
      if (i >= 0 && replace && !this.stopping) this.live[i] = this.spawn(slot);
      else if (i >= 0) this.live.splice(i, 1);
      const orphans = [...slot.pending.values()];
      slot.pending.clear();
      for (const job of orphans) this.policy.orphaned(job);
    });
    return slot;
  }
}
