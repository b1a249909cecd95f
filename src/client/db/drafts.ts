import { useLiveQuery } from 'dexie-react-hooks';
import type { LocalResponse, PhieuDb } from './database';

/**
 * Where a draft was left: the id of the section shown last, or DRAFT_AT_REVIEW for the review page. Kept in the meta
 * store (one row per draft), not in the response row: it is the screen's place, never part of what is uploaded.
 */
export const DRAFT_AT_REVIEW = '#review';

const placeKey = (id: string) => `draftPlace:${id}`;

export async function draftPlace(db: PhieuDb, id: string): Promise<string | undefined> {
  const value = (await db.meta.get(placeKey(id)))?.value;
  return typeof value === 'string' ? value : undefined;
}

export async function saveDraftPlace(db: PhieuDb, id: string, place: string): Promise<void> {
  await db.meta.put({ key: placeKey(id), value: place });
}

/** Once the draft is finalised or discarded. */
export async function forgetDraftPlace(db: PhieuDb, id: string): Promise<void> {
  await db.meta.delete(placeKey(id));
}

export interface DraftWithPlace {
  draft: LocalResponse;
  place: string | undefined;
}

/** The drafts on the device, oldest started first, each with where it was left (the home screen's list). */
export function useDraftsWithPlace(db: PhieuDb): DraftWithPlace[] | undefined {
  return useLiveQuery(async () => {
    const drafts = (await db.responses.where('state').equals('draft').toArray()).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    const places = await db.meta.bulkGet(drafts.map((d) => placeKey(d.id)));
    return drafts.map((draft, i) => ({ draft, place: typeof places[i]?.value === 'string' ? (places[i].value as string) : undefined }));
  }, [db]);
}
