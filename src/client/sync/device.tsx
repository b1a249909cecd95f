import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { openDeviceDb, type PhieuDb } from '../db/database';
import { deviceId as loadDeviceId } from '../db/meta';
import type { SyncOutcome } from './engine';
import { maySyncByItself } from './session';
import type { SyncTransport } from './transport';
import { startAutoSync, type AutoSync, type Syncer } from './triggers';

/** Synced responses stay on the device this long (to show and to export), then are removed. Unsynced: never. */
export const PURGE_SYNCED_AFTER_MS = 7 * 24 * 3600_000;

export interface SyncState {
  running: boolean;
  last?: SyncOutcome;
}

interface Device {
  db: PhieuDb;
  deviceId: string | null;
  sync: SyncState;
  syncNow(): Promise<SyncOutcome>;
  /** After a 401, lets the device sync by itself again without syncing now (opened offline by the same person). */
  resumeSync(): void;
}

const DeviceContext = createContext<Device | null>(null);

/** The engine's chunk (engine, transport, lock, retry rules): nothing on the first screen needs it (issue 14). */
const loadEngine = () => import('./device-engine');

/**
 * Stands in for the engine until it is loaded: the first sync loads it, and every sync asked for meanwhile waits for
 * the same load, then goes through the engine's lock like any other (one runs, the others are 'busy'). A failed load
 * fails that sync (the triggers report it) and is tried again by the next one.
 */
function lazyEngine(load: () => Promise<Syncer>): Syncer {
  let engine: Promise<Syncer> | undefined;
  return {
    syncNow() {
      engine ??= load().catch((e: unknown) => {
        engine = undefined;
        throw e;
      });
      return engine.then((e) => e.syncNow());
    },
  };
}

/** The device's database and sync engine, started once for the whole app; it syncs by itself only while someone is signed in. */
export function DeviceProvider({ children, db: given, transport }: { children: ReactNode; db?: PhieuDb; transport?: SyncTransport }) {
  const db = useMemo(() => given ?? openDeviceDb(), [given]);
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const [sync, setSync] = useState<SyncState>({ running: false });
  const auto = useRef<AutoSync | null>(null);

  useEffect(() => {
    void loadDeviceId(db, () => crypto.randomUUID()).then(setDeviceId);
    const engine = lazyEngine(() => loadEngine().then((m) => m.deviceEngine(db, transport)));
    auto.current = startAutoSync(engine, {
      // Never while nobody is signed in here: the sign-in screen would log the 401 of a pull (issue 14).
      allowed: () => maySyncByItself(db),
      onStart: () => setSync((s) => ({ ...s, running: true })),
      onOutcome: (outcome) => {
        setSync({ running: false, last: outcome });
        if (outcome.kind === 'done') void loadEngine().then((m) => m.purgeSynced(db, PURGE_SYNCED_AFTER_MS, new Date()));
      },
    });
    return () => auto.current?.stop();
  }, [db, transport]);

  const value = useMemo<Device>(
    () => ({
      db,
      deviceId,
      sync,
      syncNow: () => auto.current?.syncNow() ?? Promise.resolve({ kind: 'busy' }),
      resumeSync: () => auto.current?.resume(),
    }),
    [db, deviceId, sync],
  );
  return <DeviceContext.Provider value={value}>{children}</DeviceContext.Provider>;
}

export function useDevice(): Device {
  const ctx = useContext(DeviceContext);
  if (!ctx) throw new Error('useDevice outside DeviceProvider');
  return ctx;
}
