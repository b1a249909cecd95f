import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, listAudit } from '../../src/server/db/audit';
import { migrateToLatest, openSqlite, type DatabaseHandle } from '../../src/server/db/database';
import { WriteQueue } from '../../src/server/services/write-queue';

let handle: DatabaseHandle;
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'phieu-wq-'));
  handle = openSqlite(path.join(dir, 'phieu.sqlite'));
  await migrateToLatest(handle.db);
});
afterEach(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

const write = (subject: string) => async (trx: DatabaseHandle['db']) => {
  await appendAudit(trx, { at: new Date().toISOString(), actorId: null, action: 'test', subject });
  return (await listAudit(trx)).map((e) => e.subject);
};

describe('write queue (group commit)', () => {
  it('runs concurrent jobs in order, each seeing the writes before it, and answers each', async () => {
    const queue = new WriteQueue(handle.db);
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((s) => queue.run(write(s))));
    expect(results).toEqual([['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd']]);
    expect((await listAudit(handle.db)).map((e) => e.subject)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rolls back the whole group when a job throws, fails every job in it, and carries on after', async () => {
    const queue = new WriteQueue(handle.db);
    const first = queue.run(write('x'));
    await new Promise((resolve) => setImmediate(resolve)); // x's group has been taken: the next three form their own
    const group = [queue.run(write('y')), queue.run(async () => Promise.reject(new Error('boom'))), queue.run(write('z'))];
    expect(await first).toEqual(['x']);
    const settled = await Promise.allSettled(group);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((await listAudit(handle.db)).map((e) => e.subject)).toEqual(['x']);
    expect(await queue.run(write('after'))).toEqual(['x', 'after']);
  });

  it('caps the size of a group', async () => {
    const queue = new WriteQueue(handle.db, 2);
    const transactions: unknown[] = [];
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => queue.run(async (trx) => (transactions.push(trx), i))));
    expect(results).toEqual([0, 1, 2, 3, 4]);
    // Queued in the same event-loop turn, they go two by two, the last alone.
    expect(transactions[0]).toBe(transactions[1]);
    expect(transactions[2]).toBe(transactions[3]);
    expect(new Set(transactions).size).toBe(3);
  });

  it('lets pushes that arrive while the queue is idle, in the same turn of the event loop, share one commit', async () => {
    // The transaction runs without yielding (better-sqlite3 is synchronous): without the one-turn wait before each
    // group, the first job would start alone and every later arrival would wait for it, one commit each.
    const queue = new WriteQueue(handle.db);
    const transactions: unknown[] = [];
    const arrivals = await new Promise<Promise<number>[]>((resolve) => {
      const out: Promise<number>[] = [];
      // Two separate callbacks, as two request bodies finishing in the same poll phase would be.
      setImmediate(() => out.push(queue.run(async (trx) => (transactions.push(trx), 1))));
      setImmediate(() => {
        out.push(queue.run(async (trx) => (transactions.push(trx), 2)));
        resolve(out);
      });
    });
    expect(await Promise.all(arrivals)).toEqual([1, 2]);
    expect(transactions[0]).toBe(transactions[1]);
  });
});
