import { useLiveQuery } from 'dexie-react-hooks';
import type { PullResult } from '../../shared/api/pull';
import type { LocalResponse, LocalRosterEntry, PhieuDb } from './database';
import { getMeta } from './meta';

/** Live views of the device database for the screens: they re-render when the data changes, in any tab. */

export function usePull(db: PhieuDb): { pull: PullResult; pulledAt: string } | null | undefined {
  return useLiveQuery(async () => {
    const row = await db.pulls.get('current');
    return row ? { pull: row.pull, pulledAt: row.pulledAt } : null;
  }, [db]);
}

export function useResponse(db: PhieuDb, id: string): LocalResponse | null | undefined {
  return useLiveQuery(async () => (await db.responses.get(id)) ?? null, [db, id]);
}

export function useDrafts(db: PhieuDb): LocalResponse[] | undefined {
  return useLiveQuery(() => db.responses.where('state').equals('draft').toArray(), [db]);
}

export function useRejected(db: PhieuDb): LocalResponse[] | undefined {
  return useLiveQuery(() => db.responses.where('state').equals('rejected').toArray(), [db]);
}

/** Payment-roster names the server refused (kept on the device, in the export, until accepted). */
export function useRejectedRoster(db: PhieuDb): LocalRosterEntry[] | undefined {
  return useLiveQuery(() => db.roster.where('state').equals('rejected').toArray(), [db]);
}

export interface QueueStatus {
  /** Finalised responses waiting to be sent. */
  queued: number;
  /** Payment-roster names waiting to be sent: not responses, so counted apart. */
  rosterQueued: number;
  /** Responses the server refused: never "all sent" while there is one. */
  rejected: number;
  /** Payment-roster names the server refused. */
  rosterRejected: number;
  lastSyncAt: string | null;
}

export function useQueueStatus(db: PhieuDb): QueueStatus | undefined {
  return useLiveQuery(async () => {
    const [queued, rejected, rosterQueued, rosterRejected, lastSyncAt] = await Promise.all([
      db.responses.where('state').equals('queued').count(),
      db.responses.where('state').equals('rejected').count(),
      db.roster.where('state').equals('queued').count(),
      db.roster.where('state').equals('rejected').count(),
      getMeta<string>(db, 'lastSyncAt'),
    ]);
    return { queued, rosterQueued, rejected, rosterRejected, lastSyncAt: lastSyncAt ?? null };
  }, [db]);
}

/**
 * What the device adds to the server's count of each cell (DESIGN §4 rule 9): its finalised responses not yet synced,
 * plus those synced after the last pull (the pulled count does not include them yet). Keyed "unit group". Counted
 * from indexes, one cell at a time, so a sync of 1,000 responses does not re-read every row after each batch.
 */
export function useLocalCellCounts(
  db: PhieuDb,
  pulledAt: string | undefined,
  cells: { unit: string; group: string }[] = [],
): Map<string, number> | undefined {
  const key = cells.map((c) => `${c.unit} ${c.group}`).join('|');
  return useLiveQuery(async () => {
    const counts = new Map<string, number>();
    const syncedSince = pulledAt
      ? await db.responses.where('[state+syncedAt]').between(['synced', pulledAt], ['synced', '\uffff'], false, true).toArray()
      : await db.responses.where('state').equals('synced').toArray();
    for (const c of cells) {
      const queued = await db.responses.where('[state+unitId+groupId]').equals(['queued', c.unit, c.group]).count();
      const recent = syncedSince.filter((r) => r.unitId === c.unit && r.groupId === c.group).length;
      counts.set(`${c.unit} ${c.group}`, queued + recent);
    }
    return counts;
  }, [db, pulledAt, key]); // `key` stands for `cells`
}
