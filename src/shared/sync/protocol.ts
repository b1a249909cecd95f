import { z } from 'zod';
import { rejectionCodes } from './codes';
import { MAX_BATCH } from './limits';

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

export const pushRosterRequestSchema = z.strictObject({
  entries: z.array(z.unknown()).min(1, 'Lô không có dòng nào').max(MAX_BATCH, `Mỗi lần tối đa ${MAX_BATCH} dòng`),
});

export type PushResponsesRequest = z.infer<typeof pushResponsesRequestSchema>;
export type ItemResult = z.infer<typeof itemResultSchema>;
export type PushResult = z.infer<typeof pushResultSchema>;
