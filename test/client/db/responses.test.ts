import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDeviceDb, type PhieuDb } from '../../../src/client/db/database';
import { deviceId } from '../../../src/client/db/meta';
import {
  answerSaver,
  createDraft,
  discardDraft,
  DuplicatePaperSerialError,
  finalise,
  listDrafts,
  nextQueued,
  saveAnswer,
  toPayload,
  unsynced,
} from '../../../src/client/db/responses';
import { responseSchema } from '../../../src/shared';

let name: string;
let db: PhieuDb;
const t0 = new Date('2021-12-10T01:00:00Z');

beforeEach(async () => {
  name = `test-${randomUUID()}`;
  db = openDeviceDb(name);
  await db.open();
});
afterEach(async () => {
  db.close();
  await openDeviceDb(name).delete();
});

const draft = (over: Partial<Parameters<typeof createDraft>[1]> = {}) => ({
  id: randomUUID(),
  campaignId: 'quang-binh-2021',
  unitId: 'so-tu-phap',
  groupId: 'so-nguoi-dan',
  questionnaireId: 'phieu-03-s',
  questionnaireVersion: 1,
  surveyorId: 'sv-1',
  deviceId: 'dev-1',
  appVersion: '0.1.0',
  mode: 'interview' as const,
  ...over,
});

