import { useLiveQuery } from 'dexie-react-hooks';
import type { PullResult } from '../../shared';
import type { LocalResponse, PhieuDb } from './database';
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

export interface QueueStatus {
  /** Finalised responses waiting to be sent. */
  queued: number;
  /** Payment-roster names waiting to be sent: not responses, so counted apart. */
  rosterQueued: number;
  rejected: number;
  lastSyncAt: string | null;
}

export function useQueueStatus(db: PhieuDb): QueueStatus | undefined {
  return useLiveQuery(async () => {
    const [queued, rejected, rosterQueued, lastSyncAt] = await Promise.all([
      db.responses.where('state').equals('queued').count(),
      db.responses.where('state').equals('rejected').count(),
      db.roster.where('state').equals('queued').count(),
      getMeta<string>(db, 'lastSyncAt'),
    ]);
    return { queued, rosterQueued, rejected, lastSyncAt: lastSyncAt ?? null };
  }, [db]);
}

/**
 * What the device adds to the server's count of a cell (DESIGN §4 rule 9): its finalised responses not yet synced,
 * plus those synced after the last pull (the pulled count does not include them yet). Keyed "unit group".
 */
export function useLocalCellCounts(db: PhieuDb, pulledAt: string | undefined): Map<string, number> | undefined {
  return useLiveQuery(async () => {
    const counts = new Map<string, number>();
    await db.responses.where('state').anyOf('queued', 'synced').each((r) => {
      if (r.state === 'synced' && pulledAt && r.syncedAt && r.syncedAt <= pulledAt) return;
      const key = `${r.unitId} ${r.groupId}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
    return counts;
  }, [db, pulledAt]);
}
