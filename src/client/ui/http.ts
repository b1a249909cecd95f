import type { ErrorBody } from '../../shared/api/auth';

/**
 * The app's calls to its own server with the session cookie, in the office and in the surveyor app alike: no runtime
 * schema here (the surveyor's bundle carries no zod), and the language passed in by each side.
 */

/** A failed API call: the server's message for people, or `offline` (status 0) when the server could not be reached. */
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

/**
 * One API call with the session cookie: JSON in and out (a FormData body as it is), 204 as undefined, `lang` sent as
 * Accept-Language so that the server's messages come in it. A status in `accept` answers with its body like a success;
 * any other failure is an ApiError with the server's message.
 */
export async function request<T>(method: string, url: string, lang: string, body?: unknown, accept: readonly number[] = []): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      // A FormData body sets its own multipart content type (with the boundary).
      headers: {
        'accept-language': lang,
        ...(body === undefined || body instanceof FormData ? {} : { 'content-type': 'application/json' }),
      },
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
