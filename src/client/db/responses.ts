import type { Answers, SurveyResponse } from '../../shared/schema/response';
import type { LocalResponse, PhieuDb, Rejection } from './database';
import { DraftUnavailableError } from './errors';

/** What starting a response fixes for good: everything but its answers and its local life. */
export type NewDraft = Omit<
  LocalResponse,
  'state' | 'startedAt' | 'finishedAt' | 'answers' | 'updatedAt' | 'queuedAt' | 'syncedAt' | 'overQuota' | 'rejection'
>;

/** Thrown when a paper form's serial is already used on this device for the same unit and group. */
export class DuplicatePaperSerialError extends Error {
  constructor(readonly serial: string) {
    super(`Số sê-ri phiếu giấy "${serial}" đã được nhập cho đơn vị và đối tượng này`);
  }
}

export async function createDraft(db: PhieuDb, draft: NewDraft, now: Date): Promise<LocalResponse> {
  const at = now.toISOString();
  const row: LocalResponse = { ...draft, state: 'draft', startedAt: at, updatedAt: at, answers: {} };
  await db.transaction('rw', db.responses, async () => {
    if (draft.paperSerial !== undefined) {
      const used = await db.responses
        .where('[unitId+groupId+paperSerial]')
        .equals([draft.unitId, draft.groupId, draft.paperSerial])
        .count();
      if (used > 0) throw new DuplicatePaperSerialError(draft.paperSerial);
    }
    await db.responses.add(row);
  });
  return row;
}

/** The row with one answer given (or cleared, for `undefined`). */
function withAnswer(row: LocalResponse, code: string, value: Answers[string] | undefined, now: Date): LocalResponse {
  const answers = { ...row.answers };
  if (value === undefined) delete answers[code];
  else answers[code] = value;
  return { ...row, answers, updatedAt: now.toISOString() };
}

/**
 * Saves one answer as it is given: a draft survives a closed tab, a reload, a dead battery. Reads the stored row and
 * writes it back with the answer in one transaction, so an answer saved from another tab is kept and a response that
 * is no longer a draft (finalised, queued or discarded elsewhere) is never changed: the transaction is aborted.
 * Resolves to the row as written.
 *
 * No `async` scope (Dexie would echo its zone through every native await) and the transaction is committed as soon
 * as the write is issued, instead of waiting for the write's success to come back to this thread first.
 */
export function saveAnswer(db: PhieuDb, id: string, code: string, value: Answers[string] | undefined, now: Date): Promise<LocalResponse> {
  return db.transaction('rw', db.responses, (tx) =>
    db.responses.get(id).then((row) => {
      if (!row) throw new DraftUnavailableError(id, 'missing');
      if (row.state !== 'draft') throw new DraftUnavailableError(id, 'finalised');
      const next = withAnswer(row, code, value, now);
      const written = db.responses.put(next);
      tx.idbtrans.commit();
      return written.then(() => next);
    }),
  );
}

/** Structural equality of two stored rows (plain data: strings, numbers, booleans, arrays, objects). */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => Object.hasOwn(b, k) && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/**
 * The form's answer saver for one draft, `stored` being the row as the form read it. Each save writes the row this
 * saver last wrote, plus the answer, without waiting to read it first (the answer-save budget, issue #13): the read
 * of the stored row and the write are issued together, and when the read shows that the row is not the one this
 * saver last wrote (another tab saved an answer, finalised or discarded the draft), the transaction is aborted before
 * it commits and the save is made again by `saveAnswer`, which reads first: a stale tab never reverts a finalised
 * response, and an answer given in another tab is kept. Saves are written in the order they are made.
 *
 * The transaction is IndexedDB's own, on Dexie's connection: Dexie's bookkeeping on every transaction (its zones,
 * the change notices and live queries run in the transaction's complete event) stood between the write and its
 * commit. What that leaves out is only telling other tabs' live queries that a draft's answers changed (no screen
 * shows a draft's answers live; states, which screens count, change through Dexie as before).
 */
export function answerSaver(
  db: PhieuDb,
  stored: LocalResponse,
): (code: string, value: Answers[string] | undefined, now: Date) => Promise<void> {
  const id = stored.id;
  // What this tab believes is stored once every save it issued has committed; unknown after a failed or stale save.
  let expected: LocalResponse | undefined = stored;
  let issued = 0;
  const reread = (seq: number, code: string, value: Answers[string] | undefined, now: Date) =>
    saveAnswer(db, id, code, value, now).then((row) => {
      if (seq === issued) expected = row; // the latest save: what it wrote is what is stored
    });
  return (code, value, now) => {
    issued += 1;
    const seq = issued;
    const before = expected;
    if (!before || !db.isOpen()) return reread(seq, code, value, now);
    const next = withAnswer(before, code, value, now);
    expected = next;
    return new Promise<void>((resolve, reject) => {
      let stale = false;
      const tx = db.backendDB().transaction('responses', 'readwrite', { durability: 'strict' });
      const store = tx.objectStore('responses');
      const read = store.get(id);
      try {
        store.put(next);
      } catch (e) {
        // A value IndexedDB cannot store: nothing is written, and the next save reads first.
        expected = undefined;
        tx.abort();
        return reject(e);
      }
      read.onsuccess = () => {
        // The put is already issued: committing now saves its answer's round trip to this thread.
        if (sameData(read.result, before)) return tx.commit();
        stale = true;
        tx.abort();
      };
      tx.oncomplete = () => resolve();
      tx.onabort = () => {
        expected = undefined;
        if (stale) resolve(reread(seq, code, value, now));
        // (after a thrown put the promise is settled already: this does nothing)
        else reject(tx.error ?? new Error('IndexedDB transaction aborted'));
      };
    });
  };
}

