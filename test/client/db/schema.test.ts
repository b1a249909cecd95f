import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDeviceDb } from '../../../src/client/db/database';
import { isQuotaExceeded } from '../../../src/client/db/errors';
import { nextQueued } from '../../../src/client/db/responses';

/**
 * Every schema a released app ever declared, oldest first. When database.ts adds version N, copy its stores here:
 * the test below then proves a device holding data from any older version opens, upgrades and keeps everything.
 */
const RELEASED_SCHEMAS: Record<number, Record<string, string>> = {
  1: {
    responses: '&id, state, [state+queuedAt], [state+syncedAt], [unitId+groupId+paperSerial]',
    roster: '&id, state, [state+queuedAt]',
    meta: '&key',
    pulls: '&key',
  },
  2: {
    responses: '&id, state, [state+queuedAt], [state+syncedAt], [unitId+groupId+paperSerial], [state+unitId+groupId]',
  },
};

describe('device database schema', () => {
  it.each(Object.keys(RELEASED_SCHEMAS).map(Number))(
    'upgrades a device holding data written by schema version %i without losing any',
    async (version) => {
      const name = `upgrade-${version}-${randomUUID()}`;
      const old = new Dexie(name);
      for (let v = 1; v <= version; v += 1) old.version(v).stores(RELEASED_SCHEMAS[v] as Record<string, string>);
      await old.open();
      await old
        .table('responses')
        .add({ id: 'r1', state: 'queued', queuedAt: '2021-12-10T01:00:00.000Z', unitId: 'u', groupId: 'g', answers: { Q1: 'A' } });
      await old
        .table('responses')
        .add({ id: 'r2', state: 'synced', syncedAt: '2021-12-10T02:00:00.000Z', unitId: 'u', groupId: 'g', answers: { Q1: 'B' } });
      await old.table('meta').add({ key: 'deviceId', value: 'dev-old' });
      old.close();

      const current = openDeviceDb(name);
      await current.open();
      expect(current.verno).toBeGreaterThanOrEqual(version);
      expect((await nextQueued(current, 10)).map((r) => r.id)).toEqual(['r1']);
      expect((await current.meta.get('deviceId'))?.value).toBe('dev-old');
      // The newest indexes cover rows written before they existed.
      expect(await current.responses.where('[state+unitId+groupId]').equals(['queued', 'u', 'g']).count()).toBe(1);
      expect((await current.responses.get('r2'))?.answers).toEqual({ Q1: 'B' });
      current.close();
      await current.delete();
    },
  );

  it('declares every version of database.ts in the list of released schemas', async () => {
    const db = openDeviceDb(`verno-${randomUUID()}`);
    await db.open();
    expect(Math.max(...Object.keys(RELEASED_SCHEMAS).map(Number))).toBe(db.verno);
    db.close();
    await db.delete();
  });

  it('recognises a full disk, also when Dexie wraps it in an AbortError', () => {
    expect(isQuotaExceeded(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaExceeded({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaExceeded(new Dexie.AbortError('aborted', new DOMException('full', 'QuotaExceededError')))).toBe(true);
    expect(isQuotaExceeded(new Error('other'))).toBe(false);
  });
});
