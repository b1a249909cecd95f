import type { AccountImportReport, ErrorBody } from '../../../../shared';
import { ApiError } from '../api';

/**
 * The calls of the administration screens that the office helpers do not cover: PUT, PATCH, DELETE, and the sheet
 * upload whose refusal (422) carries a report rather than an error. Failures are the office's ApiError.
 */
async function send<T>(method: string, url: string, body?: unknown, accept: number[] = []): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body === undefined || body instanceof FormData ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, '');
  }
  const parsed = (await res.json().catch(() => null)) as T | ErrorBody | null;
  if (!res.ok && !accept.includes(res.status)) {
    const err = parsed as ErrorBody | null;
    throw new ApiError(res.status, err?.message ?? `HTTP ${res.status}`, err?.issues);
  }
  return parsed as T;
}

export const sendJson = <T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) => send<T>(method, url, body);

/** Uploads an account sheet; a sheet with bad rows (422) answers with its report like a good one (200). */
export function uploadSheet(campaignId: string, file: File, dryRun: boolean): Promise<AccountImportReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  return send<AccountImportReport>('POST', `/api/campaigns/${encodeURIComponent(campaignId)}/accounts/import?dryRun=${dryRun}`, form, [422]);
}

/** An issue's path without the part of the request it was in: "body.deadlines.survey" → "deadlines.survey". */
export const issuePath = (path: string) => path.replace(/^(body|querystring|params)\.?/, '');

/** The server's message for one field of the body ("deadlines.survey"), from a validation refusal's issues. */
export function issueFor(error: ApiError | null, field: string): string | undefined {
  return error?.issues?.find((i) => issuePath(i.path) === field)?.message;
}
