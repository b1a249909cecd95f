import { z } from 'zod';
import {
  campaignTotals,
  deadlineRulesSchema,
  deadlinesInForce,
  deadlinesSchema,
  deadlineWording,
  problem,
  quotaProgress,
  type AdminCampaign,
  type CampaignSettings,
  type CampaignSettingsResult,
  type CampaignState,
  type DeadlineWording,
  type Deadlines,
} from '../../shared';
import { countAssignedSurveyors } from '../db/assignments';
import { appendAudit } from '../db/audit';
import { getCampaign, listCampaigns, setCampaignState } from '../db/campaigns';
import { cellCounts } from '../db/responses';
import type { CampaignTable } from '../db/schema';
import { getSettingsRow, putSettingsJson } from '../db/settings';
import { lockKeys } from '../db/locks';
import { inTransaction } from '../db/transaction';
import { problemError } from '../http/errors';
import type { Deps } from '../http/deps';

/** Only the deadlines of the stored definition: the rest is the registry's business. */
const storedDeadlines = z.object({ campaign: z.object({ deadlines: deadlinesSchema, deadlineRules: deadlineRulesSchema.optional() }) });

/** The file's deadlines as last days on time (what the settings' days mean too), and as the file words them. */
function definitionDeadlines(row: Pick<CampaignTable, 'definition_json'>): { lastDays: Deadlines; wording: DeadlineWording } {
  const { deadlines, deadlineRules } = storedDeadlines.parse(JSON.parse(row.definition_json)).campaign;
  return { lastDays: deadlinesInForce(deadlines, deadlineRules), wording: deadlineWording(deadlines, deadlineRules) };
}

async function summary(deps: Deps, row: CampaignTable): Promise<AdminCampaign> {
  const index = deps.registry.get(row.id);
  if (!index) throw problemError(problem('campaigns.not-found', { campaign: row.id }));
  const c = index.bundle.campaign;
  const counts = await cellCounts(deps.db, c.id);
  const cells = quotaProgress(
    c.quotas,
    counts.map((r) => ({ unit: r.unit_id, group: r.group_id, received: r.received, excluded: r.excluded })),
  );
  const fromFile = definitionDeadlines(row);
  return {
    id: c.id,
    name: c.name,
    province: c.province,
    year: c.year,
    state: row.state,
    deadlines: c.deadlines,
    definitionDeadlines: fromFile.lastDays,
    definitionWording: fromFile.wording,
    deadlinesOverridden: deps.registry.settings(c.id)?.deadlines !== undefined,
    units: c.units.length,
    groups: c.respondentGroups.length,
    surveyors: await countAssignedSurveyors(deps.db, c.id),
    totals: campaignTotals(c, cells).overall,
    loadedAt: row.loaded_at,
    updatedAt: row.updated_at,
  };
}

export async function listAdminCampaigns(deps: Deps): Promise<AdminCampaign[]> {
  const out: AdminCampaign[] = [];
  for (const row of await listCampaigns(deps.db)) if (deps.registry.get(row.id)) out.push(await summary(deps, row));
  return out;
}

async function campaignRow(deps: Deps, campaignId: string): Promise<CampaignTable> {
  const row = await getCampaign(deps.db, campaignId);
  if (!row || !deps.registry.get(campaignId)) throw problemError(problem('campaigns.not-found', { campaign: campaignId }));
  return row;
}

/**
 * Opens, closes or returns a campaign to draft. Sync and pull see the new state as soon as the registry reloads:
 * pushes to a campaign that is not open are refused per item with `campaign-closed`. Only one campaign may be open
 * at a time, since a surveyor with no campaign of their own works on the open one.
 */
export async function setAdminCampaignState(
  deps: Deps,
  campaignId: string,
  state: CampaignState,
  actorId: string,
): Promise<{ campaign: AdminCampaign; previousState: CampaignState; changed: boolean }> {
  const row = await campaignRow(deps, campaignId);
  const previousState = row.state;
  if (previousState !== state) {
    const at = deps.now().toISOString();
    await inTransaction(deps.db, async (trx) => {
      // Checked and changed under one lock: two instances opening two campaigns at once cannot both succeed.
      await lockKeys(trx, ['campaigns/state']);
      if (state === 'open') {
        const other = (await listCampaigns(trx)).find((c) => c.id !== campaignId && c.state === 'open');
        if (other) throw problemError(problem('campaigns.another-open', { name: other.name }));
      }
      await setCampaignState(trx, campaignId, state, at);
      await appendAudit(trx, {
        at,
        actorId,
        action: 'campaign.state',
        subject: `campaign:${campaignId}`,
        detail: { from: previousState, to: state },
      });
    });
    await deps.registry.changed();
  }
  const updated = await campaignRow(deps, campaignId);
  return { campaign: await summary(deps, updated), previousState, changed: previousState !== state };
}

export async function getAdminSettings(deps: Deps, campaignId: string): Promise<CampaignSettingsResult> {
  const row = await campaignRow(deps, campaignId);
  const settings = deps.registry.settings(campaignId);
  if (!settings) throw problemError(problem('campaigns.not-found', { campaign: campaignId }));
  const saved = await getSettingsRow(deps.db, campaignId);
  const fromFile = definitionDeadlines(row);
  return {
    campaignId,
    settings,
    definitionDeadlines: fromFile.lastDays,
    definitionWording: fromFile.wording,
    updatedAt: saved?.updated_at ?? null,
    updatedBy: saved?.updated_by_name ?? saved?.updated_by_username ?? null,
  };
}

/**
 * Replaces the run-time settings (deadlines override, short-interview threshold, payment rates, late
 * self-assessment). Rates per group must name groups of the campaign. Sync and pull see them after the reload.
 */
export async function putAdminSettings(
  deps: Deps,
  campaignId: string,
  settings: CampaignSettings,
  actorId: string,
): Promise<CampaignSettingsResult> {
  await campaignRow(deps, campaignId);
  const index = deps.registry.get(campaignId);
  const unknownGroups = Object.keys(settings.payment.respondentRateByGroup).filter((g) => !index?.groups.has(g));
  if (unknownGroups.length > 0) {
    throw problemError(
      problem('campaigns.unknown-groups'),
      unknownGroups.map((g) => `body.payment.respondentRateByGroup.${g}`),
    );
  }
  const at = deps.now().toISOString();
  await inTransaction(deps.db, async (trx) => {
    await putSettingsJson(trx, campaignId, JSON.stringify(settings), at, actorId);
    await appendAudit(trx, { at, actorId, action: 'campaign.settings', subject: `campaign:${campaignId}`, detail: settings });
  });
  await deps.registry.changed();
  return getAdminSettings(deps, campaignId);
}
