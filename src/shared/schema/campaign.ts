import { z } from 'zod';
import { isoDate, schemaRef, slugId, text } from './common';

export const unitLevelSchema = z.strictObject({
  id: slugId.describe('Level id used by units, groups and frameworks, e.g. "department"'),
  name: text.describe('UI name, e.g. "Cấp sở"'),
  evaluated: z.boolean().default(true).describe('Whether units of this level are scored by the index'),
});

export const unitSchema = z.strictObject({
  id: slugId,
  name: text.describe('Full official name, e.g. "Sở Nội vụ"'),
  shortName: text.optional().describe('Short name for tight screens'),
  level: slugId.describe('One of the campaign unitLevels ids'),
  parent: slugId.optional().describe('Id of the parent unit, if any'),
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
    selfAssessment: isoDate.describe('Units finish self-assessment by this day (inclusive)'),
    survey: isoDate.describe('Survey collection ends on this day (inclusive)'),
    appraisal: isoDate.describe('Appraisal ends on this day (inclusive)'),
    publication: isoDate.describe('Index published by this day (inclusive)'),
  })
  .superRefine((d, ctx) => {
    if (d.appraisal < d.selfAssessment) {
      ctx.addIssue({ code: 'custom', path: ['appraisal'], message: 'Hạn thẩm định phải sau hoặc bằng hạn tự đánh giá' });
    }
    if (d.publication < d.appraisal) {
      ctx.addIssue({ code: 'custom', path: ['publication'], message: 'Ngày công bố phải sau hoặc bằng hạn thẩm định' });
    }
  });

export const campaignStateSchema = z.enum(['draft', 'open', 'closed']);

export const campaignSchema = z.strictObject({
  ...schemaRef,
  id: slugId,
  name: text,
  province: text,
  year: z.int().min(2000).max(2100),
  sampleNotice: text
    .optional()
    .describe('Present when any content of this campaign is modelled sample data, not the official text'),
  unitLevels: z.array(unitLevelSchema).min(1),
  units: z.array(unitSchema).min(1),
  respondentGroups: z.array(respondentGroupSchema).min(1),
  quotas: z.array(quotaCellSchema).min(1),
  deadlines: deadlinesSchema,
  state: campaignStateSchema,
});

export type UnitLevel = z.infer<typeof unitLevelSchema>;
export type Unit = z.infer<typeof unitSchema>;
export type RespondentGroup = z.infer<typeof respondentGroupSchema>;
export type QuotaCell = z.infer<typeof quotaCellSchema>;
export type Deadlines = z.infer<typeof deadlinesSchema>;
export type CampaignState = z.infer<typeof campaignStateSchema>;
export type Campaign = z.infer<typeof campaignSchema>;
