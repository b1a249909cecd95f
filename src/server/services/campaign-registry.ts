import {
  campaignSchema,
  frameworkSchema,
  indexCampaign,
  questionnaireSchema,
  scoringSettingsSchema,
  type CampaignBundle,
  type CampaignIndex,
  type CampaignState,
} from '../../shared';
import { z } from 'zod';
import { listCampaigns, listQuestionnaireVersions } from '../db/campaigns';
import type { Db } from '../db/database';

/** What the campaigns table stores as definition_json: the bundle without its questionnaires. */
export const storedDefinitionSchema = z.object({
  campaign: campaignSchema,
  frameworks: z.array(frameworkSchema),
  scoring: scoringSettingsSchema,
});

/**
 * The campaigns in memory, rebuilt from the database after every load: sync checks every response against
 * them, so they must not be re-read per request. The database state column wins over the file's state.
 */
export class CampaignRegistry {
  private indexes = new Map<string, CampaignIndex>();
  /** Bumped by every reload: validation workers hold a copy of the bundles and refresh it when this moves. */
  private generation = 0;

  constructor(private readonly db: Db) {}

  async reload(): Promise<void> {
    const next = new Map<string, CampaignIndex>();
    for (const row of await listCampaigns(this.db)) {
      const stored = storedDefinitionSchema.parse(JSON.parse(row.definition_json));
      const versions = await listQuestionnaireVersions(this.db, row.id);
      const bundle: CampaignBundle = {
        ...stored,
        campaign: { ...stored.campaign, state: row.state },
        questionnaires: versions.map((v) => questionnaireSchema.parse(JSON.parse(v.definition_json))),
      };
      next.set(row.id, indexCampaign(bundle));
    }
    this.indexes = next;
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
