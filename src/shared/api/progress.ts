import { z } from 'zod';

const tally = {
  target: z.int(),
  received: z.int(),
  excluded: z.int(),
  counted: z.int(),
  remaining: z.int(),
  over: z.int(),
};

export const cellProgressSchema = z.object({ unit: z.string(), group: z.string(), ...tally, reached: z.boolean() });

export const surveyorProgressSchema = z.object({
  surveyor: z.string(),
  displayName: z.string(),
  unit: z.string(),
  group: z.string(),
  allocation: z.int().nullable(),
  received: z.int(),
  lastReceivedAt: z.string().nullable(),
});

export const progressReportSchema = z.object({
  campaignId: z.string(),
  cells: z.array(cellProgressSchema),
  surveyors: z.array(surveyorProgressSchema),
  totals: z.object(tally),
});

export type ProgressReport = z.infer<typeof progressReportSchema>;
