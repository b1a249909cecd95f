import type { Db } from './database';
import type { CouncilAssignmentTable, CouncilMemberTable } from './schema';

/** The council of a campaign: its members with their accounts, and what each appraises. */
export async function listCouncil(db: Db, campaignId: string) {
  const members = await db
    .selectFrom('council_members as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select(['m.account_id', 'm.position', 'm.organisation', 'a.username', 'a.display_name', 'a.role', 'a.disabled_at'])
    .where('m.campaign_id', '=', campaignId)
    .orderBy('a.display_name')
    .execute();
  const scopes = await db
    .selectFrom('council_assignments')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('level')
    .orderBy('scope')
    .execute();
  return { members, scopes };
}

/** One member's place in the council and what they appraise, or undefined when the account is not a member. */
export async function councilMember(db: Db, campaignId: string, accountId: string) {
  const member = await db
    .selectFrom('council_members')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!member) return undefined;
  const scopes = await db
    .selectFrom('council_assignments')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('account_id', '=', accountId)
    .execute();
  return { member, scopes };
}

/** Sets a member (position, organisation) and replaces what they appraise. */
export async function putCouncilMember(
  db: Db,
  row: CouncilMemberTable,
  scopes: Omit<CouncilAssignmentTable, 'campaign_id' | 'account_id' | 'assigned_at'>[],
): Promise<void> {
  await db
    .insertInto('council_members')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['campaign_id', 'account_id'])
        .doUpdateSet({ position: row.position, organisation: row.organisation, updated_at: row.updated_at }),
    )
    .execute();
  await db.deleteFrom('council_assignments').where('campaign_id', '=', row.campaign_id).where('account_id', '=', row.account_id).execute();
  if (scopes.length > 0) {
    await db
      .insertInto('council_assignments')
      .values(scopes.map((s) => ({ ...s, campaign_id: row.campaign_id, account_id: row.account_id, assigned_at: row.updated_at })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** Removes a member and what they appraise (their saved appraisals stay, with their name). */
export async function deleteCouncilMember(db: Db, campaignId: string, accountId: string): Promise<boolean> {
  await db.deleteFrom('council_assignments').where('campaign_id', '=', campaignId).where('account_id', '=', accountId).execute();
  const r = await db
    .deleteFrom('council_members')
    .where('campaign_id', '=', campaignId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** The chairs of a campaign's council (normally one). */
export async function chairsOf(db: Db, campaignId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('council_members')
    .select('account_id')
    .where('campaign_id', '=', campaignId)
    .where('position', '=', 'chair')
    .execute();
  return rows.map((r) => r.account_id);
}
