import { isTransient, type Outcome, type Problem } from './api';

/**
 * Sends the one submission until the server answers it (issue 19; DESIGN §4 rule 5 in small): a network error, a
 * timeout, a 5xx or a 429 is tried again, after 2 s doubling to 60 s with jitter, and at once when the browser says
 * the network is back or the page comes back to the foreground; one attempt at a time. Only while the page is open:
 * a page opened again on the link resumes from the draft. Any other answer ends it.
 */

export type SendState =
  | { kind: 'sending' }
  | { kind: 'waiting'; reason: 'offline' | 'server'; delayMs: number; problem?: Problem }
  | { kind: 'accepted' }
  | { kind: 'refused'; problem: Problem };

export interface SenderOptions {
  attempt(): Promise<Outcome<unknown>>;
  onState(state: SendState): void;
  /** 0..1; Math.random by default. */
  random?: () => number;
}

export const FIRST_DELAY_MS = 2_000;
export const MAX_DELAY_MS = 60_000;

/** The wait before try `n + 1` after `n` failures (n ≥ 1), ±25 % so that many phones back on one network spread out. */
export function backoff(failures: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.75 + 0.5 * random()));
}

export interface Sender {
  start(): void;
  /** Tries now, if it is waiting. */
  now(): void;
  stop(): void;
}

export function createSender({ attempt, onState, random = Math.random }: SenderOptions): Sender {
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let finished = false;
  let stopped = false;
  // A trigger (online, foreground, "try now") that came while an attempt was under way: if that one fails, try again at once.
  let triggered = false;

  const clear = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  async function run(): Promise<void> {
    if (finished || stopped) return;
    if (inFlight) {
      triggered = true;
      return;
    }
    clear();
    inFlight = true;
    triggered = false;
    onState({ kind: 'sending' });
    let outcome: Outcome<unknown>;
    try {
      outcome = await attempt();
    } catch {
      outcome = { kind: 'network' };
    }
    inFlight = false;
    if (stopped) return;
    if (outcome.kind === 'ok') {
      finished = true;
      detach();
      return onState({ kind: 'accepted' });
    }
    if (outcome.kind === 'problem' && !isTransient(outcome.problem)) {
      finished = true;
      detach();
      return onState({ kind: 'refused', problem: outcome.problem });
    }
    failures += 1;
    let delay = triggered ? 0 : backoff(failures, random);
    triggered = false;
    if (outcome.kind === 'problem' && outcome.problem.retryAfter !== undefined) delay = Math.max(delay, outcome.problem.retryAfter * 1000);
    const offline = outcome.kind === 'network';
    onState({
      kind: 'waiting',
      reason: offline ? 'offline' : 'server',
      delayMs: delay,
      ...(outcome.kind === 'problem' ? { problem: outcome.problem } : {}),
    });
    timer = setTimeout(() => void run(), delay);
  }

  const onOnline = () => void run();
  const onVisible = () => {
    if (document.visibilityState === 'visible') void run();
  };
  function attach() {
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
  }
  function detach() {
    window.removeEventListener('online', onOnline);
    document.removeEventListener('visibilitychange', onVisible);
    clear();
  }

  return {
    start() {
      attach();
      void run();
    },
    now() {
      void run();
    },
    stop() {
      stopped = true;
      detach();
    },
  };
}
