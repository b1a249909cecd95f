import type { AnswerValue, Answers } from '../../../shared';
import type { ExportResponseRow } from '../../db/export';
import { flagsOf, type FlagRules } from '../review-flags';
import { vietnamDateTime } from './format';
import type { QuestionColumn, QuestionnairePlan } from './plan';

/**
 * The metadata columns, before the questions. Names are ASCII so SPSS, Stata and R read them as they are. (Here, not
 * in plan.ts: the export workers load this module, and plan.ts brings the HTTP layer with it.)
 */
export const METADATA_COLUMNS = [
  'id',
  'unit_id',
  'unit_name',
  'level',
  'group_id',
  'group_name',
  'questionnaire_id',
  'questionnaire_version',
  'surveyor_id',
  'surveyor_name',
  'device_id',
  'mode',
  'paper_serial',
  'self_fill_batch',
  'started_at',
  'finished_at',
  'received_at',
  'duration_seconds',
  'flag_over_quota',
  'flag_short_interview',
  'flag_duplicate_serial',
  'flag_uniform_answers',
  'flag_late',
  'excluded',
  'excluded_reason',
] as const;

/** A cell as the writers take it: text, a number, or nothing. */
export type Cell = string | number | null;

/**
 * What turning a stored row into cells needs besides the row: read once per download. Plain data (maps of plain
 * objects), so that it crosses to the worker threads that encode a download (export-workers.ts).
 */
export interface RowContext {
  /** Unit id → its name and level. */
  units: ReadonlyMap<string, { name: string; level: string }>;
  /** Respondent group id → its name. */
  groups: ReadonlyMap<string, string>;
  flagRules: FlagRules;
  /** db/review.ts duplicateSerials */
  duplicates: ReadonlySet<string>;
  /** Account id → display name. */
  names: ReadonlyMap<string, string>;
  labels: 'codes' | 'labels';
}

export const headerOf = (plan: QuestionnairePlan): string[] => [...METADATA_COLUMNS, ...plan.columns.map((c) => c.header)];

/**
 * Metadata columns whose text is plain by construction (slugs, UUIDs, enums, formatted times, numbers): nothing a
 * CSV field or an XML text node must quote or escape, and no formula-like first character.
 */
const PLAIN_METADATA = new Set<string>([
  'id',
  'self_fill_batch',
  'unit_id',
  'level',
  'group_id',
  'questionnaire_id',
  'questionnaire_version',
  'mode',
  'started_at',
  'finished_at',
  'received_at',
  'duration_seconds',
  'flag_over_quota',
  'flag_short_interview',
  'flag_duplicate_serial',
  'flag_uniform_answers',
  'flag_late',
  'excluded',
]);

/**
 * Which cells of a row (headerOf order) hold plain text only, so the writers may skip their escaping checks: the
 * plain metadata; choice codes (letters, digits, "-", "_", joined with ";"; sync accepts no other code) unless one
 * starts with "-"; numbers and dates (validated on arrival). Labels, names and free text are always checked.
 */
export function plainCells(plan: QuestionnairePlan, labels: 'codes' | 'labels'): boolean[] {
  const questions = plan.columns.map((c) => {
    if (c.kind === 'number' || c.kind === 'date') return true;
    if (c.labels.size === 0 || labels === 'labels') return false;
    return [...c.labels.values()].every((choices) => [...choices.keys()].every((code) => /^[A-Za-z0-9_][A-Za-z0-9_-]*$/.test(code)));
  });
  return [...METADATA_COLUMNS.map((c) => PLAIN_METADATA.has(c)), ...questions];
}

function answerCell(value: AnswerValue | undefined, column: QuestionColumn, version: number, labels: 'codes' | 'labels'): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return value;
  const byCode = labels === 'labels' ? (column.labels.get(version) ?? column.labels.values().next().value) : undefined;
  if (Array.isArray(value)) return byCode ? value.map((c) => byCode.get(c) ?? c).join('; ') : value.join(';');
  return byCode ? (byCode.get(value) ?? value) : value;
}

/**
 * One response as the cells of its row: metadata, flags and exclusion (METADATA_COLUMNS order), then one cell per
 * question column. Multiple choices are the codes joined with ";" (labels joined with "; "); times are wall-clock
 * times in Asia/Ho_Chi_Minh.
 */
export function responseCells(row: ExportResponseRow, columns: readonly QuestionColumn[], ctx: RowContext): Cell[] {
  const unit = ctx.units.get(row.unit_id);
  let overQuota = 0;
  let short = 0;
  let duplicate = 0;
  let uniform = 0;
  let late = 0;
  for (const flag of flagsOf(row, ctx.flagRules, ctx.duplicates)) {
    if (flag === 'over-quota') overQuota = 1;
    else if (flag === 'short-interview') short = 1;
    else if (flag === 'duplicate-serial') duplicate = 1;
    else if (flag === 'uniform-answers') uniform = 1;
    else late = 1;
  }
  const cells: Cell[] = [
    row.id,
    row.unit_id,
    unit?.name ?? null,
    unit?.level ?? null,
    row.group_id,
    ctx.groups.get(row.group_id) ?? null,
    row.questionnaire_id,
    row.questionnaire_version,
    row.surveyor_id,
    ctx.names.get(row.surveyor_id) ?? null,
    row.device_id,
    row.mode,
    row.paper_serial,
    row.self_fill_batch_id,
    vietnamDateTime(row.started_at),
    vietnamDateTime(row.finished_at),
    vietnamDateTime(row.received_at),
    row.duration_seconds,
    overQuota,
    short,
    duplicate,
    uniform,
    late,
    row.excluded,
    row.excluded_reason,
  ];
  const answers = JSON.parse(row.answers_json) as Answers;
  for (const column of columns) cells.push(answerCell(answers[column.code], column, row.questionnaire_version, ctx.labels));
  return cells;
}
