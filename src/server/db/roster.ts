import type { Db } from './database';
import type { NewRosterEntry } from './schema';

export async function existingRosterHashes(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('roster_entries').select(['id', 'content_hash']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.content_hash]));
}

export async function insertRosterEntries(db: Db, rows: NewRosterEntry[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 50)
    await db
      .insertInto('roster_entries')
      .values(rows.slice(i, i + 50))
      .execute();
}

export async function listRosterEntries(db: Db, campaignId: string, filter: { unitId?: string; surveyorId?: string } = {}) {
  let q = db.selectFrom('roster_entries').selectAll().where('campaign_id', '=', campaignId);
  if (filter.unitId) q = q.where('unit_id', '=', filter.unitId);
  if (filter.surveyorId) q = q.where('surveyor_id', '=', filter.surveyorId);
  return q.orderBy('unit_id').orderBy('collected_on').orderBy('id').execute();
}
