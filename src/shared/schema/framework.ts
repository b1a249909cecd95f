import { z } from 'zod';
import { points, schemaRef, slugId, text } from './common';

/** Codes such as "1", "1.2", "1.2.3": dotted numbers. */
export const dottedCode = z.string().regex(/^\d+(\.\d+)*$/, 'Mã có dạng số chấm số, ví dụ "3.6.1"');

export const scoringMethodSchema = z
  .enum(['appraised', 'survey'])
  .describe('appraised: self-assessed then appraised by the council; survey: scored from the sociological survey');

export const subCriterionSchema = z.strictObject({
  code: dottedCode,
  title: text,
  maxPoints: points,
  step: z.number().positive().default(0.25).describe('Scores must be a multiple of this step (appraised items only)'),
  method: scoringMethodSchema,
  evidence: text.optional().describe('What evidence (tài liệu kiểm chứng) the unit is expected to attach'),
  guide: text.optional().describe('How the points are given (cách chấm điểm)'),
});

export const criterionSchema = z.strictObject({
  code: dottedCode,
  title: text,
  maxPoints: points,
  subCriteria: z.array(subCriterionSchema).min(1),
});

export const fieldSchema = z.strictObject({
  code: dottedCode,
  title: text,
  maxPoints: points,
  criteria: z.array(criterionSchema).min(1),
});

export const frameworkSchema = z.strictObject({
  ...schemaRef,
  id: slugId,
  level: slugId.describe('The unit level this framework scores'),
  title: text,
  source: text.optional().describe('The decision this framework comes from, e.g. "QĐ 3251/QĐ-UBND"'),
  sampleNotice: text.optional().describe('Present when the content is modelled sample data'),
  declaredTotals: z
    .strictObject({ max: points, appraised: points, survey: points })
    .describe('Totals the fields must add up to; checked by definitions:check'),
  fields: z.array(fieldSchema).min(1),
});

export type ScoringMethod = z.infer<typeof scoringMethodSchema>;
export type SubCriterion = z.infer<typeof subCriterionSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type Field = z.infer<typeof fieldSchema>;
export type Framework = z.infer<typeof frameworkSchema>;
