import type { SyncEngine, SyncOutcome } from './engine';

export interface AutoSyncOptions {
  /** Regular sync while the app is open. */
  intervalMs?: number;
  onOutcome?: (outcome: SyncOutcome) => void;
  onStart?: () => void;
  target?: Window;
}

/**
 * DESIGN §4 rule 6: sync on app start, when the network comes back, when the app returns to the foreground, on a
 * timer, and after a backoff delay when the server could not be reached. The engine's lock keeps these from racing.
 * Returns a function that stops everything (and `syncNow` for the visible button).
 */
export function startAutoSync(engine: SyncEngine, opts: AutoSyncOptions = {}): { syncNow: () => Promise<SyncOutcome>; stop: () => void } {
  const target = opts.target ?? window;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const syncNow = async (): Promise<SyncOutcome> => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = undefined;
    opts.onStart?.();
    const outcome = await engine.syncNow().catch((e: unknown): SyncOutcome => ({ kind: 'failed', status: 0, message: e instanceof Error ? e.message : String(e) }));
    opts.onOutcome?.(outcome);
    if (!stopped && outcome.kind === 'retry-later') retryTimer = setTimeout(() => void syncNow(), outcome.delayMs);
    return outcome;
  };
  const onOnline = () => void syncNow();
  const onVisible = () => {
    if (target.document.visibilityState === 'visible') void syncNow();
  };
  target.addEventListener('online', onOnline);
  target.document.addEventListener('visibilitychange', onVisible);
  const interval = setInterval(() => void syncNow(), opts.intervalMs ?? 5 * 60_000);
  void syncNow();
  return {
    syncNow,
    stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      clearInterval(interval);
      target.removeEventListener('online', onOnline);
      target.document.removeEventListener('visibilitychange', onVisible);
    },
  };
}
