import type { Db } from './database';

export async function getSettingsJson(db: Db, campaignId: string): Promise<string | undefined> {
  return (await db.selectFrom('campaign_settings').select('settings_json').where('campaign_id', '=', campaignId).executeTakeFirst())
    ?.settings_json;
}

export async function putSettingsJson(db: Db, campaignId: string, json: string, at: string, by: string | null): Promise<void> {
  await db
    .insertInto('campaign_settings')
    .values({ campaign_id: campaignId, settings_json: json, updated_at: at, updated_by: by })
    .onConflict((oc) => oc.column('campaign_id').doUpdateSet({ settings_json: json, updated_at: at, updated_by: by }))
    .execute();
}

/** The saved settings with who saved them and when (their username and name, when the account still exists). */
export async function getSettingsRow(db: Db, campaignId: string) {
  return db
    .selectFrom('campaign_settings as s')
    .leftJoin('accounts as a', 'a.id', 's.updated_by')
    .select(['s.settings_json', 's.updated_at', 's.updated_by', 'a.username as updated_by_username', 'a.display_name as updated_by_name'])
    .where('s.campaign_id', '=', campaignId)
    .executeTakeFirst();
}
