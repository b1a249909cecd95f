import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The first step of `npm test` (issue 17): a machine without Chromium stops before any test, with the command to run.
const script = path.resolve('test/setup/chromium.mjs');
const check = (chromium: string) =>
  spawnSync(process.execPath, [script], { encoding: 'utf8', env: { ...process.env, PHIEU_E2E_CHROMIUM: chromium } });

describe('the browser check before the tests', () => {
  it('stops with the install command when Chromium is missing and is not to be installed here', () => {
    const run = check('/no/such/chromium');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('apt-get install -y --no-install-recommends chromium');
    expect(run.stderr).toContain('/no/such/chromium');
  });

  it('lets the run go on when Chromium is there', () => {
    const run = check(process.execPath); // any file that exists stands for the browser
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });
});
