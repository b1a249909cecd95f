/** Quoted keys seen before (field names and question codes repeat in every response); bounded, keys come from devices. */
const quotedKeys = new Map<string, string>();
const quoted = (key: string): string => {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quotedKeys.size < 4096) quotedKeys.set(key, q);
  }
  return q;
};

/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, undefined members dropped. Two payloads with the same
 * content give the same text whatever order their keys came in, so a hash of it decides "duplicate" vs "conflict";
 * stored hashes depend on this exact text. Sync hashes every item of every batch with it, so keys already in order
 * are not sorted again and quoted keys are reused.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) out += ',';
      const item: unknown = value[i];
      out += item === undefined ? 'null' : canonicalJson(item);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 1; i < keys.length; i += 1) {
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      break;
    }
  }
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    if (!first) out += ',';
    out += `${quoted(key)}:${canonicalJson(item)}`;
    first = false;
  }
  return `${out}}`;
}