describe('device storage', () => {
  it('keeps a draft and every answer across closing and reopening the database (a closed tab, a reload)', async () => {
    const d = await createDraft(db, draft(), t0);
    await saveAnswer(db, d.id, 'Q1', 'A', t0);
    await saveAnswer(db, d.id, 'M1', ['dat', 'xd'], t0);
    await saveAnswer(db, d.id, 'N1', 3, t0);
    await saveAnswer(db, d.id, 'N1', undefined, t0); // cleared
    db.close();
    db = openDeviceDb(name);
    const [again] = await listDrafts(db);
    expect(again).toMatchObject({ id: d.id, state: 'draft', answers: { Q1: 'A', M1: ['dat', 'xd'] } });
  });

  it('finalises and queues in one step, once, and refuses edits afterwards', async () => {
    const d = await createDraft(db, draft(), t0);
    await finalise(db, d.id, { Q1: 'B' }, new Date('2021-12-10T01:12:00Z'));
    await finalise(db, d.id, { Q1: 'C' }, new Date('2021-12-10T01:13:00Z')); // a double tap changes nothing
    const [queued] = await nextQueued(db, 10);
    expect(queued).toMatchObject({ state: 'queued', answers: { Q1: 'B' }, finishedAt: '2021-12-10T01:12:00.000Z' });
    await expect(saveAnswer(db, d.id, 'Q1', 'D', t0)).rejects.toMatchObject({ name: 'DraftUnavailableError', reason: 'finalised' });
    expect(responseSchema.safeParse(toPayload(queued!)).success).toBe(true);
  });

  it('discards a draft but never a finalised response', async () => {
    const a = await createDraft(db, draft(), t0);
    const b = await createDraft(db, draft(), t0);
    await finalise(db, b.id, {}, t0);
    await discardDraft(db, a.id);
    await discardDraft(db, b.id);
    expect(await db.responses.count()).toBe(1);
    expect((await unsynced(db)).map((r) => r.id)).toEqual([b.id]);
  });

  it('refuses a paper serial already used on this device for the same unit and group', async () => {
    await createDraft(db, draft({ mode: 'paper', paperSerial: 'QB-001' }), t0);
    await expect(createDraft(db, draft({ mode: 'paper', paperSerial: 'QB-001' }), t0)).rejects.toThrow(DuplicatePaperSerialError);
    await expect(createDraft(db, draft({ mode: 'paper', paperSerial: 'QB-001', groupId: 'so-cong-chuc-so' }), t0)).resolves.toBeTruthy();
    expect(await db.responses.count()).toBe(2);
  });

  it('creates the device id once', async () => {
    const first = await deviceId(db, () => 'dev-A');
    expect(await deviceId(db, () => 'dev-B')).toBe(first);
  });

  it('never changes a response that is no longer a draft: a stale tab saving after it was finalised or discarded elsewhere', async () => {
    const d = await createDraft(db, draft(), t0);
    await saveAnswer(db, d.id, 'Q1', 'A', t0);
    const gone = await createDraft(db, draft(), t0);
    // Another tab: its own connection to the same database.
    const other = openDeviceDb(name);
    try {
      await finalise(other, d.id, { Q1: 'A' }, new Date('2021-12-10T01:12:00Z'));
      await discardDraft(other, gone.id);
    } finally {
      other.close();
    }
    const queued = await db.responses.get(d.id);
    expect(queued).toMatchObject({ state: 'queued', answers: { Q1: 'A' } });

    await expect(saveAnswer(db, d.id, 'Q1', 'B', new Date('2021-12-10T01:20:00Z'))).rejects.toMatchObject({
      name: 'DraftUnavailableError',
      reason: 'finalised',
    });
    await expect(saveAnswer(db, d.id, 'Q2', undefined, new Date('2021-12-10T01:20:00Z'))).rejects.toMatchObject({
      name: 'DraftUnavailableError',
      reason: 'finalised',
    });
    expect(await db.responses.get(d.id)).toEqual(queued); // not reverted to a draft, not one field changed
    await expect(saveAnswer(db, gone.id, 'Q1', 'B', t0)).rejects.toMatchObject({ name: 'DraftUnavailableError', reason: 'missing' });
    expect(await db.responses.get(gone.id)).toBeUndefined(); // a discarded draft is not brought back
  });

  it('keeps every answer of saves made back to back, and none made after the response was finalised', async () => {
    const d = await createDraft(db, draft(), t0);
    // Not awaited one by one: as fast taps do, each save in its own transaction, in order.
    const saves = [saveAnswer(db, d.id, 'Q1', 'A', t0), saveAnswer(db, d.id, 'M1', ['dat'], t0), saveAnswer(db, d.id, 'Q1', 'B', t0)];
    const done = finalise(db, d.id, { Q1: 'B', M1: ['dat'] }, new Date('2021-12-10T01:12:00Z'));
    const late = saveAnswer(db, d.id, 'Q1', 'C', t0);
    await Promise.all([...saves, done]);
    await expect(late).rejects.toMatchObject({ name: 'DraftUnavailableError', reason: 'finalised' });
    expect(await db.responses.get(d.id)).toMatchObject({
      state: 'queued',
      answers: { Q1: 'B', M1: ['dat'] },
      finishedAt: '2021-12-10T01:12:00.000Z',
    });
  });

  it('keeps an answer saved from another tab when this tab saves the next one', async () => {
    const d = await createDraft(db, draft(), t0);
    const other = openDeviceDb(name);
    try {
      await saveAnswer(other, d.id, 'Q1', 'A', t0);
    } finally {
      other.close();
    }
    await saveAnswer(db, d.id, 'Q2', 'B', t0);
    expect((await db.responses.get(d.id))?.answers).toEqual({ Q1: 'A', Q2: 'B' });
  });

  it('reports a write that fails and leaves the stored draft as it was', async () => {
    const d = await createDraft(db, draft(), t0);
    await saveAnswer(db, d.id, 'Q1', 'A', t0);
    const before = await db.responses.get(d.id);
    // A value IndexedDB cannot store: the put fails after the read, where the transaction is committed early.
    const unstorable = (() => 'x') as unknown as string;
    await expect(saveAnswer(db, d.id, 'Q2', unstorable, new Date('2021-12-10T01:20:00Z'))).rejects.toThrow();
    expect(await db.responses.get(d.id)).toEqual(before);
    await saveAnswer(db, d.id, 'Q2', 'B', t0); // and the next save works
    expect((await db.responses.get(d.id))?.answers).toEqual({ Q1: 'A', Q2: 'B' });
  });

  it('opens with strict durability', () => {
    expect((db as unknown as { _options: { chromeTransactionDurability: string } })._options.chromeTransactionDurability).toBe('strict');
  });
});

