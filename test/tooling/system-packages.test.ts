import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The first step of `npm test` (issues 17, 18): a machine without Chromium or PostgreSQL stops before any test, with the
// command that installs what is missing (here, where both are present, a missing one is stood for by a wrong path).
const script = path.resolve('test/setup/system-packages.mjs');
const check = (env: Record<string, string>) => spawnSync(process.execPath, [script], { encoding: 'utf8', env: { ...process.env, ...env } });

describe('the system packages check before the tests', () => {
  it('stops with the install command when Chromium is missing and is not to be installed here', () => {
    const run = check({ PHIEU_E2E_CHROMIUM: '/no/such/chromium' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('apt-get install -y --no-install-recommends chromium');
    expect(run.stderr).toContain('/no/such/chromium');
  });

  it('names PostgreSQL when it is missing, and both when both are', () => {
    const pg = check({ PHIEU_POSTGRES_BASE: '/no/such/postgresql' });
    expect(pg.status).toBe(1);
    expect(pg.stderr).toContain('apt-get install -y --no-install-recommends postgresql-15');
    expect(pg.stderr).not.toContain('chromium ');
    const both = check({ PHIEU_POSTGRES_BASE: '/no/such/postgresql', PHIEU_E2E_CHROMIUM: '/no/such/chromium' });
    expect(both.stderr).toContain('--no-install-recommends chromium postgresql-15');
  });

  it('lets the run go on when both are there', () => {
    const run = check({ PHIEU_E2E_CHROMIUM: process.execPath }); // any file that exists stands for the browser
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });
});
