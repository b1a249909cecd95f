import type { IssueBatchRequest, IssuedBatch, SelfFillBatch } from '../../../shared/api/self-fill';
import { ApiError, request } from '../../ui/http';

/**
 * A surveyor's self-fill code batches (issue 19) on the server: online only, with the session cookie, like the sign-in
 * (features/auth/api.ts); a state-changing call carries the page's Origin, which the browser adds and the server checks.
 * The answers are trusted as typed (no runtime schema in the surveyor's bundle); the QR drawings are cleaned before they
 * are drawn (ui/self-fill-sheet/qr.ts) and every name is escaped on the slips. A failed call is an ApiError (ui/http.ts):
 * `offline` when the server could not be reached, else the server's status and words.
 */

const batchesUrl = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/self-fill/batches`;

/** `lang`: the language on screen, sent as Accept-Language so that a refusal comes in it. */
async function call<T>(method: 'GET' | 'POST', url: string, lang: string, body?: unknown): Promise<T> {
  const parsed = await request<unknown>(method, url, lang, body);
  // A success whose body did not arrive whole (a connection cut mid-answer): nothing to show from it.
  if (parsed === null || typeof parsed !== 'object') throw new ApiError(0, '');
  return parsed as T;
}

/** The batches of one of the surveyor's cells, counts only (the server lists only cells assigned to them). */
export async function listBatches(campaignId: string, unitId: string, groupId: string, lang: string): Promise<SelfFillBatch[]> {
  const query = `?unitId=${encodeURIComponent(unitId)}&groupId=${encodeURIComponent(groupId)}`;
  const { batches } = await call<{ batches: SelfFillBatch[] }>('GET', `${batchesUrl(campaignId)}${query}`, lang);
  return Array.isArray(batches) ? batches : [];
}

/** Issues a batch: its answer holds the plain codes, the only time they exist (the server keeps hashes). */
export async function issueBatch(campaignId: string, body: IssueBatchRequest, lang: string): Promise<IssuedBatch> {
  const issued = await call<IssuedBatch>('POST', batchesUrl(campaignId), lang, body);
  if (!Array.isArray(issued.codes) || !issued.batch) throw new ApiError(0, '');
  return issued;
}

/** Revokes a batch: its codes not yet sent stop working; what was sent stays counted. */
export function revokeBatch(campaignId: string, batchId: string, lang: string): Promise<SelfFillBatch> {
  return call<SelfFillBatch>('POST', `${batchesUrl(campaignId)}/${encodeURIComponent(batchId)}/revoke`, lang);
}
