/**
 * Code that runs inside the PWA's page (passed to page.evaluate / addInitScript, so each function must stand alone:
 * no imports, no outer variables). Every time is `performance.now()` of the page, whose origin is the navigation
 * start, or an event's `timeStamp` on the same clock. Nothing here touches the app's code or Dexie: the writes
 * are observed at the IndexedDB API, the reads go through a separate IndexedDB connection.
 */

/**
 * tsx (esbuild keepNames) wraps named inner functions in `__name(…)`, which exists only in Node: a no-op for the
 * page, installed before any of the functions below run there.
 */
export const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((f) => f);';

export interface FirstQuestionMark {
  /** The first radio of the questionnaire is in the DOM, laid out and enabled. */
  dom?: number;
  /** The frame after that (rAF, then a task): what the surveyor can see. */
  frame?: number;
}

/** Init script: on /fill/… pages, notes when the first radio of the questionnaire becomes usable. */
export function firstQuestionProbe(): void {
  if (!location.pathname.startsWith('/fill/')) return;
  const mark: FirstQuestionMark = {};
  (window as unknown as { __firstQuestion: FirstQuestionMark }).__firstQuestion = mark;
  const observer = new MutationObserver(() => {
    if (mark.dom !== undefined) return;
    const input = document.querySelector<HTMLInputElement>('fieldset.question input[type=radio]');
    if (!input || input.disabled || input.getClientRects().length === 0) return;
    mark.dom = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (mark.frame = performance.now()), 0));
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

export interface ReloadTiming {
  mark: FirstQuestionMark;
  workerStart: number;
  responseEnd: number;
  domContentLoaded: number;
  online: boolean;
  controlled: boolean;
}

export function readReloadTiming(): ReloadTiming {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return {
    mark: (window as unknown as { __firstQuestion?: FirstQuestionMark }).__firstQuestion ?? {},
    workerStart: nav?.workerStart ?? NaN,
    responseEnd: nav?.responseEnd ?? NaN,
    domContentLoaded: nav?.domContentLoadedEventEnd ?? NaN,
    online: navigator.onLine,
    controlled: navigator.serviceWorker.controller !== null,
  };
}

/** A fixed amount of JavaScript work, to check the CPU slowdown is in force. */
export function busyLoopMs(): number {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 20_000_000; i += 1) x = (x + i * 7) % 1_000_003;
  return performance.now() - t0 + (x < 0 ? 1 : 0);
}

export interface SaveRecord {
  code: string;
  value: string;
  /** The click event's timeStamp: when the browser received the input. */
  input: number;
  /** The first click listener (capture, on window) runs. */
  dispatched: number;
  /** The last click listener (bubble, on window) has run: React's handler and the render it flushes included. */
  handled?: number;
  /** The app asked for the row (IDBObjectStore.get in its readwrite transaction). */
  getIssued?: number;
  /** That read succeeded. */
  got?: number;
  /** The app called IDBObjectStore.put on `responses` for this response. */
  put?: number;
  /** That readwrite transaction's `complete` event (strict durability: flushed), as a listener added after the app's. */
  committed?: number;
  /**
   * The same `complete` event as it reaches the page: a capture listener on the transaction's connection, which runs
   * before any listener on the transaction itself (the app's own, Dexie's bookkeeping and the live queries it starts).
   */
  completeEvent?: number;
  /** A read through a separate connection, started at `committed`, returned the new value. */
  stored?: number;
  /** The frame after the click (rAF, then a task). */
  frame?: number;
  /** With `window.__bareRead` set: a read of the row through the separate connection, issued in the click listener, answered. */
  bareGot?: number;
}

/**
 * Installs the save probe on a /fill page: every click on a radio gets a SaveRecord in `window.__saves`. The writes
 * watched are those of the app's response and of the floor's copy of it (`floorId`, see installBareClickSave).
 */
