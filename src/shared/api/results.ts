import { z } from 'zod';
import { assessmentStates } from '../appraisal/states';
import { visibleText } from '../schema/common';
import { unitScoreExportSchema } from './export';

/** One field of a unit's result: the unit's own score, the council's, and the survey's, against their maxima. */
export const unitFieldSchema = z.object({
  code: z.string(),
  title: z.string(),
  self: z.number().describe('The unit’s own scores of the appraised sub-criteria'),
  appraised: z.number().describe('The council’s scores of the appraised sub-criteria'),
  appraisedMax: z.number(),
  survey: z.number(),
  surveyMax: z.number().describe('Survey maximum that counts (rescaled sub-criteria left out)'),
});

/** One sub-criterion of a unit's result: the unit's own score and the council's (appraised ones), or the survey's. */
export const unitItemSchema = z.object({
  code: z.string(),
  title: z.string(),
  method: z.enum(['appraised', 'survey']),
  maxPoints: z.number(),
  self: z.number().nullable(),
  appraised: z.number().nullable(),
  survey: z.number().nullable().describe('null: no survey points (left out of the maximum, or an appraised item)'),
});

/** A survey figure that does not rest on enough answers: said beside the unit, never hidden in the total. */
export const surveyCaveatSchema = z.object({
  code: z.string(),
  title: z.string(),
  /** rescaled: left out of the maximum; level-average: the level's mean given; zero: no points. */
  rule: z.enum(['computed', 'rescaled', 'level-minimum', 'level-average', 'zero']),
  /** Respondent groups left out for too few valid answers. */
  thinGroups: z.array(z.string()),
});

export const unitResultSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  level: z.string(),
  state: z.enum(assessmentStates),
  rank: z.int().describe('1 = best within the level; equal units after every tie-break share a rank'),
  band: z.object({ id: z.string(), name: z.string() }),
  percent: z.number().describe('The PAR Index: total points as a percentage of the maximum that counts'),
  totalPoints: z.number(),
  maxPoints: z.number(),
  appraisedPoints: z.number(),
  appraisedMax: z.number(),
  surveyPoints: z.number(),
  surveyMax: z.number(),
  selfPoints: z.number().describe('The unit’s own total over the appraised sub-criteria'),
  /** The rank the unit would have with its own scores in place of the council's (survey unchanged). */
  selfRank: z.int(),
  /** Appraised sub-criteria with no council score yet (counted as 0 until appraised). */
  unappraised: z.array(z.string()),
  fields: z.array(unitFieldSchema),
  items: z.array(unitItemSchema),
  surveyCaveats: z.array(surveyCaveatSchema),
  /** How every survey figure was computed: groups, valid answers, weights, rule. */
  survey: unitScoreExportSchema.omit({ unitName: true, level: true }),
});

export const levelResultSchema = z.object({ level: z.string(), name: z.string(), units: z.array(unitResultSchema) });

/** The index of a campaign: live while the appraisal goes on, frozen in a numbered version once published. */
export const resultsSchema = z.object({
  campaignId: z.string(),
  campaignName: z.string(),
  province: z.string(),
  year: z.int(),
  computedAt: z.string(),
  rules: z.object({
    bands: z.array(z.object({ id: z.string(), name: z.string(), minPercent: z.number() })),
    tieBreak: z.array(z.string()),
    noValidDataPolicy: z.string(),
    minValidAnswersPerGroup: z.int(),
    decimals: z.int(),
  }),
  sampleNotice: z.string().nullable(),
  levels: z.array(levelResultSchema),
});

/** A published version: its number, date, reason (corrections), and the results as frozen then. */
export const publicationSchema = z.object({
  campaignId: z.string(),
  version: z.int(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  reason: z.string().nullable(),
  late: z.boolean(),
  sha256: z.string().describe('SHA-256 of the canonical JSON of `results`: what was published, byte for byte'),
  results: resultsSchema,
});

export const publicationSummarySchema = publicationSchema.omit({ results: true });

export const publishRequestSchema = z.strictObject({
  reason: visibleText(z.string().trim().max(2000)).nullable().describe('Required for a correction (every version after the first)'),
});

/** Home Affairs' live results: the figures now, and what has been published so far. */
export const liveResultsSchema = z.object({
  results: resultsSchema,
  /** Units not yet appraised: publication waits for every one. */
  notAppraised: z.array(z.object({ unitId: z.string(), state: z.enum(assessmentStates) })),
  publications: z.array(publicationSummarySchema),
});

export type UnitField = z.infer<typeof unitFieldSchema>;
export type UnitItem = z.infer<typeof unitItemSchema>;
export type UnitResult = z.infer<typeof unitResultSchema>;
export type Results = z.infer<typeof resultsSchema>;
export type Publication = z.infer<typeof publicationSchema>;
export type PublicationSummary = z.infer<typeof publicationSummarySchema>;
export type LiveResults = z.infer<typeof liveResultsSchema>;
export type SurveyCaveat = z.infer<typeof surveyCaveatSchema>;
