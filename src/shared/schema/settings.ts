import { z } from 'zod';
import { deadlinesSchema } from './campaign';
import { slugId } from './common';
import { fieldText } from '../problems/field-text';

/** Money in whole đồng: no fractions, no negatives, below a billion per questionnaire. */
const dong = z.int(fieldText('moneyWhole')).min(0, fieldText('moneyNegative')).max(1_000_000_000);

/**
 * What Home Affairs changes while a campaign runs, kept apart from the definition files: deadlines (override the
 * campaign file's; each the last day on time), the review threshold for short interviews, the payment rates and rule
 * for the rosters, and what happens to work done after each deadline.
 */
export const campaignSettingsSchema = z.strictObject({
  deadlines: deadlinesSchema.optional().describe('Overrides the deadlines of campaign.json when set'),
  minInterviewMinutes: z
    .number()
    .min(0, fieldText('minMinutesNegative'))
    .max(240, fieldText('minMinutesMax', { max: 240 }))
    .default(5)
    .describe('Interviews shorter than this are flagged for review (0 turns the flag off)'),
  payment: z
    .strictObject({
      respondentRate: dong.default(0).describe('Paid to each respondent per questionnaire, in đồng'),
      respondentRateByGroup: z.record(slugId, dong).default({}).describe('Per respondent group, overriding respondentRate'),
      surveyorRate: dong.default(0).describe('Paid to the surveyor per questionnaire collected, in đồng'),
      surveyorPaidFor: z
        .enum(['included', 'received'])
        .default('included')
        .describe("Which of a surveyor's questionnaires are paid: only those review kept (included), or every one received"),
    })
    .default({ respondentRate: 0, respondentRateByGroup: {}, surveyorRate: 0, surveyorPaidFor: 'included' }),
  surveyLate: z
    .enum(['refuse', 'flag'])
    .default('flag')
    .describe('A response finished after the survey deadline: refuse it at sync, or accept it and flag it late for review'),
  selfAssessmentLate: z
    .enum(['refuse', 'flag'])
    .default('refuse')
    .describe(
      "After the self-assessment deadline (and after an explanation round's): refuse the unit's sending, or accept and flag it late",
    ),
  appraisalLate: z
    .enum(['refuse', 'flag'])
    .default('refuse')
    .describe(
      "After the appraisal deadline: refuse the council's appraisals, requests and closing, or accept them and flag the closing late",
    ),
  publicationLate: z
    .enum(['refuse', 'flag'])
    .default('refuse')
    .describe('After the publication deadline: refuse publishing, or publish and flag the version late'),
});

export type CampaignSettings = z.infer<typeof campaignSettingsSchema>;
export type CampaignSettingsInput = z.input<typeof campaignSettingsSchema>;

export const defaultCampaignSettings = (): CampaignSettings => campaignSettingsSchema.parse({});
