import { z } from 'zod';
import { campaignSchema } from './campaign';
import { frameworkSchema } from './framework';
import { questionnaireSchema } from './questionnaire';
import { scoringSettingsSchema } from './scoring';

/**
 * JSON Schemas of the definition files, generated from the zod schemas so editors autocomplete and
 * validate campaign files. Rules that need code (sums, references) are checked by definitions:check.
 */
export function definitionJsonSchemas(): Record<'campaign' | 'framework' | 'questionnaire' | 'scoring', unknown> {
  const gen = (schema: z.ZodType, title: string): unknown => ({
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
    title,
  });
  return {
    campaign: gen(campaignSchema, 'Phiếu campaign (Kỳ đánh giá)'),
    framework: gen(frameworkSchema, 'Phiếu framework (Bộ chỉ số)'),
    questionnaire: gen(questionnaireSchema, 'Phiếu questionnaire (Phiếu điều tra)'),
    scoring: gen(scoringSettingsSchema, 'Phiếu scoring settings (Cách tính điểm điều tra XHH)'),
  };
}
