import { frameworkSubCriteria, quotaTarget, versionKey, type CampaignIndex } from '../campaign/bundle';
import type { Questionnaire } from '../schema/questionnaire';
import { isChoiceQuestion } from '../questionnaire/kinds';
import type { Answers } from '../schema/response';
import { allQuestions, isAnswered } from '../questionnaire/answers';
import { resolveVisibility } from '../questionnaire/visibility';
import { roundHalfUp, sumRounded } from './round';
import type { NoValidDataPolicy } from '../schema/scoring';

/** What scoring needs of a response. Callers pass included responses only (not excluded by review). */
export interface ScorableResponse {
  id: string;
  unitId: string;
  groupId: string;
  questionnaireId: string;
  questionnaireVersion: number;
  answers: Answers;
}

/** Answers of one group to one scored question about one unit. */
export interface QuestionStat {
  questionnaireId: string;
  questionCode: string;
  weight: number;
  /** Answers with a coefficient. */
  valid: number;
  /** "Không biết / không trả lời" answers: out of numerator and denominator. */
  excluded: number;
  /** Responses where the question was unanswered or hidden. */
  missing: number;
  sum: number;
  /** sum / valid, or null without valid answers. */
  mean: number | null;
  /** valid ≥ the minimum: the question counts for this group. */
  used: boolean;
  choiceCounts: Record<string, number>;
}

export type GroupOmission = 'not-asked' | 'below-minimum' | 'no-weight';

export interface GroupContribution {
  groupId: string;
  weight: number;
  /** Weighted mean of the used questions' means, or null when the group is left out. */
  ratio: number | null;
  omitted?: GroupOmission;
  questions: QuestionStat[];
}

export type SubCriterionRule = 'computed' | 'rescaled' | 'level-minimum' | 'level-average' | 'zero';

export interface SubCriterionSurveyScore {
  code: string;
  title: string;
  maxPoints: number;
  /** Combined ratio 0..1 (null when rescaled away). */
  ratio: number | null;
  /** maxPoints × ratio, rounded; null when the sub-criterion is left out of the unit's maximum. */
  points: number | null;
  rule: SubCriterionRule;
  groups: GroupContribution[];
}

export interface UnitSurveyScore {
  unitId: string;
  level: string;
  /** Sum of the survey sub-criteria points. */
  points: number;
  /** Survey maximum that counts for this unit (rescaled sub-criteria removed). */
  maxPoints: number;
  responses: Record<string, number>;
  responseIds: Record<string, string[]>;
  subCriteria: SubCriterionSurveyScore[];
}

export interface SurveyScores {
  units: UnitSurveyScore[];
  /** Responses that could not be scored (unknown unit or questionnaire version): the caller validated badly. */
  skippedResponses: string[];
}

interface ScoredQuestionDef {
  questionnaireId: string;
  code: string;
  subCriterion: string;
  weight: number;
  coefficients: Map<string, number | 'excluded'>;
}

interface Acc {
  valid: number;
  excluded: number;
  missing: number;
  sum: number;
  choiceCounts: Record<string, number>;
}

const cellVersionKey = (unit: string, group: string, version: string): string => `${unit}\u0000${group}\u0000${version}`;
const newAcc = (): Acc => ({ valid: 0, excluded: 0, missing: 0, sum: 0, choiceCounts: {} });

function scoredQuestions(q: Questionnaire): ScoredQuestionDef[] {
  return allQuestions(q).flatMap((question) => {
    if (!isChoiceQuestion(question) || !('scoring' in question) || !question.scoring) return [];
    const coefficients = new Map<string, number | 'excluded'>();
    for (const c of question.choices) {
      if (c.excluded) coefficients.set(c.code, 'excluded');
      else if (c.coefficient !== undefined) coefficients.set(c.code, c.coefficient);
    }
    return [
      {
        questionnaireId: q.id,
        code: question.code,
        subCriterion: question.scoring.subCriterion,
        weight: question.scoring.weight,
        coefficients,
      },
    ];
  });
}

/**
 * The questions asked of a group about a sub-criterion, across questionnaire versions. The same code in two
 * versions is the same question (reworded at most); the newest version's weight applies.
 */
function questionsAsked(index: CampaignIndex, groupId: string, sub: string): ScoredQuestionDef[] {
  const newest = new Map<string, { version: number; def: ScoredQuestionDef }>();
  for (const q of index.bundle.questionnaires) {
    if (!q.groups.includes(groupId)) continue;
    for (const def of scoredQuestions(q)) {
      if (def.subCriterion !== sub) continue;
      const key = `${def.questionnaireId}\u0000${def.code}`;
      const seen = newest.get(key);
      if (!seen || seen.version < q.version) newest.set(key, { version: q.version, def });
    }
  }
  return [...newest.values()].map((v) => v.def);
}

