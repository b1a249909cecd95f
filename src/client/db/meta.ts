import type { PullResult } from '../../shared/api/pull';
import type { PhieuDb } from './database';

/** The device id: created once, on first use, and never changed. */
export async function deviceId(db: PhieuDb, create: () => string): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get('deviceId');
    if (typeof row?.value === 'string') return row.value;
    const id = create();
    await db.meta.put({ key: 'deviceId', value: id });
    return id;
  });
}

export async function getMeta<T>(db: PhieuDb, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function setMeta(db: PhieuDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

export async function savePull(db: PhieuDb, pull: PullResult, now: Date): Promise<void> {
  await db.transaction('rw', db.pulls, db.meta, async () => {
    await db.pulls.put({ key: 'current', pull, pulledAt: now.toISOString() });
    await db.meta.put({ key: 'lastSyncAt', value: now.toISOString() });
  });
}

export async function currentPull(db: PhieuDb): Promise<PullResult | undefined> {
  return (await db.pulls.get('current'))?.pull;
}
