import { z } from 'zod';
import { fieldText } from '../problems/field-text';

export const roleSchema = z.enum(['admin', 'coordinator', 'surveyor', 'council', 'staff']);
export type Role = z.infer<typeof roleSchema>;

export const loginRequestSchema = z.strictObject({
  username: z.string().trim().min(1, fieldText('loginUsername')).max(64),
  password: z.string().min(1, fieldText('loginPassword')).max(256),
});

export const accountSummarySchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  unitId: z.string().nullable(),
  campaignId: z.string().nullable(),
});

export const sessionInfoSchema = z.object({ account: accountSummarySchema, expiresAt: z.string() });

/**
 * GET /api/auth/session: who the session cookie belongs to, if anyone. Nobody signed in is an answer here, not an
 * error: the app asks before anyone has signed in, and a 401 would be logged by the browser as a failed request.
 */
export const sessionStateSchema = z.object({
  user: accountSummarySchema
    .extend({ expiresAt: z.string().describe('When this session ends unless it is used again') })
    .nullable()
    .describe('null when no valid session came with the request (no cookie, an expired or revoked one)'),
});

/** Every 4xx/5xx answer has this shape: a message a person can act on, and where it applies. */
export const errorBodySchema = z.object({
  error: z.string().describe('Stable machine code, e.g. "unauthenticated"'),
  message: z.string().describe('Vietnamese, for the person using the app'),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export type LoginRequest = z.infer<typeof loginRequestSchema>;
export type AccountSummary = z.infer<typeof accountSummarySchema>;
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
export type SessionState = z.infer<typeof sessionStateSchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;
