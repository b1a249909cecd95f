import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript, run before anything is built (no declarations)
import { inputHash, isFresh, stamp } from '../../src/server/cli/build.mjs';

// `npm start` builds only what is missing or stale (issue 17): a build is fresh when its output exists and the hash
// of its sources is the one recorded when it was made.
let dir: string;
const write = (rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
};
const fresh = (target: 'client' | 'server') => (isFresh as (t: string, d: string) => boolean)(target, dir);
const built = (target: 'client' | 'server') => (stamp as (t: string, h: string, d: string) => void)(target, inputHash(target, dir), dir);

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'phieu-build-'));
  write('src/server/main.ts', 'server v1');
  write('src/shared/a.ts', 'shared v1');
  write('src/client/main.tsx', 'client v1');
  write('index.html', '<div id="root"></div>');
  write('vite.config.ts', 'config');
  write('package-lock.json', '{}');
  write('dist/server/main.js', 'built');
  write('dist/client/index.html', 'built');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a build', () => {
  it('is stale until it is stamped with the hash of its sources', () => {
    expect(fresh('server')).toBe(false);
    built('server');
    expect(fresh('server')).toBe(true);
  });

  it('goes stale when one of its sources changes, is added, or its output is gone; not for the other side’s sources', () => {
    built('server');
    built('client');
    write('src/client/main.tsx', 'client v2');
    expect([fresh('server'), fresh('client')]).toEqual([true, false]);
    built('client');
    write('src/shared/b.ts', 'new shared module');
    expect([fresh('server'), fresh('client')]).toEqual([false, false]);
    built('server');
    rmSync(path.join(dir, 'dist/server/main.js'));
    expect(fresh('server')).toBe(false);
  });

  it('is taken as it is when there are no sources (an installed build)', () => {
    rmSync(path.join(dir, 'src'), { recursive: true });
    expect(fresh('server')).toBe(true);
  });
});
