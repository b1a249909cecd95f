import { z } from 'zod';
import { assessmentStates, returnTargets } from '../appraisal/states';
import { isoDate, slugId, visibleLine, visibleText } from '../schema/common';
import { dottedCode } from '../schema/framework';
import { fieldText } from '../problems/field-text';

export const councilPositionSchema = z.enum(['chair', 'secretary', 'member']);

/** What a council member appraises: one field in every unit of a level, or every item of one unit. */
export const councilScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('field'), level: slugId, field: dottedCode }),
  z.strictObject({ kind: z.literal('unit'), unitId: slugId }),
]);

export const councilMemberSchema = z.object({
  accountId: z.string(),
  username: z.string(),
  displayName: z.string(),
  position: councilPositionSchema,
  organisation: z.string(),
  scopes: z.array(councilScopeSchema),
});

/** Home Affairs sets a council account's place in the council and what it appraises, as a whole. */
export const councilMemberUpdateSchema = z.strictObject({
  position: councilPositionSchema,
  organisation: visibleLine(z.string().trim().min(1, fieldText('councilOrganisation')).max(200)),
  scopes: z.array(councilScopeSchema).max(200),
});

/** The council's score and comment of one item. `version` is the one the member started from (0: never saved). */
export const appraisalItemUpdateSchema = z.strictObject({
  version: z.int().min(0),
  score: z.number().nullable(),
  comment: visibleText(z.string().trim().max(5000, fieldText('commentTooLong'))).nullable(),
});

export const explanationRequestSchema = z.strictObject({
  codes: z.array(dottedCode).min(1, fieldText('explanationCodes')).max(500),
  message: visibleText(z.string().trim().min(1, fieldText('explanationMessage')).max(5000)),
  deadline: isoDate,
});

export const explanationAnswerSchema = z.strictObject({
  message: visibleText(z.string().trim().max(5000)).nullable(),
});

export const returnRequestSchema = z.strictObject({
  to: z.enum(returnTargets as [(typeof returnTargets)[number], ...(typeof returnTargets)[number][]]),
  reason: visibleText(z.string().trim().min(1, fieldText('returnReason')).max(2000)),
});

export const appraisalItemSchema = z.object({
  code: z.string(),
  score: z.number().nullable(),
  comment: z.string().nullable(),
  version: z.int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

export const explanationRoundSchema = z.object({
  number: z.int(),
  codes: z.array(z.string()),
  message: z.string(),
  deadline: z.string(),
  requestedAt: z.string(),
  requestedBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answer: z.string().nullable(),
  late: z.boolean(),
});

/** The council's side of one unit, as the signed-in person may see it. */
export const appraisalSchema = z.object({
  campaignId: z.string(),
  unitId: z.string(),
  state: z.enum(assessmentStates),
  deadline: z.string().describe('Appraisal deadline (inclusive), Vietnamese calendar day'),
  /** Items this person may appraise now. */
  appraisableCodes: z.array(z.string()),
  /** Items whose explanation round is open (the unit is answering them). */
  requestedCodes: z.array(z.string()),
  canRequest: z.boolean(),
  canClose: z.boolean(),
  canReturn: z.boolean(),
  items: z.array(appraisalItemSchema),
  rounds: z.array(explanationRoundSchema),
  appraisedAt: z.string().nullable(),
  late: z.boolean(),
});

/** One unit × the fields a member appraises there, in the member's work list. */
export const appraisalTaskSchema = z.object({
  unitId: z.string(),
  level: z.string(),
  state: z.enum(assessmentStates),
  /** The unit submitted after the self-assessment deadline (under the "flag" rule). */
  late: z.boolean(),
  /** The items of this task: the member's fields, or the whole unit. */
  items: z.int(),
  appraised: z.int(),
  waiting: z.int().describe('Items in an open explanation round'),
});

export const appraisalWorkListSchema = z.object({ deadline: z.string(), chair: z.boolean(), tasks: z.array(appraisalTaskSchema) });

export type CouncilScope = z.infer<typeof councilScopeSchema>;
export type CouncilMember = z.infer<typeof councilMemberSchema>;
export type CouncilMemberUpdate = z.infer<typeof councilMemberUpdateSchema>;
export type AppraisalItemUpdate = z.infer<typeof appraisalItemUpdateSchema>;
export type ExplanationRequest = z.infer<typeof explanationRequestSchema>;
export type Appraisal = z.infer<typeof appraisalSchema>;
export type AppraisalTask = z.infer<typeof appraisalTaskSchema>;
export type AppraisalWorkList = z.infer<typeof appraisalWorkListSchema>;
export type ExplanationRound = z.infer<typeof explanationRoundSchema>;

/** The answer to an explanation request: the number of the round it opened. */
export const explanationRequestResultSchema = z.object({ number: z.int() });
export const councilListSchema = z.array(councilMemberSchema);
