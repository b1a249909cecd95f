import type { CampaignIndex } from '../campaign/bundle';
import type { TieBreakKey } from '../schema/scoring';
import { roundHalfUp, sumRounded } from './round';

/** The council's appraised points per appraised sub-criterion of one unit. */
export interface AppraisedScores {
  unitId: string;
  points: Record<string, number>;
}

export interface FieldResult {
  code: string;
  title: string;
  points: number;
  maxPoints: number;
  percent: number;
}

export interface UnitIndexResult {
  unitId: string;
  level: string;
  appraisedPoints: number;
  appraisedMax: number;
  surveyPoints: number;
  surveyMax: number;
  totalPoints: number;
  /** The maximum that counts: the framework's, less survey sub-criteria rescaled away. */
  maxPoints: number;
  percent: number;
  /** 1 = best within the level; units equal after every tie-break share a rank (1, 2, 2, 4). */
  rank: number;
  band: { id: string; name: string };
  /** Appraised sub-criteria with no score yet: counted as 0. */
  missingAppraised: string[];
  fields: FieldResult[];
}

/** What the index needs of the survey scores: the points of each survey sub-criterion per unit (null: left out). */
export interface SurveyPoints {
  units: readonly { unitId: string; subCriteria: readonly { code: string; points: number | null }[] }[];
}

export class IndexInputError extends Error {}

const percentOf = (points: number, max: number, decimals: number): number => (max > 0 ? roundHalfUp((points / max) * 100, decimals) : 0);

/**
 * The PAR Index (DESIGN §5): appraised points + survey points as a percentage of the maximum that counts,
 * with per-field sub-indices, ranked within each level, banded by the campaign's thresholds.
 */
export function computeIndex(index: CampaignIndex, appraised: readonly AppraisedScores[], survey: SurveyPoints): UnitIndexResult[] {
  const { scoring, campaign } = index.bundle;
  const decimals = scoring.decimals;
  const appraisedByUnit = new Map(appraised.map((a) => [a.unitId, a.points]));
  const surveyByUnit = new Map(survey.units.map((u) => [u.unitId, u]));

  const results: UnitIndexResult[] = [];
  for (const unit of campaign.units) {
    const framework = index.frameworkByLevel.get(unit.level);
    if (!framework) continue;
    const given = appraisedByUnit.get(unit.id) ?? {};
    const subs = index.subCriteria.get(unit.level) ?? new Map();
    for (const [code, pts] of Object.entries(given)) {
      const sc = subs.get(code);
      if (!sc || sc.method !== 'appraised')
        throw new IndexInputError(`${unit.id}: "${code}" is not an appraised sub-criterion of ${framework.id}`);
      if (!(pts >= 0 && pts <= sc.maxPoints)) throw new IndexInputError(`${unit.id}: ${code} = ${pts} is outside 0..${sc.maxPoints}`);
    }
    const surveyScores = new Map((surveyByUnit.get(unit.id)?.subCriteria ?? []).map((s) => [s.code, s]));
    const missingAppraised: string[] = [];
    const appraisedPoints: number[] = [];
    const appraisedMax: number[] = [];
    const surveyPoints: number[] = [];
    const surveyMax: number[] = [];
    const fields: FieldResult[] = framework.fields.map((field) => {
      const pts: number[] = [];
      const max: number[] = [];
      for (const sc of field.criteria.flatMap((c) => c.subCriteria)) {
        if (sc.method === 'appraised') {
          const p = given[sc.code];
          if (p === undefined) missingAppraised.push(sc.code);
          pts.push(p ?? 0);
          max.push(sc.maxPoints);
          appraisedPoints.push(p ?? 0);
          appraisedMax.push(sc.maxPoints);
        } else {
          const s = surveyScores.get(sc.code);
          // No survey result at all (no scoring run) counts like "no valid data, rescaled".
          if (!s || s.points === null) continue;
          pts.push(s.points);
          max.push(sc.maxPoints);
          surveyPoints.push(s.points);
          surveyMax.push(sc.maxPoints);
        }
      }
      const p = sumRounded(pts, decimals);
      const m = sumRounded(max, decimals);
      return { code: field.code, title: field.title, points: p, maxPoints: m, percent: percentOf(p, m, decimals) };
    });
    const a = sumRounded(appraisedPoints, decimals);
    const am = sumRounded(appraisedMax, decimals);
    const s = sumRounded(surveyPoints, decimals);
    const sm = sumRounded(surveyMax, decimals);
    const total = roundHalfUp(a + s, decimals);
    const max = roundHalfUp(am + sm, decimals);
    results.push({
      unitId: unit.id,
      level: unit.level,
      appraisedPoints: a,
      appraisedMax: am,
      surveyPoints: s,
      surveyMax: sm,
      totalPoints: total,
      maxPoints: max,
      percent: percentOf(total, max, decimals),
      rank: 0,
      band: { id: '', name: '' },
      missingAppraised,
      fields,
    });
  }

  for (const r of results) {
    const band = scoring.bands.find((b) => r.percent >= b.minPercent) ?? scoring.bands[scoring.bands.length - 1];
    r.band = band ? { id: band.id, name: band.name } : { id: '', name: '' };
  }
  rankWithinLevels(results, scoring.tieBreak);
  const levelOrder = campaign.unitLevels.map((l) => l.id);
  return results.sort((x, y) => levelOrder.indexOf(x.level) - levelOrder.indexOf(y.level) || x.rank - y.rank);
}

const tieValue = (r: UnitIndexResult, key: TieBreakKey): number => (key === 'appraised-points' ? r.appraisedPoints : r.surveyPoints);

function compare(a: UnitIndexResult, b: UnitIndexResult, tieBreak: TieBreakKey[]): number {
  if (a.percent !== b.percent) return b.percent - a.percent;
  for (const key of tieBreak) {
    const d = tieValue(b, key) - tieValue(a, key);
    if (d !== 0) return d;
  }
  return 0;
}

/** Competition ranking per level: sorted by percent, then the tie-break keys; full ties share a rank. */
function rankWithinLevels(results: UnitIndexResult[], tieBreak: TieBreakKey[]): void {
  const levels = new Map<string, UnitIndexResult[]>();
  for (const r of results) levels.set(r.level, [...(levels.get(r.level) ?? []), r]);
  for (const group of levels.values()) {
    const sorted = [...group].sort((a, b) => compare(a, b, tieBreak));
    sorted.forEach((r, i) => {
      const prev = sorted[i - 1];
      r.rank = prev && compare(prev, r, tieBreak) === 0 ? prev.rank : i + 1;
    });
  }
}
