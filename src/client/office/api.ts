import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ErrorBody } from '../../shared';

/** A failed API call: the server's message for people, or `offline` when the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: ErrorBody['issues'],
    /** The server's stable error code (`conflict`, `submitted`, `incomplete`…), when it answered. */
    readonly code?: string,
  ) {
    super(message);
  }
  get offline(): boolean {
    return this.status === 0;
  }
}

/** The language the person chose (i18n): sent as Accept-Language so that the server's messages come in it. */
let language = 'vi';

/** The language office API calls ask the server's messages in. */
export const apiLanguage = (): string => language;

/** Sets the language of every office API call from now on (OfficeApp follows the person's choice). */
export function setApiLanguage(lang: string): void {
  language = lang;
}

/**
 * One API call with the session cookie: JSON in and out (a FormData body as it is), 204 as undefined. A status in
 * `accept` answers with its body like a success (a sheet import's 422 carries a report); any other failure is an
 * ApiError with the server's message.
 */
export async function call<T>(method: string, url: string, body?: unknown, accept: readonly number[] = []): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      // A FormData body sets its own multipart content type (with the boundary).
      headers: { 'accept-language': language, ...(body === undefined || body instanceof FormData ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, '');
  }
  if (res.status === 204) return undefined as T;
  const parsed = (await res.json().catch(() => null)) as T | ErrorBody | null;
  if (!res.ok && !accept.includes(res.status)) {
    const err = parsed as ErrorBody | null;
    throw new ApiError(res.status, err?.message ?? `HTTP ${res.status}`, err?.issues, err?.error);
  }
  return parsed as T;
}

export const getJson = <T>(url: string) => call<T>('GET', url);
export const postJson = <T>(url: string, body: unknown) => call<T>('POST', url, body);
export const putJson = <T>(url: string, body: unknown) => call<T>('PUT', url, body);
export const deleteJson = <T>(url: string) => call<T>('DELETE', url);
/** A multipart/form-data POST (file uploads). */
export const postForm = <T>(url: string, form: FormData) => call<T>('POST', url, form);

/** A GET through react-query, keyed by its URL; a 401 is not retried (the session is gone). */
export function useApi<T>(url: string | null, opts: { refetchInterval?: number } = {}): UseQueryResult<T, ApiError> {
  return useQuery<T, ApiError>({
    queryKey: [url],
    queryFn: () => getJson<T>(url!),
    enabled: url !== null,
    retry: (n, e) => e.status !== 401 && e.status !== 403 && n < 2,
    refetchInterval: opts.refetchInterval,
  });
}
