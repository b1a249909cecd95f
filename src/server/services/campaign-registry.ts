import {
  campaignSchema,
  campaignSettingsSchema,
  deadlinesInForce,
  frameworkSchema,
  indexCampaign,
  questionnaireSchema,
  scoringSettingsSchema,
  type CampaignBundle,
  type CampaignIndex,
  type CampaignSettings,
  type CampaignState,
} from '../../shared';
import { z } from 'zod';
import { listCampaigns, listQuestionnaireVersions } from '../db/campaigns';
import type { Db } from '../db/database';
import { announce, REGISTRY_CHANNEL } from '../db/notify';
import { getSettingsJson } from '../db/settings';

/** What the campaigns table stores as definition_json: the bundle without its questionnaires. */
export const storedDefinitionSchema = z.object({
  campaign: campaignSchema,
  frameworks: z.array(frameworkSchema),
  scoring: scoringSettingsSchema,
});

/**
 * The campaigns in memory, rebuilt from the database after every load: sync checks every response against
 * them, so they must not be re-read per request. The database state column wins over the file's state, and
 * the settings Home Affairs saved (campaign_settings) win over the file's deadlines, which are read with their rules
 * ("trước ngày" is on time through the day before).
 */
export class CampaignRegistry {
  private indexes = new Map<string, CampaignIndex>();
  private settingsById = new Map<string, CampaignSettings>();
  /** Bumped by every reload: validation workers hold a copy of the bundles and refresh it when this moves. */
  private generation = 0;

  constructor(private readonly db: Db) {}

  /**
   * After a change to the campaigns or their settings: reloads, and tells the other server instances on the same
   * PostgreSQL to reload too (services/registry-watch.ts).
   */
  async changed(): Promise<void> {
    await this.reload();
    await announce(this.db, REGISTRY_CHANNEL);
  }

  async reload(): Promise<void> {
    const next = new Map<string, CampaignIndex>();
    const settings = new Map<string, CampaignSettings>();
    for (const row of await listCampaigns(this.db)) {
      const stored = storedDefinitionSchema.parse(JSON.parse(row.definition_json));
      const versions = await listQuestionnaireVersions(this.db, row.id);
      const saved = await getSettingsJson(this.db, row.id);
      const s = campaignSettingsSchema.parse(saved === undefined ? {} : JSON.parse(saved));
      settings.set(row.id, s);
      // The campaign in force carries each deadline as its last day on time (the file's "before" rules applied here,
      // once; the settings' days are last days already), and so no rules of its own.
      const { deadlineRules, ...file } = stored.campaign;
      const bundle: CampaignBundle = {
        ...stored,
        campaign: { ...file, state: row.state, deadlines: s.deadlines ?? deadlinesInForce(file.deadlines, deadlineRules) },
        questionnaires: versions.map((v) => questionnaireSchema.parse(JSON.parse(v.definition_json))),
      };
      next.set(row.id, indexCampaign(bundle));
    }
    this.indexes = next;
    this.settingsById = settings;
    this.generation += 1;
  }

  get version(): number {
    return this.generation;
  }

  /** The campaigns as plain data (what a validation worker rebuilds its indexes from). */
  bundles(): CampaignBundle[] {
    return [...this.indexes.values()].map((c) => c.bundle);
  }

  get(id: string): CampaignIndex | undefined {
    return this.indexes.get(id);
  }

  /** Run-time settings (defaults when none were saved). */
  settings(id: string): CampaignSettings | undefined {
    return this.settingsById.get(id);
  }

  state(id: string): CampaignState | undefined {
    return this.indexes.get(id)?.bundle.campaign.state;
  }

  list(): CampaignIndex[] {
    return [...this.indexes.values()];
  }

  /** The only campaign, or the open one when several are loaded: what a signed-in user works on by default. */
  current(): CampaignIndex | undefined {
    const all = this.list();
    return all.find((c) => c.bundle.campaign.state === 'open') ?? all[all.length - 1];
  }
}
