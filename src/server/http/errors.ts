import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { problem, problemText, problemTextEn, problemTextVi, type Catalogue, type ErrorBody, type Problem, type ProblemCode } from '../../shared';

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

/** The status each problem answers with, and the `error` code of the answer when it is not the problem's own. */
const PROBLEM_ERROR: Partial<Record<ProblemCode, string>> = {
  'upload.invalid': 'invalid-upload',
  // The self-assessment's submission refused for the same reason answers 'incomplete', with the items in "issues".
  'workflow.incomplete': 'incomplete',
  'upload.evidence-not-multipart': 'not-multipart',
  'upload.evidence-too-many-files': 'too-many-files',
  'upload.evidence-too-many-parts': 'too-many-parts',
  'upload.sheet-not-multipart': 'not-multipart',
  'upload.sheet-one-file': 'too-many-parts',
  'upload.sheet-too-large': 'file-too-large',
  // As every other 403 of these routes (the role check before them, another unit's self-assessment).
  'signed-report.read-forbidden': 'forbidden',
  'signed-report.upload-forbidden': 'forbidden',
  // The codes these refusals had before they were problems (clients and tests match on them).
  'campaigns.not-found': 'not-found',
  'campaigns.another-open': 'another-campaign-open',
  'campaigns.unknown-groups': 'invalid-request',
  'accounts.not-found': 'not-found',
  'accounts.campaign-not-found': 'not-found',
  'accounts.username-taken': 'username-taken',
  'accounts.unknown-unit': 'invalid-request',
  'accounts.unit-needed': 'invalid-request',
  'accounts.surveyor-no-unit': 'invalid-request',
  'accounts.no-unit': 'invalid-request',
  'accounts.self-lockout': 'self-lockout',
  'accounts.self-demotion': 'self-demotion',
  'accounts.has-assignments': 'has-assignments',
  'account-import.empty-file': 'empty-file',
  'account-import.xls': 'unsupported-file-type',
  'account-import.utf16': 'unsupported-file-type',
  'account-import.not-a-sheet': 'unsupported-file-type',
  'account-import.zip-not-xlsx': 'unsupported-file-type',
  'account-import.xlsx-corrupt': 'invalid-xlsx',
  'account-import.xlsx-unreadable': 'invalid-xlsx',
  'account-import.xlsx-too-many-entries': 'sheet-too-large',
  'account-import.xlsx-too-large-unpacked': 'sheet-too-large',
  'account-import.invalid-csv': 'invalid-csv',
  'account-import.invalid-csv-line': 'invalid-csv',
  'account-import.too-many-rows': 'too-many-rows',
  'account-import.usernames-raced': 'username-taken',
  'account-import.username-raced': 'username-taken',
  'assignments.unit-not-found': 'not-found',
  'assignments.group-not-found': 'not-found',
  'assignments.surveyor-not-found': 'not-found',
  'assignments.not-a-surveyor': 'not-a-surveyor',
  'assignments.other-campaign': 'other-campaign',
  'assignments.group-level-mismatch': 'group-level-mismatch',
  'assignments.saved-not-found': 'not-found',
  'assignments.cell-not-found': 'not-found',
  'assignments.not-found': 'not-found',
  'not-found.unit': 'not-found',
  'not-found.group': 'not-found',
  'not-found.response': 'not-found',
  'page.invalid-cursor': 'invalid-cursor',
  'sa.campaign-not-found': 'not-found',
  'sa.unit-not-assessed': 'not-found',
  'sa.sub-criterion-not-found': 'not-found',
  'sa.forbidden': 'forbidden',
  'sa.other-unit': 'forbidden',
  'sa.not-appraiser': 'forbidden',
  'sa.item-forbidden': 'forbidden',
  'sa.assign-forbidden': 'forbidden',
  'sa.submit-forbidden': 'forbidden',
  'sa.history-forbidden': 'forbidden',
  'sa.submitted': 'submitted',
  'sa.already-submitted': 'submitted',
  'sa.assign-submitted': 'submitted',
  'sa.state-changed': 'state-changed',
  'sa.conflict': 'conflict',
  'sa.conflict-no-score': 'conflict',
  'sa.invalid-assignment': 'invalid-assignment',
  'sa.assignment-unknown-code': 'invalid-assignment',
  'sa.assignment-unknown-staff': 'invalid-assignment',
  'sa.deadline-passed': 'deadline-passed',
  'signed-report.not-multipart': 'not-multipart',
  'signed-report.request-too-large': 'request-too-large',
  'signed-report.file-missing': 'file-missing',
  'evidence.upload-forbidden': 'forbidden',
  'evidence.request-too-large': 'request-too-large',
  'evidence.unknown-field': 'unknown-field',
  'evidence.duplicate-field': 'duplicate-field',
  'evidence.invalid-code': 'invalid-code',
  'evidence.all-refused': 'files-refused',
  'evidence.all-too-large': 'file-too-large',
  'evidence.all-wrong-type': 'unsupported-file-type',
  'evidence.no-file': 'no-file',
  'evidence.file-missing': 'file-missing',
  'review.already-excluded': 'unchanged',
  'review.already-included': 'unchanged',
  'export.unknown-level': 'invalid-filter',
  'export.unknown-unit': 'invalid-filter',
  'export.unknown-group': 'invalid-filter',
  'export.unknown-questionnaire': 'invalid-filter',
  'export.dates-reversed': 'invalid-filter',
  'export.unit-not-in-level': 'invalid-filter',
  'export.group-not-rating-level': 'invalid-filter',
  'export.questionnaire-not-reachable': 'invalid-filter',
  'export.no-questionnaire': 'invalid-filter',
  'export.csv-one-questionnaire': 'invalid-filter',
  'export.roster-other-campaign': 'forbidden',
  'export.roster-other-unit': 'forbidden',
  'auth.account-locked': 'account-locked',
  'auth.invalid-credentials': 'invalid-credentials',
  'sync.no-campaign': 'no-campaign',
  'account-import.no-file': 'no-file',
  'auth.unauthenticated': 'unauthenticated',
  'auth.forbidden': 'forbidden',
  'campaigns.none-open': 'not-found',
  'progress.other-campaign': 'forbidden',
  'progress.other-unit': 'forbidden',
  'evidence.not-in-library': 'not-found',
  'evidence.not-attached': 'not-found',
  // A self score refused by the shared rule (the path of its issue: "score"); the review's reasons of an incomplete
  // submission, answered as issues of 'workflow.incomplete'.
  'score.survey-method': 'invalid-score',
  'score.not-a-number': 'invalid-score',
  'score.negative': 'invalid-score',
  'score.over-max': 'invalid-score',
  'score.off-step': 'invalid-score',
  'sa-review.no-score': 'incomplete',
  'sa-review.no-evidence': 'incomplete',
  // One evidence file refused (its name, its size, its kind): the codes a refusal of a single file answers with.
  'file-name.empty': 'files-refused',
  'file-name.too-long': 'files-refused',
  'file-name.control-character': 'files-refused',
  'file-name.bidi-character': 'files-refused',
  'file-name.dot-segment': 'files-refused',
  'file-name.folder': 'files-refused',
  'evidence.empty-file': 'files-refused',
  'evidence.file-too-large': 'file-too-large',
  'evidence.unreadable': 'unsupported-file-type',
  'evidence.unknown-type': 'unsupported-file-type',
  'evidence.encrypted': 'unsupported-file-type',
  'evidence.ole-other': 'unsupported-file-type',
  'evidence.ole-corrupt': 'unsupported-file-type',
  'evidence.executable': 'unsupported-file-type',
  'evidence.archive': 'unsupported-file-type',
  'evidence.macro': 'unsupported-file-type',
  'evidence.presentation': 'unsupported-file-type',
  'evidence.other-image': 'unsupported-file-type',
  'evidence.wrong-type': 'unsupported-file-type',
};
const PROBLEM_STATUS: Record<ProblemCode, number> = {
  'upload.invalid': 400,
  'upload.evidence-not-multipart': 415,
  'upload.evidence-too-many-files': 413,
  'upload.evidence-too-many-parts': 400,
  'upload.sheet-not-multipart': 415,
  'upload.sheet-one-file': 400,
  'upload.sheet-too-large': 413,
  'workflow.wrong-state': 409,
  'workflow.not-yours': 403,
  'workflow.not-reopened': 409,
  'workflow.not-appraiser': 403,
  'workflow.awaiting-explanation': 409,
  'workflow.incomplete': 409,
  'workflow.unappraised': 409,
  'workflow.round-open': 409,
  'workflow.no-items': 400,
  'workflow.not-appraised-item': 400,
  'workflow.return-forward': 400,
  'council.not-council-account': 400,
  'council.unknown-level': 400,
  'council.unknown-field': 400,
  'council.unknown-unit': 400,
  'council.not-member': 404,
  'appraisal.conflict': 409,
  'appraisal.invalid-score': 400,
  'appraisal.comment-needed': 400,
  'appraisal.deadline-passed': 409,
  'appraisal.explanation-deadline-passed': 409,
  'appraisal.deadline-before-today': 400,
  'results.deadline-passed': 409,
  'results.not-appraised': 409,
  'results.reason-needed': 400,
  'results.not-published': 404,
  'signed-report.read-forbidden': 403,
  'signed-report.not-found': 404,
  'signed-report.upload-forbidden': 403,
  'signed-report.submitted': 409,
  'signed-report.unknown-field': 400,
  'signed-report.one-file-only': 400,
  'signed-report.invalid-file-name': 400,
  'signed-report.file-too-large': 413,
  'signed-report.empty-file': 400,
  'signed-report.not-pdf': 415,
  'signed-report.no-file': 400,
  'signed-report.unchanged': 409,
  'signed-report.missing': 409,
  'campaigns.not-found': 404,
  'campaigns.another-open': 409,
  'campaigns.unknown-groups': 400,
  'accounts.not-found': 404,
  'accounts.campaign-not-found': 404,
  'accounts.username-taken': 409,
  'accounts.unknown-unit': 400,
  'accounts.unit-needed': 400,
  'accounts.surveyor-no-unit': 400,
  'accounts.no-unit': 400,
  'accounts.self-lockout': 409,
  'accounts.self-demotion': 409,
  'accounts.has-assignments': 409,
  'account-import.empty-file': 400,
  'account-import.xls': 415,
  'account-import.utf16': 415,
  'account-import.not-a-sheet': 415,
  'account-import.zip-not-xlsx': 415,
  'account-import.xlsx-corrupt': 400,
  'account-import.xlsx-unreadable': 400,
  'account-import.xlsx-too-many-entries': 400,
  'account-import.xlsx-too-large-unpacked': 400,
  'account-import.invalid-csv': 400,
  'account-import.invalid-csv-line': 400,
  'account-import.too-many-rows': 400,
  'account-import.usernames-raced': 409,
  'account-import.username-raced': 409,
  'assignments.unit-not-found': 404,
  'assignments.group-not-found': 404,
  'assignments.surveyor-not-found': 404,
  'assignments.not-a-surveyor': 409,
  'assignments.other-campaign': 409,
  'assignments.group-level-mismatch': 400,
  'assignments.saved-not-found': 404,
  'assignments.cell-not-found': 404,
  'assignments.not-found': 404,
  'not-found.unit': 404,
  'not-found.group': 404,
  'not-found.response': 404,
  'page.invalid-cursor': 400,
  'sa.campaign-not-found': 404,
  'sa.unit-not-assessed': 404,
  'sa.sub-criterion-not-found': 404,
  'sa.forbidden': 403,
  'sa.other-unit': 403,
  'sa.not-appraiser': 403,
  'sa.item-forbidden': 403,
  'sa.assign-forbidden': 403,
  'sa.submit-forbidden': 403,
  'sa.history-forbidden': 403,
  'sa.submitted': 409,
  'sa.already-submitted': 409,
  'sa.assign-submitted': 409,
  'sa.state-changed': 409,
  'sa.conflict': 409,
  'sa.conflict-no-score': 409,
  'sa.invalid-assignment': 400,
  'sa.assignment-unknown-code': 400,
  'sa.assignment-unknown-staff': 400,
  'sa.deadline-passed': 409,
  'signed-report.not-multipart': 415,
  'signed-report.request-too-large': 413,
  'signed-report.file-missing': 404,
  'evidence.upload-forbidden': 403,
  'evidence.request-too-large': 413,
  'evidence.unknown-field': 400,
  'evidence.duplicate-field': 400,
  'evidence.invalid-code': 400,
  'evidence.all-refused': 400,
  'evidence.all-too-large': 413,
  'evidence.all-wrong-type': 415,
  'evidence.no-file': 400,
  'evidence.file-missing': 404,
  'review.already-excluded': 409,
  'review.already-included': 409,
  'export.unknown-level': 400,
  'export.unknown-unit': 400,
  'export.unknown-group': 400,
  'export.unknown-questionnaire': 400,
  'export.dates-reversed': 400,
  'export.unit-not-in-level': 400,
  'export.group-not-rating-level': 400,
  'export.questionnaire-not-reachable': 400,
  'export.no-questionnaire': 400,
  'export.csv-one-questionnaire': 400,
  'export.roster-other-campaign': 403,
  'export.roster-other-unit': 403,
  'auth.account-locked': 429,
  'auth.invalid-credentials': 401,
  'sync.no-campaign': 409,
  'account-import.no-file': 400,
  'auth.unauthenticated': 401,
  'auth.forbidden': 403,
  'campaigns.none-open': 404,
  'progress.other-campaign': 403,
  'progress.other-unit': 403,
  'evidence.not-in-library': 404,
  'evidence.not-attached': 404,
  'score.survey-method': 400,
  'score.not-a-number': 400,
  'score.negative': 400,
  'score.over-max': 400,
  'score.off-step': 400,
  'sa-review.no-score': 409,
  'sa-review.no-evidence': 409,
  'file-name.empty': 400,
  'file-name.too-long': 400,
  'file-name.control-character': 400,
  'file-name.bidi-character': 400,
  'file-name.dot-segment': 400,
  'file-name.folder': 400,
  'evidence.empty-file': 400,
  'evidence.file-too-large': 413,
  'evidence.unreadable': 415,
  'evidence.unknown-type': 415,
  'evidence.encrypted': 415,
  'evidence.ole-other': 415,
  'evidence.ole-corrupt': 415,
  'evidence.executable': 415,
  'evidence.archive': 415,
  'evidence.macro': 415,
  'evidence.presentation': 415,
  'evidence.other-image': 415,
  'evidence.wrong-type': 415,
};

