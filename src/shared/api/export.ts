import { z } from 'zod';
import { slugId } from '../schema/common';
import { fieldText } from '../problems/field-text';

/** A calendar day in Asia/Ho_Chi_Minh, YYYY-MM-DD, that exists (no 30 February). */
export const exportDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, fieldText('exportDayFormat'))
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, fieldText('exportDayMissing'));

export const includedFilterSchema = z
  .enum(['all', 'included', 'excluded'])
  .default('all')
  .describe('all: every response; included: those counted (not excluded by review); excluded: only the excluded ones');

/** Filters of the responses download. Every one is optional; they combine with AND. */
export const responsesExportQuerySchema = z.object({
  level: slugId.optional().describe('Unit level, e.g. "department" (cấp sở) or "district" (cấp huyện)'),
  unitId: slugId.optional(),
  groupId: slugId.optional().describe('Respondent group'),
  questionnaireId: slugId
    .optional()
    .describe(
      'Questionnaire (all its versions). Columns are per question, so a CSV holds one questionnaire: required when the other filters match several. An XLSX without it has one sheet per questionnaire.',
    ),
  from: exportDay.optional().describe('First day (inclusive) the response was finished, in Asia/Ho_Chi_Minh'),
  to: exportDay.optional().describe('Last day (inclusive) the response was finished, in Asia/Ho_Chi_Minh'),
  included: includedFilterSchema,
  labels: z
    .enum(['codes', 'labels'])
    .default('codes')
    .describe('Answers of choice questions as choice codes (A, B, yes) or as their labels'),
});
export type ResponsesExportQuery = z.infer<typeof responsesExportQuerySchema>;

/** The scores download has no filter but the level: scores are per unit and need every response of the level. */
export const scoresExportQuerySchema = z.object({
  level: slugId.optional().describe('Only the units of this level'),
});
export type ScoresExportQuery = z.infer<typeof scoresExportQuerySchema>;

export const rosterExportQuerySchema = z.object({
  unitId: slugId
    .optional()
    .describe('The unit. A coordinator gets their own unit (and may only name it); Home Affairs gets every unit when it is left out.'),
});
export type RosterExportQuery = z.infer<typeof rosterExportQuerySchema>;

const questionScoreSchema = z.object({
  questionnaireId: z.string(),
  questionCode: z.string(),
  weight: z.number(),
  valid: z.int(),
  excluded: z.int().describe('"Không biết / không trả lời": out of numerator and denominator'),
  missing: z.int(),
  sum: z.number(),
  mean: z.number().nullable(),
  used: z.boolean().describe('valid ≥ the campaign minimum per group'),
  choiceCounts: z.record(z.string(), z.int()),
});

const groupScoreSchema = z.object({
  groupId: z.string(),
  groupName: z.string(),
  weight: z.number().describe('Group weight (its quota when weights are proportional to quota)'),
  valid: z.int().describe('Valid answers of the group to the questions of this sub-criterion that count'),
  meanCoefficient: z.number().nullable().describe('The group ratio: weighted mean of its questions’ mean coefficients'),
  omitted: z.enum(['not-asked', 'below-minimum', 'no-weight']).nullable(),
  questions: z.array(questionScoreSchema),
});

const subCriterionScoreSchema = z.object({
  code: z.string(),
  title: z.string(),
  maxPoints: z.number(),
  ratio: z.number().nullable(),
  points: z.number().nullable().describe('null when the sub-criterion is left out of the unit maximum (rescaled)'),
  rule: z.enum(['computed', 'rescaled', 'level-minimum', 'level-average', 'zero']),
  groups: z.array(groupScoreSchema),
});

export const unitScoreExportSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  level: z.string(),
  points: z.number().describe('Survey points of the unit'),
  maxPoints: z.number().describe('Survey maximum that counts for the unit'),
  responses: z.record(z.string(), z.int()).describe('Included responses per respondent group'),
  subCriteria: z.array(subCriterionScoreSchema),
});

export const scoresExportSchema = z.object({
  campaignId: z.string(),
  computedAt: z.string(),
  rules: z.object({
    groupWeights: z.union([z.literal('proportional-to-quota'), z.record(z.string(), z.number())]),
    minValidAnswersPerGroup: z.int(),
    decimals: z.int(),
    noValidDataPolicy: z.string(),
  }),
  responsesUsed: z.int().describe('Included (not excluded) responses read'),
  skippedResponses: z.array(z.string()).describe('Responses the engine could not place (unknown unit or questionnaire version)'),
  units: z.array(unitScoreExportSchema),
});
export type ScoresExport = z.infer<typeof scoresExportSchema>;
export type UnitScoreExport = z.infer<typeof unitScoreExportSchema>;
