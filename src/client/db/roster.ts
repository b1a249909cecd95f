import type { RosterEntry } from '../../shared';
import type { LocalRosterEntry, PhieuDb, Rejection } from './database';

/** A payment-roster entry is stored on its own, never linked to a response. */
export async function queueRosterEntry(db: PhieuDb, entry: RosterEntry, now: Date): Promise<void> {
  await db.transaction('rw', db.roster, () => db.roster.add({ ...entry, state: 'queued', queuedAt: now.toISOString() }));
}

export function nextQueuedRoster(db: PhieuDb, limit: number): Promise<LocalRosterEntry[]> {
  return db.roster.where('[state+queuedAt]').between(['queued', ''], ['queued', '\uffff']).limit(limit).toArray();
}

export function toRosterPayload({ state: _s, queuedAt: _q, syncedAt: _y, rejection: _r, ...entry }: LocalRosterEntry): RosterEntry {
  return entry;
}

export async function applyRosterOutcomes(db: PhieuDb, outcomes: ({ id: string; synced: true } | { id: string; synced: false; rejection: Rejection })[], now: Date): Promise<void> {
  await db.transaction('rw', db.roster, async () => {
    for (const o of outcomes) {
      const row = await db.roster.get(o.id);
      if (!row || row.state !== 'queued') continue;
      await db.roster.put(o.synced ? { ...row, state: 'synced', syncedAt: now.toISOString() } : { ...row, state: 'rejected', rejection: o.rejection });
    }
  });
}
