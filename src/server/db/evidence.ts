import { sql } from 'kysely';
import type { Db } from './database';

/**
 * The unit's evidence library (one row per content hash and unit: the same bytes uploaded by two units are two
 * rows over one file on disk) and the links from sub-criteria to its files.
 */

export interface EvidenceKey {
  campaignId: string;
  unitId: string;
}

/** One file of the unit's library with the uploader's display name, or undefined when the unit has no such file. */
export async function getEvidence(db: Db, key: EvidenceKey, hash: string) {
  return db
    .selectFrom('evidence_files as f')
    .leftJoin('accounts as a', 'a.id', 'f.uploaded_by')
    .select(['f.hash', 'f.name', 'f.size', 'f.media_type', 'f.uploaded_at', 'f.uploaded_by', 'a.display_name as uploaded_by_name'])
    .where('f.campaign_id', '=', key.campaignId)
    .where('f.unit_id', '=', key.unitId)
    .where('f.hash', '=', hash)
    .executeTakeFirst();
}

/** Adds a file to the library; false when the unit already has this content (the existing row is kept). */
export async function insertEvidence(
  db: Db,
  key: EvidenceKey,
  file: { hash: string; name: string; size: number; mediaType: string },
  by: string,
  at: string,
): Promise<boolean> {
  const r = await db
    .insertInto('evidence_files')
    .values({
      campaign_id: key.campaignId,
      unit_id: key.unitId,
      hash: file.hash,
      name: file.name,
      size: file.size,
      media_type: file.mediaType,
      uploaded_at: at,
      uploaded_by: by,
    })
    .onConflict((oc) => oc.columns(['campaign_id', 'unit_id', 'hash']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Attaches a library file to an item; false when it already was. */
export async function insertLink(db: Db, key: EvidenceKey, code: string, hash: string, by: string, at: string): Promise<boolean> {
  const r = await db
    .insertInto('sa_item_files')
    .values({
      campaign_id: key.campaignId,
      unit_id: key.unitId,
      code,
      hash,
      attached_at: at,
      attached_by: by,
      attach_seq: sql<number>`(select coalesce(max(attach_seq), 0) + 1 from sa_item_files where campaign_id = ${key.campaignId} and unit_id = ${key.unitId})`,
    })
    .onConflict((oc) => oc.columns(['campaign_id', 'unit_id', 'code', 'hash']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Detaches a file from an item (the library row stays); false when it was not attached. */
export async function deleteLink(db: Db, key: EvidenceKey, code: string, hash: string): Promise<boolean> {
  const r = await db
    .deleteFrom('sa_item_files')
    .where('campaign_id', '=', key.campaignId)
    .where('unit_id', '=', key.unitId)
    .where('code', '=', code)
    .where('hash', '=', hash)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** The items a library file is attached to. */
export async function codesAttachedTo(db: Db, key: EvidenceKey, hash: string): Promise<string[]> {
  const rows = await db
    .selectFrom('sa_item_files')
    .select('code')
    .where('campaign_id', '=', key.campaignId)
    .where('unit_id', '=', key.unitId)
    .where('hash', '=', hash)
    .execute();
  return rows.map((r) => r.code);
}

/** The hashes attached to one item, in the order they were attached. */
export async function itemFileHashes(db: Db, key: EvidenceKey, code: string): Promise<string[]> {
  const rows = await db
    .selectFrom('sa_item_files')
    .select('hash')
    .where('campaign_id', '=', key.campaignId)
    .where('unit_id', '=', key.unitId)
    .where('code', '=', code)
    .orderBy('attached_at')
    .orderBy('attach_seq')
    .execute();
  return rows.map((r) => r.hash);
}
