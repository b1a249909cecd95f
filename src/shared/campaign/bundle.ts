import type { Campaign, QuotaCell, RespondentGroup, Unit } from '../schema/campaign';
import type { Framework, SubCriterion } from '../schema/framework';
import type { Questionnaire } from '../schema/questionnaire';
import type { ScoringSettings } from '../schema/scoring';

/** A campaign as loaded from its folder: everything the engine needs, already parsed by the schemas. */
export interface CampaignBundle {
  campaign: Campaign;
  frameworks: Framework[];
  questionnaires: Questionnaire[];
  scoring: ScoringSettings;
}

export const cellKey = (unit: string, group: string): string => `${unit}\u0000${group}`;
export const versionKey = (id: string, version: number): string => `${id}@${version}`;

/** Lookup tables over a bundle, built once and shared by the engine, the checker and the server. */
export interface CampaignIndex {
  bundle: CampaignBundle;
  units: Map<string, Unit>;
  groups: Map<string, RespondentGroup>;
  quotas: Map<string, QuotaCell>;
  questionnaires: Map<string, Questionnaire>;
  frameworkByLevel: Map<string, Framework>;
  /** level → sub-criterion code → sub-criterion */
  subCriteria: Map<string, Map<string, SubCriterion>>;
}

export function indexCampaign(bundle: CampaignBundle): CampaignIndex {
  const subCriteria = new Map<string, Map<string, SubCriterion>>();
  for (const fw of bundle.frameworks) {
    const byCode = new Map<string, SubCriterion>();
    for (const sc of frameworkSubCriteria(fw)) byCode.set(sc.code, sc);
    subCriteria.set(fw.level, byCode);
  }
  return {
    bundle,
    units: new Map(bundle.campaign.units.map((u) => [u.id, u])),
    groups: new Map(bundle.campaign.respondentGroups.map((g) => [g.id, g])),
    quotas: new Map(bundle.campaign.quotas.map((c) => [cellKey(c.unit, c.group), c])),
    questionnaires: new Map(bundle.questionnaires.map((q) => [versionKey(q.id, q.version), q])),
    frameworkByLevel: new Map(bundle.frameworks.map((f) => [f.level, f])),
    subCriteria,
  };
}

export function frameworkSubCriteria(fw: Framework): SubCriterion[] {
  return fw.fields.flatMap((f) => f.criteria.flatMap((c) => c.subCriteria));
}

/** The quota target of a cell, 0 when the cell is not in the campaign. */
export function quotaTarget(index: CampaignIndex, unit: string, group: string): number {
  return index.quotas.get(cellKey(unit, group))?.target ?? 0;
}