export function installSaveProbe(args: { responseId: string; floorId: string }): void {
  const { responseId, floorId } = args;
  const w = window as unknown as { __saves?: SaveRecord[] };
  if (w.__saves) return;
  const saves: SaveRecord[] = [];
  w.__saves = saves;
  let current: SaveRecord | undefined;
  const reader = new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('phieu');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const readAnswers = async (id: string): Promise<Record<string, unknown> | undefined> => {
    const db = await reader;
    return new Promise((resolve, reject) => {
      const req = db.transaction('responses', 'readonly').objectStore('responses').get(id);
      req.onsuccess = () => resolve((req.result as { answers?: Record<string, unknown> } | undefined)?.answers);
      req.onerror = () => reject(req.error);
    });
  };
  // (Dexie binds IDBDatabase.transaction when it opens the database, so the opening of its transaction is not seen.)
  const get = IDBObjectStore.prototype.get;
  IDBObjectStore.prototype.get = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
    const issued = performance.now();
    const req = get.call(this, query);
    const rec = current;
    if (
      rec &&
      rec.got === undefined &&
      this.name === 'responses' &&
      this.transaction.mode === 'readwrite' &&
      (query === responseId || query === floorId)
    ) {
      rec.getIssued = issued;
      req.addEventListener('success', () => (rec.got = performance.now()));
    }
    return req;
  };
  const recOf = new WeakMap<IDBTransaction, SaveRecord>();
  const connections = new WeakSet<IDBDatabase>();
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    const rec = current;
    const id = (value as { id?: string } | null)?.id;
    if (rec && rec.put === undefined && this.name === 'responses' && id !== undefined && (id === responseId || id === floorId)) {
      rec.put = performance.now();
      recOf.set(this.transaction, rec);
      const connection = this.transaction.db;
      if (!connections.has(connection)) {
        connections.add(connection);
        connection.addEventListener(
          'complete',
          (e) => {
            const r = e.target instanceof IDBTransaction ? recOf.get(e.target) : undefined;
            if (r && r.completeEvent === undefined) r.completeEvent = performance.now();
          },
          true,
        );
      }
      this.transaction.addEventListener('complete', () => {
        rec.committed = performance.now();
        void readAnswers(id).then((answers) => {
          if (answers?.[rec.code] === rec.value) rec.stored = performance.now();
          else rec.stored = NaN;
        });
      });
    }
    return key === undefined ? put.call(this, value) : put.call(this, value, key);
  };
  window.addEventListener(
    'click',
    (e) => {
      const t = e.target;
      if (!(t instanceof HTMLInputElement) || t.type !== 'radio') return;
      const rec: SaveRecord = { code: t.name.replace(/^q-/, ''), value: t.value, input: e.timeStamp, dispatched: performance.now() };
      current = rec;
      saves.push(rec);
      if ((window as unknown as { __bareRead?: boolean }).__bareRead) {
        void reader.then((db) => {
          const req = db.transaction('responses', 'readonly').objectStore('responses').get(responseId);
          req.onsuccess = () => (rec.bareGot = performance.now());
        });
      }
      requestAnimationFrame(() => setTimeout(() => (rec.frame = performance.now()), 0));
    },
    true,
  );
  window.addEventListener('click', () => {
    if (current && current.handled === undefined) current.handled = performance.now();
  });
}

/**
 * The floor under the click → commit figure: with `window.__bareSave` set, a click on a choice of `question` is taken
 * from the app (stopped in a capture listener on window, before React sees it) and saved the way saveAnswer saves it,
 * with nothing else: a readwrite transaction (strict durability) on a separate connection that reads the row, checks
 * it is a draft, puts it back with the answer and commits. The row is a copy of the app's draft under `floorId` (same
 * size, same store), so the app's own row is only ever written by the app. The save probe records it like an app save.
 */
