import { z } from 'zod';
import { schemaRef, slugId, text } from './common';

export const bandSchema = z.strictObject({
  id: slugId,
  name: text.describe('UI name, e.g. "Tốt"'),
  minPercent: z.number().min(0).max(100).describe('Lowest index percentage (inclusive) in this band'),
});

export const tieBreakKeySchema = z.enum(['appraised-points', 'survey-points']).describe('Higher wins; units still equal share the rank');

export const noValidDataPolicySchema = z
  .enum(['level-minimum', 'rescale', 'level-average', 'zero'])
  .describe(
    'When a survey sub-criterion has no valid answers for a unit: level-minimum (the lowest ratio among the units of ' +
      'the same level that have data: having no data never does better than having some), rescale (leave it out of the ' +
      'maximum), level-average (mean ratio of the units of the same level that have data), zero (no points)',
  );

export const scoringSettingsSchema = z
  .strictObject({
    ...schemaRef,
    groupWeights: z
      .union([z.literal('proportional-to-quota'), z.record(slugId, z.number().positive()).describe('Fixed weight per respondent group id')])
      .default('proportional-to-quota'),
    minValidAnswersPerGroup: z
      .int()
      .min(1)
      .default(5)
      .describe('A group with fewer valid answers to a question is left out for that question'),
    decimals: z.int().min(0).max(4).default(2).describe('Points and percentages are rounded half-up to this many decimals'),
    noValidDataPolicy: noValidDataPolicySchema.default('level-minimum'),
    bands: z.array(bandSchema).min(1).describe('Classification bands, highest threshold first'),
    tieBreak: z.array(tieBreakKeySchema).default(['appraised-points']),
  })
  .superRefine((s, ctx) => {
    s.bands.forEach((b, i) => {
      if (s.bands.findIndex((x) => x.id === b.id) !== i) {
        ctx.addIssue({ code: 'custom', path: ['bands', i, 'id'], message: `Mã mức xếp loại "${b.id}" bị trùng` });
      }
      const prev = s.bands[i - 1];
      if (prev && prev.minPercent <= b.minPercent) {
        ctx.addIssue({ code: 'custom', path: ['bands', i, 'minPercent'], message: 'Các mức xếp loại phải xếp theo ngưỡng giảm dần' });
      }
    });
    const last = s.bands[s.bands.length - 1];
    if (last && last.minPercent !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['bands', s.bands.length - 1, 'minPercent'],
        message: 'Mức thấp nhất phải có ngưỡng 0 để mọi đơn vị đều được xếp loại',
      });
    }
  });

export type Band = z.infer<typeof bandSchema>;
export type TieBreakKey = z.infer<typeof tieBreakKeySchema>;
export type NoValidDataPolicy = z.infer<typeof noValidDataPolicySchema>;
export type ScoringSettings = z.infer<typeof scoringSettingsSchema>;
