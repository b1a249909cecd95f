import { z } from 'zod';
import { ApiError, request } from '../ui/http';
import { officeEn } from './text-en';
import { officeVi } from './text-vi';

export { ApiError };

/** The language the person chose (i18n): sent as Accept-Language so that the server's messages come in it. */
let language = 'vi';

/** The language office API calls ask the server's messages in. */
export const apiLanguage = (): string => language;

/** Sets the language of every office API call from now on (OfficeApp follows the person's choice). */
export function setApiLanguage(lang: string): void {
  language = lang;
}

/**
 * One API call with the session cookie in the language of the office (ui/http.ts): JSON in and out (a FormData body as
 * it is), 204 as undefined. A status in `accept` answers with its body like a success (a sheet import's 422 carries a
 * report); any other failure is an ApiError with the server's message.
 */
export const call = <T>(method: string, url: string, body?: unknown, accept: readonly number[] = []): Promise<T> =>
  request<T>(method, url, language, body, accept);

/** The code of an ApiError for an answer that its shared schema refuses (a server of another version, a proxy's page). */
export const BAD_ANSWER = 'bad-answer';

/** An answer of another shape than the contract: an error said in words (the person's language), never data from a guess. */
export function badAnswer(message?: string): ApiError {
  return new ApiError(502, message ?? (language === 'en' ? officeEn : officeVi)['office.badAnswer'], undefined, BAD_ANSWER);
}

/** The answer as its shared schema reads it, or a bad-answer ApiError. */
export function parseAnswer<S extends z.ZodType>(schema: S, raw: unknown, message?: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw badAnswer(message);
  return parsed.data;
}

/** A GET whose answer is checked against the shared schema of that endpoint. */
export const getParsed = async <S extends z.ZodType>(url: string, schema: S): Promise<z.output<S>> =>
  parseAnswer(schema, await call<unknown>('GET', url));

/** A change (JSON or FormData body) whose answer is checked against the shared schema of that endpoint. */
export async function sendParsed<S extends z.ZodType>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  schema: S,
  body?: unknown,
  accept: readonly number[] = [],
): Promise<z.output<S>> {
  return parseAnswer(schema, await call<unknown>(method, url, body, accept));
}

/** The answer of a 204 (call gives undefined for it). */
export const noContent = z.undefined();

/** Queries are tried again on a network or server failure, never when the session is gone, refused, or the answer unreadable. */
export const retryQuery = (n: number, e: ApiError): boolean => e.status !== 401 && e.status !== 403 && e.code !== BAD_ANSWER && n < 2;
