import type { FastifyBodyParser, FastifyRequest, FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import { errorBodySchema, pullResultSchema, pushResponsesRequestSchema, pushResultSchema, pushRosterRequestSchema, type PushResponsesRequest, type PushResult } from '../../shared';
import { HttpError } from '../http/errors';
import type { App, Deps } from '../http/deps';
import { allow, requireRole } from '../http/session';
import { pullForSurveyor } from '../services/pull';
import { utf8Text, type ResponseJudgement } from '../services/response-check';
import { pushJudgedResponses, pushRoster } from '../services/sync';

/** 100 responses of a few KB each fit well inside this; a larger body is refused before it is parsed. */
const SYNC_BODY_LIMIT = 4 * 1024 * 1024;

/** A responses push body as received: UTF-8 JSON, decoded, parsed and checked by the response checker (a worker thread). */
class JsonBytes {
  constructor(readonly bytes: Buffer) {}
}

type RouteSchema = Parameters<FastifySchemaCompiler<unknown>>[0];
type ZodRoute = Parameters<FastifySchemaCompiler<ZodType>>[0] & { httpStatus?: string };

/** The route's body validator: zod's, except for a body kept as bytes, which the checker decodes, parses and validates. */
const validateUnlessText = (route: RouteSchema): ReturnType<FastifySchemaCompiler<unknown>> => {
  const zod = validatorCompiler(route as ZodRoute);
  return (data: unknown) => (data instanceof JsonBytes ? { value: data } : zod(data));
};

/** Per-item results built by pushJudgedResponses itself: plain JSON.stringify; error answers keep zod's serializer. */
const serializeTrusted = (route: RouteSchema): ReturnType<FastifySerializerCompiler<unknown>> =>
  (route as ZodRoute).httpStatus === '200' ? (data) => JSON.stringify(data as PushResult) : serializerCompiler(route as ZodRoute);

export function syncRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/sync/pull',
    {
      schema: {
        tags: ['sync'],
        summary: "Everything a surveyor's device needs to work offline",
        response: { 200: pullResultSchema, 401: errorBodySchema, 403: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (req) => {
      const user = requireRole(req, 'surveyor');
      const campaign = (user.campaignId ? deps.registry.get(user.campaignId) : undefined) ?? deps.registry.current();
      if (!campaign) throw new HttpError(409, 'no-campaign', 'Chưa có kỳ đánh giá nào trên máy chủ.');
      return pullForSurveyor(deps.db, campaign, deps.registry.settings(campaign.bundle.campaign.id), { id: user.id, username: user.username, displayName: user.displayName }, deps.now());
    },
  );

  // The responses push has its own scope, where a JSON body is kept as bytes: the validation worker decodes and parses it, so the
  // request thread (which also writes to SQLite and answers every request) neither parses 100 responses nor copies
  // the parsed items to the worker. A body that is not plain valid JSON of a valid envelope goes back through
  // Fastify's own parser and the zod validator (parseExactly), so every error answer is the one it always was.
  void app.register(async (scope: App) => {
    const parseJson = scope.getDefaultJsonParser(scope.initialConfig.onProtoPoisoning ?? 'error', scope.initialConfig.onConstructorPoisoning ?? 'error');
    const validateBody = validatorCompiler({ schema: pushResponsesRequestSchema, method: 'POST', url: '/api/sync/responses', httpPart: 'body' });
    const keepBytes: FastifyBodyParser<Buffer> = (req, body, done) => {
      if (body.length === 0) parseJson(req, '', done); // Fastify's own empty-body error
      else done(null, new JsonBytes(body));
    };
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, keepBytes);

    /** The body as Fastify alone would have parsed and validated it: its errors, thrown the way Fastify throws them. */
    const parseExactly = async (req: FastifyRequest, bytes: Buffer): Promise<unknown[]> => {
      const text = utf8Text(bytes);
      const body = await new Promise<unknown>((resolve, reject) => parseJson(req, text, (error, value) => (error ? reject(error) : resolve(value))));
      const result = validateBody(body) as { error?: unknown; value?: PushResponsesRequest };
      if (result.error || !result.value) {
        throw Object.assign(new Error('body validation failed'), { statusCode: 400, code: 'FST_ERR_VALIDATION', validation: result.error, validationContext: 'body' });
      }
      return result.value.responses;
    };

    scope.post(
      '/api/sync/responses',
      {
        onRequest: allow('surveyor'),
        bodyLimit: SYNC_BODY_LIMIT,
        validatorCompiler: validateUnlessText,
        serializerCompiler: serializeTrusted,
        schema: {
          tags: ['sync'],
          summary: 'Push finalised responses; per-item accepted / duplicate / rejected, answered after commit',
          body: pushResponsesRequestSchema,
          response: { 200: pushResultSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 413: errorBodySchema },
        },
      },
      async (req) => {
        const user = requireRole(req, 'surveyor');
        const now = deps.now();
        const body: unknown = req.body;
        let judgements: ResponseJudgement[];
        if (body instanceof JsonBytes) judgements = (await deps.checker.checkBody(body.bytes)) ?? (await deps.checker.check(await parseExactly(req, body.bytes)));
        else judgements = await deps.checker.check((body as PushResponsesRequest).responses);
        const results = await pushJudgedResponses(deps.writes, deps.registry, user, judgements, now, { afterCommit: deps.afterCommit });
        return { results, receivedAt: now.toISOString() };
      },
    );
  });

  app.post(
    '/api/sync/roster',
    {
      onRequest: allow('surveyor'),
      bodyLimit: SYNC_BODY_LIMIT,
      schema: {
        tags: ['sync'],
        summary: 'Push payment-roster entries (stored apart from responses, never linked to them)',
        body: pushRosterRequestSchema,
        response: { 200: pushResultSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 413: errorBodySchema },
      },
    },
    async (req) => {
      const user = requireRole(req, 'surveyor');
      const now = deps.now();
      const results = await pushRoster(deps.writes, deps.registry, user, req.body.entries, now);
      return { results, receivedAt: now.toISOString() };
    },
  );
}
