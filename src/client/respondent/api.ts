import type { RespondentForm, RespondentSubmit, RespondentSubmitResult } from '../../shared/api/self-fill';
import type { Lang } from './text';

/**
 * The two requests of the respondent's page (issue 19), with no account: the form of a code and its one submission.
 * No cookie goes with them (credentials: 'omit'): on a phone that is also a surveyor's, the session must not travel
 * with an anonymous response.
 */

export interface Problem {
  status: number;
  /** The server's error code, e.g. respondent.code-spent (some are older names: not-found, rate-limited). */
  error: string;
  /** In the language asked for (Accept-Language). */
  message: string;
  issues: { path: string; message: string }[];
  /** Seconds, from a Retry-After header. */
  retryAfter?: number;
}

export type Outcome<T> = { kind: 'ok'; value: T } | { kind: 'network' } | { kind: 'problem'; problem: Problem };

/** A request that has not answered after this long is taken as a lost network (the page tries again later). */
const TIMEOUT_MS = 30_000;

async function call<T>(url: string, init: RequestInit, lang: Lang): Promise<Outcome<T>> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  try {
    let res: Response;
    try {
      res = await fetch(url, {
        ...init,
        credentials: 'omit',
        cache: 'no-store',
        signal: abort.signal,
        headers: { ...(init.headers as Record<string, string> | undefined), accept: 'application/json', 'accept-language': lang },
      });
    } catch {
      return { kind: 'network' };
    }
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      // a proxy's HTML page, or a body cut short: the status says enough
      if (res.ok) return { kind: 'network' };
    }
    if (res.ok) return { kind: 'ok', value: body as T };
    const b = (typeof body === 'object' && body !== null ? body : {}) as Partial<Problem>;
    const retry = Number(res.headers.get('retry-after'));
    return {
      kind: 'problem',
      problem: {
        status: res.status,
        error: typeof b.error === 'string' ? b.error : '',
        message: typeof b.message === 'string' ? b.message : '',
        issues: Array.isArray(b.issues) ? b.issues.filter((i) => typeof i?.path === 'string' && typeof i?.message === 'string') : [],
        ...(Number.isFinite(retry) && retry > 0 ? { retryAfter: retry } : {}),
      },
    };
  } finally {
    clearTimeout(timer);
  }
}

const base = (code: string) => `/api/p/${encodeURIComponent(code)}`;

export function fetchForm(code: string, lang: Lang): Promise<Outcome<RespondentForm>> {
  return call<RespondentForm>(base(code), { method: 'GET' }, lang);
}

export function submitResponse(code: string, body: RespondentSubmit, lang: Lang): Promise<Outcome<RespondentSubmitResult>> {
  return call<RespondentSubmitResult>(
    `${base(code)}/submit`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    lang,
  );
}

/** A code's end, as the server says it (410): used, withdrawn, past its last day, or the survey closed. */
export function isClosed(p: Problem): boolean {
  return p.status === 410;
}

/** Worth trying again later by itself: the server's trouble (5xx), a timeout (408) or a throttle (429). */
export function isTransient(p: Problem): boolean {
  return p.status >= 500 || p.status === 408 || p.status === 429;
}
