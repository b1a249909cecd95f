import type { Db } from './database';
import type { Insertable } from 'kysely';
import type { PublicationTable } from './schema';

/** Every published version of a campaign, newest first, without their snapshots. */
export async function listPublications(db: Db, campaignId: string) {
  return db
    .selectFrom('publications as p')
    .leftJoin('accounts as a', 'a.id', 'p.published_by')
    .select(['p.version', 'p.published_at', 'p.reason', 'p.late', 'p.sha256', 'a.display_name as published_by_name'])
    .where('p.campaign_id', '=', campaignId)
    .orderBy('p.version', 'desc')
    .execute();
}

/** One published version with its snapshot text (the newest when `version` is not given). */
export async function getPublication(db: Db, campaignId: string, version?: number) {
  let q = db
    .selectFrom('publications as p')
    .leftJoin('accounts as a', 'a.id', 'p.published_by')
    .select(['p.version', 'p.published_at', 'p.reason', 'p.late', 'p.sha256', 'p.snapshot_json', 'a.display_name as published_by_name'])
    .where('p.campaign_id', '=', campaignId);
  q = version === undefined ? q.orderBy('p.version', 'desc').limit(1) : q.where('p.version', '=', version);
  return q.executeTakeFirst();
}

export async function insertPublication(db: Db, row: Insertable<PublicationTable>): Promise<void> {
  await db.insertInto('publications').values(row).execute();
}

/** Every appraised unit of the campaign becomes published (a correction re-publishes the units appraised again). */
export async function markPublished(db: Db, campaignId: string, at: string): Promise<void> {
  await db
    .updateTable('self_assessments')
    .set({ state: 'published', updated_at: at })
    .where('campaign_id', '=', campaignId)
    .where('state', '=', 'appraised')
    .execute();
}
