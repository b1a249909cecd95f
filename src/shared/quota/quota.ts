import type { Campaign, QuotaCell } from '../schema/campaign';
import { cellKey } from '../campaign/bundle';

/** Responses received for one unit × group cell; `excluded` of them were set aside by Home Affairs. */
export interface CellCount {
  unit: string;
  group: string;
  received: number;
  excluded?: number;
}

export interface Tally {
  target: number;
  received: number;
  excluded: number;
  /** received − excluded: what counts towards the quota. */
  counted: number;
  /** Still to collect, never negative. A surplus in one cell does not fill another. */
  remaining: number;
  /** Counted beyond the target. */
  over: number;
}

export interface CellProgress extends Tally {
  unit: string;
  group: string;
  reached: boolean;
}

function tally(target: number, received: number, excluded: number): Tally {
  const counted = received - excluded;
  return {
    target,
    received,
    excluded,
    counted,
    remaining: Math.max(0, target - counted),
    over: Math.max(0, counted - target),
  };
}

function addTally(a: Tally, b: Tally): Tally {
  return {
    target: a.target + b.target,
    received: a.received + b.received,
    excluded: a.excluded + b.excluded,
    counted: a.counted + b.counted,
    remaining: a.remaining + b.remaining,
    over: a.over + b.over,
  };
}

const emptyTally = (): Tally => tally(0, 0, 0);

/** Progress of every quota cell, in the campaign's order. Counts for cells outside the quotas are ignored. */
export function quotaProgress(quotas: QuotaCell[], counts: CellCount[]): CellProgress[] {
  const byCell = new Map<string, { received: number; excluded: number }>();
  for (const c of counts) {
    const key = cellKey(c.unit, c.group);
    const acc = byCell.get(key) ?? { received: 0, excluded: 0 };
    acc.received += c.received;
    acc.excluded += c.excluded ?? 0;
    byCell.set(key, acc);
  }
  return quotas.map((q) => {
    const c = byCell.get(cellKey(q.unit, q.group)) ?? { received: 0, excluded: 0 };
    const t = tally(q.target, c.received, c.excluded);
    return { unit: q.unit, group: q.group, ...t, reached: t.counted >= q.target };
  });
}

export interface CampaignTotals {
  overall: Tally;
  byLevel: Record<string, Tally>;
  byGroup: Record<string, Tally>;
  byUnit: Record<string, Tally>;
}

/** Sums cell progress per unit, per level, per group and overall (2,745 for the reference campaign). */
export function campaignTotals(campaign: Campaign, progress: CellProgress[]): CampaignTotals {
  const levelOf = new Map(campaign.units.map((u) => [u.id, u.level]));
  const totals: CampaignTotals = { overall: emptyTally(), byLevel: {}, byGroup: {}, byUnit: {} };
  const bump = (rec: Record<string, Tally>, key: string, t: Tally): void => {
    rec[key] = addTally(rec[key] ?? emptyTally(), t);
  };
  for (const cell of progress) {
    const level = levelOf.get(cell.unit) ?? 'unknown';
    totals.overall = addTally(totals.overall, cell);
    bump(totals.byLevel, level, cell);
    bump(totals.byGroup, cell.group, cell);
    bump(totals.byUnit, cell.unit, cell);
  }
  return totals;
}

/** A surveyor's share of a cell; no allocation means "work towards the cell's target". */
export interface Assignment {
  surveyor: string;
  unit: string;
  group: string;
  allocation?: number;
}

export interface SurveyorCount {
  surveyor: string;
  unit: string;
  group: string;
  received: number;
}

export interface AssignmentProgress extends Assignment {
  received: number;
  /** Allocation still to collect; undefined without an allocation. */
  remaining?: number;
  reached: boolean;
}

export function assignmentProgress(assignments: Assignment[], counts: SurveyorCount[]): AssignmentProgress[] {
  const key = (s: string, u: string, g: string): string => `${s}\u0000${cellKey(u, g)}`;
  const byKey = new Map<string, number>();
  for (const c of counts) byKey.set(key(c.surveyor, c.unit, c.group), (byKey.get(key(c.surveyor, c.unit, c.group)) ?? 0) + c.received);
  return assignments.map((a) => {
    const received = byKey.get(key(a.surveyor, a.unit, a.group)) ?? 0;
    if (a.allocation === undefined) return { ...a, received, reached: false };
    return { ...a, received, remaining: Math.max(0, a.allocation - received), reached: received >= a.allocation };
  });
}

/** Cells whose surveyor allocations add up to more than the target: a set-up mistake worth showing. */
export function overAllocatedCells(
  quotas: QuotaCell[],
  assignments: Assignment[],
): { unit: string; group: string; target: number; allocated: number }[] {
  const allocated = new Map<string, number>();
  for (const a of assignments) {
    if (a.allocation !== undefined) allocated.set(cellKey(a.unit, a.group), (allocated.get(cellKey(a.unit, a.group)) ?? 0) + a.allocation);
  }
  return quotas.flatMap((q) => {
    const sum = allocated.get(cellKey(q.unit, q.group)) ?? 0;
    return sum > q.target ? [{ unit: q.unit, group: q.group, target: q.target, allocated: sum }] : [];
  });
}

/** What a device shows for a cell: the server's count at last sync plus what waits on the device. */
export function deviceCount(serverCount: number, unsyncedOnDevice: number): number {
  return serverCount + unsyncedOnDevice;
}

export type StartWarning = 'quota-reached' | 'allocation-reached' | null;

/**
 * Warn (never block) before a surveyor starts one more response (DESIGN §4 rule 9).
 * `cellCount` and `ownCount` already include unsynced responses on the device.
 */
export function startWarning(args: { target: number; cellCount: number; allocation?: number; ownCount: number }): StartWarning {
  if (args.cellCount >= args.target) return 'quota-reached';
  if (args.allocation !== undefined && args.ownCount >= args.allocation) return 'allocation-reached';
  return null;
}

/** The server flags a response over quota when the cell had already reached its target before it arrived. */
export function isOverQuota(target: number, countedBefore: number): boolean {
  return countedBefore >= target;
}
