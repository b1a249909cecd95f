import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { readConfig } from '../../src/server/config';
import { harnessPerTest, type Harness } from './harness';

const clientDir = mkdtempSync(path.join(tmpdir(), 'phieu-client-'));
let h: Harness;

beforeAll(() => {
  mkdirSync(path.join(clientDir, 'assets'));
  writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Phiếu</title><div id="root"></div>');
  writeFileSync(path.join(clientDir, 'assets', 'app-abc123.js'), 'console.log(1)');
  writeFileSync(path.join(clientDir, 'sw.js'), 'self.addEventListener("fetch", () => {})');
});
harnessPerTest((fresh) => (h = fresh), undefined, { app: { clientDir } });
afterAll(() => rmSync(clientDir, { recursive: true, force: true }));

describe('serving the PWA and the API', () => {
  it('serves the app shell with security headers, and falls back to it for client routes', async () => {
    const home = await h.app.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<div id="root">');
    expect(home.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(home.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(home.headers['x-content-type-options']).toBe('nosniff');
    const deep = await h.app.inject({ method: 'GET', url: '/phieu/moi?unit=so-tu-phap' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<div id="root">');
  });

  it('caches hashed assets for good and makes the service worker revalidate', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/assets/app-abc123.js' })).headers['cache-control']).toMatch(/immutable/);
    expect((await h.app.inject({ method: 'GET', url: '/sw.js' })).headers['cache-control']).toBe('no-cache');
  });

  it('never answers an unknown /api path with the app shell', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/khong-co' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'not-found', message: expect.stringContaining('/api/khong-co') });
  });

  it('publishes the OpenAPI document generated from the shared schemas, and a page to browse it', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    const push = doc.paths['/api/sync/responses'].post;
    expect(push.requestBody.content['application/json'].schema.properties.responses.maxItems).toBe(100);
    expect(Object.keys(push.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '413']));
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    const page = await h.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/swagger/i);
  });
});

describe('HTTPS', () => {
  it('listens with the certificate and key given by PHIEU_TLS_CERT and PHIEU_TLS_KEY, with Secure cookies', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'phieu-tls-'));
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'],
      { stdio: 'ignore' },
    );
    const config = readConfig({ PHIEU_TLS_CERT: cert, PHIEU_TLS_KEY: key });
    expect(config.secureCookies).toBe(true);
    expect(() => readConfig({ PHIEU_TLS_CERT: cert })).toThrow(/both/);
    const app = await buildApp({ db: h.handle.db, registry: h.registry, https: config.https, secureCookies: config.secureCookies });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const body = await new Promise<string>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path: '/api/health', rejectUnauthorized: false }, (res) => {
          let text = '';
          res.on('data', (d) => (text += String(d)));
          res.on('end', () => resolve(text));
        })
          .on('error', reject)
          .end();
      });
      expect(JSON.parse(body)).toMatchObject({ status: 'ok' });
      expect((await app.inject({ method: 'GET', url: '/' })).headers['strict-transport-security']).toMatch(/max-age/);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
