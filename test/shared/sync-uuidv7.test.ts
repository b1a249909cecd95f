import { describe, expect, it } from 'vitest';
import { responseSchema, uuidv7 } from '../../src/shared';

describe('uuidv7', () => {
  it('is a version 7, RFC variant UUID that the response schema accepts', () => {
    const id = uuidv7();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(responseSchema.shape.id.safeParse(id).success).toBe(true);
  });

  it('carries the time in its first 48 bits, so ids made later sort later', () => {
    const t = Date.parse('2021-12-10T01:00:00.000Z');
    expect(Number.parseInt(uuidv7(t).replace(/-/g, '').slice(0, 12), 16)).toBe(t);
    const ids = [t, t + 1, t + 1000, t + 86_400_000].map((ms) => uuidv7(ms));
    expect([...ids].sort()).toEqual(ids);
  });

  it('differs between two ids made in the same millisecond', () => {
    const t = Date.now();
    expect(uuidv7(t)).not.toBe(uuidv7(t));
  });
});
