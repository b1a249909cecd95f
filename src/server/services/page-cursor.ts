import { z, type ZodType } from 'zod';
import { problem } from '../../shared';
import { problemError } from '../http/errors';

/**
 * Every paged list's cursor, one format: the last row's key as JSON in base64url. Opaque to clients, and checked by
 * its schema when it comes back, so a forged or truncated one is a 400 that says to start again, never a query.
 */
export const encodeCursor = (key: object): string => Buffer.from(JSON.stringify(key)).toString('base64url');

const invalidCursor = () => problemError(problem('page.invalid-cursor'));

export function decodeCursor<T>(cursor: string, schema: ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}

/** The key of lists in arrival order (responses, review): the last row's arrival and id. */
export const arrivalKey = z.strictObject({ receivedAt: z.string().max(64), id: z.string().max(64) });
