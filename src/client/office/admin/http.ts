import type { AccountImportReport } from '../../../shared';
import { call, type ApiError } from '../api';

/** The administration screens' calls that the office helpers do not name: PATCH, and POST, PUT, DELETE alike. */
export const sendJson = <T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) => call<T>(method, url, body);

/** Uploads an account sheet; a sheet with bad rows (422) answers with its report like a good one (200). */
export function uploadSheet(campaignId: string, file: File, dryRun: boolean): Promise<AccountImportReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  return call<AccountImportReport>('POST', `/api/campaigns/${encodeURIComponent(campaignId)}/accounts/import?dryRun=${dryRun}`, form, [422]);
}

/** An issue's path without the part of the request it was in: "body.deadlines.survey" → "deadlines.survey". */
export const issuePath = (path: string) => path.replace(/^(body|querystring|params)\.?/, '');

/** The server's message for one field of the body ("deadlines.survey"), from a validation refusal's issues. */
export function issueFor(error: ApiError | null, field: string): string | undefined {
  return error?.issues?.find((i) => issuePath(i.path) === field)?.message;
}