function groupWeight(index: CampaignIndex, unitId: string, groupId: string): number {
  const w = index.bundle.scoring.groupWeights;
  return w === 'proportional-to-quota' ? quotaTarget(index, unitId, groupId) : (w[groupId] ?? 0);
}

/**
 * Survey points per unit and survey-scored sub-criterion (DESIGN §5):
 * mean coefficient per question per group (excluded answers left out) → per group, the weighted mean of the
 * questions with enough valid answers → groups combined by weight → max points × ratio, rounded.
 * Every figure keeps the numbers behind it.
 */
export function scoreSurvey(index: CampaignIndex, responses: Iterable<ScorableResponse>): SurveyScores {
  const scorer = surveyScorer(index);
  for (const r of responses) scorer.add(r);
  return scorer.result();
}

/**
 * scoreSurvey taking its responses one at a time, for a reader that hands them over in batches as they arrive (a
 * database cursor read asynchronously): `add` each, then `result` once.
 */
export function surveyScorer(index: CampaignIndex): { add(r: ScorableResponse): void; result(): SurveyScores } {
  const { bundle } = index;
  const defsByVersion = new Map(bundle.questionnaires.map((q) => [versionKey(q.id, q.version), { q, defs: scoredQuestions(q) }]));
  // One accumulator array per unit × group × questionnaire version, aligned with that version's scored questions:
  // the hot loop does one map lookup per response, not one per answer.
  const stats = new Map<string, Acc[]>();
  const responseIds = new Map<string, Record<string, string[]>>();
  const skippedResponses: string[] = [];

  const add = (r: ScorableResponse): void => {
    const vk = versionKey(r.questionnaireId, r.questionnaireVersion);
    const entry = defsByVersion.get(vk);
    const unit = index.units.get(r.unitId);
    if (!entry || !unit || !index.frameworkByLevel.has(unit.level)) {
      skippedResponses.push(r.id);
      return;
    }
    const ids = responseIds.get(r.unitId) ?? {};
    (ids[r.groupId] ??= []).push(r.id);
    responseIds.set(r.unitId, ids);
    const key = cellVersionKey(r.unitId, r.groupId, vk);
    let accs = stats.get(key);
    if (!accs) {
      accs = entry.defs.map(newAcc);
      stats.set(key, accs);
    }
    const { effectiveAnswers } = resolveVisibility(entry.q, r.answers);
    entry.defs.forEach((def, i) => {
      const acc = accs[i] as Acc;
      const value = effectiveAnswers[def.code];
      const coefficient = typeof value === 'string' && isAnswered(value) ? def.coefficients.get(value) : undefined;
      if (coefficient === undefined) {
        acc.missing += 1;
        return;
      }
      acc.choiceCounts[value as string] = (acc.choiceCounts[value as string] ?? 0) + 1;
      if (coefficient === 'excluded') acc.excluded += 1;
      else {
        acc.valid += 1;
        acc.sum += coefficient;
      }
    });
  };

  /** Answers of a unit × group to one question, added up over the questionnaire's versions. */
  const statOf = (unitId: string, groupId: string, def: ScoredQuestionDef): Acc => {
    const total = newAcc();
    for (const [vk, { q, defs }] of defsByVersion) {
      if (q.id !== def.questionnaireId) continue;
      const i = defs.findIndex((d) => d.code === def.code && d.subCriterion === def.subCriterion);
      const acc = i < 0 ? undefined : stats.get(cellVersionKey(unitId, groupId, vk))?.[i];
      if (!acc) continue;
      total.valid += acc.valid;
      total.excluded += acc.excluded;
      total.missing += acc.missing;
      total.sum += acc.sum;
      for (const [c, n] of Object.entries(acc.choiceCounts)) total.choiceCounts[c] = (total.choiceCounts[c] ?? 0) + n;
    }
    return total;
  };

  const result = (): SurveyScores => {
    const minValid = bundle.scoring.minValidAnswersPerGroup;
    const decimals = bundle.scoring.decimals;
    const units: UnitSurveyScore[] = [];
    for (const unit of bundle.campaign.units) {
      const framework = index.frameworkByLevel.get(unit.level);
      if (!framework) continue;
      const groups = bundle.campaign.respondentGroups.filter((g) => g.ratesLevel === unit.level);
      const subCriteria: SubCriterionSurveyScore[] = frameworkSubCriteria(framework)
        .filter((sc) => sc.method === 'survey')
        .map((sc) => {
          const contributions = groups.map((g): GroupContribution => {
            const weight = groupWeight(index, unit.id, g.id);
            const asked = questionsAsked(index, g.id, sc.code);
            const questions = asked.map((def): QuestionStat => {
              const acc = statOf(unit.id, g.id, def);
              const valid = acc.valid;
              const sum = acc.sum;
              return {
                questionnaireId: def.questionnaireId,
                questionCode: def.code,
                weight: def.weight,
                valid,
                excluded: acc.excluded,
                missing: acc.missing,
                sum,
                mean: valid > 0 ? sum / valid : null,
                used: valid >= minValid,
                choiceCounts: acc.choiceCounts,
              };
            });
            if (asked.length === 0) return { groupId: g.id, weight, ratio: null, omitted: 'not-asked', questions };
            if (weight <= 0) return { groupId: g.id, weight, ratio: null, omitted: 'no-weight', questions };
            const used = questions.filter((q) => q.used);
            if (used.length === 0) return { groupId: g.id, weight, ratio: null, omitted: 'below-minimum', questions };
            const wsum = used.reduce((a, q) => a + q.weight, 0);
            const ratio = used.reduce((a, q) => a + q.weight * (q.mean ?? 0), 0) / wsum;
            return { groupId: g.id, weight, ratio, questions };
          });
          const counted = contributions.filter((c) => c.ratio !== null);
          const wsum = counted.reduce((a, c) => a + c.weight, 0);
          const ratio = counted.length > 0 ? counted.reduce((a, c) => a + c.weight * (c.ratio ?? 0), 0) / wsum : null;
          return {
            code: sc.code,
            title: sc.title,
            maxPoints: sc.maxPoints,
            ratio,
            points: ratio === null ? null : pointsFor(sc.maxPoints, ratio, decimals),
            rule: 'computed' as SubCriterionRule,
            groups: contributions,
          };
        });
      units.push({
        unitId: unit.id,
        level: unit.level,
        points: 0,
        maxPoints: 0,
        responses: Object.fromEntries(Object.entries(responseIds.get(unit.id) ?? {}).map(([g, ids]) => [g, ids.length])),
        responseIds: responseIds.get(unit.id) ?? {},
        subCriteria,
      });
    }

    applyNoDataPolicy(units, bundle.scoring.noValidDataPolicy, decimals);
    for (const u of units) {
      const kept = u.subCriteria.filter((s) => s.points !== null);
      u.points = sumRounded(
        kept.map((s) => s.points ?? 0),
        decimals,
      );
      u.maxPoints = sumRounded(
        kept.map((s) => s.maxPoints),
        decimals,
      );
    }
    return { units, skippedResponses };
  };
  return { add, result };
}

