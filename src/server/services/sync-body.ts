import type { FastifyBodyParser, FastifyRequest, FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import { pushResponsesRequestSchema, type PushResponsesRequest, type PushResult } from '../../shared';
import type { App } from '../http/deps';
import { utf8Text, type ResponseChecker, type ResponseJudgement } from './response-check';

/**
 * The responses push body kept as bytes: the validation worker decodes and parses it, so the request thread (which
 * also writes to SQLite and answers every request) neither parses 100 responses nor copies the parsed items to the
 * worker. A body that is not plain valid JSON of a valid envelope goes back through Fastify's own parser and the zod
 * validator (parseExactly), so every error answer is the one it always was.
 */

/** 100 responses of a few KB each fit well inside this; a larger body is refused before it is parsed. */
export const SYNC_BODY_LIMIT = 4 * 1024 * 1024;

/** A responses push body as received: UTF-8 JSON, decoded, parsed and checked by the response checker (a worker thread). */
class JsonBytes {
  constructor(readonly bytes: Buffer) {}
}

type RouteSchema = Parameters<FastifySchemaCompiler<unknown>>[0];
type ZodRoute = Parameters<FastifySchemaCompiler<ZodType>>[0] & { httpStatus?: string };

/** The route's body validator: zod's, except for a body kept as bytes, which the checker decodes, parses and validates. */
export const validateUnlessBytes = (route: RouteSchema): ReturnType<FastifySchemaCompiler<unknown>> => {
  const zod = validatorCompiler(route as ZodRoute);
  return (data: unknown) => (data instanceof JsonBytes ? { value: data } : zod(data));
};

/** Per-item results built by pushJudgedResponses itself: plain JSON.stringify; error answers keep zod's serializer. */
export const serializeTrusted = (route: RouteSchema): ReturnType<FastifySerializerCompiler<unknown>> =>
  (route as ZodRoute).httpStatus === '200' ? (data) => JSON.stringify(data as PushResult) : serializerCompiler(route as ZodRoute);

/**
 * Makes `scope` keep a JSON body as bytes, and gives the judging of a body so received: by the checker from the
 * bytes, or (when the checker leaves it to this thread) as Fastify alone would have parsed and validated it.
 */
export function keepJsonBodiesAsBytes(scope: App, checker: ResponseChecker): (req: FastifyRequest) => Promise<ResponseJudgement[]> {
  const parseJson = scope.getDefaultJsonParser(
    scope.initialConfig.onProtoPoisoning ?? 'error',
    scope.initialConfig.onConstructorPoisoning ?? 'error',
  );
  const validateBody = validatorCompiler({
    schema: pushResponsesRequestSchema,
    method: 'POST',
    url: '/api/sync/responses',
    httpPart: 'body',
  });
  const keepBytes: FastifyBodyParser<Buffer> = (req, body, done) => {
    if (body.length === 0)
      parseJson(req, '', done); // Fastify's own empty-body error
    else done(null, new JsonBytes(body));
  };
  scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, keepBytes);

  /** The body as Fastify alone would have parsed and validated it: its errors, thrown the way Fastify throws them. */
  const parseExactly = async (req: FastifyRequest, bytes: Buffer): Promise<unknown[]> => {
    const text = utf8Text(bytes);
    const body = await new Promise<unknown>((resolve, reject) =>
      parseJson(req, text, (error, value) => (error ? reject(error) : resolve(value))),
    );
    const result = validateBody(body) as { error?: unknown; value?: PushResponsesRequest };
    if (result.error || !result.value) {
      throw Object.assign(new Error('body validation failed'), {
        statusCode: 400,
        code: 'FST_ERR_VALIDATION',
        validation: result.error,
        validationContext: 'body',
      });
    }
    return result.value.responses;
  };

  return async (req) => {
    const body: unknown = req.body;
    if (body instanceof JsonBytes)
      return (await checker.checkBody(body.bytes)) ?? (await checker.check(await parseExactly(req, body.bytes)));
    return checker.check((body as PushResponsesRequest).responses);
  };
}
