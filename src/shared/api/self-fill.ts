import { z } from 'zod';
import { isoDateTime, slugId, visibleLine } from '../schema/common';
import { answersSchema } from '../schema/response';
import { MAX_CODES_PER_BATCH } from '../self-fill/code';

/**
 * Self-fill codes (issue 19): batches of single-use codes per unit × respondent group, issued by Home Affairs (or a
 * surveyor for an assigned cell), filled by respondents on their own phones at /p/<code> with no account.
 */

export const issueBatchRequestSchema = z.strictObject({
  unitId: slugId,
  groupId: slugId,
  count: z.int().min(1).max(MAX_CODES_PER_BATCH),
  /** Where the slips go, for whoever hands them out ("Phòng Hành chính, tầng 2"); never shown to respondents. */
  note: visibleLine(z.string().trim().max(200)).optional(),
});
export type IssueBatchRequest = z.infer<typeof issueBatchRequestSchema>;

/** A batch and its codes' fate, counts only. */
export const selfFillBatchSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  unitId: z.string(),
  groupId: z.string(),
  note: z.string().nullable(),
  issuedBy: z.string(),
  issuedByName: z.string().nullable(),
  issuedAt: z.string(),
  /** The last day a code may be used: the survey deadline (Asia/Ho_Chi_Minh). */
  lastDay: z.string(),
  revokedAt: z.string().nullable(),
  issued: z.int(),
  opened: z.int(),
  submitted: z.int(),
  /** Codes that were never submitted when the batch was revoked. */
  revoked: z.int(),
});
export type SelfFillBatch = z.infer<typeof selfFillBatchSchema>;

export const selfFillBatchListSchema = z.object({ batches: z.array(selfFillBatchSchema) });

/** A new batch: its codes in plain text, once. Only their hashes are kept, so this is the only time they exist. */
export const issuedBatchSchema = z.object({
  batch: selfFillBatchSchema,
  campaignName: z.string(),
  unitName: z.string(),
  groupName: z.string(),
  codes: z.array(
    z.object({
      /** As printed: groups of four. */
      code: z.string(),
      /** The link on the server's public origin. */
      link: z.string(),
      /** The link as a QR code, an SVG document (black modules on white). */
      qrSvg: z.string(),
    }),
  ),
});
export type IssuedBatch = z.infer<typeof issuedBatchSchema>;

/** What a respondent's page needs to show the questionnaire of a code's cell. */
export const respondentFormSchema = z.object({
  campaign: z.object({ id: z.string(), name: z.string() }),
  unit: z.object({ id: z.string(), name: z.string() }),
  group: z.object({ id: z.string(), name: z.string() }),
  /** The last day the code may be used (YYYY-MM-DD). */
  lastDay: z.string(),
  questionnaire: z.unknown().describe('The newest questionnaire version serving the group (Questionnaire schema)'),
});
export type RespondentForm = z.infer<typeof respondentFormSchema>;

export const respondentSubmitSchema = z.strictObject({
  /** Made in the browser when the form opened; the response's id. */
  responseId: z.uuid(),
  /** Made in the browser with the id and kept beside it: a retry sends it again. Stored hashed, apart from the response. */
  secret: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/),
  questionnaireId: slugId,
  questionnaireVersion: z.int().min(1),
  startedAt: isoDateTime,
  finishedAt: isoDateTime,
  answers: answersSchema,
});
export type RespondentSubmit = z.infer<typeof respondentSubmitSchema>;

export const respondentSubmitResultSchema = z.object({ status: z.enum(['accepted', 'duplicate']) });
export type RespondentSubmitResult = z.infer<typeof respondentSubmitResultSchema>;

/** Per unit × group, the self-fill codes' fate (progress: counts only). */
export const selfFillCellSchema = z.object({
  unit: z.string(),
  group: z.string(),
  batches: z.int(),
  issued: z.int(),
  opened: z.int(),
  submitted: z.int(),
  revoked: z.int(),
});
export type SelfFillCell = z.infer<typeof selfFillCellSchema>;
