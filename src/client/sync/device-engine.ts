import type { PhieuDb } from '../db/database';
import { SyncEngine } from './engine';
import { deviceLock } from './lock';
import { fetchTransport, type SyncTransport } from './transport';

// With the engine, so that the first screen does not carry it either: it runs only after a sync that ran.
export { purgeSynced } from '../db/responses';

/**
 * The engine as the app runs it: the real transport unless one is given, one sync per device across tabs. A chunk of
 * its own, loaded by the first sync (sync/device.tsx), after the first screen is shown (issue 14).
 */
export function deviceEngine(db: PhieuDb, transport: SyncTransport = fetchTransport()): SyncEngine {
  return new SyncEngine({ db, transport, lock: deviceLock() });
}
