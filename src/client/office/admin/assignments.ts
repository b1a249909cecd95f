import type { AdminAssignment, AssignmentCell } from '../../../shared/api/admin';
import type { CampaignInfo } from '../../../shared/api/pull';

export const assignmentUrl = (campaignId: string, a: { surveyorId: string; unitId: string; groupId: string }) =>
  `/api/campaigns/${encodeURIComponent(campaignId)}/assignments/${encodeURIComponent(a.surveyorId)}/${encodeURIComponent(a.unitId)}/${encodeURIComponent(a.groupId)}`;

export function assignmentsUrl(campaignId: string, f: { unitId: string; surveyorId: string }): string {
  const params = new URLSearchParams(Object.entries(f).filter(([, v]) => v !== ''));
  const s = params.toString();
  return `/api/campaigns/${encodeURIComponent(campaignId)}/assignments${s ? `?${s}` : ''}`;
}

export const cellOf = (cells: AssignmentCell[], a: AdminAssignment) => cells.find((c) => c.unitId === a.unitId && c.groupId === a.groupId);

/** The groups a unit may be assigned: those that rate the unit's level. */
export const groupsFor = (campaign: CampaignInfo, unitId: string) => {
  const unit = campaign.units.find((u) => u.id === unitId);
  return unit ? campaign.groups.filter((g) => g.ratesLevel === unit.level) : [];
};

/** An allocation typed in a field: empty is null (the surveyor works towards the cell's target). */
export const allocationOf = (text: string): number | null => (text.trim() === '' ? null : Number(text.trim()));

/** What the screen says after a change: the server's message or ours, and its warnings. */
export interface Notice {
  text: string;
  warnings: string[];
}