export async function installBareClickSave(args: { id: string; floorId: string; question: string }): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('phieu');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('responses', 'readwrite');
    const store = tx.objectStore('responses');
    const req = store.get(args.id);
    req.onsuccess = () => store.put({ ...(req.result as object), id: args.floorId });
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
  });
  window.addEventListener(
    'click',
    (e) => {
      const t = e.target;
      if (
        !(window as unknown as { __bareSave?: boolean }).__bareSave ||
        !(t instanceof HTMLInputElement) ||
        t.name !== `q-${args.question}`
      )
        return;
      e.stopPropagation();
      const tx = db.transaction('responses', 'readwrite', { durability: 'strict' });
      const store = tx.objectStore('responses');
      const req = store.get(args.floorId);
      req.onsuccess = () => {
        const row = req.result as { state: string; answers: Record<string, unknown> } | undefined;
        if (row?.state !== 'draft') return tx.abort();
        store.put({ ...row, answers: { ...row.answers, [args.question]: t.value }, updatedAt: new Date().toISOString() });
        tx.commit();
      };
    },
    true,
  );
}

/** Removes the floor's copy of the draft (installBareClickSave), so the app never sees it. */
export async function removeFloorRow(floorId: string): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('phieu');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('responses', 'readwrite');
    tx.objectStore('responses').delete(floorId);
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
  });
  db.close();
}

export function saveRecord(n: number): SaveRecord | undefined {
  const rec = (window as unknown as { __saves?: SaveRecord[] }).__saves?.[n];
  return rec && rec.stored !== undefined && rec.frame !== undefined ? rec : undefined;
}

export interface SyncMark {
  click?: number;
  /** The button turned to "Đang đồng bộ…". */
  started?: number;
  /** "Đã gửi hết phiếu" shown, after the sync started. */
  allSent?: number;
  /** The button is back to "Đồng bộ ngay": the sync ended (push, roster, pull). */
  done?: number;
  /** From the "Đã gửi N phiếu" banner shown then. */
  accepted?: number;
  /** Long tasks (main thread busy ≥ 50 ms at a stretch) between the click and the end of the sync. */
  longTasks: number[];
  /** IndexedDB requests the page made between the click and the end of the sync, by method. */
  requests: Record<string, number>;
}

/** Watches the home screen for the end of a sync started with "Đồng bộ ngay" (texts of src/client/i18n/vi.ts). */
export function installSyncProbe(): void {
  const mark: SyncMark = { longTasks: [], requests: {} };
  (window as unknown as { __sync: SyncMark }).__sync = mark;
  const counting = () => mark.click !== undefined && mark.done === undefined;
  const wrap = (proto: object, method: string, label: string) => {
    const target = proto as Record<string, unknown>;
    const original = target[method] as (...a: unknown[]) => unknown;
    target[method] = function (this: unknown, ...a: unknown[]) {
      if (counting()) mark.requests[label] = (mark.requests[label] ?? 0) + 1;
      return original.apply(this, a);
    };
  };
  for (const m of ['get', 'getAll', 'getAllKeys', 'put', 'add', 'delete', 'count', 'openCursor', 'openKeyCursor']) {
    wrap(IDBObjectStore.prototype, m, m);
    if (m in IDBIndex.prototype) wrap(IDBIndex.prototype, m, `index.${m}`);
  }
  wrap(IDBCursor.prototype, 'continue', 'cursor.continue');
  const longTasks = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (mark.click !== undefined && mark.done === undefined && e.startTime >= mark.click) mark.longTasks.push(e.duration);
  });
  longTasks.observe({ type: 'longtask' });
  // A button's label as it is named: the sync button lays both its labels out and hides all but one (aria-hidden).
  const label = (b: Element): string =>
    [...b.querySelectorAll('span')].some((s) => s.hasAttribute('aria-hidden'))
      ? [...b.querySelectorAll('.stable-label > span:not([aria-hidden])')]
          .map((s) => s.textContent ?? '')
          .join('')
          .trim()
      : (b.textContent?.trim() ?? '');
  window.addEventListener(
    'click',
    (e) => {
      const button = e.target instanceof Element ? e.target.closest('button') : null;
      if (mark.click === undefined && button && label(button) === 'Đồng bộ ngay') mark.click = e.timeStamp;
    },
    true,
  );
  const observer = new MutationObserver(() => {
    if (mark.click === undefined) return;
    const buttons = [...document.querySelectorAll('button')].map(label);
    if (mark.started === undefined) {
      if (buttons.includes('Đang đồng bộ…')) mark.started = performance.now();
      else return;
    }
    const text = document.body.textContent ?? '';
    if (mark.allSent === undefined && text.includes('Đã gửi hết phiếu') && !/\d+ phiếu chờ gửi/.test(text))
      mark.allSent = performance.now();
    if (mark.done === undefined && buttons.includes('Đồng bộ ngay')) {
      mark.done = performance.now();
      const accepted = /Đã gửi (\d+) phiếu/.exec(text);
      mark.accepted = accepted ? Number(accepted[1]) : 0;
      observer.disconnect();
      setTimeout(() => longTasks.disconnect(), 200);
    }
  });
  observer.observe(document.body, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['aria-hidden'],
  });
}

