import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncEngine, SyncOutcome } from '../../../src/client/sync/engine';
import { startAutoSync } from '../../../src/client/sync/triggers';

/** An engine stand-in that records calls and answers from a script. */
function scriptedEngine(outcomes: SyncOutcome[]) {
  const calls: number[] = [];
  const engine = {
    syncNow: vi.fn(
      async () => (calls.push(Date.now()), outcomes.shift() ?? { kind: 'done', accepted: 0, duplicates: 0, rejected: 0, pulled: true }),
    ),
  };
  return { engine: engine as unknown as SyncEngine, calls };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('sync triggers (DESIGN §4 rule 6)', () => {
  it('syncs on start, when the network returns, when the app returns to the foreground, and on a timer', async () => {
    const { engine, calls } = scriptedEngine([]);
    const auto = startAutoSync(engine, { intervalMs: 60_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1); // start
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(2);
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(2); // going to the background does not sync
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(4); // timer
    auto.stop();
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls).toHaveLength(4);
  });

  it('retries after the backoff delay the engine asks for, and the button cancels the wait', async () => {
    const { engine, calls } = scriptedEngine([
      { kind: 'retry-later', reason: 'network', delayMs: 8_000 },
      { kind: 'retry-later', reason: 'server', delayMs: 16_000 },
    ]);
    const seen: SyncOutcome[] = [];
    const auto = startAutoSync(engine, { intervalMs: 3_600_000, onOutcome: (o) => seen.push(o) });
    await vi.advanceTimersByTimeAsync(7_999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2); // the retry
    await auto.syncNow(); // "Đồng bộ ngay" while waiting 16 s
    await vi.advanceTimersByTimeAsync(20_000);
    expect(calls).toHaveLength(3); // the pending retry was replaced, not added
    expect(seen.map((o) => o.kind)).toEqual(['retry-later', 'retry-later', 'done']);
    auto.stop();
  });
});
