import type { Db } from '../db/database';
import { inTransaction } from '../db/transaction';

interface Job<T> {
  run: (trx: Db) => Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: sync pushes that arrive while a transaction is committing are run together in the next
 * transaction, one after another (each sees the writes of the ones before it, exactly as if they had their own
 * transactions), and all are answered after that one commit. With synchronous=FULL the fsync of a commit is the
 * main cost of a push, so many surveyors syncing at once share it instead of queueing for one each.
 * If any job throws, the whole group rolls back and every job in it fails: the devices keep their data and retry.
 *
 * better-sqlite3 is synchronous, so a transaction runs start to commit without giving the event loop a turn: no
 * other request can join the queue while one runs. Each group therefore starts one event-loop turn late
 * (setImmediate): the pushes whose bodies have arrived by then are validated and join it.
 */
export class WriteQueue {
  private pending: Job<unknown>[] = [];
  private draining = false;

  constructor(
    private readonly db: Db,
    private readonly maxGroup = 32,
  ) {}

  run<T>(fn: (trx: Db) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run: fn, resolve, reject } as Job<unknown>);
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.pending.length > 0) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        const group = this.pending.splice(0, this.maxGroup);
        try {
          const results = await inTransaction(this.db, async (trx) => {
            const out: unknown[] = [];
            for (const job of group) out.push(await job.run(trx));
            return out;
          });
          group.forEach((job, i) => job.resolve(results[i]));
        } catch (error) {
          for (const job of group) job.reject(error);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
