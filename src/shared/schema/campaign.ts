import { z } from 'zod';
import { isoDate, schemaRef, slugId, text } from './common';

/**
 * The lines above the signature of a unit's documents (thẩm quyền, chức vụ người ký, Nghị định 30/2020/NĐ-CP), in
 * capitals as printed: a collective body signs "TM." for it, e.g. ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]; a head signs in
 * their own title, e.g. ["GIÁM ĐỐC"].
 */
export const signatureBlockSchema = z.array(text.max(80)).min(1).max(4);

export const unitLevelSchema = z.strictObject({
  id: slugId.describe('Level id used by units, groups and frameworks, e.g. "department"'),
  name: text.describe('UI name, e.g. "Cấp sở"'),
  evaluated: z.boolean().default(true).describe('Whether units of this level are scored by the index'),
  signatureBlock: signatureBlockSchema
    .optional()
    .describe(
      'Who signs the self-assessment report of units of this level: the lines above the signature, e.g. ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] or ["GIÁM ĐỐC"]; a unit may have its own. Without it: "THỦ TRƯỞNG CƠ QUAN"',
    ),
  signedReport: z
    .enum(['required', 'optional'])
    .optional()
    .describe(
      '"required": units of this level upload their signed, stamped self-assessment report (PDF) before they can submit; absent or "optional": they may',
    ),
});

export const unitSchema = z.strictObject({
  id: slugId,
  name: text.describe('Full official name, e.g. "Sở Nội vụ"'),
  shortName: text.optional().describe('Short name for tight screens'),
  level: slugId.describe('One of the campaign unitLevels ids'),
  parent: slugId.optional().describe('Id of the parent unit, if any'),
  place: text
    .max(60)
    .optional()
    .describe(
      'Place name (địa danh) before the date of the unit’s documents, e.g. "Minh Hóa" for UBND huyện Minh Hóa; the campaign’s province when absent',
    ),
  signatureBlock: signatureBlockSchema
    .optional()
    .describe('This unit’s own signature block, e.g. ["CHÁNH THANH TRA"]; otherwise its level’s'),
});

export const respondentGroupSchema = z.strictObject({
  id: slugId,
  name: text.describe('UI name, e.g. "Lãnh đạo, công chức thuộc UBND cấp huyện"'),
  ratesLevel: slugId.describe('The unit level this group rates'),
  description: text,
});

export const quotaCellSchema = z.strictObject({
  unit: slugId,
  group: slugId,
  target: z.int().min(0, 'Chỉ tiêu không được âm').max(100_000),
});

export const deadlinesSchema = z
  .strictObject({
    selfAssessment: isoDate.describe('Units finish self-assessment by this day (see deadlineRules: inclusive unless "before")'),
    survey: isoDate.describe('Survey collection ends on this day (see deadlineRules)'),
    appraisal: isoDate.describe('Appraisal ends on this day (see deadlineRules)'),
    publication: isoDate.describe('Index published by this day (see deadlineRules)'),
  })
  .superRefine((d, ctx) => {
    if (d.appraisal < d.selfAssessment) {
      ctx.addIssue({ code: 'custom', path: ['appraisal'], message: 'Hạn thẩm định phải sau hoặc bằng hạn tự đánh giá' });
    }
    if (d.publication < d.appraisal) {
      ctx.addIssue({ code: 'custom', path: ['publication'], message: 'Ngày công bố phải sau hoặc bằng hạn thẩm định' });
    }
  });

/**
 * How a plan words a deadline's day: "đến hết ngày" (through: the day itself is on time) or "trước ngày" (before: the
 * last day on time is the day before). Kế hoạch 2656 words all of its deadlines "trước ngày".
 */
export const deadlineRuleSchema = z.enum(['through', 'before']);

export const deadlineRulesSchema = z
  .strictObject({
    selfAssessment: deadlineRuleSchema.optional(),
    survey: deadlineRuleSchema.optional(),
    appraisal: deadlineRuleSchema.optional(),
    publication: deadlineRuleSchema.optional(),
  })
  .describe('Per deadline: "through" (the day is on time, the default) or "before" (on time only before that day)');

export const campaignStateSchema = z.enum(['draft', 'open', 'closed']);

export const campaignSchema = z.strictObject({
  ...schemaRef,
  id: slugId,
  name: text,
  province: text,
  year: z.int().min(2000).max(2100),
  sampleNotice: text.optional().describe('Present when any content of this campaign is modelled sample data, not the official text'),
  unitLevels: z.array(unitLevelSchema).min(1),
  units: z.array(unitSchema).min(1),
  respondentGroups: z.array(respondentGroupSchema).min(1),
  quotas: z.array(quotaCellSchema).min(1),
  deadlines: deadlinesSchema,
  deadlineRules: deadlineRulesSchema.optional(),
  state: campaignStateSchema,
});

export type UnitLevel = z.infer<typeof unitLevelSchema>;
export type Unit = z.infer<typeof unitSchema>;
export type RespondentGroup = z.infer<typeof respondentGroupSchema>;
export type QuotaCell = z.infer<typeof quotaCellSchema>;
export type Deadlines = z.infer<typeof deadlinesSchema>;
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;
export type DeadlineRules = z.infer<typeof deadlineRulesSchema>;
export type CampaignState = z.infer<typeof campaignStateSchema>;
export type Campaign = z.infer<typeof campaignSchema>;
