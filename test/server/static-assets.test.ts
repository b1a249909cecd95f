import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harnessPerTest, type Harness } from './harness';

/**
 * Issue 14: the built PWA's files go out compressed. The build writes .br and .gz copies next to the originals; the
 * server sends the one the request's Accept-Encoding takes (Brotli first), with Vary: Accept-Encoding, and keeps the
 * cache policy. A client folder like the build's, with copies made here by node:zlib, served by the real app.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const clientDir = mkdtempSync(path.join(tmpdir(), 'phieu-static-'));
let h: Harness;

// Long enough that the copies are smaller, as the build's are.
const SCRIPT = `export const questions = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ code: `Q${i}`, text: `Câu hỏi số ${i}: Ông/bà đánh giá thế nào?` })))};\n`;
const SHELL = `<!doctype html><html lang="vi"><head><meta charset="UTF-8"><title>Phiếu</title>${'<meta name="x" content="đệm cho đủ dài">'.repeat(20)}</head><body><div id="root"></div></body></html>`;
const WORKER = `self.addEventListener('fetch', () => {}); // ${'sw '.repeat(200)}`;

const scriptUrl = '/assets/app-abc123.js';
const files = {
  script: Buffer.from(SCRIPT),
  scriptBr: brotliCompressSync(SCRIPT),
  scriptGz: gzipSync(SCRIPT),
  shell: Buffer.from(SHELL),
  shellBr: brotliCompressSync(SHELL),
  shellGz: gzipSync(SHELL),
  worker: Buffer.from(WORKER),
  workerGz: gzipSync(WORKER),
};

beforeAll(() => {
  mkdirSync(path.join(clientDir, 'assets'));
  const write = (name: string, data: Buffer) => writeFileSync(path.join(clientDir, name), data);
  write('assets/app-abc123.js', files.script);
  write('assets/app-abc123.js.br', files.scriptBr);
  write('assets/app-abc123.js.gz', files.scriptGz);
  write('index.html', files.shell);
  write('index.html.br', files.shellBr);
  write('index.html.gz', files.shellGz);
  // Only a gzip copy: a Brotli-only client must get the original, not a 404.
  write('sw.js', files.worker);
  write('sw.js.gz', files.workerGz);
  copyFileSync(path.join(root, 'public', 'robots.txt'), path.join(clientDir, 'robots.txt'));
});
harnessPerTest((fresh) => (h = fresh), undefined, { app: { clientDir } });
afterAll(() => rmSync(clientDir, { recursive: true, force: true }));

const get = (url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') => h.app.inject({ method, url, headers });
const varies = (v: unknown) =>
  String(v ?? '')
    .toLowerCase()
    .split(/\s*,\s*/)
    .includes('accept-encoding');

