import {
  allQuestions,
  isChoiceQuestion,
  problem,
  type Campaign,
  type CampaignIndex,
  type Problem,
  type Question,
  type Questionnaire,
  type ResponsesExportQuery,
} from '../../../shared';
import type { ExportResponseFilter } from '../../db/export';
import { problemError } from '../../http/errors';
import { METADATA_COLUMNS } from './rows';

/** A filter that matches nothing or does not exist: 400 'invalid-filter', its query parameter as the issue. */
const badFilter = (p: Problem, path: string) => problemError(p, [`querystring.${path}`]);

/** The levels of a campaign, as a refusal lists them: "id (name)". */
export const levelList = (campaign: Campaign): string => campaign.unitLevels.map((l) => `${l.id} (${l.name})`).join(', ');

/** One questionnaire id of a download: its versions (newest first) and the question columns they share. */
export interface QuestionnairePlan {
  id: string;
  title: string;
  versions: Questionnaire[];
  columns: QuestionColumn[];
}

/** A question column: the union of the versions' questions with this code, in the newest version's order. */
export interface QuestionColumn {
  code: string;
  /** Header in the file: the code, or "q_<code>" when it would clash with a metadata column. */
  header: string;
  kind: Question['kind'];
  /** Choice labels by questionnaire version, then code (labels may be reworded between versions). */
  labels: Map<number, Map<string, string>>;
}

export interface ResponsesExportPlan {
  filter: Omit<ExportResponseFilter, 'questionnaireId'>;
  questionnaires: QuestionnairePlan[];
  labels: 'codes' | 'labels';
  /** For the file name: what the filters narrowed to, e.g. "Sở Tư pháp". */
  scope: string;
}

const METADATA_SET = new Set<string>(METADATA_COLUMNS);

export function questionnairePlan(index: CampaignIndex, id: string): QuestionnairePlan {
  const versions = index.bundle.questionnaires.filter((q) => q.id === id).sort((a, b) => b.version - a.version);
  const columns = new Map<string, QuestionColumn>();
  for (const q of versions) {
    for (const question of allQuestions(q)) {
      let column = columns.get(question.code);
      if (!column) {
        column = {
          code: question.code,
          header: METADATA_SET.has(question.code) ? `q_${question.code}` : question.code,
          kind: question.kind,
          labels: new Map(),
        };
        columns.set(question.code, column);
      }
      if (isChoiceQuestion(question)) column.labels.set(q.version, new Map(question.choices.map((c) => [c.code, c.label])));
    }
  }
  return { id, title: versions[0]?.title ?? id, versions, columns: [...columns.values()] };
}

/**
 * Checks the filters against the campaign and works out which questionnaires the download holds. Unknown or
 * contradictory filters are a 400 with a message that says what to change; nothing is guessed.
 */
export function planResponsesExport(index: CampaignIndex, query: ResponsesExportQuery, format: 'csv' | 'xlsx'): ResponsesExportPlan {
  const { campaign } = index.bundle;
  const { level, unitId, groupId, questionnaireId, from, to } = query;
  if (level && !campaign.unitLevels.some((l) => l.id === level)) {
    throw badFilter(problem('export.unknown-level', { level, levels: levelList(campaign) }), 'level');
  }
  const unit = unitId ? index.units.get(unitId) : undefined;
  if (unitId && !unit) throw badFilter(problem('export.unknown-unit', { unit: unitId }), 'unitId');
  const group = groupId ? index.groups.get(groupId) : undefined;
  if (groupId && !group) throw badFilter(problem('export.unknown-group', { group: groupId }), 'groupId');
  if (questionnaireId && !index.bundle.questionnaires.some((q) => q.id === questionnaireId)) {
    throw badFilter(problem('export.unknown-questionnaire', { questionnaire: questionnaireId }), 'questionnaireId');
  }
  if (from && to && from > to) throw badFilter(problem('export.dates-reversed', { from, to }), 'from');
  if (unit && level && unit.level !== level) throw badFilter(problem('export.unit-not-in-level', { unit: unit.name, level }), 'unitId');
  const effectiveLevel = unit?.level ?? level;
  if (group && effectiveLevel && group.ratesLevel !== effectiveLevel) {
    throw badFilter(problem('export.group-not-rating-level', { group: group.name, level: effectiveLevel }), 'groupId');
  }
  const groupLevel = group?.ratesLevel ?? effectiveLevel;

  // The questionnaires the filters can reach: those serving the group, or a group rating the level.
  const reachableGroups = new Set(
    campaign.respondentGroups.filter((g) => (group ? g.id === group.id : groupLevel ? g.ratesLevel === groupLevel : true)).map((g) => g.id),
  );
  const reachable = [...new Set(index.bundle.questionnaires.filter((q) => q.groups.some((g) => reachableGroups.has(g))).map((q) => q.id))];
  let ids: string[];
  if (questionnaireId) {
    if (!reachable.includes(questionnaireId)) {
      throw badFilter(problem('export.questionnaire-not-reachable', { questionnaire: questionnaireId }), 'questionnaireId');
    }
    ids = [questionnaireId];
  } else {
    ids = reachable.sort();
    if (ids.length === 0) throw badFilter(problem('export.no-questionnaire'), group ? 'groupId' : 'level');
    if (ids.length > 1 && format === 'csv')
      throw badFilter(problem('export.csv-one-questionnaire', { ids: ids.join(', ') }), 'questionnaireId');
  }

  const unitIds = unit ? [unit.id] : level ? campaign.units.filter((u) => u.level === level).map((u) => u.id) : undefined;
  const levelName = campaign.unitLevels.find((l) => l.id === level)?.name;
  const scope = [unit?.name ?? levelName, group?.name].filter(Boolean).join(' - ');
  return {
    filter: { campaignId: campaign.id, unitIds, groupId: group?.id, finishedFrom: from, finishedTo: to, included: query.included },
    questionnaires: ids.map((id) => questionnairePlan(index, id)),
    labels: query.labels,
    scope,
  };
}
