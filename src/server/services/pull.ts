import {
  defaultCampaignSettings,
  quotaTarget,
  type CampaignIndex,
  type CampaignInfo,
  type CampaignSettings,
  type PullResult,
} from '../../shared';
import { listAssignments } from '../db/assignments';
import type { Db } from '../db/database';
import { countedInCells, surveyorCounts } from '../db/responses';

/** Everything a surveyor's device needs to work offline: campaign summary, assignments with counts, questionnaires. */
export async function pullForSurveyor(
  db: Db,
  campaign: CampaignIndex,
  settings: CampaignSettings | undefined,
  account: { id: string; username: string; displayName: string },
  now: Date,
): Promise<PullResult> {
  const c = campaign.bundle.campaign;
  const assignments = await listAssignments(db, c.id, { surveyorId: account.id });
  const counted = await countedInCells(db, c.id, [...new Set(assignments.map((a) => a.unit_id))]);
  const own = new Map(
    (await surveyorCounts(db, c.id, { surveyorId: account.id })).map((r) => [`${r.unit_id}\u0000${r.group_id}`, r.received]),
  );
  const groups = new Set(assignments.map((a) => a.group_id));
  return {
    serverTime: now.toISOString(),
    account,
    campaign: campaignInfo(campaign),
    assignments: assignments.map((a) => {
      const key = `${a.unit_id}\u0000${a.group_id}`;
      return {
        unit: a.unit_id,
        group: a.group_id,
        allocation: a.allocation,
        target: quotaTarget(campaign, a.unit_id, a.group_id),
        cellCount: counted.get(key) ?? 0,
        ownCount: own.get(key) ?? 0,
      };
    }),
    questionnaires: campaign.bundle.questionnaires.filter((q) => q.groups.some((g) => groups.has(g))),
    surveyLate: (settings ?? defaultCampaignSettings()).surveyLate,
  };
}

/** The campaign as everyone signed in may see it (pull, office screens). */
export function campaignInfo(campaign: CampaignIndex): CampaignInfo {
  const c = campaign.bundle.campaign;
  return {
    id: c.id,
    name: c.name,
    province: c.province,
    year: c.year,
    state: c.state,
    deadlines: c.deadlines,
    ...(c.sampleNotice ? { sampleNotice: c.sampleNotice } : {}),
    unitLevels: c.unitLevels.map((l) => ({ id: l.id, name: l.name })),
    units: c.units.map((u) => ({ id: u.id, name: u.name, ...(u.shortName ? { shortName: u.shortName } : {}), level: u.level })),
    groups: c.respondentGroups.map((g) => ({ id: g.id, name: g.name, ratesLevel: g.ratesLevel, description: g.description })),
  };
}
