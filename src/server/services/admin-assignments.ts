import {
  cellKey,
  cellRule,
  problem,
  problemTextVi,
  said,
  sheetSaidText,
  type Catalogue,
  type SheetSaid,
  quotaTarget,
  type AdminAssignment,
  type AssignmentCell,
  type CampaignIndex,
} from '../../shared';
import { findAccountById } from '../db/accounts';
import {
  assignmentsOfUnits,
  deleteAssignment,
  getAssignment,
  listAssignmentsForAdmin,
  upsertAssignment,
  type AdminAssignmentRow,
} from '../db/assignments';
import { appendAudit } from '../db/audit';
import { countedInCells } from '../db/responses';
import { inTransaction } from '../db/transaction';
import { problemError } from '../http/errors';
import type { Deps } from '../http/deps';
import { requireCampaign } from './admin-accounts';

function toAdminAssignment(r: AdminAssignmentRow, c: CampaignIndex): AdminAssignment {
  return {
    surveyorId: r.surveyor_id,
    username: r.username,
    displayName: r.display_name,
    disabled: r.disabled_at !== null,
    unitId: r.unit_id,
    unitName: c.units.get(r.unit_id)?.name ?? r.unit_id,
    groupId: r.group_id,
    groupName: c.groups.get(r.group_id)?.name ?? r.group_id,
    allocation: r.allocation,
    received: r.received,
    excluded: r.excluded,
    lastReceivedAt: r.last_received_at,
    createdAt: r.created_at,
  };
}

/** Target, counted responses and the allocations of every surveyor of the given cells. */
async function cellsOf(deps: Deps, c: CampaignIndex, cells: { unitId: string; groupId: string }[]): Promise<AssignmentCell[]> {
  const unitIds = [...new Set(cells.map((x) => x.unitId))];
  const all = await assignmentsOfUnits(deps.db, c.bundle.campaign.id, unitIds);
  const counted = await countedInCells(deps.db, c.bundle.campaign.id, unitIds);
  const seen = new Set<string>();
  const out: AssignmentCell[] = [];
  for (const { unitId, groupId } of cells) {
    const key = cellKey(unitId, groupId);
    if (seen.has(key)) continue;
    seen.add(key);
    const mine = all.filter((a) => a.unit_id === unitId && a.group_id === groupId);
    const target = quotaTarget(c, unitId, groupId);
    const allocated = mine.reduce((n, a) => n + (a.allocation ?? 0), 0);
    out.push({
      unitId,
      groupId,
      target,
      counted: counted.get(key) ?? 0,
      allocated,
      surveyors: mine.length,
      overAllocated: allocated > target,
    });
  }
  return out;
}

const overAllocationWarning = (c: CampaignIndex, cell: AssignmentCell): SheetSaid =>
  said('cellOverTarget', {
    unit: c.units.get(cell.unitId)?.name ?? cell.unitId,
    group: c.groups.get(cell.groupId)?.name ?? cell.groupId,
    allocated: cell.allocated,
    target: cell.target,
  });

function requireCell(c: CampaignIndex, unitId: string, groupId: string) {
  const unit = c.units.get(unitId);
  if (!unit) throw problemError(problem('assignments.unit-not-found', { unit: unitId, campaign: c.bundle.campaign.id }));
  const group = c.groups.get(groupId);
  if (!group) throw problemError(problem('assignments.group-not-found', { group: groupId, campaign: c.bundle.campaign.id }));
  return { unit, group };
}

export async function listAdminAssignments(
  deps: Deps,
  campaignId: string,
  f: { unitId?: string; groupId?: string; surveyorId?: string },
  catalogue: Catalogue = problemTextVi,
): Promise<{ assignments: AdminAssignment[]; cells: AssignmentCell[]; warnings: string[] }> {
  const c = requireCampaign(deps, campaignId);
  if (f.unitId && !c.units.has(f.unitId))
    throw problemError(problem('assignments.unit-not-found', { unit: f.unitId, campaign: campaignId }));
  if (f.groupId && !c.groups.has(f.groupId))
    throw problemError(problem('assignments.group-not-found', { group: f.groupId, campaign: campaignId }));
  const rows = await listAssignmentsForAdmin(deps.db, campaignId, f);
  const cells = await cellsOf(
    deps,
    c,
    rows.map((r) => ({ unitId: r.unit_id, groupId: r.group_id })),
  );
  return {
    assignments: rows.map((r) => toAdminAssignment(r, c)),
    cells,
    warnings: cells.filter((x) => x.overAllocated).map((x) => sheetSaidText(catalogue, overAllocationWarning(c, x))),
  };
}

