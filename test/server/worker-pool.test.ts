// The shared worker pool (issue 16) on a tiny real worker: least busy choice, answers by job id, a dead worker's jobs
// handed to the policy, replacement only when the policy asks and never while closing.
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool, type PoolPolicy, type PoolSlot } from '../../src/server/services/worker-pool';
import type { FromEcho, ToEcho } from './fixtures/echo-worker';

const FILE = new URL('./fixtures/echo-worker.ts', import.meta.url);
/** Each worker loads tsx before its module: about a second on a busy machine, several per test. */
const WORKER_STARTS = 30_000;

interface Job {
  name: string;
  answer?: (reply: Extract<FromEcho, { job: number }>) => void;
}
interface State {
  hello: Promise<void>;
  said: () => void;
  replaced: Slot | undefined;
}
type Slot = PoolSlot<Job, State>;
type Pool = WorkerPool<Job, ToEcho, FromEcho, State>;

/** A pool whose policy records what it was told; `replace` is stopped()'s answer. */
function echoPool(size: number, replace: boolean) {
  const seen = { heard: 0, stopped: [] as Slot[], orphaned: [] as string[], slotsAtOrphan: [] as Slot[][] };
  const policy: PoolPolicy<Job, FromEcho, State> = {
    start: (replaced) => {
      let said = (): void => {};
      const hello = new Promise<void>((resolve) => (said = resolve));
      return { hello, said, replaced };
    },
    heard: (slot, message) => {
      seen.heard += 1;
      if ('hello' in message) slot.state.said();
    },
    answered: (job, reply) => job.answer?.(reply),
    stopped: (slot) => {
      seen.stopped.push(slot);
      return replace;
    },
    orphaned: (job) => {
      seen.orphaned.push(job.name);
      seen.slotsAtOrphan.push([...pool.slots]);
    },
  };
  const pool: Pool = new WorkerPool(FILE, [], size, policy);
  pools.push(pool);
  return { pool, seen, ready: () => Promise.all(pool.slots.map((s) => s.state.hello)) };
}

const hold = (pool: Pool, name: string): Slot => {
  const slot = pool.leastBusy()!;
  pool.post(slot, { name }, (job) => ({ kind: 'hold', job }));
  return slot;
};
const echo = (pool: Pool, slot: Slot, value: number) =>
  new Promise<Extract<FromEcho, { job: number }>>((answer) =>
    pool.post(slot, { name: `echo ${value}`, answer }, (job) => ({ kind: 'echo', job, value })),
  );

/** The very same slots, in order (toEqual would compare them field by field). */
const same = (got: readonly (Slot | undefined)[], want: readonly (Slot | undefined)[]) =>
  got.length === want.length && got.every((s, i) => s === want[i]);

const pools: Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('a worker pool', () => {
  it(
    'posts each job to the worker holding the fewest, the first of them on a tie',
    async () => {
      const { pool, ready } = echoPool(3, true);
      await ready();
      const [, , c] = pool.slots;
      expect(['1', '2', '3', '4', '5'].map((n) => pool.slots.indexOf(hold(pool, n)))).toEqual([0, 1, 2, 0, 1]);
      expect(pool.slots.map((s) => s.pending.size)).toEqual([2, 2, 1]);
      expect(pool.leastBusy()).toBe(c);
      const reply = await echo(pool, c!, 7);
      expect(reply.value).toBe(7);
      expect(pool.slots.map((s) => s.pending.size)).toEqual([2, 2, 1]); // the answered job is no longer held
    },
    WORKER_STARTS,
  );

  it(
    'answers each job by its id, with the state sent to that worker alone; other messages go to heard only',
    async () => {
      const { pool, seen, ready } = echoPool(2, true);
      await ready();
      expect(seen.heard).toBe(2); // the two hellos, which answer no job
      const [a, b] = pool.slots;
      pool.send(a!, { kind: 'note', text: 'campaigns v1' });
      const [x, y, z] = await Promise.all([echo(pool, a!, 1), echo(pool, b!, 2), echo(pool, a!, 3)]);
      expect([x.value, y.value, z.value]).toEqual([1, 2, 3]);
      expect([x.notes, y.notes]).toEqual([['campaigns v1'], []]);
      expect(seen.heard).toBe(5);
      expect(seen.orphaned).toEqual([]);
    },
    WORKER_STARTS,
  );

  it(
    "hands a dead worker's jobs to the policy, after starting another in its place when the policy says so",
    async () => {
      const { pool, seen, ready } = echoPool(2, true);
      await ready();
      const [a, b] = pool.slots;
      pool.post(a!, { name: 'first' }, (job) => ({ kind: 'hold', job }));
      pool.post(a!, { name: 'second' }, (job) => ({ kind: 'hold', job }));
      pool.post(b!, { name: 'elsewhere' }, (job) => ({ kind: 'hold', job }));
      await pool.kill(0);
      expect(same(seen.stopped, [a])).toBe(true);
      expect(seen.orphaned).toEqual(['first', 'second']);
      expect(a!.pending.size).toBe(0);
      const replacement = pool.slots[0]!;
      expect(replacement).not.toBe(a);
      expect(replacement.state.replaced).toBe(a);
      expect(same(seen.slotsAtOrphan[0]!, [replacement, b])).toBe(true); // replaced before its orphans were handed over
      expect(b!.pending.size).toBe(1);
      expect((await echo(pool, replacement, 4)).value).toBe(4);
    },
    WORKER_STARTS,
  );

  it(
    'drops the slot of a worker that crashes when the policy does not replace it',
    async () => {
      const { pool, seen, ready } = echoPool(2, false);
      await ready();
      const [a, b] = pool.slots;
      pool.post(b!, { name: 'held' }, (job) => ({ kind: 'hold', job }));
      const exited = new Promise((resolve) => b!.worker.once('exit', resolve));
      pool.send(b!, { kind: 'crash' });
      await exited;
      expect(same(seen.stopped, [b])).toBe(true);
      expect(seen.orphaned).toEqual(['held']);
      expect(same(pool.slots, [a])).toBe(true);
      expect(pool.leastBusy()).toBe(a);
      // Until a pool adds one (the export pool does at its next job).
      const added = pool.add();
      expect(same(pool.slots, [a, added])).toBe(true);
      await added.state.hello;
    },
    WORKER_STARTS,
  );

  it(
    'closing hands every held job to the policy and starts no worker, even when the policy would',
    async () => {
      const { pool, seen, ready } = echoPool(2, true);
      await ready();
      hold(pool, 'one');
      hold(pool, 'two');
      hold(pool, 'three');
      await pool.close();
      expect(pool.closing).toBe(true);
      expect(seen.stopped).toHaveLength(2);
      expect(seen.orphaned.sort()).toEqual(['one', 'three', 'two']);
      expect(pool.slots).toEqual([]);
      expect(pool.leastBusy()).toBeUndefined();
    },
    WORKER_STARTS,
  );
});
