import { allQuestions, isChoiceQuestion, type CampaignIndex, type ScoresExport } from '../../../shared';
import { openExportReader } from '../../db/export';
import type { Deps } from '../../http/deps';
import type { Cell } from './rows';
import { scoreRowBatches, type scoreRows } from './score-rows';

/**
 * Survey scores by the shared engine (DESIGN §5) from the included responses (excluded = 0), computed in an export
 * worker when the server has them (a second of CPU per 100,000 responses that would otherwise hold up every other
 * request), else here. Rows come from a cursor a batch at a time (score-rows.ts). `level` keeps the
 * units of one level; the engine's level-average rule only looks within a level, so nothing else changes. `warn`
 * hears when a worker failed and the scores were computed here.
 */
export async function surveyScores(
  deps: Pick<Deps, 'db' | 'now' | 'exportWorkers'>,
  index: CampaignIndex,
  level?: string,
  warn?: (message: string) => void,
): Promise<ScoresExport> {
  const { campaign, scoring } = index.bundle;
  const unitIds = level ? campaign.units.filter((u) => u.level === level).map((u) => u.id) : undefined;
  const reader = await openExportReader(deps.db);
  let scored: ReturnType<typeof scoreRows> | undefined;
  try {
    const { exportWorkers } = deps;
    if (exportWorkers && reader.file) {
      // A worker that dies or errs: computed here instead (reading twice changes nothing; a real fault shows here too).
      scored = await exportWorkers
        .scores({ file: reader.file, query: reader.scorableQuery(campaign.id, unitIds), bundle: index.bundle })
        .catch((error: unknown) => {
          warn?.(`survey scores computed in the request thread: ${String(error)}`);
          return undefined;
        });
    }
    scored ??= await scoreRowBatches(index, reader.scorable(campaign.id, unitIds));
  } finally {
    await reader.close();
  }
  const { result, used } = scored;
  const keep = unitIds ? new Set(unitIds) : undefined;
  return {
    campaignId: campaign.id,
    computedAt: deps.now().toISOString(),
    rules: {
      groupWeights: scoring.groupWeights,
      minValidAnswersPerGroup: scoring.minValidAnswersPerGroup,
      decimals: scoring.decimals,
      noValidDataPolicy: scoring.noValidDataPolicy,
    },
    responsesUsed: used,
    skippedResponses: result.skippedResponses,
    units: result.units
      .filter((u) => !keep || keep.has(u.unitId))
      .map((u) => ({
        unitId: u.unitId,
        unitName: index.units.get(u.unitId)?.name ?? u.unitId,
        level: u.level,
        points: u.points,
        maxPoints: u.maxPoints,
        responses: u.responses,
        subCriteria: u.subCriteria.map((s) => ({
          code: s.code,
          title: s.title,
          maxPoints: s.maxPoints,
          ratio: s.ratio,
          points: s.points,
          rule: s.rule,
          groups: s.groups.map((g) => ({
            groupId: g.groupId,
            groupName: index.groups.get(g.groupId)?.name ?? g.groupId,
            weight: g.weight,
            valid: g.questions.filter((q) => q.used).reduce((a, q) => a + q.valid, 0),
            meanCoefficient: g.ratio,
            omitted: g.omitted ?? null,
            questions: g.questions.map((q) => ({ ...q, choiceCounts: { ...q.choiceCounts } })),
          })),
        })),
      })),
  };
}

export const UNIT_SCORE_HEADER = ['unit_id', 'unit_name', 'level', 'survey_points', 'survey_max_points', 'included_responses'] as const;

export const SUB_CRITERION_SCORE_HEADER = [
  'unit_id',
  'unit_name',
  'level',
  'unit_survey_points',
  'unit_survey_max_points',
  'sub_criterion',
  'sub_criterion_title',
  'max_points',
  'points',
  'ratio',
  'rule',
  'group_id',
  'group_name',
  'group_weight',
  'group_valid_answers',
  'group_mean_coefficient',
  'group_omitted',
  'group_responses',
] as const;

export const QUESTION_SCORE_HEADER = [
  'unit_id',
  'sub_criterion',
  'group_id',
  'questionnaire_id',
  'question_code',
  'question_weight',
  'valid',
  'excluded',
  'missing',
  'sum',
  'mean',
  'used',
  'choice_counts',
] as const;

/** Units, one row each. */
export function unitScoreRows(scores: ScoresExport): Cell[][] {
  return scores.units.map((u) => [
    u.unitId,
    u.unitName,
    u.level,
    u.points,
    u.maxPoints,
    Object.values(u.responses).reduce((a, n) => a + n, 0),
  ]);
}

/**
 * One row per unit × survey sub-criterion × respondent group: the points and the numbers behind them (the group's
 * weight, valid answers to the questions that count, mean coefficient, or why it was left out). A sub-criterion with
 * no group (none rates the level) still gets one row.
 */
export function subCriterionScoreRows(scores: ScoresExport): Cell[][] {
  const rows: Cell[][] = [];
  for (const u of scores.units) {
    for (const s of u.subCriteria) {
      const head: Cell[] = [u.unitId, u.unitName, u.level, u.points, u.maxPoints, s.code, s.title, s.maxPoints, s.points, s.ratio, s.rule];
      if (s.groups.length === 0) rows.push([...head, null, null, null, null, null, null, null]);
      for (const g of s.groups)
        rows.push([...head, g.groupId, g.groupName, g.weight, g.valid, g.meanCoefficient, g.omitted, u.responses[g.groupId] ?? 0]);
    }
  }
  return rows;
}

/** The choice codes of a questionnaire's question in the order the newest version lists them. */
function choiceOrder(index: CampaignIndex, questionnaireId: string, code: string): string[] {
  const newest = index.bundle.questionnaires.filter((q) => q.id === questionnaireId).sort((a, b) => b.version - a.version)[0];
  const question = newest ? allQuestions(newest).find((x) => x.code === code) : undefined;
  return question && isChoiceQuestion(question) ? question.choices.map((c) => c.code) : [];
}

/**
 * One row per unit × sub-criterion × group × question: the tallies of the engine, choice counts as "A=16; B=6" in
 * the questionnaire's choice order.
 */
export function questionScoreRows(scores: ScoresExport, index: CampaignIndex): Cell[][] {
  const rows: Cell[][] = [];
  for (const u of scores.units) {
    for (const s of u.subCriteria) {
      for (const g of s.groups) {
        for (const q of g.questions) {
          const order = choiceOrder(index, q.questionnaireId, q.questionCode);
          const rank = (c: string) => (order.includes(c) ? order.indexOf(c) : order.length);
          const counts = Object.entries(q.choiceCounts)
            .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
            .map(([c, n]) => `${c}=${n}`)
            .join('; ');
          rows.push([
            u.unitId,
            s.code,
            g.groupId,
            q.questionnaireId,
            q.questionCode,
            q.weight,
            q.valid,
            q.excluded,
            q.missing,
            q.sum,
            q.mean,
            q.used ? 1 : 0,
            counts,
          ]);
        }
      }
    }
  }
  return rows;
}
