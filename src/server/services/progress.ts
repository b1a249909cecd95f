import { campaignTotals, quotaProgress, type CampaignIndex, type ProgressReport } from '../../shared';
import { listAssignments } from '../db/assignments';
import type { Db } from '../db/database';
import { cellCounts, surveyorCounts } from '../db/responses';

/** Quota progress: counts only, never answers. `unitId` narrows it to one unit (a coordinator's). */
export async function progressReport(db: Db, campaign: CampaignIndex, unitId?: string): Promise<ProgressReport> {
  const c = campaign.bundle.campaign;
  const quotas = unitId ? c.quotas.filter((q) => q.unit === unitId) : c.quotas;
  const counts = await cellCounts(db, c.id, unitId);
  const cells = quotaProgress(
    quotas,
    counts.map((r) => ({ unit: r.unit_id, group: r.group_id, received: r.received, excluded: r.excluded })),
  );
  const totals = campaignTotals(c, cells).overall;
  const assignments = await listAssignments(db, c.id, unitId ? { unitId } : {});
  const bySurveyor = new Map((await surveyorCounts(db, c.id, unitId ? { unitId } : {})).map((r) => [`${r.surveyor_id}\u0000${r.unit_id}\u0000${r.group_id}`, r]));
  const surveyors = assignments.map((a) => {
    const row = bySurveyor.get(`${a.surveyor_id}\u0000${a.unit_id}\u0000${a.group_id}`);
    return {
      surveyor: a.surveyor_id,
      displayName: a.display_name,
      unit: a.unit_id,
      group: a.group_id,
      allocation: a.allocation,
      received: row?.received ?? 0,
      lastReceivedAt: row?.last_received_at ?? null,
    };
  });
  return { campaignId: c.id, cells, surveyors, totals };
}
