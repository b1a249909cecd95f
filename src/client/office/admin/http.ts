import type { ApiError } from '../api';

/** An issue's path without the part of the request it was in: "body.deadlines.survey" → "deadlines.survey". */
export const issuePath = (path: string) => path.replace(/^(body|querystring|params)\.?/, '');

/** The server's message for one field of the body ("deadlines.survey"), from a validation refusal's issues. */
export function issueFor(error: ApiError | null, field: string): string | undefined {
  return error?.issues?.find((i) => issuePath(i.path) === field)?.message;
}
