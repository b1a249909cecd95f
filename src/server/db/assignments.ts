import type { Db } from './database';
import { runSql } from './raw';

export async function upsertAssignment(
  db: Db,
  row: { campaign_id: string; surveyor_id: string; unit_id: string; group_id: string; allocation: number | null; created_at: string },
): Promise<void> {
  await db
    .insertInto('assignments')
    .values(row)
    .onConflict((oc) => oc.columns(['campaign_id', 'surveyor_id', 'unit_id', 'group_id']).doUpdateSet({ allocation: row.allocation }))
    .execute();
}

export async function deleteAssignment(db: Db, campaignId: string, surveyorId: string, unitId: string, groupId: string): Promise<void> {
  await db
    .deleteFrom('assignments')
    .where('campaign_id', '=', campaignId)
    .where('surveyor_id', '=', surveyorId)
    .where('unit_id', '=', unitId)
    .where('group_id', '=', groupId)
    .execute();
}

export async function listAssignments(db: Db, campaignId: string, filter: { surveyorId?: string; unitId?: string } = {}) {
  let q = db
    .selectFrom('assignments')
    .innerJoin('accounts', 'accounts.id', 'assignments.surveyor_id')
    .select(['assignments.surveyor_id', 'accounts.display_name', 'accounts.username', 'assignments.unit_id', 'assignments.group_id', 'assignments.allocation'])
    .where('assignments.campaign_id', '=', campaignId);
  if (filter.surveyorId) q = q.where('assignments.surveyor_id', '=', filter.surveyorId);
  if (filter.unitId) q = q.where('assignments.unit_id', '=', filter.unitId);
  return q.orderBy('assignments.unit_id').orderBy('assignments.group_id').orderBy('accounts.username').execute();
}

/** The unit × group cells one surveyor is assigned in a campaign (sync checks every pushed item against these). */
export async function assignedCells(db: Db, campaignId: string, surveyorId: string): Promise<{ unit_id: string; group_id: string }[]> {
  return runSql(db, 'select unit_id, group_id from assignments where campaign_id = ? and surveyor_id = ?', [campaignId, surveyorId]);
}
