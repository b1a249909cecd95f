import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Outcome } from '../../../src/client/respondent/api';
import { backoff, createSender, type SendState } from '../../../src/client/respondent/sender';

/** The respondent's submission loop (issue 19): when it tries again, and that it stops once answered. */

afterEach(() => {
  vi.useRealTimers();
});

const problem = (status: number, retryAfter?: number): Outcome<unknown> => ({
  kind: 'problem',
  problem: { status, error: 'x', message: 'm', issues: [], ...(retryAfter ? { retryAfter } : {}) },
});

describe('backoff', () => {
  it('waits 2 s, doubling up to 60 s, within ±25 %', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 12].map((n) => backoff(n, () => 0.5))).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    expect(backoff(1, () => 0)).toBe(1500);
    expect(backoff(1, () => 1)).toBe(2500);
    expect(backoff(9, () => 1)).toBe(75000);
  });
});

describe('the sender', () => {
  it('tries again after a network error and a 5xx, by the clock, and stops when accepted', async () => {
    vi.useFakeTimers();
    const answers: Outcome<unknown>[] = [{ kind: 'network' }, problem(503), { kind: 'ok', value: { status: 'accepted' } }];
    const attempt = vi.fn(async () => answers.shift() ?? { kind: 'network' as const });
    const states: SendState[] = [];
    const sender = createSender({ attempt, onState: (s) => states.push(s), random: () => 0.5 });
    sender.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(states.at(-1)).toMatchObject({ kind: 'waiting', reason: 'offline', delayMs: 2000 });
    await vi.advanceTimersByTimeAsync(1999);
    expect(attempt).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempt).toHaveBeenCalledTimes(2);
    expect(states.at(-1)).toMatchObject({ kind: 'waiting', reason: 'server', delayMs: 4000 });
    await vi.advanceTimersByTimeAsync(4000);
    expect(attempt).toHaveBeenCalledTimes(3);
    expect(states.at(-1)).toEqual({ kind: 'accepted' });
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(120_000);
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('tries at once on the online event, one attempt at a time, and honours Retry-After on a 429', async () => {
    vi.useFakeTimers();
    let release: (o: Outcome<unknown>) => void = () => undefined;
    const attempt = vi.fn(
      () =>
        new Promise<Outcome<unknown>>((resolve) => {
          release = resolve;
        }),
    );
    const states: SendState[] = [];
    const sender = createSender({ attempt, onState: (s) => states.push(s), random: () => 0.5 });
    sender.start();
    window.dispatchEvent(new Event('online')); // while the first attempt is under way: no second one
    expect(attempt).toHaveBeenCalledTimes(1);
    release(problem(429, 30));
    await vi.advanceTimersByTimeAsync(0);
    // The online event came during the attempt: it would try at once, but the server asked for 30 s.
    expect(states.at(-1)).toMatchObject({ kind: 'waiting', reason: 'server', delayMs: 30_000 });
    window.dispatchEvent(new Event('online'));
    expect(attempt).toHaveBeenCalledTimes(2);
    release({ kind: 'network' });
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toMatchObject({ kind: 'waiting', reason: 'offline' });
    sender.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  it('ends on a refusal that trying again cannot change', async () => {
    const states: SendState[] = [];
    const sender = createSender({ attempt: async () => problem(410), onState: (s) => states.push(s) });
    sender.start();
    await vi.waitFor(() => expect(states.at(-1)).toMatchObject({ kind: 'refused', problem: { status: 410 } }));
  });
});
