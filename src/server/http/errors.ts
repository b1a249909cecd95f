import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodFastifySchemaValidationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  fieldTextIn,
  problem,
  problemNote,
  problemText,
  problemTextEn,
  problemTextVi,
  type Catalogue,
  type ErrorBody,
  type Problem,
} from '../../shared';
import { PROBLEM_ERROR, PROBLEM_STATUS } from './problem-status';

/** Throw from a handler to answer a 4xx with a message a person can act on. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly issues?: ErrorBody['issues'],
  ) {
    super(message);
  }
}

/**
 * What a problem's answer lists in "issues": a path (a file as it was sent) answered with the problem's own message, a
 * path with a problem of its own, or a path with a message made elsewhere (the shared engine's review of the items).
 */
export type ProblemIssue = string | { path: string; problem: Problem } | { path: string; message: string };

const issueText = (catalogue: Catalogue, message: string, issue: ProblemIssue): { path: string; message: string } =>
  typeof issue === 'string'
    ? { path: issue, message }
    : 'problem' in issue
      ? { path: issue.path, message: problemText(catalogue, issue.problem) }
      : issue;

/**
 * A refusal carried as a problem code: its words are chosen per request (Accept-Language), Vietnamese by default.
 * `issuePaths` name what the problem is about (a file as it was sent): each is answered as an issue with its message.
 */
export class ProblemError extends HttpError {
  constructor(
    readonly problem: Problem,
    readonly issuePaths?: readonly ProblemIssue[],
  ) {
    const message = problemText(problemTextVi, problem);
    super(
      PROBLEM_STATUS[problem.code],
      PROBLEM_ERROR[problem.code] ?? problem.code,
      message,
      issuePaths?.map((issue) => issueText(problemTextVi, message, issue)),
    );
  }

  /** The answer's body in the words of this catalogue. */
  bodyIn(catalogue: Catalogue): ErrorBody {
    const message = problemText(catalogue, this.problem);
    return {
      error: this.code,
      message,
      ...(this.issuePaths ? { issues: this.issuePaths.map((issue) => issueText(catalogue, message, issue)) } : {}),
    };
  }
}

export const problemError = (p: Problem, issuePaths?: readonly ProblemIssue[]) => new ProblemError(p, issuePaths);

/** The catalogue a request asks for: English when it prefers English to Vietnamese, Vietnamese otherwise. */
export function catalogueFor(acceptLanguage: string | undefined): Catalogue {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(
        params
          .find((x) => x.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { lang: tag.split('-')[0], q: Number.isFinite(q) ? q : 0 };
    })
    .filter((x) => (x.lang === 'vi' || x.lang === 'en') && x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.lang === 'en' ? problemTextEn : problemTextVi;
}

export const unauthenticated = () => problemError(problem('auth.unauthenticated'));
/** The 403 of a role check: this account's role may not use the route at all. */
export const forbidden = () => problemError(problem('auth.forbidden'));

// Fastify's own 4xx codes, as problems with messages for people.
const knownClientErrors: Record<string, Problem> = {
  FST_ERR_CTP_BODY_TOO_LARGE: problem('request.body-too-large'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: problem('request.unsupported-media-type'),
  FST_ERR_CTP_EMPTY_JSON_BODY: problem('request.empty-body'),
  FST_ERR_CTP_INVALID_JSON_BODY: problem('request.invalid-json'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: problem('request.invalid-content-length'),
};

interface Asked {
  headers: { 'accept-language'?: string };
}

/** A problem answered with a status of its own (Fastify's, for the refusals it makes itself) in the request's words. */
export function sendProblem(req: Asked, reply: FastifyReply, p: Problem, status = PROBLEM_STATUS[p.code]): FastifyReply {
  return reply
    .code(status)
    .send({ error: PROBLEM_ERROR[p.code] ?? p.code, message: problemText(catalogueFor(req.headers['accept-language']), p) });
}

type ValidationContext = 'body' | 'querystring' | 'params' | 'headers';

interface Validated extends Asked {
  body: unknown;
  query: unknown;
  params: unknown;
  routeOptions: { schema?: Partial<Record<ValidationContext, unknown>> };
}

const isZodSchema = (s: unknown): s is z.ZodType => s instanceof z.ZodType;

/** zod's own English messages, for the checks no schema words itself (a missing field, a wrong type). */
let english: z.core.$ZodErrorMap | undefined;

/**
 * A refused request's issues in the request's language. The schemas speak Vietnamese (zod's Vietnamese messages, the
 * words of fieldText): Vietnamese issues are sent as found; for English the part of the request is checked again
 * with zod's English messages beneath the schemas' own words, which fieldTextIn then says in English.
 */
function validationIssues(
  catalogue: Catalogue,
  where: ValidationContext,
  found: readonly ZodFastifySchemaValidationError[],
  req: Validated,
): ErrorBody['issues'] {
  const asFound = found.map((v) => ({ path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'), message: v.message ?? '' }));
  const schema = req.routeOptions.schema?.[where];
  if (catalogue.fields === problemTextVi.fields || !isZodSchema(schema)) return asFound;
  const data = { body: req.body, querystring: req.query, params: req.params, headers: req.headers }[where];
  english ??= z.locales.en().localeError;
  const again = schema.safeParse(data, { error: english });
  if (again.success) return asFound;
  return again.error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: zodIssueText(catalogue, i) }));
}

/** An issue's words: its problem's when it carries one (a custom check with `params.problem`), else the schema's. */
function zodIssueText(catalogue: Catalogue, issue: z.core.$ZodIssue): string {
  const carried: unknown = issue.code === 'custom' ? issue.params?.problem : undefined;
  if (isProblem(carried)) return problemNote(catalogue, carried);
  return fieldTextIn(catalogue.fields, issue.message);
}

const isProblem = (p: unknown): p is Problem =>
  typeof p === 'object' && p !== null && typeof (p as Problem).code === 'string' && (p as Problem).code in PROBLEM_STATUS;

/** Fastify's own 4xx status for an error, or 400. */
const clientStatus = (err: FastifyError): number =>
  err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;

/** Errors Fastify raises before routing (a badly encoded URL, a bad Content-Type), in the same shape. */
export function frameworkErrorHandler(err: FastifyError, req: Asked, reply: FastifyReply): void {
  const p = err.code === 'FST_ERR_BAD_URL' ? problem('request.bad-url') : problem('request.invalid', { detail: err.message });
  sendProblem(req, reply, p, clientStatus(err));
}

/**
 * Every error becomes a JSON body { error, message, issues? }. Client mistakes are 4xx with a message a person can
 * act on; only real faults are 5xx, and those say the data on the device is safe.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const catalogue = catalogueFor(req.headers['accept-language']);
    if (err instanceof ProblemError) return reply.code(err.statusCode).send(err.bodyIn(catalogue));
    if (err instanceof HttpError) {
      return reply.code(err.statusCode).send({ error: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err.validationContext ?? 'body') as ValidationContext;
      const issues = validationIssues(catalogue, where, err.validation, req);
      return reply.code(400).send({ error: 'invalid-request', message: problemText(catalogue, problem('request.invalid-fields')), issues });
    }
    const known = err.code ? knownClientErrors[err.code] : undefined;
    if (known) return sendProblem(req, reply, known);
    if (err.statusCode === 429) return reply.code(429).send({ error: 'rate-limited', message: err.message });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
      return sendProblem(req, reply, problem('request.invalid', { detail: err.message }), err.statusCode);
    req.log.error({ err }, 'unhandled error');
    return sendProblem(req, reply, problem('server.error'));
  });
}
