import type { SyncEngine, SyncOutcome } from './engine';

/** What the triggers run: the engine, or a stand-in that loads it first (sync/device.tsx). */
export type Syncer = Pick<SyncEngine, 'syncNow'>;

export interface AutoSyncOptions {
  /** Regular sync while the app is open. */
  intervalMs?: number;
  onOutcome?: (outcome: SyncOutcome) => void;
  onStart?: () => void;
  target?: Window;
  /**
   * Asked before each sync the app starts by itself: false while nobody is signed in on this device (sync/session.ts),
   * so that no request goes out only to be refused. A sync asked for (`syncNow`: the button, after signing in) is not
   * asked: the person asking is signed in. Without it, every trigger syncs.
   */
  allowed?: () => Promise<boolean>;
}

export interface AutoSync {
  /** A sync asked for: runs whatever `allowed` says, and after a 401 lets the triggers run again. */
  syncNow: () => Promise<SyncOutcome>;
  /** Lets the triggers run again after a 401 without syncing now (the app opened offline by the same person). */
  resume: () => void;
  stop: () => void;
}

/**
 * DESIGN §4 rule 6: sync on app start, when the network comes back, when the app returns to the foreground, on a
 * timer, and after a backoff delay when the server could not be reached. The engine's lock keeps these from racing.
 * After a 401 (DESIGN §4 rule 7) the triggers wait for a new sign-in: until then each of them would only be refused
 * again, and logged by the browser. Returns a function that stops everything (and `syncNow` for the visible button).
 */
export function startAutoSync(engine: Syncer, opts: AutoSyncOptions = {}): AutoSync {
  const target = opts.target ?? window;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let authRequired = false;

  const run = async (): Promise<SyncOutcome> => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = undefined;
    opts.onStart?.();
    const outcome = await engine
      .syncNow()
      .catch((e: unknown): SyncOutcome => ({ kind: 'failed', status: 0, message: e instanceof Error ? e.message : String(e) }));
    authRequired = outcome.kind === 'auth-required';
    opts.onOutcome?.(outcome);
    if (!stopped && outcome.kind === 'retry-later') retryTimer = setTimeout(() => void byItself(), outcome.delayMs);
    return outcome;
  };
  const byItself = async (): Promise<void> => {
    if (stopped || authRequired) return;
    if (opts.allowed && !(await opts.allowed().catch(() => false))) return;
    if (!stopped) await run();
  };
  const onOnline = () => void byItself();
  const onVisible = () => {
    if (target.document.visibilityState === 'visible') void byItself();
  };
  target.addEventListener('online', onOnline);
  target.document.addEventListener('visibilitychange', onVisible);
  const interval = setInterval(() => void byItself(), opts.intervalMs ?? 5 * 60_000);
  void byItself();
  return {
    syncNow: run,
    resume() {
      authRequired = false;
    },
    stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      clearInterval(interval);
      target.removeEventListener('online', onOnline);
      target.document.removeEventListener('visibilitychange', onVisible);
    },
  };
}