export function syncMark(): SyncMark {
  return (window as unknown as { __sync?: SyncMark }).__sync ?? { longTasks: [], requests: {} };
}

/** Whether a sync holds the app's Web Lock (src/client/sync/lock.ts). */
export async function syncRunning(): Promise<boolean> {
  const state = await navigator.locks.query();
  return (state.held ?? []).some((l) => l.name === 'phieu-sync') || (state.pending ?? []).some((l) => l.name === 'phieu-sync');
}

/** One response row, read through a separate IndexedDB connection. */
export async function readResponse(id: string): Promise<unknown> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('phieu');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  try {
    return await new Promise((resolve, reject) => {
      const req = db.transaction('responses', 'readonly').objectStore('responses').get(id);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

/** Writes rows into `responses` in one readwrite transaction (strict durability, as the app writes). */
/** Ids of the responses the device holds queued (state "queued"), read straight from IndexedDB. */
export async function queuedIds(): Promise<string[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('phieu');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  try {
    return await new Promise<string[]>((resolve, reject) => {
      const req = db.transaction('responses', 'readonly').objectStore('responses').index('state').getAllKeys('queued');
      req.onsuccess = () => resolve(req.result.map(String));
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

export async function writeResponses(rows: unknown[]): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('phieu');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('responses', 'readwrite', { durability: 'strict' });
      const store = tx.objectStore('responses');
      for (const row of rows) store.add(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Removes rows from `responses` (synced ones the app would purge after a week anyway). */
export async function deleteResponses(ids: string[]): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('phieu');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('responses', 'readwrite', { durability: 'strict' });
      const store = tx.objectStore('responses');
      for (const id of ids) store.delete(id);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** How many rows of `responses` are in each state, among `ids`. */
export async function countStates(ids: string[]): Promise<Record<string, number>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('phieu');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  try {
    const rows = await new Promise<{ id: string; state: string }[]>((resolve, reject) => {
      const req = db.transaction('responses', 'readonly').objectStore('responses').getAll();
      req.onsuccess = () => resolve(req.result as { id: string; state: string }[]);
      req.onerror = () => reject(req.error);
    });
    const wanted = new Set(ids);
    const out: Record<string, number> = {};
    for (const r of rows) if (wanted.has(r.id)) out[r.state] = (out[r.state] ?? 0) + 1;
    return out;
  } finally {
    db.close();
  }
}

/**
 * The floor under a save on this machine: a bare readwrite transaction that reads one row and puts it back unchanged
 * (what saveAnswer does, without Dexie, React or the app), through a separate connection. Milliseconds per run.
 */
export async function bareWriteMs(args: { id: string; durability: IDBTransactionDurability; runs: number }): Promise<number[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('phieu');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const times: number[] = [];
  try {
    for (let i = 0; i < args.runs; i += 1) {
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('responses', 'readwrite', { durability: args.durability });
        const store = tx.objectStore('responses');
        const req = store.get(args.id);
        req.onsuccess = () => {
          if (req.result !== undefined) store.put(req.result);
        };
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    db.close();
  }
  return times;
}