/** The form's saver: writes without reading first, and falls back to reading when the row changed under it. */
describe('answer saver', () => {
  const t1 = new Date('2021-12-10T01:05:00Z');
  /** Another tab: its own connection to the same database, closed after `act`. */
  async function inOtherTab(act: (other: PhieuDb) => Promise<unknown>): Promise<void> {
    const other = openDeviceDb(name);
    try {
      await act(other);
    } finally {
      other.close();
    }
  }

  it('writes each answer onto the draft it was given, in order, across a reopened database', async () => {
    const d = await createDraft(db, draft(), t0);
    const save = answerSaver(db, d);
    // Not awaited one by one: fast taps, the last value of a question wins.
    await Promise.all([
      save('Q1', 'A', t0),
      save('M1', ['dat', 'xd'], t0),
      save('Q1', 'B', t0),
      save('N1', 3, t0),
      save('N1', undefined, t1),
    ]);
    db.close();
    db = openDeviceDb(name);
    expect(await db.responses.get(d.id)).toEqual({ ...d, answers: { Q1: 'B', M1: ['dat', 'xd'] }, updatedAt: t1.toISOString() });
  });

  it('keeps an answer another tab saved in between, and goes on without reading once it has caught up', async () => {
    const d = await createDraft(db, draft(), t0);
    const save = answerSaver(db, d);
    await save('Q1', 'A', t0);
    await inOtherTab((other) => saveAnswer(other, d.id, 'Q2', 'X', t0));
    await save('Q3', 'C', t0); // stale: read again, the other tab's answer kept
    await save('Q4', 'D', t0);
    await inOtherTab((other) => saveAnswer(other, d.id, 'Q2', 'Y', t0));
    await Promise.all([save('Q5', 'E', t0), save('Q1', 'F', t0)]); // both stale, both read again, in order
    expect((await db.responses.get(d.id))?.answers).toEqual({ Q1: 'F', Q2: 'Y', Q3: 'C', Q4: 'D', Q5: 'E' });
  });

  it('never changes a draft finalised or discarded in another tab, and says why', async () => {
    const d = await createDraft(db, draft(), t0);
    const gone = await createDraft(db, draft(), t0);
    const save = answerSaver(db, d);
    const saveGone = answerSaver(db, gone);
    await save('Q1', 'A', t0);
    await inOtherTab(async (other) => {
      await finalise(other, d.id, { Q1: 'A' }, t1);
      await discardDraft(other, gone.id);
    });
    const queued = await db.responses.get(d.id);
    await expect(save('Q1', 'B', t1)).rejects.toMatchObject({ name: 'DraftUnavailableError', reason: 'finalised' });
    await expect(Promise.all([save('Q2', 'C', t1), save('Q2', undefined, t1)])).rejects.toMatchObject({
      name: 'DraftUnavailableError',
      reason: 'finalised',
    });
    expect(await db.responses.get(d.id)).toEqual(queued);
    await expect(saveGone('Q1', 'B', t1)).rejects.toMatchObject({ name: 'DraftUnavailableError', reason: 'missing' });
    expect(await db.responses.get(gone.id)).toBeUndefined();
  });

  it('reports a value that cannot be stored, changes nothing, and saves the next answer', async () => {
    const d = await createDraft(db, draft(), t0);
    const save = answerSaver(db, d);
    await save('Q1', 'A', t0);
    const before = await db.responses.get(d.id);
    await expect(save('Q2', (() => 'x') as unknown as string, t1)).rejects.toThrow();
    expect(await db.responses.get(d.id)).toEqual(before);
    await save('Q2', 'B', t1);
    expect((await db.responses.get(d.id))?.answers).toEqual({ Q1: 'A', Q2: 'B' });
  });

  it('saves through a database that was closed and reopened under it', async () => {
    const d = await createDraft(db, draft(), t0);
    const save = answerSaver(db, d);
    db.close();
    await db.open();
    await save('Q1', 'A', t0);
    expect((await db.responses.get(d.id))?.answers).toEqual({ Q1: 'A' });
  });
});
