// What a caller learns from one answer, in two forms: a normalised copy to compare before and after a change, and
// the readable text to search for canaries (headers, body, and every entry of a zip download decompressed).
import type { LightMyRequestResponse } from 'fastify';
import JSZip from 'jszip';

export interface Answer {
  status: number;
  /** Every header but `date`: the wall-clock time of the answer, not the app's clock, so it differs between reads. */
  headers: Record<string, string>;
  /** The body to compare: its bytes, or for a zip its entries decompressed with volatile parts normalised. */
  body: Buffer;
  /** Everything readable in the answer, for canary search. */
  text: string;
}

const TEXT_ENTRY = /\.(xml|rels|txt|csv|json|html?)$/i;

/**
 * A zip's entries as compared. The zip's own entry times and the workbook's created/modified dates (docProps/core.xml)
 * are the wall clock at writing time (exceljs and its zip writer do not take the app's clock): they are left out or
 * blanked. Everything else, names and contents of every part, is kept.
 */
function zipBody(entries: { name: string; data: Buffer }[]): Buffer {
  const parts = entries.map((e) => {
    let content = TEXT_ENTRY.test(e.name) ? e.data.toString('utf8') : `base64:${e.data.toString('base64')}`;
    if (e.name === 'docProps/core.xml')
      content = content.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, '$1(wall clock)$3');
    return [e.name, content];
  });
  return Buffer.from(JSON.stringify(parts));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A zip (an XLSX download) starts with a local file header. */
const isZip = (b: Buffer): boolean => b.length >= 4 && b.readUInt32LE(0) === 0x04034b50;

/** Every entry of a zip with its content, in the zip's order. */
async function unzip(b: Buffer): Promise<{ name: string; data: Buffer }[]> {
  const zip = await JSZip.loadAsync(b);
  const files = Object.values(zip.files).filter((f) => !f.dir);
  return Promise.all(files.map(async (f) => ({ name: f.name, data: await f.async('nodebuffer') })));
}

export async function toAnswer(res: LightMyRequestResponse): Promise<Answer> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) {
    if (k === 'date' || v === undefined) continue;
    headers[k] = Array.isArray(v) ? v.join('\n') : String(v);
  }
  const raw = res.rawPayload;
  const headerText = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\n${safeDecode(v)}`)
    .join('\n');
  if (isZip(raw)) {
    const entries = await unzip(raw);
    return {
      status: res.statusCode,
      headers,
      body: zipBody(entries),
      text: [headerText, ...entries.map((e) => `${e.name}\n${e.data.toString('utf8')}`)].join('\n'),
    };
  }
  return { status: res.statusCode, headers, body: Buffer.from(raw), text: `${headerText}\n${raw.toString('utf8')}` };
}

const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n)}…` : s);

function parseJson(b: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(b.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Up to `max` paths where two JSON values differ, with both values. */
function jsonDifferences(a: unknown, b: unknown, path = '$', out: string[] = [], max = 6): string[] {
  if (out.length >= max) return out;
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
      if (!(k in ra)) out.push(`${path}.${k}: (absent) → ${clip(JSON.stringify(rb[k]))}`);
      else if (!(k in rb)) out.push(`${path}.${k}: ${clip(JSON.stringify(ra[k]))} → (absent)`);
      else jsonDifferences(ra[k], rb[k], `${path}.${k}`, out, max);
      if (out.length >= max) break;
    }
    return out;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${path}: ${clip(JSON.stringify(a))} → ${clip(JSON.stringify(b))}`);
  return out;
}

/** How `after` differs from `before`, in words a reader can act on; null when the caller can tell nothing apart. */
export function difference(before: Answer, after: Answer): string | null {
  const out: string[] = [];
  if (before.status !== after.status) out.push(`status ${before.status} → ${after.status}`);
  for (const k of new Set([...Object.keys(before.headers), ...Object.keys(after.headers)])) {
    if (before.headers[k] !== after.headers[k])
      out.push(`header ${k}: ${clip(before.headers[k] ?? '(absent)')} → ${clip(after.headers[k] ?? '(absent)')}`);
  }
  if (!before.body.equals(after.body)) {
    const ja = parseJson(before.body);
    const jb = parseJson(after.body);
    const paths = ja.ok && jb.ok ? jsonDifferences(ja.value, jb.value) : [];
    if (paths.length > 0) out.push(...paths.map((d) => `body ${d}`));
    else {
      const sa = before.body.toString('utf8');
      const sb = after.body.toString('utf8');
      let i = 0;
      while (i < sa.length && i < sb.length && sa[i] === sb[i]) i += 1;
      out.push(
        `body differs from char ${i}: ${JSON.stringify(clip(sa.slice(Math.max(0, i - 40), i + 120), 200))} → ${JSON.stringify(clip(sb.slice(Math.max(0, i - 40), i + 120), 200))}`,
      );
    }
  }
  return out.length === 0 ? null : out.join('; ');
}
