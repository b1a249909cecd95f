import type { Db } from './database';
import type { CampaignTable } from './schema';

export async function getCampaign(db: Db, id: string) {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCampaigns(db: Db) {
  return db.selectFrom('campaigns').selectAll().orderBy('loaded_at').execute();
}

export async function insertCampaign(db: Db, row: CampaignTable): Promise<void> {
  await db.insertInto('campaigns').values(row).execute();
}

export async function updateCampaignDefinition(
  db: Db,
  id: string,
  fields: Pick<CampaignTable, 'name' | 'definition_json' | 'definition_hash' | 'updated_at'>,
): Promise<void> {
  await db.updateTable('campaigns').set(fields).where('id', '=', id).execute();
}

export async function setCampaignState(db: Db, id: string, state: CampaignTable['state'], at: string): Promise<void> {
  await db.updateTable('campaigns').set({ state, updated_at: at }).where('id', '=', id).execute();
}

export async function listQuestionnaireVersions(db: Db, campaignId: string) {
  return db
    .selectFrom('questionnaire_versions')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('questionnaire_id')
    .orderBy('version')
    .execute();
}

export async function insertQuestionnaireVersion(
  db: Db,
  row: {
    campaign_id: string;
    questionnaire_id: string;
    version: number;
    definition_json: string;
    definition_hash: string;
    loaded_at: string;
  },
): Promise<void> {
  await db.insertInto('questionnaire_versions').values(row).execute();
}

export async function replaceQuestionnaireVersion(
  db: Db,
  campaignId: string,
  id: string,
  version: number,
  json: string,
  hash: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('questionnaire_versions')
    .set({ definition_json: json, definition_hash: hash, loaded_at: at })
    .where('campaign_id', '=', campaignId)
    .where('questionnaire_id', '=', id)
    .where('version', '=', version)
    .execute();
}

/** Units and groups that stored data refers to: what a new definition must keep. */
export async function referencedUnitsAndGroups(db: Db, campaignId: string): Promise<{ units: Set<string>; groups: Set<string> }> {
  const cells = await db
    .selectFrom('responses')
    .select(['unit_id', 'group_id'])
    .where('campaign_id', '=', campaignId)
    .union(db.selectFrom('assignments').select(['unit_id', 'group_id']).where('campaign_id', '=', campaignId))
    .union(db.selectFrom('roster_entries').select(['unit_id', 'group_id']).where('campaign_id', '=', campaignId))
    .execute();
  const accountUnits = await db
    .selectFrom('accounts')
    .select('unit_id')
    .where('campaign_id', '=', campaignId)
    .where('unit_id', 'is not', null)
    .execute();
  return {
    units: new Set([...cells.map((c) => c.unit_id), ...accountUnits.map((a) => a.unit_id as string)]),
    groups: new Set(cells.map((c) => c.group_id)),
  };
}

/** "id@version" of every questionnaire version that has responses. */
export async function versionsWithResponses(db: Db, campaignId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('responses')
    .select(['questionnaire_id', 'questionnaire_version'])
    .distinct()
    .where('campaign_id', '=', campaignId)
    .execute();
  return new Set(rows.map((r) => `${r.questionnaire_id}@${r.questionnaire_version}`));
}
