import type { ErrorBody } from '../../shared/api/auth';
import type { PullResult } from '../../shared/api/pull';
import type { PushResult } from '../../shared/sync/protocol';
import type { RosterEntry } from '../../shared/sync/roster-entry';
import type { SurveyResponse } from '../../shared/schema/response';

/** The server answered; `ok` only for 2xx. A network failure throws NetworkError instead. */
export type Answer<T> = { ok: true; body: T } | { ok: false; status: number; body?: ErrorBody };

export class NetworkError extends Error {}

export interface SyncTransport {
  pushResponses(items: SurveyResponse[]): Promise<Answer<PushResult>>;
  pushRoster(items: RosterEntry[]): Promise<Answer<PushResult>>;
  pull(): Promise<Answer<PullResult>>;
}

/** The real transport: same-origin fetch with the session cookie. */
export function fetchTransport(base = '', fetchImpl: typeof fetch = (...args) => fetch(...args)): SyncTransport {
  async function call<T>(path: string, init?: RequestInit): Promise<Answer<T>> {
    let res: Response;
    try {
      res = await fetchImpl(`${base}${path}`, {
        credentials: 'same-origin',
        ...init,
        headers: { 'content-type': 'application/json', ...init?.headers },
      });
    } catch (e) {
      throw new NetworkError(e instanceof Error ? e.message : String(e));
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    return res.ok ? { ok: true, body: body as T } : { ok: false, status: res.status, body: body as ErrorBody | undefined };
  }
  return {
    pushResponses: (responses) => call('/api/sync/responses', { method: 'POST', body: JSON.stringify({ responses }) }),
    pushRoster: (entries) => call('/api/sync/roster', { method: 'POST', body: JSON.stringify({ entries }) }),
    pull: () => call('/api/sync/pull'),
  };
}
