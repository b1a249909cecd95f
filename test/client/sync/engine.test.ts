import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDeviceDb, type PhieuDb } from '../../../src/client/db/database';
import { currentPull } from '../../../src/client/db/meta';
import { countByState, createDraft, finalise, purgeSynced, saveAnswer } from '../../../src/client/db/responses';
import { queueRosterEntry } from '../../../src/client/db/roster';
import { backoffDelay, SyncEngine } from '../../../src/client/sync/engine';
import { memoryLock } from '../../../src/client/sync/lock';
import { FakeServer } from './fake-server';

let db: PhieuDb;
let server: FakeServer;
let clock = new Date('2021-12-10T01:00:00Z');
const now = () => clock;

beforeEach(async () => {
  db = openDeviceDb(`test-${randomUUID()}`);
  await db.open();
  server = new FakeServer();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const engine = (lock = memoryLock(), transport = server) =>
  new SyncEngine({ db, transport, lock, now, random: () => 0.5, backoff: { baseMs: 1000, maxMs: 60_000 } });

/** Fills and finalises n responses on the device; returns their ids. */
async function collect(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const id = randomUUID();
    await createDraft(
      db,
      {
        id,
        campaignId: 'tiny',
        unitId: 'u1',
        groupId: 'c',
        questionnaireId: 'qc',
        questionnaireVersion: 1,
        surveyorId: 'sv-1',
        deviceId: 'dev-1',
        appVersion: '0.1.0',
        mode: 'interview',
      },
      clock,
    );
    await saveAnswer(db, id, 'Q1', 'A', clock);
    await finalise(db, id, { Q1: 'A' }, clock);
    ids.push(id);
  }
  return ids;
}

describe('sync engine', () => {
  it('pushes the queue in batches of 100, marks each synced, then pulls fresh counts', async () => {
    await collect(230);
    const outcome = await engine().syncNow();
    expect(outcome).toEqual({
      kind: 'done',
      accepted: 230,
      duplicates: 0,
      rejected: 0,
      roster: { accepted: 0, duplicates: 0, rejected: 0 },
      pulled: true,
    });
    expect(server.requests).toBe(4); // 100 + 100 + 30, then the pull
    expect(await countByState(db, 'synced')).toBe(230);
    expect((await currentPull(db))?.assignments[0]?.cellCount).toBe(230);
  });

  it('keeps everything queued when the network drops before the server sees the batch, and backs off', async () => {
    await collect(3);
    server.faults = ['drop-before'];
    const outcome = await engine().syncNow();
    expect(outcome).toEqual({ kind: 'retry-later', reason: 'network', delayMs: 500 });
    expect(await countByState(db, 'queued')).toBe(3);
    expect(server.stored.size).toBe(0);
  });

  it('ends as one response per item on the server when the connection drops after the commit (crash between commit and ack)', async () => {
    const ids = await collect(5);
    server.faults = ['drop-after'];
    const e = engine();
    expect((await e.syncNow()).kind).toBe('retry-later');
    expect(server.stored.size).toBe(5); // committed, but the device never heard
    expect(await countByState(db, 'queued')).toBe(5);
    expect(await e.syncNow()).toMatchObject({ kind: 'done', accepted: 0, duplicates: 5 });
    expect(server.stored.size).toBe(5);
    expect(await countByState(db, 'synced')).toBe(5);
    expect([...server.stored.keys()].sort()).toEqual([...ids].sort());
  });

  it('drops mid-queue: the first batch lands, the second is retried later', async () => {
    await collect(150);
    server.faults = ['ok', 'drop-before'];
    const e = engine();
    expect((await e.syncNow()).kind).toBe('retry-later');
    expect(await countByState(db, 'synced')).toBe(100);
    expect(await countByState(db, 'queued')).toBe(50);
    expect(await e.syncNow()).toMatchObject({ kind: 'done', accepted: 50 });
  });

  it('backs off exponentially with jitter on 5xx, and resets after a success', async () => {
    await collect(1);
    server.faults = [500, 500, 500];
    const e = engine();
    const delays: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const o = await e.syncNow();
      if (o.kind === 'retry-later') delays.push(o.delayMs);
    }
    expect(delays).toEqual([500, 1000, 2000]); // random 0.5 × 1 s, 2 s, 4 s
    expect((await e.syncNow()).kind).toBe('done');
    expect(backoffDelay(30, () => 0.999, { baseMs: 1000, maxMs: 60_000 })).toBe(59_940);
  });

  it('stops on 401 with the queue intact, and resumes after signing in again', async () => {
    await collect(4);
    server.signedIn = false;
    const e = engine();
    expect(await e.syncNow()).toEqual({ kind: 'auth-required' });
    expect(await countByState(db, 'queued')).toBe(4);
    server.signedIn = true;
    expect(await e.syncNow()).toMatchObject({ kind: 'done', accepted: 4 });
  });

  it('applies partial results: rejected items stay on the device with the reason, the rest are synced', async () => {
    const ids = await collect(3);
    server.refuse.add(ids[1] as string);
    expect(await engine().syncNow()).toMatchObject({ kind: 'done', accepted: 2, rejected: 1 });
    const rejected = await db.responses.get(ids[1] as string);
    expect(rejected).toMatchObject({
      state: 'rejected',
      rejection: { code: 'invalid', message: 'Có câu trả lời không hợp lệ', issues: [{ path: 'answers.Q1', message: 'Sai' }] },
    });
    expect(await countByState(db, 'synced')).toBe(2);
  });

  it('halves the batch when the server says the body is too large', async () => {
    await collect(120);
    server.faults = [413];
    expect(await engine().syncNow()).toMatchObject({ kind: 'done', accepted: 120 });
    expect(server.requests).toBe(1 + 3 + 1); // refused 100, then 50 + 50 + 20, then the pull
  });

  it('runs one sync at a time across tabs: the second tab is told the device is busy', async () => {
    await collect(10);
    const shared = memoryLock();
    const [a, b] = await Promise.all([engine(shared).syncNow(), engine(shared).syncNow()]);
    expect([a.kind, b.kind].sort()).toEqual(['busy', 'done']);
    expect(server.stored.size).toBe(10);
  });

  it('syncs payment-roster entries separately from responses', async () => {
    await collect(1);
    await queueRosterEntry(
      db,
      {
        id: randomUUID(),
        campaignId: 'tiny',
        unitId: 'u1',
        groupId: 'c',
        surveyorId: 'sv-1',
        deviceId: 'dev-1',
        respondentName: 'Trần Văn Bình',
        collectedOn: '2021-12-10',
      },
      clock,
    );
    expect(await engine().syncNow()).toMatchObject({ kind: 'done', accepted: 1, roster: { accepted: 1 } });
    expect(server.roster.size).toBe(1);
    expect(server.stored.size).toBe(1);
  });

  it('purges synced responses after the delay and never an unsynced one', async () => {
    await collect(2);
    await engine().syncNow();
    await collect(1); // queued, never synced
    clock = new Date(clock.getTime() + 8 * 24 * 3600_000);
    expect(await purgeSynced(db, 7 * 24 * 3600_000, clock)).toBe(2);
    expect(await countByState(db, 'queued')).toBe(1);
    expect(await db.responses.count()).toBe(1);
  });
});
