import { z } from 'zod';
import { isoDate, slugId } from '../schema/common';
import { rejectionCodes } from './codes';

/** At most this many items per push: a batch commits in one transaction and answers within a request timeout. */
export const MAX_BATCH = 100;

export const pushResponsesRequestSchema = z.strictObject({
  responses: z
    .array(z.unknown())
    .min(1, 'Lô đồng bộ không có phiếu nào')
    .max(MAX_BATCH, `Mỗi lần đồng bộ tối đa ${MAX_BATCH} phiếu`)
    .describe('Finalised responses (see the SurveyResponse schema); each is checked on its own'),
});

export const itemResultSchema = z.discriminatedUnion('status', [
  z.object({ id: z.string(), status: z.literal('accepted'), overQuota: z.boolean() }),
  z.object({ id: z.string(), status: z.literal('duplicate') }),
  z.object({
    id: z.string().nullable().describe('null when the item had no readable id'),
    index: z.int(),
    status: z.literal('rejected'),
    code: z.enum(rejectionCodes),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
]);

export const pushResultSchema = z.object({
  results: z.array(itemResultSchema).describe('One per item, in the order sent'),
  receivedAt: z.string(),
});

/** A payment-roster entry: who answered, for paying them. Never linked to a response (DESIGN §1). */
export const rosterEntrySchema = z.strictObject({
  id: z.uuid({ message: 'Mã dòng danh sách phải là UUID' }),
  campaignId: slugId,
  unitId: slugId,
  groupId: slugId,
  surveyorId: z.string().min(1).max(64),
  deviceId: z.string().min(1).max(64),
  respondentName: z.string().trim().min(1, 'Cần họ tên người trả lời').max(120),
  organisation: z.string().trim().max(200).optional().describe('Organisation or address'),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9 +().-]{6,20}$/, 'Số điện thoại chỉ gồm chữ số, dấu cách, +, (, ), . hoặc -')
    .optional(),
  collectedOn: isoDate,
});

export const pushRosterRequestSchema = z.strictObject({
  entries: z.array(z.unknown()).min(1, 'Lô không có dòng nào').max(MAX_BATCH, `Mỗi lần tối đa ${MAX_BATCH} dòng`),
});

export type PushResponsesRequest = z.infer<typeof pushResponsesRequestSchema>;
export type ItemResult = z.infer<typeof itemResultSchema>;
export type PushResult = z.infer<typeof pushResultSchema>;
export type RosterEntry = z.infer<typeof rosterEntrySchema>;