/**
 * Assigns a surveyor to a unit × group cell, or changes the allocation of an existing assignment. Allocations that
 * add up to more than the cell's target are saved with a warning, never refused (DESIGN §4: warn, never block).
 */
export async function setAdminAssignment(
  deps: Deps,
  p: { campaignId: string; surveyorId: string; unitId: string; groupId: string },
  allocation: number | null,
  actorId: string,
  catalogue: Catalogue = problemTextVi,
): Promise<{ assignment: AdminAssignment; created: boolean; cell: AssignmentCell; warnings: string[] }> {
  const c = requireCampaign(deps, p.campaignId);
  const account = await findAccountById(deps.db, p.surveyorId);
  if (!account) throw problemError(problem('assignments.surveyor-not-found'));
  if (account.role !== 'surveyor') throw problemError(problem('assignments.not-a-surveyor', { account: account.username }));
  if (account.campaign_id && account.campaign_id !== p.campaignId) {
    throw problemError(
      problem('assignments.other-campaign', { account: account.username, campaign: account.campaign_id, expected: p.campaignId }),
    );
  }
  const { unit, group } = requireCell(c, p.unitId, p.groupId);
  if (cellRule(unit, group)) {
    throw problemError(
      problem('assignments.group-level-mismatch', { group: group.id, unit: unit.id, groupLevel: group.ratesLevel, unitLevel: unit.level }),
    );
  }

  const before = await getAssignment(deps.db, p.campaignId, p.surveyorId, p.unitId, p.groupId);
  const at = deps.now().toISOString();
  await inTransaction(deps.db, async (trx) => {
    await upsertAssignment(trx, {
      campaign_id: p.campaignId,
      surveyor_id: p.surveyorId,
      unit_id: p.unitId,
      group_id: p.groupId,
      allocation,
      created_at: at,
    });
    await appendAudit(trx, {
      at,
      actorId,
      action: 'assignment.assign',
      subject: `account:${account.username}`,
      detail: {
        campaignId: p.campaignId,
        unitId: p.unitId,
        groupId: p.groupId,
        allocation,
        ...(before ? { previousAllocation: before.allocation } : {}),
      },
    });
  });
  const [row] = await listAssignmentsForAdmin(deps.db, p.campaignId, { surveyorId: p.surveyorId, unitId: p.unitId, groupId: p.groupId });
  if (!row) throw problemError(problem('assignments.saved-not-found'));
  const [cell] = await cellsOf(deps, c, [{ unitId: p.unitId, groupId: p.groupId }]);
  if (!cell) throw problemError(problem('assignments.cell-not-found'));
  const warnings: SheetSaid[] = [];
  if (cell.overAllocated) warnings.push(overAllocationWarning(c, cell));
  if (cell.target === 0) warnings.push(said('noTarget', { unit: unit.name, group: group.name }));
  if (account.disabled_at) warnings.push(said('accountDisabled', { account: account.username }));
  return { assignment: toAdminAssignment(row, c), created: !before, cell, warnings: warnings.map((w) => sheetSaidText(catalogue, w)) };
}

/**
 * Removes an assignment. Responses the surveyor already sent for the cell stay as they are (and count unless
 * excluded in review); what is still
 * waiting on the phone for this cell will be refused as not assigned at the next sync.
 */
export async function removeAdminAssignment(
  deps: Deps,
  p: { campaignId: string; surveyorId: string; unitId: string; groupId: string },
  actorId: string,
  catalogue: Catalogue = problemTextVi,
): Promise<{ removed: true; responsesKept: number; message: string }> {
  const c = requireCampaign(deps, p.campaignId);
  requireCell(c, p.unitId, p.groupId);
  const [row] = await listAssignmentsForAdmin(deps.db, p.campaignId, { surveyorId: p.surveyorId, unitId: p.unitId, groupId: p.groupId });
  if (!row) throw problemError(problem('assignments.not-found'));
  const at = deps.now().toISOString();
  await inTransaction(deps.db, async (trx) => {
    await deleteAssignment(trx, p.campaignId, p.surveyorId, p.unitId, p.groupId);
    await appendAudit(trx, {
      at,
      actorId,
      action: 'assignment.unassign',
      subject: `account:${row.username}`,
      detail: { campaignId: p.campaignId, unitId: p.unitId, groupId: p.groupId, allocation: row.allocation, responsesKept: row.received },
    });
  });
  const kept = row.received;
  const message = sheetSaidText(catalogue, kept > 0 ? said('unassignedKept', { kept, surveyor: row.display_name }) : said('unassigned'));
  return { removed: true, responsesKept: kept, message };
}