describe('content negotiation of the built files', () => {
  it('sends the Brotli copy to a browser that accepts it, with the immutable cache policy of hashed assets', async () => {
    const res = await get(scriptUrl, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(varies(res.headers.vary)).toBe(true);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBe(files.scriptBr.length);
    expect(res.rawPayload.equals(files.scriptBr)).toBe(true);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT);
  });

  it('sends the gzip copy when only gzip is accepted', async () => {
    const res = await get(scriptUrl, { 'accept-encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(varies(res.headers.vary)).toBe(true);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(res.rawPayload).toString()).toBe(SCRIPT);
  });

  it('sends the original when nothing compressed is accepted, still saying that the answer varies', async () => {
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0', 'identity;q=1, *;q=0']) {
      const res = await get(scriptUrl, accept === undefined ? {} : { 'accept-encoding': accept });
      expect(res.statusCode, accept).toBe(200);
      expect(res.headers['content-encoding'], accept).toBeUndefined();
      expect(varies(res.headers.vary), accept).toBe(true);
      expect(res.body, accept).toBe(SCRIPT);
    }
  });

  it('follows q-values', async () => {
    expect((await get(scriptUrl, { 'accept-encoding': 'gzip;q=0, br' })).headers['content-encoding']).toBe('br');
    expect((await get(scriptUrl, { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip');
    expect((await get(scriptUrl, { 'accept-encoding': 'gzip;q=1, br;q=0.5' })).headers['content-encoding']).toBe('gzip');
  });

  it('falls back to the next accepted copy, then compresses on the fly, or sends the original; the worker always revalidates', async () => {
    const gz = await get('/sw.js', { 'accept-encoding': 'br, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(WORKER);
    expect(gz.headers['cache-control']).toBe('no-cache');
    // No Brotli copy: the API's compression (@fastify/compress) makes one for this answer.
    const onTheFly = await get('/sw.js', { 'accept-encoding': 'br' });
    expect(onTheFly.statusCode).toBe(200);
    expect(onTheFly.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(onTheFly.rawPayload).toString()).toBe(WORKER);
    expect(onTheFly.headers['cache-control']).toBe('no-cache');
    const plain = await get('/sw.js', { 'accept-encoding': 'identity' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(WORKER);
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(varies(plain.headers.vary)).toBe(true);
  });

  it('answers HEAD with the headers of the GET it stands for, and no body', async () => {
    const res = await get(scriptUrl, { 'accept-encoding': 'br' }, 'HEAD');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(Number(res.headers['content-length'])).toBe(files.scriptBr.length);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(varies(res.headers.vary)).toBe(true);
    expect(res.rawPayload.length).toBe(0);
    const shell = await get('/phieu/moi', { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(shell.statusCode).toBe(200);
    expect(shell.headers['content-type']).toMatch(/^text\/html/);
    expect(shell.headers['content-encoding']).toBe('gzip');
    expect(shell.headers['cache-control']).toBe('no-cache');
    expect(shell.rawPayload.length).toBe(0);
  });

  it('serves a range of the representation it chose, each representation with its own validator', async () => {
    const plain = await get(scriptUrl, { range: 'bytes=0-9' });
    expect(plain.statusCode).toBe(206);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-range']).toBe(`bytes 0-9/${files.script.length}`);
    expect(plain.body).toBe(SCRIPT.slice(0, 10));
    // A range applies to the encoded bytes (RFC 9110 §14): the client asked for Brotli and gets a slice of it.
    const br = await get(scriptUrl, { range: 'bytes=0-9', 'accept-encoding': 'br' });
    expect(br.statusCode).toBe(206);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-range']).toBe(`bytes 0-9/${files.scriptBr.length}`);
    expect(br.rawPayload.equals(files.scriptBr.subarray(0, 10))).toBe(true);
    // A cache holding one representation never takes the other's validator for its own.
    const etagPlain = (await get(scriptUrl)).headers.etag;
    const etagBr = (await get(scriptUrl, { 'accept-encoding': 'br' })).headers.etag;
    expect(etagPlain).toBeTruthy();
    expect(etagBr).toBeTruthy();
    expect(etagBr).not.toBe(etagPlain);
    expect((await get(scriptUrl, { 'accept-encoding': 'br', 'if-none-match': String(etagBr) })).statusCode).toBe(304);
  });
});

describe('the app shell', () => {
  it('is sent compressed for the root and for any client route (the SPA fallback), and always revalidated', async () => {
    for (const url of ['/', '/phieu/moi?unit=so-tu-phap', '/self-assessment/review']) {
      const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.statusCode, url).toBe(200);
      expect(br.headers['content-type'], url).toMatch(/^text\/html/);
      expect(br.headers['content-encoding'], url).toBe('br');
      expect(br.headers['cache-control'], url).toBe('no-cache');
      expect(varies(br.headers.vary), url).toBe(true);
      expect(brotliDecompressSync(br.rawPayload).toString(), url).toBe(SHELL);
      const gz = await get(url, { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding'], url).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).toString(), url).toBe(SHELL);
      const plain = await get(url);
      expect(plain.headers['content-encoding'], url).toBeUndefined();
      expect(plain.headers['cache-control'], url).toBe('no-cache');
      expect(plain.body, url).toBe(SHELL);
    }
  });

  it('is not the answer to a missing /assets/ file or a compressed copy asked for by name', async () => {
    for (const url of ['/assets/OfficeApp-old123.js', '/assets/app-abc123.js.br']) {
      const res = await get(url, { 'accept-encoding': 'br' });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/json/);
      expect(res.json(), url).toMatchObject({ error: 'not-found' });
    }
  });

  it('never answers an unknown /api path, whatever the method or encoding', async () => {
    for (const method of ['GET', 'HEAD'] as const) {
      const res = await get('/api/khong-co', { 'accept-encoding': 'br, gzip' }, method);
      expect(res.statusCode, method).toBe(404);
      expect(res.headers['content-type'], method).toMatch(/^application\/json/);
      expect(res.headers['content-encoding'], method).toBeUndefined();
      if (method === 'GET') expect(res.json()).toMatchObject({ error: 'not-found', message: expect.stringContaining('/api/khong-co') });
    }
  });
});

/** What a crawler following RFC 9309 may fetch: the longest matching rule wins, Allow on a tie. */
function allowed(robots: string, urlPath: string): boolean {
  let best: { length: number; allow: boolean } = { length: -1, allow: true };
  for (const line of robots.split('\n')) {
    const m = /^(allow|disallow):\s*(\S*)/i.exec(line.replace(/#.*/, '').trim());
    if (!m?.[1] || !m[2] || !urlPath.startsWith(m[2])) continue;
    const allow = m[1].toLowerCase() === 'allow';
    if (m[2].length > best.length || (m[2].length === best.length && allow)) best = { length: m[2].length, allow };
  }
  return best.allow;
}

describe('robots.txt', () => {
  it('is served as text, not as the app shell', async () => {
    const res = await get('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).not.toContain('<div id="root">');
    expect(res.body).toMatch(/^User-agent: \*$/m);
  });

  it('lets crawlers read the published results and nothing else', async () => {
    const robots = (await get('/robots.txt')).body;
    for (const url of ['/ket-qua/quang-binh-2021', '/ket-qua/quang-binh-2021/so-tu-phap?phien-ban=2'])
      expect(allowed(robots, url), url).toBe(true);
    for (const url of [
      '/',
      '/index.html',
      '/api/auth/login',
      '/api/public/campaigns/quang-binh-2021/results/1/ket-qua.xlsx',
      '/phieu/moi',
      '/self-assessment',
      '/admin',
      '/appraisal',
      '/assets/app-abc123.js',
    ])
      expect(allowed(robots, url), url).toBe(false);
  });
});

describe('the meta description', () => {
  it('is in the app shell, in Vietnamese', () => {
    const html = readFileSync(path.join(root, 'index.html'), 'utf8');
    const m = /<meta\s+name="description"\s+content="([^"]+)"/.exec(html);
    expect(m?.[1]).toMatch(/điều tra xã hội học/);
    expect(m?.[1]?.length ?? 0).toBeLessThanOrEqual(160);
  });
});