/** max × ratio, rounded, never above the max (definitions:check also refuses decimals coarser than the points). */
function pointsFor(maxPoints: number, ratio: number, decimals: number): number {
  return Math.min(maxPoints, roundHalfUp(maxPoints * ratio, decimals));
}

function applyNoDataPolicy(units: UnitSurveyScore[], policy: NoValidDataPolicy, decimals: number): void {
  // Per level and sub-criterion over the units that have data: the mean ratio (level-average) or the lowest
  // (level-minimum). Computed before any unit is filled in, so a filled-in unit never counts for another.
  const stand = new Map<string, number>();
  if (policy === 'level-average' || policy === 'level-minimum') {
    const seen = new Map<string, { total: number; n: number; min: number }>();
    for (const u of units) {
      for (const s of u.subCriteria) {
        if (s.ratio === null) continue;
        const key = `${u.level}\u0000${s.code}`;
        const acc = seen.get(key) ?? { total: 0, n: 0, min: Infinity };
        acc.total += s.ratio;
        acc.n += 1;
        acc.min = Math.min(acc.min, s.ratio);
        seen.set(key, acc);
      }
    }
    for (const [key, acc] of seen) stand.set(key, policy === 'level-average' ? acc.total / acc.n : acc.min);
  }
  for (const u of units) {
    for (const s of u.subCriteria) {
      if (s.ratio !== null) continue;
      const given = stand.get(`${u.level}\u0000${s.code}`);
      if (policy === 'zero') {
        s.rule = 'zero';
        s.ratio = 0;
        s.points = 0;
      } else if ((policy === 'level-average' || policy === 'level-minimum') && given !== undefined) {
        s.rule = policy;
        s.ratio = given;
        s.points = pointsFor(s.maxPoints, given, decimals);
      } else {
        // rescale, or a level rule when no unit of the level has data either (nobody gains over anybody).
        s.rule = 'rescaled';
      }
    }
  }
}