/**
 * What a problem's answer lists in "issues": a path (a file as it was sent) answered with the problem's own message, a
 * path with a problem of its own, or a path with a message made elsewhere (the shared engine's review of the items).
 */
export type ProblemIssue = string | { path: string; problem: Problem } | { path: string; message: string };

const issueText = (catalogue: Catalogue, message: string, issue: ProblemIssue): { path: string; message: string } =>
  typeof issue === 'string' ? { path: issue, message } : 'problem' in issue ? { path: issue.path, message: problemText(catalogue, issue.problem) } : issue;

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
    super(PROBLEM_STATUS[problem.code], PROBLEM_ERROR[problem.code] ?? problem.code, message, issuePaths?.map((issue) => issueText(problemTextVi, message, issue)));
  }

  /** The answer's body in the words of this catalogue. */
  bodyIn(catalogue: Catalogue): ErrorBody {
    const message = problemText(catalogue, this.problem);
    return { error: this.code, message, ...(this.issuePaths ? { issues: this.issuePaths.map((issue) => issueText(catalogue, message, issue)) } : {}) };
  }
}

export const problemError = (p: Problem, issuePaths?: readonly ProblemIssue[]) => new ProblemError(p, issuePaths);

/** The catalogue a request asks for: English when it prefers English to Vietnamese, Vietnamese otherwise. */
export function catalogueFor(acceptLanguage: string | undefined): Catalogue {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((x) => x.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { lang: tag.split('-')[0], q: Number.isFinite(q) ? q : 0 };
    })
    .filter((x) => (x.lang === 'vi' || x.lang === 'en') && x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.lang === 'en' ? problemTextEn : problemTextVi;
}

