/**
 * Where a parsed JSON value (a string, or arrays and objects of them, keys included) holds a NUL character (U+0000):
 * the path to the first one (empty for the value itself), or undefined when there is none. No text a person types
 * holds one, and PostgreSQL cannot store one in text (issue 18): the server refuses it on both databases alike, a whole
 * request at the door (server/http/nul-guard.ts), a pushed response as one rejected item.
 */
export function nulPath(value: unknown, depth = 0): string[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? [] : undefined;
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  // Bytes are not text: a body kept as bytes (a sync push, checked per item) is not walked byte by byte.
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return undefined;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  for (const [k, v] of entries) {
    if (k.includes('\u0000')) return [k];
    const inner = nulPath(v, depth + 1);
    if (inner) return [k, ...inner];
  }
  return undefined;
}

export const holdsNul = (value: unknown): boolean => nulPath(value) !== undefined;
