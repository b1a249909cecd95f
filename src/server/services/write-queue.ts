import type { Db } from '../db/database';
import { isPostgres } from '../db/dialect';
import { isUniqueViolation } from '../db/errors';
import { isRetryableConflict, lockKeys } from '../db/locks';
import { inTransaction } from '../db/transaction';

interface Job<T> {
  run: (trx: Db) => Promise<T>;
  keys: readonly string[];
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
 *
 * On PostgreSQL (issue 18) other server instances write beside this one. A job names the keys it must hold alone (a
 * quota cell, whose count decides the over-quota flag): the group's transaction first takes every key of its jobs
 * (db/locks.ts), so a cell's pushes commit one after another across instances. A group that PostgreSQL aborts for a
 * race another instance won (a deadlock, a serialisation failure, or the same response id inserted there first) is
 * run again from the start, up to three times, before its jobs fail: run again, it sees the other's commit.
 */
export class WriteQueue {
  private pending: Job<unknown>[] = [];
  private draining = false;

  constructor(
    private readonly db: Db,
    private readonly maxGroup = 32,
  ) {}

  run<T>(fn: (trx: Db) => Promise<T>, keys: readonly string[] = []): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run: fn, keys, resolve, reject } as Job<unknown>);
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
          const results = await this.runGroup(group);
          group.forEach((job, i) => job.resolve(results[i]));
        } catch (error) {
          for (const job of group) job.reject(error);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async runGroup(group: Job<unknown>[]): Promise<unknown[]> {
    const keys = group.flatMap((job) => job.keys);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await inTransaction(this.db, async (trx) => {
          await lockKeys(trx, keys);
          const out: unknown[] = [];
          for (const job of group) out.push(await job.run(trx));
          return out;
        });
      } catch (error) {
        const lostRace = isPostgres(this.db) && (isRetryableConflict(error) || isUniqueViolation(error));
        if (!lostRace || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}

/** Runs of a group PostgreSQL aborted for a race, before its jobs fail (and the devices retry later). */
const MAX_ATTEMPTS = 3;