export const unauthenticated = () => problemError(problem('auth.unauthenticated'));
/** The 403 of a role check: this account's role may not use the route at all. */
export const forbidden = () => problemError(problem('auth.forbidden'));

// Fastify's own 4xx codes, with messages for people.
const knownClientErrors: Record<string, { status: number; error: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, error: 'body-too-large', message: 'Dữ liệu gửi lên quá lớn. Nếu đang đồng bộ, hãy gửi ít phiếu hơn mỗi lần.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, error: 'unsupported-media-type', message: 'Dữ liệu phải gửi dạng JSON (Content-Type: application/json).' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, error: 'empty-body', message: 'Yêu cầu không có nội dung JSON.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, error: 'invalid-json', message: 'Nội dung gửi lên không phải JSON hợp lệ.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, error: 'invalid-content-length', message: 'Độ dài nội dung không khớp với dữ liệu gửi lên.' },
};

/** Errors Fastify raises before routing (a badly encoded URL, a bad Content-Type), in the same shape. */
export function frameworkErrorHandler(err: FastifyError, _req: unknown, reply: FastifyReply): void {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  reply.code(status).send({ error: 'bad-request', message: err.code === 'FST_ERR_BAD_URL' ? 'Địa chỉ không hợp lệ (mã hoá URL sai).' : `Yêu cầu không hợp lệ (${err.message}).` });
}

/**
 * Every error becomes a JSON body { error, message, issues? }. Client mistakes are 4xx with a message a person can
 * act on; only real faults are 5xx, and those say the data on the device is safe.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof ProblemError) {
      return reply.code(err.statusCode).send(err.bodyIn(catalogueFor(req.headers['accept-language'])));
    }
    if (err instanceof HttpError) {
      return reply.code(err.statusCode).send({ error: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      return reply.code(400).send({
        error: 'invalid-request',
        message: 'Yêu cầu không hợp lệ: xem từng mục trong "issues".',
        issues: err.validation.map((v) => ({ path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'), message: v.message ?? 'Không hợp lệ' })),
      });
    }
    const known = err.code ? knownClientErrors[err.code] : undefined;
    if (known) return reply.code(known.status).send({ error: known.error, message: known.message });
    if (err.statusCode === 429) return reply.code(429).send({ error: 'rate-limited', message: err.message });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ error: 'bad-request', message: `Yêu cầu không hợp lệ (${err.message}).` });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ error: 'server-error', message: 'Máy chủ gặp lỗi. Dữ liệu trên máy của bạn vẫn an toàn; hãy thử lại sau ít phút.' });
  });
}
