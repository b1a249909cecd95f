import { allQuestions, isChoiceQuestion, type CampaignIndex, type Question, type Questionnaire, type ResponsesExportQuery } from '../../../shared';
import type { ExportResponseFilter } from '../../db/export';
import { HttpError } from '../../http/errors';
import { METADATA_COLUMNS } from './rows';

const badFilter = (message: string, path: string) => new HttpError(400, 'invalid-filter', message, [{ path: `querystring.${path}`, message }]);

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
        column = { code: question.code, header: METADATA_SET.has(question.code) ? `q_${question.code}` : question.code, kind: question.kind, labels: new Map() };
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
    throw badFilter(`Không có cấp "${level}" trong kỳ đánh giá. Các cấp: ${campaign.unitLevels.map((l) => `${l.id} (${l.name})`).join(', ')}.`, 'level');
  }
  const unit = unitId ? index.units.get(unitId) : undefined;
  if (unitId && !unit) throw badFilter(`Không có đơn vị "${unitId}" trong kỳ đánh giá.`, 'unitId');
  const group = groupId ? index.groups.get(groupId) : undefined;
  if (groupId && !group) throw badFilter(`Không có đối tượng điều tra "${groupId}" trong kỳ đánh giá.`, 'groupId');
  if (questionnaireId && !index.bundle.questionnaires.some((q) => q.id === questionnaireId)) {
    throw badFilter(`Không có phiếu điều tra "${questionnaireId}" trong kỳ đánh giá.`, 'questionnaireId');
  }
  if (from && to && from > to) throw badFilter(`Ngày bắt đầu (${from}) sau ngày kết thúc (${to}): hãy đổi lại hai ngày.`, 'from');
  if (unit && level && unit.level !== level) throw badFilter(`Đơn vị "${unit.name}" không thuộc cấp "${level}".`, 'unitId');
  const effectiveLevel = unit?.level ?? level;
  if (group && effectiveLevel && group.ratesLevel !== effectiveLevel) {
    throw badFilter(`Đối tượng "${group.name}" không đánh giá cấp "${effectiveLevel}": bộ lọc không khớp phiếu nào.`, 'groupId');
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
      throw badFilter(`Phiếu "${questionnaireId}" không dành cho đối tượng hoặc cấp đã chọn: bộ lọc không khớp phiếu nào.`, 'questionnaireId');
    }
    ids = [questionnaireId];
  } else {
    ids = reachable.sort();
    if (ids.length === 0) throw badFilter('Không có phiếu điều tra nào dành cho đối tượng hoặc cấp đã chọn.', group ? 'groupId' : 'level');
    if (ids.length > 1 && format === 'csv') {
      throw badFilter(
        `Mỗi tệp CSV chứa một loại phiếu (mỗi câu hỏi một cột). Hãy chọn questionnaireId: ${ids.join(', ')}; hoặc tải tệp XLSX, mỗi loại phiếu một trang tính.`,
        'questionnaireId',
      );
    }
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
