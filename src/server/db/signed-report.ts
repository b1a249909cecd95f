import type { Db } from './database';

/** The unit's signed self-assessment report in force (sa_signed_reports), with the uploader's display name. */

export interface SignedReportKey {
  campaignId: string;
  unitId: string;
}

export async function getSignedReport(db: Db, key: SignedReportKey) {
  return db
    .selectFrom('sa_signed_reports as r')
    .leftJoin('accounts as a', 'a.id', 'r.uploaded_by')
    .select(['r.hash', 'r.name', 'r.size', 'r.uploaded_at', 'r.uploaded_by', 'a.display_name as uploaded_by_name'])
    .where('r.campaign_id', '=', key.campaignId)
    .where('r.unit_id', '=', key.unitId)
    .executeTakeFirst();
}

/** Sets (or replaces) the unit's signed report. Call inside a transaction with the audit entry. */
export async function putSignedReport(
  db: Db,
  key: SignedReportKey,
  file: { hash: string; name: string; size: number },
  by: string,
  at: string,
): Promise<void> {
  const row = { hash: file.hash, name: file.name, size: file.size, uploaded_at: at, uploaded_by: by };
  await db
    .insertInto('sa_signed_reports')
    .values({ campaign_id: key.campaignId, unit_id: key.unitId, ...row })
    .onConflict((oc) => oc.columns(['campaign_id', 'unit_id']).doUpdateSet(row))
    .execute();
}

/** When each unit of a campaign uploaded its signed report in force (for the list of units). */
export async function listSignedReportTimes(db: Db, campaignId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('sa_signed_reports').select(['unit_id', 'uploaded_at']).where('campaign_id', '=', campaignId).execute();
  return new Map(rows.map((r) => [r.unit_id, r.uploaded_at]));
}
