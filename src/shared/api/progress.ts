import { z } from 'zod';
import { selfFillCellSchema } from './self-fill';

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
  lastReceivedAt: z.string().nullable().describe('The newest response received from this surveyor for this unit × group'),
  lastSyncAt: z
    .string()
    .nullable()
    .describe("When the surveyor's device last synced (any cell, or a pull with nothing to send; to within 5 minutes); null: never"),
});

export const dailyCountSchema = z.object({ date: z.string(), received: z.int(), excluded: z.int() });

export const scheduleSchema = z.object({
  remaining: z.int(),
  daysLeft: z.int(),
  pacePerDay: z.number(),
  projected: z.int(),
  neededPerDay: z.int().nullable(),
  shortfall: z.int(),
  status: z.enum(['done', 'on-track', 'behind', 'missed']),
});

/** One unit: its totals over all groups, responses per day, and its pace against the survey deadline. */
export const unitProgressSchema = z.object({
  unit: z.string(),
  level: z.string(),
  ...tally,
  daily: z.array(dailyCountSchema),
  schedule: scheduleSchema,
});

export const progressReportSchema = z.object({
  campaignId: z.string(),
  /** The Vietnamese calendar day the report was made, and the survey deadline it is measured against. */
  today: z.string(),
  deadline: z.string(),
  cells: z.array(cellProgressSchema),
  units: z.array(unitProgressSchema),
  surveyors: z.array(surveyorProgressSchema),
  /** Self-fill codes per unit × group with any batch (issue 19): issued, opened, submitted, revoked. */
  selfFill: z.array(selfFillCellSchema),
  totals: z.object(tally),
});

export type UnitProgress = z.infer<typeof unitProgressSchema>;

export type ProgressReport = z.infer<typeof progressReportSchema>;
