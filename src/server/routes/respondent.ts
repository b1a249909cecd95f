import { z } from 'zod';
import { errorBodySchema, respondentFormSchema, respondentSubmitResultSchema, respondentSubmitSchema } from '../../shared';
import type { App, Deps } from '../http/deps';
import { openSelfFill, submitSelfFill } from '../services/respondent';

const errors = {
  400: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  410: errorBodySchema,
  422: errorBodySchema,
  429: errorBodySchema,
};
const code = z.object({ code: z.string().max(64) });
// Per address, generous (an office behind one NAT), against floods; wrong codes have a stricter count of their own.
// No running count in the headers: what a respondent's browser is told must not depend on who else called from there.
const rateLimit = {
  max: 600,
  timeWindow: '1 minute',
  addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
};

/** A respondent with a self-fill code (issue 19): no account, no cookie needed; nothing about them is stored. */
export function respondentRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/p/:code',
    {
      config: { rateLimit },
      schema: {
        tags: ['self-fill'],
        summary: "A code's questionnaire, to fill in without an account. Marks the code opened.",
        security: [],
        params: code,
        response: { 200: respondentFormSchema, ...errors },
      },
    },
    async (req, reply) => {
      const form = await openSelfFill(deps, req.params.code, req.ip);
      return reply.header('cache-control', 'no-store').send(form);
    },
  );

  app.post(
    '/api/p/:code/submit',
    {
      config: { rateLimit },
      schema: {
        tags: ['self-fill'],
        summary: "Submit a code's response, once: the same responseId and secret again answers duplicate (a success).",
        security: [],
        params: code,
        body: respondentSubmitSchema,
        response: { 200: respondentSubmitResultSchema, ...errors },
      },
    },
    async (req) => submitSelfFill(deps, req.params.code, req.body, req.ip),
  );
}
