import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError } from '../../src/server/http/errors';
import { arrivalKey, decodeCursor, encodeCursor } from '../../src/server/services/page-cursor';

// Issue 16: one cursor format for every paged list (responses, review, audit log).
describe('a page cursor', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64url');

  it('gives back the key it was made from', () => {
    const key = { receivedAt: '2021-12-10T03:00:00.000Z', id: '01939a6b-0000-7000-8000-000000000001' };
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, arrivalKey)).toEqual(key);
    expect(decodeCursor(encodeCursor({ id: 42 }), z.strictObject({ id: z.int() }))).toEqual({ id: 42 });
  });

  it.each([
    ['not base64 JSON', '!!!'],
    ['truncated', encodeCursor({ receivedAt: 'x', id: 'y' }).slice(0, 10)],
    ['another shape', b64('[1]')],
    ['an operator where a string goes', b64('{"receivedAt":{"$gt":""},"id":"x"}')],
    ['an extra key', b64('{"receivedAt":"x","id":"y","sql":"1=1"}')],
  ])('refuses one %s with a 400 that says to start again', (_, cursor) => {
    let error: unknown;
    try {
      decodeCursor(cursor, arrivalKey);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ statusCode: 400, code: 'invalid-cursor' });
  });
});
