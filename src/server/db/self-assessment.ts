import type { Db } from './database';

/** The unit's self-assessment row, created as a draft the first time anyone opens it. */
export async function ensureSelfAssessment(db: Db, campaignId: string, unitId: string, at: string) {
  await db
    .insertInto('self_assessments')
    .values({ campaign_id: campaignId, unit_id: unitId, state: 'draft', submitted_at: null, submitted_by: null, updated_at: at })
    .onConflict((oc) => oc.columns(['campaign_id', 'unit_id']).doNothing())
    .execute();
  return db
    .selectFrom('self_assessments')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('unit_id', '=', unitId)
    .executeTakeFirstOrThrow();
}

export async function getSelfAssessment(db: Db, campaignId: string, unitId: string) {
  return db
    .selectFrom('self_assessments')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
}

/** The campaign's self-assessment rows, each with the display name of who submitted it. */
function namedRows(db: Db, campaignId: string) {
  return db
    .selectFrom('self_assessments as s')
    .leftJoin('accounts as a', 'a.id', 's.submitted_by')
    .selectAll('s')
    .select('a.display_name as submitted_by_name')
    .where('s.campaign_id', '=', campaignId);
}

/** The unit's self-assessment row with the display name of who submitted it. */
export function getSelfAssessmentNamed(db: Db, campaignId: string, unitId: string) {
  return namedRows(db, campaignId).where('s.unit_id', '=', unitId).executeTakeFirst();
}

/** Every unit's self-assessment row with the display name of who submitted it. */
export function listSelfAssessmentsNamed(db: Db, campaignId: string) {
  return namedRows(db, campaignId).execute();
}

export async function listSelfAssessments(db: Db, campaignId: string) {
  return db.selectFrom('self_assessments').selectAll().where('campaign_id', '=', campaignId).execute();
}

export async function markSubmitted(db: Db, campaignId: string, unitId: string, by: string, at: string, late: boolean): Promise<boolean> {
  const r = await db
    .updateTable('self_assessments')
    .set({ state: 'submitted', submitted_at: at, submitted_by: by, late: late ? 1 : 0, updated_at: at })
    .where('campaign_id', '=', campaignId)
    .where('unit_id', '=', unitId)
    .where('state', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listItems(db: Db, campaignId: string, unitId: string) {
  return db
    .selectFrom('sa_items as i')
    .leftJoin('accounts as a', 'a.id', 'i.updated_by')
    .select([
      'i.code',
      'i.score',
      'i.explanation',
      'i.note',
      'i.version',
      'i.updated_at',
      'i.updated_by',
      'a.display_name as updated_by_name',
    ])
    .where('i.campaign_id', '=', campaignId)
    .where('i.unit_id', '=', unitId)
    .execute();
}

/** Item scores of every unit of a campaign (for the summary list). */
export async function listAllItems(db: Db, campaignId: string) {
  return db.selectFrom('sa_items').select(['unit_id', 'code', 'score']).where('campaign_id', '=', campaignId).execute();
}

export async function getItem(db: Db, campaignId: string, unitId: string, code: string) {
  return db
    .selectFrom('sa_items')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('unit_id', '=', unitId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/**
 * Writes an item if it is still at `version` (0: never saved); returns false when someone else saved it meanwhile.
 * Call inside a transaction with the audit entry.
 */
export async function saveItem(
  db: Db,
  key: { campaignId: string; unitId: string; code: string },
  version: number,
  fields: { score: number | null; explanation: string | null; note: string | null },
  by: string,
  at: string,
): Promise<boolean> {
  if (version === 0) {
    const r = await db
      .insertInto('sa_items')
      .values({ campaign_id: key.campaignId, unit_id: key.unitId, code: key.code, ...fields, version: 1, updated_at: at, updated_by: by })
      .onConflict((oc) => oc.columns(['campaign_id', 'unit_id', 'code']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const r = await db
    .updateTable('sa_items')
    .set({ ...fields, version: version + 1, updated_at: at, updated_by: by })
    .where('campaign_id', '=', key.campaignId)
    .where('unit_id', '=', key.unitId)
    .where('code', '=', key.code)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The unit's evidence library, with the uploader's name. */
export async function listEvidence(db: Db, campaignId: string, unitId: string) {
  return db
    .selectFrom('evidence_files as f')
    .leftJoin('accounts as a', 'a.id', 'f.uploaded_by')
    .select(['f.hash', 'f.name', 'f.size', 'f.media_type', 'f.uploaded_at', 'f.uploaded_by', 'a.display_name as uploaded_by_name'])
    .where('f.campaign_id', '=', campaignId)
    .where('f.unit_id', '=', unitId)
    .orderBy('f.uploaded_at')
    .execute();
}

/** Which files are attached to which item. */
export async function listLinks(db: Db, campaignId: string, unitId: string) {
  return db
    .selectFrom('sa_item_files')
    .select(['code', 'hash'])
    .where('campaign_id', '=', campaignId)
    .where('unit_id', '=', unitId)
    .orderBy('attached_at')
    .orderBy('attach_seq')
    .execute();
}

/** Number of files attached per unit × item for a campaign (for the summary list). */
export async function countAllLinks(db: Db, campaignId: string) {
  return db
    .selectFrom('sa_item_files')
    .select((eb) => ['unit_id', 'code', eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', campaignId)
    .groupBy(['unit_id', 'code'])
    .execute();
}

export async function listAssignments(db: Db, campaignId: string, unitId: string) {
  return db
    .selectFrom('sa_assignments as s')
    .leftJoin('accounts as a', 'a.id', 's.staff_id')
    .select(['s.code', 's.staff_id', 'a.display_name as staff_name'])
    .where('s.campaign_id', '=', campaignId)
    .where('s.unit_id', '=', unitId)
    .orderBy('s.code')
    .execute();
}

/** The codes assigned to one staff member in a unit. */
export async function assignedCodes(db: Db, campaignId: string, unitId: string, staffId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('sa_assignments')
    .select('code')
    .where('campaign_id', '=', campaignId)
    .where('unit_id', '=', unitId)
    .where('staff_id', '=', staffId)
    .execute();
  return rows.map((r) => r.code);
}

export async function replaceAssignments(
  db: Db,
  campaignId: string,
  unitId: string,
  rows: { code: string; staffId: string }[],
  by: string,
  at: string,
): Promise<void> {
  await db.deleteFrom('sa_assignments').where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).execute();
  if (rows.length === 0) return;
  await db
    .insertInto('sa_assignments')
    .values(
      rows.map((r) => ({ campaign_id: campaignId, unit_id: unitId, code: r.code, staff_id: r.staffId, assigned_at: at, assigned_by: by })),
    )
    .execute();
}

/** Active staff accounts of a unit: who a coordinator may assign. */
export async function unitStaff(db: Db, campaignId: string, unitId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'username', 'display_name'])
    .where('role', '=', 'staff')
    .where('unit_id', '=', unitId)
    .where((eb) => eb.or([eb('campaign_id', '=', campaignId), eb('campaign_id', 'is', null)]))
    .where('disabled_at', 'is', null)
    .orderBy('display_name')
    .execute();
}
