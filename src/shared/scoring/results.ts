import type { AssessmentState } from '../appraisal/states';
import type { ScoresExport } from '../api/export';
import type { Results, UnitField, UnitResult } from '../api/results';
import type { CampaignIndex } from '../campaign/bundle';
import { computeIndex, type AppraisedScores } from './par-index';
import { sumRounded } from './round';

export interface ResultsInput {
  index: CampaignIndex;
  /** The council's scores per unit. */
  appraised: readonly AppraisedScores[];
  /** The units' own scores, for the rank each would have had on them. */
  self: readonly AppraisedScores[];
  /** Survey scores of the included responses, by the shared engine. */
  survey: ScoresExport;
  states: ReadonlyMap<string, AssessmentState>;
  computedAt: string;
}

/**
 * The results of a campaign (DESIGN §5, issue 12): per level, every unit's index, rank, band and breakdown per field
 * (self, appraised, survey against their maxima), the rank it would have had on its own scores, the survey figures
 * that rest on too few answers, and how every survey figure was computed.
 */
export function buildResults(input: ResultsInput): Results {
  const { index, survey } = input;
  const { campaign, scoring } = index.bundle;
  const decimals = scoring.decimals;
  const official = computeIndex(index, input.appraised, survey);
  const selfRank = new Map(computeIndex(index, input.self, survey).map((r) => [r.unitId, r.rank]));
  const appraisedBy = new Map(input.appraised.map((a) => [a.unitId, a.points]));
  const selfBy = new Map(input.self.map((a) => [a.unitId, a.points]));
  const surveyBy = new Map(survey.units.map((u) => [u.unitId, u]));

  const units: UnitResult[] = official.map((r) => {
    const framework = index.frameworkByLevel.get(r.level);
    const unitSurvey = surveyBy.get(r.unitId);
    const surveyPoints = new Map((unitSurvey?.subCriteria ?? []).map((s) => [s.code, s]));
    const own = selfBy.get(r.unitId) ?? {};
    const council = appraisedBy.get(r.unitId) ?? {};
    const fields: UnitField[] = (framework?.fields ?? []).map((f) => {
      const subs = f.criteria.flatMap((c) => c.subCriteria);
      const appraisedSubs = subs.filter((s) => s.method === 'appraised');
      const counted = subs
        .filter((s) => s.method === 'survey')
        .map((s) => surveyPoints.get(s.code))
        .filter((s) => s !== undefined && s.points !== null);
      return {
        code: f.code,
        title: f.title,
        self: sumRounded(
          appraisedSubs.map((s) => own[s.code] ?? 0),
          decimals,
        ),
        appraised: sumRounded(
          appraisedSubs.map((s) => council[s.code] ?? 0),
          decimals,
        ),
        appraisedMax: sumRounded(
          appraisedSubs.map((s) => s.maxPoints),
          decimals,
        ),
        survey: sumRounded(
          counted.map((s) => s?.points ?? 0),
          decimals,
        ),
        surveyMax: sumRounded(
          counted.map((s) => s?.maxPoints ?? 0),
          decimals,
        ),
      };
    });
    return {
      unitId: r.unitId,
      unitName: index.units.get(r.unitId)?.name ?? r.unitId,
      level: r.level,
      state: input.states.get(r.unitId) ?? 'draft',
      rank: r.rank,
      band: r.band,
      percent: r.percent,
      totalPoints: r.totalPoints,
      maxPoints: r.maxPoints,
      appraisedPoints: r.appraisedPoints,
      appraisedMax: r.appraisedMax,
      surveyPoints: r.surveyPoints,
      surveyMax: r.surveyMax,
      selfPoints: sumRounded(
        fields.map((f) => f.self),
        decimals,
      ),
      selfRank: selfRank.get(r.unitId) ?? r.rank,
      unappraised: r.missingAppraised,
      fields,
      items: (framework?.fields ?? []).flatMap((f) =>
        f.criteria.flatMap((c) =>
          c.subCriteria.map((s) => ({
            code: s.code,
            title: s.title,
            method: s.method,
            maxPoints: s.maxPoints,
            self: s.method === 'appraised' ? (own[s.code] ?? null) : null,
            appraised: s.method === 'appraised' ? (council[s.code] ?? null) : null,
            survey: s.method === 'survey' ? (surveyPoints.get(s.code)?.points ?? null) : null,
          })),
        ),
      ),
      surveyCaveats: (unitSurvey?.subCriteria ?? [])
        .map((s) => ({
          code: s.code,
          title: s.title,
          rule: s.rule,
          thinGroups: s.groups.filter((g) => g.omitted === 'below-minimum').map((g) => g.groupId),
        }))
        .filter((c) => c.rule !== 'computed' || c.thinGroups.length > 0),
      survey: {
        unitId: r.unitId,
        points: unitSurvey?.points ?? 0,
        maxPoints: unitSurvey?.maxPoints ?? 0,
        responses: unitSurvey?.responses ?? {},
        subCriteria: unitSurvey?.subCriteria ?? [],
      },
    };
  });

  return {
    campaignId: campaign.id,
    campaignName: campaign.name,
    province: campaign.province,
    year: campaign.year,
    computedAt: input.computedAt,
    rules: {
      bands: scoring.bands.map((b) => ({ id: b.id, name: b.name, minPercent: b.minPercent })),
      tieBreak: scoring.tieBreak,
      noValidDataPolicy: scoring.noValidDataPolicy,
      minValidAnswersPerGroup: scoring.minValidAnswersPerGroup,
      decimals,
    },
    sampleNotice: sampleNoticeOf(index),
    levels: campaign.unitLevels
      .map((l) => ({ level: l.id, name: l.name, units: units.filter((u) => u.level === l.id) }))
      .filter((l) => l.units.length > 0),
  };
}

/** The notice of sample data a framework or questionnaire carries, so that published figures say they are samples. */
function sampleNoticeOf(index: CampaignIndex): string | null {
  const notices = [index.bundle.campaign.sampleNotice, ...[...index.frameworkByLevel.values()].map((f) => f.sampleNotice)].filter(
    (n): n is string => typeof n === 'string',
  );
  return notices[0] ?? null;
}
