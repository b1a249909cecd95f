import { z } from 'zod';
import { answerValueSchema } from '../schema/response';
import { isoDate, slugId, visibleText } from '../schema/common';
import { REVIEW_FLAGS } from '../review/flags';
import { fieldText } from '../problems/field-text';

export const reviewFlagSchema = z.enum(REVIEW_FLAGS);

/** Filters of the review list. Dates are Vietnamese calendar days of arrival at the server, both inclusive. */
export const reviewQuerySchema = z
  .object({
    unitId: slugId.optional(),
    groupId: slugId.optional(),
    surveyorId: z.string().max(64).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    flag: z
      .union([reviewFlagSchema, z.literal('any')])
      .optional()
      .describe('Only responses with this flag ("any": with at least one)'),
    state: z.enum(['all', 'included', 'excluded']).default('all'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(200).optional().describe('nextCursor from the previous page'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: fieldText('reviewDatesReversed') });

export type ReviewQuery = z.infer<typeof reviewQuerySchema>;

export const reviewItemSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  groupId: z.string(),
  questionnaireId: z.string(),
  questionnaireVersion: z.int(),
  surveyorId: z.string(),
  surveyorName: z.string().nullable(),
  deviceId: z.string(),
  mode: z.string(),
  paperSerial: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  receivedAt: z.string(),
  durationSeconds: z.int().nullable(),
  flags: z.array(reviewFlagSchema),
  excluded: z.boolean(),
  excludedReason: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});

export const reviewPageSchema = z.object({ items: z.array(reviewItemSchema), nextCursor: z.string().nullable() });

export const reviewDetailSchema = reviewItemSchema.extend({ answers: z.record(z.string(), answerValueSchema) });

/** How many responses carry each flag (over the whole campaign): the tabs of the review screen. */
export const reviewSummarySchema = z.object({
  total: z.int(),
  excluded: z.int(),
  flags: z.object({
    'over-quota': z.int(),
    'short-interview': z.int(),
    'duplicate-serial': z.int(),
    'uniform-answers': z.int(),
    late: z.int(),
  }),
});

/** Excluding or restoring a response always says why: it is the audit trail of the index. */
export const reviewActionSchema = z.strictObject({
  reason: visibleText(z.string().trim().min(5, fieldText('reviewReasonShort')).max(500, fieldText('reviewReasonLong'))),
});

export const auditEntrySchema = z.object({
  id: z.int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  subject: z.string(),
  detail: z.unknown(),
});

export type ReviewItem = z.infer<typeof reviewItemSchema>;
export type ReviewPage = z.infer<typeof reviewPageSchema>;
export type ReviewDetail = z.infer<typeof reviewDetailSchema>;
export type ReviewSummary = z.infer<typeof reviewSummarySchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Who excluded or restored a response, oldest first. */
export const auditEntryListSchema = z.array(auditEntrySchema);
