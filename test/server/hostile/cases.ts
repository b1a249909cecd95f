// Hostile requests for one operation of the OpenAPI document: broken multipart, wrong content types, bad encodings,
// deep and huge JSON, prototype keys, bidi and NUL in every string field and query parameter, traversal in every
// path parameter. Deterministic for a given seed, so a failure replays; used by the test suite (inject) and the
// benchmark (real HTTP).
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { fillPath, replaceAll, replaceAt, stringLeaves, type Method, type Operation } from './openapi';

/** A body too big to build in memory for every case: produced on demand, only as far as the server reads it. */
export interface HugeBody {
  kind: 'huge';
  bytes: number;
  /** Declare the length up front (the server can refuse before reading) or stream it chunked. */
  declared: boolean;
}

export interface HostileRequest {
  /** What is tried, for the failure report; with the seed it names the case exactly. */
  name: string;
  kind: 'body' | 'field' | 'query' | 'path';
  method: Method;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer | HugeBody;
  /** What the operation documents it answers, by status (an HTML page's 404 is HTML, not JSON). */
  responseTypes: Record<string, string[]>;
}

/** Valid-looking values for one operation: every path parameter, every query parameter (required or not), and the JSON body. */
export interface OperationExample {
  path: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

/** Larger than every body limit of the server (the unsynced-data import accepts 64 MiB). */
export const HUGE_BYTES = 64 * 1024 * 1024 + 1024;
/** Over the default 256 KiB limit but under the sync routes' 4 MiB: parsed by those, refused by the others. */
const LARGE_BYTES = 300 * 1024;
const DEPTH = 10_000;

const BIDI = '\u202E\u2066\u200F\u2069';
const NUL = '\u0000';

/** A HugeBody as a stream: `{"pad":"xxx…"}` of exactly `bytes` bytes, made chunk by chunk as it is read. */
export function hugeStream(h: HugeBody): Readable {
  const head = '{"pad":"';
  const tail = '"}';
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let left = h.bytes - head.length - tail.length;
  let started = false;
  return new Readable({
    read() {
      if (!started) {
        started = true;
        this.push(head);
        return;
      }
      if (left <= 0) {
        this.push(tail);
        this.push(null);
        return;
      }
      const n = Math.min(left, chunk.length);
      left -= n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
const CSV = Buffer.from('username,display_name,role\nhostile-a,Hostile A,council\n', 'utf8');

interface Part {
  name: string;
  filename?: string;
  type?: string;
  data: Buffer | string;
  /** Raw header lines instead of the usual Content-Disposition. */
  rawHeaders?: string;
}

function multipart(boundary: string, parts: Part[], close = true): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const headers =
      p.rawHeaders ??
      `Content-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}`;
    chunks.push(
      Buffer.from(`--${boundary}\r\n${headers}\r\n`, 'utf8'),
      Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8'),
      Buffer.from('\r\n'),
    );
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** JSON text of `value` with the raw bytes `bytes` spliced into every string (invalid UTF-8 travels as it is). */
function withRawBytes(value: unknown, bytes: Buffer): Buffer {
  const token = '\u0001SPLICE\u0001';
  const text = JSON.stringify(replaceAll(value, (s) => `${s}${token}`));
  const pieces = text.split(JSON.stringify(token).slice(1, -1));
  const out: Buffer[] = [];
  pieces.forEach((p, i) => {
    if (i > 0) out.push(bytes);
    out.push(Buffer.from(p, 'utf8'));
  });
  return Buffer.concat(out);
}

/** A copy of `value` where every object also has an own "__proto__" key (JSON.stringify then writes it out). */
function withProtoKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withProtoKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = withProtoKeys(v);
    Object.defineProperty(out, '__proto__', { value: { polluted: 'yes' }, enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

/**
 * encodeURIComponent, except that a lone surrogate (which it refuses) is written as the three bytes a careless
 * encoder would produce (CESU-8): invalid UTF-8 on the wire, as an attacker would send it.
 */
export function percentEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i += 1;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(s[i] ?? '');
    }
  }
  return out;
}

const objectBody = (body: unknown): Record<string, unknown> =>
  body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

/** Random hostile strings (bidi, NUL, other controls, lone surrogates, any code point), replayable from the seed. */
export function hostileStrings(seed: number, count: number): string[] {
  const special = fc.constantFrom(
    '\u0000',
    '\u202E',
    '\u202D',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\u200F',
    '\u200E',
    '\u061C',
    '\uFEFF',
    '\uD800',
    '\uDFFF',
    '\u0007',
    '\u001B',
    '\r',
    '\n',
    '%00',
    '..',
    '/',
    '\\',
  );
  const arb = fc.string({
    unit: fc.oneof(special, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
    minLength: 1,
    maxLength: 24,
  });
  return fc.sample(arb, { seed, numRuns: count });
}

/** A seeded pseudo-random generator (mulberry32): the same seed picks the same cases. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `k` of `cases`, chosen by `seed`, in their original order; one of each kind first so that none is left out. */
export function sampleCases(cases: readonly HostileRequest[], k: number, seed: number): HostileRequest[] {
  if (cases.length <= k) return [...cases];
  const random = seededRandom(seed);
  const chosen = new Set<number>();
  for (const kind of ['body', 'field', 'query', 'path'] as const) {
    const of = cases.map((c, i) => (c.kind === kind ? i : -1)).filter((i) => i >= 0);
    if (of.length > 0 && chosen.size < k) chosen.add(of[Math.floor(random() * of.length)] ?? 0);
  }
  while (chosen.size < k) chosen.add(Math.floor(random() * cases.length));
  return [...chosen].sort((a, b) => a - b).map((i) => cases[i] as HostileRequest);
}

/**
 * The first case of every list: prototype keys in the query string of an otherwise valid URL. Its answer tells
 * whether the caller gets past the role check at all (a 401 or 403 here: the other cases meet the same door).
 */
const DOOR = '__proto__, constructor and prototype as query keys';
export const isDoorCase = (r: HostileRequest): boolean => r.kind === 'query' && r.name.endsWith(`: ${DOOR}`);

/** Path-parameter values that try to walk out of a folder or confuse a decoder. */
export const TRAVERSAL: readonly string[] = [
  '..%2F..%2Fetc%2Fpasswd',
  '..%2F..%2F..%2F..%2Fetc%2Fpasswd%00.pdf',
  '%00',
  '....//....//etc/passwd',
  '..%5C..%5Cwindows%5Cwin.ini',
  '%2e%2e%2f%2e%2e%2f',
  '%c0%ae%c0%ae%2f',
  '%E0%A4%A',
  '%E2%80%AE',
];

/**
 * Every hostile request for `op` on top of `example`. `strings` are random hostile strings (from hostileStrings);
 * the headers given are added to each request (the caller's cookie).
 */
export function hostileCases(
  op: Operation,
  example: OperationExample,
  strings: readonly string[],
  baseHeaders: Record<string, string> = {},
): HostileRequest[] {
  const out: HostileRequest[] = [];
  // Only required query parameters are in every URL; the others are tried one at a time below.
  const required = Object.entries(example.query).filter(([name]) => op.queryParams.some((p) => p.name === name && p.required));
  const query = new URLSearchParams(required).toString();
  const url = (pathValues: Record<string, string> = {}, q: string = query) =>
    `${fillPath(op, { ...encodedPath(example.path), ...pathValues })}${q ? `?${q}` : ''}`;
  const add = (
    kind: HostileRequest['kind'],
    name: string,
    r: { url?: string; headers?: Record<string, string>; payload?: HostileRequest['payload']; contentType?: string | null },
  ) => {
    const headers: Record<string, string> = { ...baseHeaders, ...r.headers };
    if (r.contentType !== undefined && r.contentType !== null) headers['content-type'] = r.contentType;
    out.push({
      name: `${op.key} ${kind}: ${name}`,
      kind,
      method: op.method,
      url: r.url ?? url(),
      headers,
      responseTypes: op.responseTypes,
      ...(r.payload !== undefined ? { payload: r.payload } : {}),
    });
  };

  const body = example.body ?? {};
  const json = JSON.stringify(body);
  const rawJson = (contentType: string | null, name: string, payload: string | Buffer, headers?: Record<string, string>) =>
    add('body', name, { contentType, payload, headers });
  const hasBody = op.method !== 'GET' && op.method !== 'HEAD';

  // --- Bodies. A GET is tried with two bodies only (Fastify ignores them); the others with all.
  const B = 'hostileBoundary7MA4YWxk';
  const goodParts: Part[] = [
    { name: 'attachTo', data: '1.1.1' },
    { name: 'file', filename: 'bao-cao.pdf', type: 'application/pdf', data: PDF },
    { name: 'sheet', filename: 'tai-khoan.csv', type: 'text/csv', data: CSV },
  ];
  const good = multipart(B, goodParts);
  add('body', 'multipart without a boundary', { contentType: 'multipart/form-data', payload: good });
  rawJson('application/json', 'prototype keys in every object', JSON.stringify(withProtoKeys(body)));
  if (hasBody) {
    add('body', 'multipart with the wrong boundary', { contentType: 'multipart/form-data; boundary=notTheBoundary', payload: good });
    add('body', 'multipart truncated inside a file', {
      contentType: `multipart/form-data; boundary=${B}`,
      payload: good.subarray(0, Math.floor(good.length * 0.6)),
    });
    add('body', 'multipart part with no end', {
      contentType: `multipart/form-data; boundary=${B}`,
      payload: multipart(B, [{ name: 'file', filename: 'a.csv', type: 'text/csv', data: CSV }], false),
    });
    add('body', 'multipart part headers with no end', {
      contentType: `multipart/form-data; boundary=${B}`,
      payload: `--${B}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"`,
    });
    add('body', 'multipart empty body', { contentType: `multipart/form-data; boundary=${B}`, payload: '' });
    add('body', 'multipart closing boundary only', { contentType: `multipart/form-data; boundary=${B}`, payload: `--${B}--\r\n` });
    add('body', 'multipart part without Content-Disposition', {
      contentType: `multipart/form-data; boundary=${B}`,
      payload: multipart(B, [{ name: '', rawHeaders: 'Content-Type: application/pdf\r\n', data: PDF }]),
    });
    add('body', 'multipart garbage header line', {
      contentType: `multipart/form-data; boundary=${B}`,
      payload: multipart(B, [{ name: '', rawHeaders: 'this is not a header\r\n', data: 'x' }]),
    });
    add('body', 'multipart hostile names (traversal, bidi, NUL, __proto__)', {
      contentType: `multipart/form-data; boundary=${B}`,
      payload: multipart(B, [
        { name: '__proto__', data: '{"polluted":"yes"}' },
        { name: 'attachTo', data: `..%2F..%2F${BIDI}${NUL}` },
        { name: 'file', filename: `../../etc/passwd${BIDI}fdp.pdf`, type: 'application/pdf', data: PDF },
        { name: 'file', filename: `..\\..\\evil${NUL}.pdf`, type: 'application/pdf', data: PDF },
      ]),
    });
    add('body', 'multipart filename in invalid UTF-8', {
      contentType: `multipart/form-data; boundary=${B}`,
      payload: Buffer.concat([
        Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="file"; filename="`),
        Buffer.from([0xff, 0xfe, 0xc0, 0xae]),
        Buffer.from(`.pdf"\r\n\r\n`),
        PDF,
        Buffer.from(`\r\n--${B}--\r\n`),
      ]),
    });
    add('body', 'multipart with 300 parts', {
      contentType: `multipart/form-data; boundary=${B}`,
      payload: multipart(
        B,
        Array.from({ length: 300 }, (_, i) => ({ name: `f${i}`, data: 'x' })),
      ),
    });
    const long = 'b'.repeat(80);
    add('body', 'multipart with a quoted 80-character boundary', {
      contentType: `multipart/form-data; boundary="${long}"`,
      payload: multipart(long, goodParts),
    });
    add('body', 'multipart/mixed', { contentType: `multipart/mixed; boundary=${B}`, payload: good });

    rawJson(null, 'JSON without a content type', json);
    rawJson('text/plain', 'JSON as text/plain', json);
    rawJson('application/xml', 'XML', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>');
    rawJson(
      'application/x-www-form-urlencoded',
      'a form with prototype keys and bad percent-encodings',
      '__proto__[polluted]=yes&constructor[prototype][polluted]=yes&a=%E0%A4%A&b=%zz&c=%',
    );
    rawJson('application/json; charset=utf-16le', 'JSON declared as UTF-16', Buffer.from(json, 'utf16le'));
    rawJson('application/json-patch+json', 'a JSON patch type', json);
    rawJson('', 'an empty content type', json);
    rawJson('application/json', 'gzip declared, garbage sent', Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0xff, 0xff]), {
      'content-encoding': 'gzip',
    });

    rawJson('application/json', 'invalid UTF-8 in every string', withRawBytes(body, Buffer.from([0xc3, 0x28, 0xff, 0xfe])));
    rawJson(
      'application/json',
      'overlong UTF-8 (../) in every string',
      withRawBytes(body, Buffer.from([0xc0, 0xae, 0xc0, 0xae, 0xc0, 0xaf])),
    );
    rawJson('application/json', 'UTF-8-encoded surrogates in every string', withRawBytes(body, Buffer.from([0xed, 0xa0, 0x80])));
    rawJson('application/json', 'lone surrogate escapes in every string', JSON.stringify(replaceAll(body, (s) => `${s}\uD800`)));
    rawJson('application/json', 'bad percent-encodings in every string', JSON.stringify(replaceAll(body, (s) => `${s}%E0%A4%A%zz%`)));
    rawJson('application/json', 'a UTF-8 byte order mark', `\uFEFF${json}`);

    rawJson('application/json', `${DEPTH} levels of arrays`, `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`);
    rawJson('application/json', `${DEPTH} levels of objects`, `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`);
    const firstKey = Object.keys(objectBody(body))[0] ?? 'a';
    rawJson('application/json', `${DEPTH} levels of arrays in "${firstKey}"`, `{"${firstKey}":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`);
    rawJson('application/json', '100,000 unclosed arrays', '['.repeat(100_000));
    rawJson('application/json', `${LARGE_BYTES} bytes of JSON`, JSON.stringify({ ...objectBody(body), pad: 'x'.repeat(LARGE_BYTES) }));
    add('body', `${HUGE_BYTES} bytes of JSON, length declared`, {
      contentType: 'application/json',
      payload: { kind: 'huge', bytes: HUGE_BYTES, declared: true },
    });
    add('body', `${HUGE_BYTES} bytes of JSON, chunked`, {
      contentType: 'application/json',
      payload: { kind: 'huge', bytes: HUGE_BYTES, declared: false },
    });

    rawJson('application/json', '__proto__ first', `{"__proto__":{"polluted":"yes"}${json.length > 2 ? `,${json.slice(1)}` : '}'}`);
    rawJson(
      'application/json',
      'constructor.prototype first',
      `{"constructor":{"prototype":{"polluted":"yes"}}${json.length > 2 ? `,${json.slice(1)}` : '}'}`,
    );
    rawJson(
      'application/json',
      'a "prototype" key',
      JSON.stringify({ ...objectBody(body), prototype: { polluted: 'yes' }, constructor: 'x' }),
    );
    rawJson(
      'application/json',
      'a duplicated key with a hostile second value',
      `${json.slice(0, -1)}${json.length > 2 ? ',' : ''}"${firstKey}":"${BIDI}${'\\u0000'}"}`,
    );
    rawJson('application/json', 'an empty body', '');
    rawJson('application/json', 'JSON null', 'null');
    rawJson('application/json', 'trailing garbage', `${json}\u0000garbage`);

    // --- Every string field of the body: bidi controls, NUL, and random hostile strings.
    const leaves = stringLeaves(body);
    for (const leaf of leaves) {
      const at = leaf.length ? leaf.join('.') : '(body)';
      add('field', `bidi controls in ${at}`, {
        contentType: 'application/json',
        payload: JSON.stringify(replaceAt(body, leaf, (s) => `${s}${BIDI}x`)),
      });
      add('field', `NUL in ${at}`, {
        contentType: 'application/json',
        payload: JSON.stringify(replaceAt(body, leaf, (s) => `${s}${NUL}x`)),
      });
    }
    if (leaves.length > 0) {
      for (const k of [0, 1]) {
        add('field', `random hostile strings in every string field (#${k})`, {
          contentType: 'application/json',
          payload: JSON.stringify(replaceAll(body, (_s, i) => strings[(i + k * 7) % strings.length] ?? BIDI)),
        });
      }
    }
  }

  // --- Query strings: every declared parameter, then keys nobody declared.
  const withParam = (name: string, raw: string) => {
    const q = new URLSearchParams(required);
    q.delete(name);
    const rest = q.toString();
    return `${rest ? `${rest}&` : ''}${raw}`;
  };
  for (const p of op.queryParams) {
    const v = encodeURIComponent(example.query[p.name] ?? 'x');
    const n = encodeURIComponent(p.name);
    const variants: [string, string][] = [
      ['bidi controls', `${n}=${v}${encodeURIComponent(BIDI)}`],
      ['NUL', `${n}=${v}%00`],
      ['invalid UTF-8', `${n}=%FF%FE%C0%AE`],
      ['a truncated percent-encoding', `${n}=${v}%E0%A4%A`],
      ['twice', `${n}=${v}&${n}=${v}`],
      ['a random hostile string', `${n}=${percentEncode(strings[p.name.length % strings.length] ?? BIDI)}`],
    ];
    for (const [what, raw] of variants) add('query', `${p.name} with ${what}`, { url: url({}, withParam(p.name, raw)) });
  }
  const generic: [string, string][] = [
    [DOOR, '__proto__=1&constructor=1&prototype=1&hasOwnProperty=1'],
    [
      '__proto__[polluted] and constructor[prototype][polluted]',
      '__proto__[polluted]=yes&constructor[prototype][polluted]=yes&a[__proto__][polluted]=yes',
    ],
    ['bad percent-encodings and invalid UTF-8 in keys', '%=1&%E0%A4%A=2&%zz=3&%FF%FE=4'],
    ['2,000 parameters', Array.from({ length: 2000 }, (_, i) => `k${i}=${i}`).join('&')],
    ['a 10,000-character value', `x=${'y'.repeat(10_000)}`],
  ];
  for (const [what, raw] of generic) add('query', what, { url: url({}, query ? `${query}&${raw}` : raw) });

  // --- Path parameters: traversal and broken encodings in each.
  for (const p of op.pathParams) {
    for (const t of TRAVERSAL) add('path', `{${p.name}} = ${t}`, { url: url({ [p.name]: t }) });
    add('path', `{${p.name}} with NUL`, { url: url({ [p.name]: `${encodeURIComponent(example.path[p.name] ?? 'x')}%00` }) });
    add('path', `{${p.name}} of 2,000 characters`, { url: url({ [p.name]: 'a'.repeat(2000) }) });
  }
  add('path', 'traversal after the path', { url: `${fillPath(op, encodedPath(example.path))}/..%2F..%2Fetc%2Fpasswd` });
  add('path', 'NUL after the path', { url: `${fillPath(op, encodedPath(example.path))}%00` });

  // The door case first (see isDoorCase).
  return [...out.filter(isDoorCase), ...out.filter((r) => !isDoorCase(r))];
}

const encodedPath = (values: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, encodeURIComponent(v)]));
