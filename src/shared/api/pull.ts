import { z } from 'zod';

/** What a surveyor's device downloads to work offline (DESIGN §4). Questionnaires are full definitions. */
export const pullResultSchema = z.object({
  serverTime: z.string(),
  account: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
  campaign: z.object({
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
  }),
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
});

export type PullResult = z.infer<typeof pullResultSchema>;
