import type { FastifyInstance } from 'fastify';
import { problem } from '../../shared/problems/problem';
import { nulPath } from '../../shared/schema/nul';
import { problemError } from './errors';

/**
 * Refuses a request whose path, query or JSON body holds a NUL character, before any route reads it, naming where:
 * no text a person types holds one, and PostgreSQL cannot store it in text (issue 18), so on one database it would be
 * a 500 and on the other a stored oddity. The same 400 on both. A push of responses is read as bytes, past this hook:
 * each response holding one is rejected on its own (services/response-check.ts). Multipart uploads check their own
 * fields.
 */
export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    for (const [where, value] of [
      ['params', req.params],
      ['querystring', req.query],
      ['body', req.body],
    ] as const) {
      const at = nulPath(value);
      if (at) throw problemError(problem('request.nul-character'), [[where, ...at].join('.')]);
    }
  });
}
