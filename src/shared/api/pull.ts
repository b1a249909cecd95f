import { z } from 'zod';
import { frameworkSchema } from '../schema/framework';
import { questionnaireSchema } from '../schema/questionnaire';

/** What any signed-in person may know of a campaign: names, units, groups, deadlines, state. No counts, no answers. */
export const campaignInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  province: z.string(),
  year: z.int(),
  state: z.enum(['draft', 'open', 'closed']),
  deadlines: z.record(z.string(), z.string()),
  sampleNotice: z.string().optional(),
  unitLevels: z.array(z.object({ id: z.string(), name: z.string() })),
  units: z.array(z.object({ id: z.string(), name: z.string(), shortName: z.string().optional(), level: z.string() })),
  groups: z.array(z.object({ id: z.string(), name: z.string(), ratesLevel: z.string(), description: z.string() })),
});

export type CampaignInfo = z.infer<typeof campaignInfoSchema>;

/** What a surveyor's device downloads to work offline (DESIGN §4). Questionnaires are full definitions. */
export const pullResultSchema = z.object({
  serverTime: z.string(),
  account: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
  campaign: campaignInfoSchema,
  assignments: z.array(
    z.object({
      unit: z.string(),
      group: z.string(),
      allocation: z.int().nullable(),
      target: z.int().describe('The unit × group quota'),
      cellCount: z.int().describe('Counted responses for the whole cell on the server'),
      ownCount: z.int().describe("This surveyor's responses for the cell on the server"),
    }),
  ),
  questionnaires: z.array(z.unknown()).describe('Every version serving the assigned groups (Questionnaire schema)'),
  /** The campaign's rule for a response finished after the survey deadline (campaign.deadlines.survey, its last day). */
  surveyLate: z.enum(['refuse', 'flag']).optional(),
});

export type PullResult = z.infer<typeof pullResultSchema>;

/** Every questionnaire version of a campaign, as the office reads them (the texts of paper forms and answers). */
export const questionnaireListSchema = z.array(questionnaireSchema);
/** The frameworks (bộ chỉ số) of a campaign. */
export const frameworkListSchema = z.array(frameworkSchema);
