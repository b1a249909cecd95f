import type { RosterEntry } from '../../shared/sync/roster-entry';
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

export async function applyRosterOutcomes(
  db: PhieuDb,
  outcomes: ({ id: string; synced: true } | { id: string; synced: false; rejection: Rejection })[],
  now: Date,
): Promise<void> {
  await db.transaction('rw', db.roster, async () => {
    for (const o of outcomes) {
      const row = await db.roster.get(o.id);
      if (!row || row.state !== 'queued') continue;
      const { rejection: _earlier, ...kept } = row;
      await db.roster.put(
        o.synced ? { ...kept, state: 'synced', syncedAt: now.toISOString() } : { ...row, state: 'rejected', rejection: o.rejection },
      );
    }
  });
}

/** Queues refused roster names again, those `pick` chooses, in one transaction (see requeueRefused). Returns how many. */
export async function requeueRefusedRoster(db: PhieuDb, pick: (row: LocalRosterEntry) => boolean): Promise<number> {
  return db.transaction('rw', db.roster, async () => {
    const rows = (await db.roster.where('state').equals('rejected').toArray()).filter(pick);
    await db.roster.bulkPut(rows.map((r) => ({ ...r, state: 'queued' as const })));
    return rows.length;
  });
}
