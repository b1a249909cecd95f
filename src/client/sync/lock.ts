/** Runs `fn` only if no other sync holds the lock (in this tab or another); answers 'busy' otherwise. */
export interface SyncLock {
  tryRun<T>(fn: () => Promise<T>): Promise<T | 'busy'>;
}

/** Web Locks: one sync per device across every tab of the app (DESIGN §4 rule 6). */
export function webLock(name = 'phieu-sync'): SyncLock {
  return {
    async tryRun(fn) {
      return navigator.locks.request(name, { ifAvailable: true }, async (lock) => (lock ? fn() : ('busy' as const)));
    },
  };
}

/** For browsers without Web Locks and for tests: a lock shared by whatever holds the same object. */
export function memoryLock(): SyncLock {
  let held = false;
  return {
    async tryRun(fn) {
      if (held) return 'busy';
      held = true;
      try {
        return await fn();
      } finally {
        held = false;
      }
    },
  };
}

export function deviceLock(): SyncLock {
  return typeof navigator !== 'undefined' && 'locks' in navigator ? webLock() : memoryLock();
}
