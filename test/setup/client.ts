import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/react';
import Dexie from 'dexie';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, afterEach, beforeEach, vi } from 'vitest';
import { setApiLanguage } from '../../src/client/office/api';

/**
 * Every client test file runs with this first (vite.config.ts, the client projects). The "client" project does not
 * isolate its files: they share one jsdom window and one module graph per worker, so what one file leaves behind (a
 * rendered tree, a database, a stubbed global, a chosen language) must not reach the next. This file puts back, per
 * test or per file, everything an isolated file would have started without.
 */

/**
 * Each test its own IndexedDB: a fresh fake-indexeddb factory, for Dexie (which reads `indexedDB` once, when it is first
 * imported, so the global alone would not do) and for code that uses the global. No test can see another's databases,
 * whatever names they pick; a Dexie opened earlier keeps the factory it was opened with.
 */
beforeEach(() => {
  const factory = new IDBFactory();
  Dexie.dependencies.indexedDB = factory;
  globalThis.indexedDB = factory;
});

/** Every rendered tree unmounted after each test (testing-library only does it by itself with vitest's globals). */
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  // OfficeApp sets the office API's language from the person's choice: module state that outlives the file.
  setApiLanguage('vi');
});

/** What a fresh jsdom window has: an empty page, no storage, no stubbed global or property of our own. */
afterAll(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  vi.useRealTimers();
  document.body.replaceChildren();
  document.title = '';
  document.documentElement.removeAttribute('lang');
  document.documentElement.removeAttribute('dir');
  localStorage.clear();
  sessionStorage.clear();
  // test/client/sync sets document.visibilityState as an own property: the prototype's getter answers again.
  delete (document as { visibilityState?: unknown }).visibilityState;
});
