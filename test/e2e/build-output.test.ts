import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtClient, root } from './helpers/server';

/**
 * Issue 14, on a real `vite build`: Brotli and gzip copies beside the files a surveyor downloads, robots.txt, and a
 * service worker that precaches what filling a questionnaire needs but not the office screens (nor the copies).
 */

let out: string;
let precached: string[];
let entryJs: string;
let entryCss: string;

const read = (name: string) => readFileSync(path.join(out, name));

beforeAll(async () => {
  out = await builtClient();
  const html = read('index.html').toString();
  entryJs = /<script type="module"[^>]* src="\/(assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
  entryCss = /<link rel="stylesheet"[^>]* href="\/(assets\/[^"]+\.css)"/.exec(html)?.[1] ?? '';
  const sw = read('sw.js').toString();
  const list = /precacheAndRoute\((\[.*?\])\s*,/s.exec(sw)?.[1] ?? '';
  precached = [...list.matchAll(/url:\s*"([^"]+)"/g)].map((m) => m[1] ?? '');
}, 240_000);

/** The chunks a chunk imports, statically or by import(), as paths in the output folder. */
function importsOf(file: string): string[] {
  const code = read(file).toString();
  const dir = path.posix.dirname(file);
  // Minified: `from"./a.js"`, `import"./a.js"`, and import(`./a.js`) with a template literal.
  return [...code.matchAll(/(?:from|import)\s*\(?\s*["'`]\.\/([^"'`]+\.js)["'`]/g)].map((m) => path.posix.join(dir, m[1] ?? ''));
}

/** Every chunk reachable from `from`, not entering those `stop` says no to. */
function reach(from: string[], stop: (f: string) => boolean): Set<string> {
  const seen = new Set<string>();
  const todo = from.filter((f) => !stop(f));
  for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
    if (seen.has(f)) continue;
    seen.add(f);
    for (const next of importsOf(f)) if (!stop(next)) todo.push(next);
  }
  return seen;
}

const isOfficeApp = (f: string) => /(^|\/)OfficeApp-[^/]*$/.test(f);

describe('the production build', () => {
  it('writes Brotli and gzip copies of the shell, the entry script and style sheet, and the service worker', () => {
    expect(entryJs).toMatch(/^assets\/index-.+\.js$/);
    expect(entryCss).toMatch(/^assets\/.+\.css$/);
    for (const file of ['index.html', entryJs, entryCss, 'sw.js']) {
      const original = read(file);
      expect(existsSync(path.join(out, `${file}.br`)), `${file}.br`).toBe(true);
      expect(existsSync(path.join(out, `${file}.gz`)), `${file}.gz`).toBe(true);
      const br = read(`${file}.br`);
      expect(br.length, file).toBeLessThan(original.length);
      expect(brotliDecompressSync(br).equals(original), file).toBe(true);
      expect(gunzipSync(read(`${file}.gz`)).equals(original), file).toBe(true);
    }
    // Images are compressed already; source maps are never downloaded by a phone.
    expect(readdirSync(path.join(out, 'icons')).filter((f) => /\.(br|gz)$/.test(f))).toEqual([]);
    expect(readdirSync(path.join(out, 'assets')).filter((f) => /\.map\.(br|gz)$/.test(f))).toEqual([]);
  });

  it('ships robots.txt from public/', () => {
    expect(read('robots.txt').toString()).toBe(readFileSync(path.join(root, 'public', 'robots.txt'), 'utf8'));
  });

  it('precaches the shell and the entry, never a compressed copy nor an office file', () => {
    expect(precached).toEqual(expect.arrayContaining(['index.html', entryJs, entryCss, 'manifest.webmanifest']));
    expect(precached.filter((u) => /\.(br|gz)$/.test(u))).toEqual([]);
    expect(precached.filter((u) => u.includes('OfficeApp-'))).toEqual([]);
    expect(readdirSync(path.join(out, 'assets')).some((f) => /^OfficeApp-.+\.js$/.test(f))).toBe(true);
  });

  it('precaches every chunk the surveyor side can load, and leaves out only what the office alone loads', () => {
    const surveyor = reach([entryJs], isOfficeApp);
    // The walk sees import() (the entry loads the office that way), so lazy surveyor chunks are checked too.
    expect(importsOf(entryJs).some(isOfficeApp)).toBe(true);
    for (const f of surveyor) expect(precached, f).toContain(f);
    const assets = readdirSync(path.join(out, 'assets'))
      .filter((f) => /\.(js|css)$/.test(f))
      .map((f) => `assets/${f}`);
    const office = reach(
      assets.filter((f) => isOfficeApp(f) && f.endsWith('.js')),
      () => false,
    );
    const officeCode = [...office].map((f) => read(f).toString());
    // What is left out is the office's: its chunks, or a style sheet named after one or that an office chunk loads.
    const left = assets.filter((f) => !precached.includes(f));
    for (const f of left) expect(office.has(f) || isOfficeApp(f) || officeCode.some((code) => code.includes(`"${f}"`)), f).toBe(true);
  });

  it('caches the office files when they are first fetched instead', () => {
    const sw = read('sw.js').toString();
    expect(sw).toMatch(/new \w+\.CacheFirst\(\{cacheName:"phieu-lazy-assets"/);
    expect(sw).toMatch(/ExpirationPlugin\(\{maxEntries:\d+/);
  });
});
