import type { CampaignInfo } from '../../../shared/api/pull';
import type { UnitResult } from '../../../shared/api/results';

type SubCriterionSurvey = UnitResult['survey']['subCriteria'][number];

/** A respondent group's name: as the unit's survey detail names it, else the campaign, else its id. */
export function groupName(unit: UnitResult, campaign: CampaignInfo, groupId: string): string {
  for (const s of unit.survey.subCriteria) {
    const g = s.groups.find((x) => x.groupId === groupId);
    if (g) return g.groupName;
  }
  return campaign.groups.find((g) => g.id === groupId)?.name ?? groupId;
}

/**
 * The survey sub-criteria a drill-down shows: every one (`null`), those of a field or criterion (a code prefix, "1"
 * for 1.2.1), or one sub-criterion. A prefix that matches nothing shows every one rather than nothing.
 */
export function surveyUnder(unit: UnitResult, code: string | null): SubCriterionSurvey[] {
  const all = unit.survey.subCriteria;
  if (code === null) return all;
  const some = all.filter((s) => s.code === code || s.code.startsWith(`${code}.`));
  return some.length > 0 ? some : all;
}

/** Whether a field (or criterion) has any survey sub-criterion: its survey figure then opens the drill-down. */
export const hasSurveyUnder = (unit: UnitResult, code: string) =>
  unit.survey.subCriteria.some((s) => s.code === code || s.code.startsWith(`${code}.`));
