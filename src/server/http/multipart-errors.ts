import { problem } from '../../shared';
import { HttpError, problemError } from './errors';

/** What a route answers for each way a multipart body goes wrong (the words differ per route, the rule does not). */
export interface MultipartRefusals {
  tooManyFiles: () => HttpError;
  tooManyParts: () => HttpError;
  notMultipart: () => HttpError;
  /** A file over the size limit, when the route asks @fastify/multipart to throw for it. */
  fileTooLarge?: () => HttpError;
}

/**
 * An error met while reading a multipart body, as the 4xx a person can act on. Busboy's own refusals ("Boundary not
 * found", "Unexpected end of form", a malformed part header) are plain errors without a code or status: they are all
 * the request's fault. Only a system error (disk full, no permission) stays a fault of the server.
 */
export function multipartRefusal(err: unknown, refusals: MultipartRefusals): unknown {
  if (err instanceof HttpError) return err;
  const e = err as { code?: string; syscall?: string };
  switch (e.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      if (refusals.fileTooLarge) return refusals.fileTooLarge();
      break;
    case 'FST_FILES_LIMIT':
      return refusals.tooManyFiles();
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return refusals.tooManyParts();
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return refusals.notMultipart();
  }
  if (e.syscall !== undefined) return err;
  return problemError(problem('upload.invalid'));
}
