import {
  campaignTotals,
  quotaProgress,
  schedule,
  vnDay,
  type CampaignIndex,
  type CellProgress,
  type DailyCount,
  type ProgressReport,
  type UnitProgress,
} from '../../shared';
import { listAssignments } from '../db/assignments';
import { receivedPerHour } from '../db/daily';
import type { Db } from '../db/database';
import { cellCounts, lastReceivedBySurveyor, surveyorCounts } from '../db/responses';
import { selfFillCells } from '../db/self-fill';
import { lastSeenByAccount } from '../db/sessions';

/** Quota progress: counts only, never answers. `unitId` narrows it to one unit (a coordinator's). */
export async function progressReport(db: Db, campaign: CampaignIndex, now: Date, unitId?: string): Promise<ProgressReport> {
  const c = campaign.bundle.campaign;
  const quotas = unitId ? c.quotas.filter((q) => q.unit === unitId) : c.quotas;
  const counts = await cellCounts(db, c.id, unitId);
  const cells = quotaProgress(
    quotas,
    counts.map((r) => ({ unit: r.unit_id, group: r.group_id, received: r.received, excluded: r.excluded })),
  );
  const totals = campaignTotals(c, cells).overall;
  const today = vnDay(now);
  const units = unitRows(campaign, cells, await dailyByUnit(db, c.id, unitId), today);
  const assignments = await listAssignments(db, c.id, unitId ? { unitId } : {});
  const bySurveyor = new Map(
    (await surveyorCounts(db, c.id, unitId ? { unitId } : {})).map((r) => [`${r.surveyor_id}\u0000${r.unit_id}\u0000${r.group_id}`, r]),
  );
  const lastSync = await lastSyncBySurveyor(
    db,
    c.id,
    assignments.map((a) => a.surveyor_id),
  );
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
      lastSyncAt: lastSync.get(a.surveyor_id) ?? null,
    };
  });
  const selfFill = (await selfFillCells(db, c.id, unitId)).map(({ unit_id, group_id, ...counts }) => ({
    unit: unit_id,
    group: group_id,
    ...counts,
  }));
  return { campaignId: c.id, today, deadline: c.deadlines.survey, cells, units, surveyors, selfFill, totals };
}

/**
 * When each surveyor's device last synced: the later of their newest response received (in any cell: a device syncs
 * all its cells at once) and their last contact with the server (a pull with nothing to send is a sync too). The
 * newest response of one cell alone said "never" for a surveyor who had synced but sent nothing for that cell.
 */
async function lastSyncBySurveyor(db: Db, campaignId: string, surveyorIds: string[]): Promise<Map<string, string>> {
  const received = await lastReceivedBySurveyor(db, campaignId, surveyorIds);
  const seen = await lastSeenByAccount(db, surveyorIds);
  const out = new Map<string, string>();
  for (const id of new Set(surveyorIds)) {
    const times = [received.get(id), seen.get(id)].filter((t): t is string => t !== undefined);
    if (times.length > 0)
      out.set(
        id,
        times.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b)),
      );
  }
  return out;
}

/** Per unit, the responses of each Vietnamese day, oldest first. */
async function dailyByUnit(db: Db, campaignId: string, unitId?: string): Promise<Map<string, DailyCount[]>> {
  const byUnit = new Map<string, Map<string, DailyCount>>();
  for (const r of await receivedPerHour(db, campaignId, unitId)) {
    const date = vnDay(`${r.hour}:00:00Z`);
    const days = byUnit.get(r.unit_id) ?? new Map<string, DailyCount>();
    const d = days.get(date) ?? { date, received: 0, excluded: 0 };
    d.received += r.received;
    d.excluded += r.excluded;
    days.set(date, d);
    byUnit.set(r.unit_id, days);
  }
  return new Map([...byUnit].map(([unit, days]) => [unit, [...days.values()].sort((a, b) => a.date.localeCompare(b.date))]));
}

function unitRows(campaign: CampaignIndex, cells: CellProgress[], daily: Map<string, DailyCount[]>, today: string): UnitProgress[] {
  const deadline = campaign.bundle.campaign.deadlines.survey;
  const rows: UnitProgress[] = [];
  for (const unit of campaign.bundle.campaign.units) {
    const own = cells.filter((c) => c.unit === unit.id);
    if (own.length === 0) continue;
    const sum = (k: 'target' | 'received' | 'excluded' | 'counted' | 'remaining' | 'over') => own.reduce((n, c) => n + c[k], 0);
    const days = daily.get(unit.id) ?? [];
    rows.push({
      unit: unit.id,
      level: unit.level,
      target: sum('target'),
      received: sum('received'),
      excluded: sum('excluded'),
      counted: sum('counted'),
      remaining: sum('remaining'),
      over: sum('over'),
      daily: days,
      schedule: schedule({ remaining: sum('remaining'), daily: days, today, deadline }),
    });
  }
  return rows;
}
