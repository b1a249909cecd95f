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
    .select([
      'assignments.surveyor_id',
      'accounts.display_name',
      'accounts.username',
      'assignments.unit_id',
      'assignments.group_id',
      'assignments.allocation',
    ])
    .where('assignments.campaign_id', '=', campaignId);
  if (filter.surveyorId) q = q.where('assignments.surveyor_id', '=', filter.surveyorId);
  if (filter.unitId) q = q.where('assignments.unit_id', '=', filter.unitId);
  return q.orderBy('assignments.unit_id').orderBy('assignments.group_id').orderBy('accounts.username').execute();
}

/** The unit × group cells one surveyor is assigned in a campaign (sync checks every pushed item against these). */
export async function assignedCells(db: Db, campaignId: string, surveyorId: string): Promise<{ unit_id: string; group_id: string }[]> {
  return runSql(db, 'select unit_id, group_id from assignments where campaign_id = ? and surveyor_id = ?', [campaignId, surveyorId]);
}

export async function getAssignment(db: Db, campaignId: string, surveyorId: string, unitId: string, groupId: string) {
  return db
    .selectFrom('assignments')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('surveyor_id', '=', surveyorId)
    .where('unit_id', '=', unitId)
    .where('group_id', '=', groupId)
    .executeTakeFirst();
}

export interface AdminAssignmentRow {
  surveyor_id: string;
  username: string;
  display_name: string;
  disabled_at: string | null;
  unit_id: string;
  group_id: string;
  allocation: number | null;
  created_at: string;
  /** Everything the surveyor sent for the cell, excluded responses included. */
  received: number;
  excluded: number;
  last_received_at: string | null;
}

/** Assignments with their surveyor and what the surveyor has sent for the cell (from the per-surveyor counts). */
export async function listAssignmentsForAdmin(
  db: Db,
  campaignId: string,
  f: { surveyorId?: string; unitId?: string; groupId?: string } = {},
): Promise<AdminAssignmentRow[]> {
  let q = db
    .selectFrom('assignments as a')
    .innerJoin('accounts as u', 'u.id', 'a.surveyor_id')
    .leftJoin('surveyor_counts as c', (join) =>
      join
        .onRef('c.campaign_id', '=', 'a.campaign_id')
        .onRef('c.surveyor_id', '=', 'a.surveyor_id')
        .onRef('c.unit_id', '=', 'a.unit_id')
        .onRef('c.group_id', '=', 'a.group_id'),
    )
    .select([
      'a.surveyor_id',
      'u.username',
      'u.display_name',
      'u.disabled_at',
      'a.unit_id',
      'a.group_id',
      'a.allocation',
      'a.created_at',
      'c.received',
      'c.excluded',
      'c.last_received_at',
    ])
    .where('a.campaign_id', '=', campaignId);
  if (f.surveyorId) q = q.where('a.surveyor_id', '=', f.surveyorId);
  if (f.unitId) q = q.where('a.unit_id', '=', f.unitId);
  if (f.groupId) q = q.where('a.group_id', '=', f.groupId);
  const rows = await q.orderBy('a.unit_id').orderBy('a.group_id').orderBy('u.username').execute();
  return rows.map((r) => ({
    ...r,
    allocation: r.allocation === null ? null : Number(r.allocation),
    received: Number(r.received ?? 0),
    excluded: Number(r.excluded ?? 0),
    last_received_at: r.last_received_at ?? null,
  }));
}

/** Every assignment of the given cells ("unit\0group"), for the allocation sums. */
export async function assignmentsOfUnits(
  db: Db,
  campaignId: string,
  unitIds: string[],
): Promise<{ surveyor_id: string; unit_id: string; group_id: string; allocation: number | null }[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('assignments')
    .select(['surveyor_id', 'unit_id', 'group_id', 'allocation'])
    .where('campaign_id', '=', campaignId)
    .where('unit_id', 'in', [...new Set(unitIds)])
    .execute();
  return rows.map((r) => ({ ...r, allocation: r.allocation === null ? null : Number(r.allocation) }));
}

/** Assignments of a surveyor in any campaign: a role change away from surveyor must not orphan them. */
export async function countAssignmentsOf(db: Db, surveyorId: string): Promise<number> {
  const row = await db
    .selectFrom('assignments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('surveyor_id', '=', surveyorId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Surveyors with at least one assignment in the campaign. */
export async function countAssignedSurveyors(db: Db, campaignId: string): Promise<number> {
  const row = await db
    .selectFrom('assignments')
    .select((eb) => eb.fn.count<number>('surveyor_id').distinct().as('n'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