/** Finalises a draft and queues it for upload in one transaction (DESIGN §4 rule 2). `answers` are the cleaned ones. */
export async function finalise(db: PhieuDb, id: string, answers: Answers, now: Date): Promise<void> {
  await db.transaction('rw', db.responses, async () => {
    const row = await db.responses.get(id);
    if (!row) throw new DraftUnavailableError(id, 'missing');
    if (row.state !== 'draft') return; // finalised already (a double tap): nothing to do
    const at = now.toISOString();
    await db.responses.put({ ...row, answers, state: 'queued', finishedAt: at, queuedAt: at, updatedAt: at });
  });
}

export async function discardDraft(db: PhieuDb, id: string): Promise<void> {
  await db.transaction('rw', db.responses, async () => {
    const row = await db.responses.get(id);
    if (row?.state === 'draft') await db.responses.delete(id);
  });
}

export function listDrafts(db: PhieuDb): Promise<LocalResponse[]> {
  return db.responses.where('state').equals('draft').toArray();
}

/** The oldest queued responses first. */
export function nextQueued(db: PhieuDb, limit: number): Promise<LocalResponse[]> {
  return db.responses.where('[state+queuedAt]').between(['queued', ''], ['queued', '\uffff']).limit(limit).toArray();
}

export function countByState(db: PhieuDb, state: LocalResponse['state']): Promise<number> {
  return db.responses.where('state').equals(state).count();
}

export function toPayload(r: LocalResponse): SurveyResponse {
  return {
    id: r.id,
    campaignId: r.campaignId,
    unitId: r.unitId,
    groupId: r.groupId,
    questionnaireId: r.questionnaireId,
    questionnaireVersion: r.questionnaireVersion,
    surveyorId: r.surveyorId,
    deviceId: r.deviceId,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt ?? r.updatedAt,
    appVersion: r.appVersion,
    mode: r.mode,
    ...(r.paperSerial !== undefined ? { paperSerial: r.paperSerial } : {}),
    answers: r.answers,
  };
}

export type ItemOutcome = { id: string; synced: true; overQuota?: boolean } | { id: string; synced: false; rejection: Rejection };

/** Applies the server's per-item answers in one transaction. Only queued rows change: a row is never un-synced. */
export async function applyOutcomes(db: PhieuDb, outcomes: ItemOutcome[], now: Date): Promise<void> {
  const at = now.toISOString();
  await db.transaction('rw', db.responses, async () => {
    // One read and one write for the whole batch.
    const rows = await db.responses.bulkGet(outcomes.map((o) => o.id));
    const updated: LocalResponse[] = [];
    outcomes.forEach((o, i) => {
      const row = rows[i];
      if (!row || row.state !== 'queued') return;
      // Synced (accepted, or duplicate: the server had it, e.g. from an uploaded file) forgets an earlier refusal.
      const { rejection: _earlier, ...kept } = row;
      updated.push(
        o.synced
          ? { ...kept, state: 'synced', syncedAt: at, overQuota: o.overQuota ?? row.overQuota }
          : { ...row, state: 'rejected', rejection: o.rejection },
      );
    });
    await db.responses.bulkPut(updated);
  });
}

/**
 * Queues refused responses again, those `pick` chooses (the engine, when a pull shows the cause gone; the surveyor's
 * "Gửi lại"), in one transaction. Only rows still refused change: each keeps its id, its content and its last reason
 * until the server answers, so nothing is lost whatever the answer (DESIGN §4 rule 5). Returns how many.
 */
export async function requeueRefused(db: PhieuDb, pick: (row: LocalResponse) => boolean, now: Date): Promise<number> {
  return db.transaction('rw', db.responses, async () => {
    const rows = (await db.responses.where('state').equals('rejected').toArray()).filter(pick);
    await db.responses.bulkPut(rows.map((r) => ({ ...r, state: 'queued' as const, queuedAt: r.queuedAt ?? now.toISOString() })));
    return rows.length;
  });
}

/** Synced responses older than the delay are removed from the device; unsynced ones never are (DESIGN §4 rule 10). */
export async function purgeSynced(db: PhieuDb, olderThanMs: number, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - olderThanMs).toISOString();
  return db.responses.where('[state+syncedAt]').between(['synced', ''], ['synced', cutoff], true, false).delete();
}

/** Every response the server does not have: what "Xuất dữ liệu chưa đồng bộ" saves. */
export function unsynced(db: PhieuDb): Promise<LocalResponse[]> {
  return db.responses.where('state').anyOf('queued', 'rejected').toArray();
}
