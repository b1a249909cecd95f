import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * What a built client (vite's outDir) makes the browser download, read from the files only: the entry script of
 * index.html, its modulepreload links and, recursively, the chunks they import statically. Dynamic `import()`s are
 * lazy chunks, counted only for a screen whose code lives in them (found through the source maps).
 */

export interface Chunk {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export const gzipSize = (buf: Buffer): number => gzipSync(buf, { level: 9 }).length;

/** `/assets/x.js` or `./x.js` (relative to `from`) as a path relative to the build folder. */
function resolveRef(ref: string, from: string): string {
  const clean = ref.split(/[?#]/)[0] ?? ref;
  return clean.startsWith('/') ? clean.slice(1) : path.posix.join(path.posix.dirname(from), clean);
}

/** Relative specifiers a minified ES module imports statically (`import … from "./x.js"`, `import "./x.js"`, `export … from`). */
function staticImports(code: string): string[] {
  const out = new Set<string>();
  const re = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'`](\.{1,2}\/[^"'`]+|\/[^"'`]+)["'`]/g;
  for (const m of code.matchAll(re)) if (m[1]) out.add(m[1]);
  return [...out];
}

/** Relative specifiers of `import("./x.js")` (and vite's preload dependency lists, which name the same files). */
function dynamicImports(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(/import\(\s*["'`](\.{1,2}\/[^"'`]+|\/[^"'`]+)["'`]\s*\)/g)) if (m[1]) out.add(m[1]);
  return [...out];
}

export interface BuildGraph {
  dir: string;
  /** Entry scripts and modulepreloads of index.html, relative to `dir`. */
  entries: string[];
  css: string[];
  /** Static closure of `from` (the files themselves included), relative to `dir`. */
  closure(from: string[]): string[];
  /** Every chunk reachable only through a dynamic import. */
  lazy(): string[];
  chunk(file: string): Chunk;
}

export function readBuild(dir: string): BuildGraph {
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const entries = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\btype=["']module["'][^>]*\bsrc=["']([^"']+)["']/g))
    if (m[1]) entries.add(resolveRef(m[1], 'index.html'));
  for (const m of html.matchAll(/<link\b[^>]*\brel=["']modulepreload["'][^>]*\bhref=["']([^"']+)["']/g))
    if (m[1]) entries.add(resolveRef(m[1], 'index.html'));
  const css = [...html.matchAll(/<link\b[^>]*\brel=["']stylesheet["'][^>]*\bhref=["']([^"']+)["']/g)].map((m) =>
    resolveRef(m[1] ?? '', 'index.html'),
  );
  if (entries.size === 0) throw new Error(`no module script in ${path.join(dir, 'index.html')}`);
  const code = new Map<string, string>();
  const read = (file: string): string => {
    let text = code.get(file);
    if (text === undefined) {
      text = readFileSync(path.join(dir, file), 'utf8');
      code.set(file, text);
    }
    return text;
  };
  const closure = (from: string[]): string[] => {
    const seen = new Set<string>();
    const todo = [...from];
    for (let file = todo.pop(); file !== undefined; file = todo.pop()) {
      if (seen.has(file) || !file.endsWith('.js')) continue;
      seen.add(file);
      for (const ref of staticImports(read(file))) todo.push(resolveRef(ref, file));
    }
    return [...seen];
  };
  const lazy = (): string[] => {
    const eager = new Set(closure([...entries]));
    const found = new Set<string>();
    const todo = [...eager];
    for (let file = todo.pop(); file !== undefined; file = todo.pop()) {
      for (const ref of dynamicImports(read(file))) {
        for (const f of closure([resolveRef(ref, file)])) {
          if (!eager.has(f) && !found.has(f)) {
            found.add(f);
            todo.push(f);
          }
        }
      }
    }
    return [...found];
  };
  const chunk = (file: string): Chunk => {
    const buf = readFileSync(path.join(dir, file));
    return { file, bytes: buf.length, gzipBytes: gzipSize(buf) };
  };
  return { dir, entries: [...entries], css, closure, lazy, chunk };
}

interface SourceMap {
  sources: string[];
  mappings: string;
}

function readMap(dir: string, file: string): SourceMap | undefined {
  const mapFile = path.join(dir, `${file}.map`);
  return existsSync(mapFile) ? (JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMap) : undefined;
}

/** Whether a chunk's source map lists a source whose path ends with `suffix` (e.g. 'src/client/features/fill/FillScreen.tsx'). */
export function chunkHasSource(dir: string, file: string, suffix: string): boolean {
  return readMap(dir, file)?.sources.some((s) => s.replace(/\\/g, '/').endsWith(suffix)) ?? false;
}

const B64 = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** Decodes one VLQ segment of a source map into its fields. */
function decodeSegment(seg: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of seg) {
    const digit = B64.get(c) ?? 0;
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/**
 * A chunk's minified code by where it came from (a package under node_modules, or src/client, src/shared, …), from
 * its source map: each generated span is charged to the source of the mapping it starts at; unmapped glue is
 * "(unmapped)". Bytes, and the gzip size of each part compressed on its own (a little more than its share of the
 * chunk's gzip size): good enough to see what dominates.
 */
export function composition(dir: string, file: string): { owner: string; bytes: number; gzipBytes: number }[] {
  const spans = new Map<string, string[]>();
  const map = readMap(dir, file);
  if (!map) return [];
  const lines = readFileSync(path.join(dir, file), 'utf8').split('\n');
  const owner = (source: string | undefined): string => {
    if (source === undefined) return '(unmapped)';
    const s = source.replace(/\\/g, '/');
    const nm = s.lastIndexOf('node_modules/');
    if (nm >= 0) {
      const rest = s.slice(nm + 'node_modules/'.length).split('/');
      return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? s);
    }
    const src = /(?:^|\/)(src\/[^/]+)\//.exec(s);
    return src?.[1] ?? s;
  };
  let sourceIndex = 0;
  const charge = (who: string, text: string) => {
    if (!text) return;
    const list = spans.get(who) ?? [];
    list.push(text);
    spans.set(who, list);
  };
  map.mappings.split(';').forEach((line, lineNo) => {
    const text = lines[lineNo] ?? '';
    let col = 0;
    let prevCol = 0;
    let prevOwner = '(unmapped)';
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const f = decodeSegment(seg);
      col += f[0] ?? 0;
      charge(prevOwner, text.slice(prevCol, col));
      prevCol = col;
      if (f.length >= 4) {
        sourceIndex += f[1] ?? 0;
        prevOwner = owner(map.sources[sourceIndex]);
      } else prevOwner = '(unmapped)';
    }
    charge(prevOwner, text.slice(prevCol));
  });
  return [...spans]
    .map(([owner, parts]) => {
      const buf = Buffer.from(parts.join(''));
      return { owner, bytes: buf.length, gzipBytes: gzipSize(buf) };
    })
    .sort((a, b) => b.bytes - a.bytes);
}
