import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkHasSource, readBuild, type BuildGraph } from '../bench/client/bundle';
import { builtClient } from './helpers/server';

/**
 * Issue 14, what the surveyor's phone downloads, read from a real production build: the first screen carries no zod
 * (the roster form's zod/mini comes with that screen), the questionnaire, start, roster and sign-out screens, the
 * English catalogue, the sync engine and the home screen's occasional parts are chunks of their own, and the office's
 * screens are never part of it. Issue 16: that holds with no bundler flag, because the surveyor's side imports each
 * src/shared module it needs (eslint.config.js refuses the barrel there). Sizes are printed by `npm run bench`, not
 * asserted here.
 */

/** The PWA built once for the e2e project: read only. */
let dir: string;
let build: BuildGraph;
let firstScreen: string[];

beforeAll(async () => {
  dir = await builtClient();
  build = readBuild(dir);
  firstScreen = build.closure(build.entries);
}, 240_000);

const carries = (files: string[], suffix: string) => files.filter((f) => chunkHasSource(dir, f, suffix));
const lazyWith = (suffix: string) => carries(build.lazy(), suffix);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Every module of src/shared that imports zod (classic or mini): each defines schemas, built when it is loaded. */
function zodModulesOfShared(): string[] {
  const files = readdirSync(path.join(root, 'src/shared'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  return files
    .map((f) => `src/shared/${f.replace(/\\/g, '/')}`)
    .filter((f) => /\bfrom\s+['"]zod(\/[\w/]+)?['"]/.test(readFileSync(path.join(root, f), 'utf8')));
}
/** The sources of `files` (their source maps) that are zod itself or a src/shared module importing it. */
function zodSources(files: string[]): string[] {
  const schemaModules = zodModulesOfShared();
  const out = new Set<string>();
  for (const file of files) {
    const sources = (JSON.parse(readFileSync(path.join(dir, `${file}.map`), 'utf8')) as { sources: string[] }).sources.map((s) =>
      s.replace(/\\/g, '/'),
    );
    for (const s of sources)
      if (s.includes('node_modules/zod/') || schemaModules.some((m) => s.endsWith(m))) out.add(`${file}: ${s.replace(/^(\.\.\/)+/, '')}`);
  }
  return [...out];
}

describe("the surveyor's first screen", () => {
  it('carries no zod, classic or mini, no schema module of src/shared, and not workbox-window', () => {
    for (const zod of [
      'node_modules/zod/v4/core/core.js',
      'node_modules/zod/v4/classic/schemas.js',
      'node_modules/zod/v4/mini/schemas.js',
    ]) {
      expect(carries(firstScreen, zod), zod).toEqual([]);
    }
    // The service worker's registration is loaded once the first screen is up.
    expect(carries(firstScreen, 'node_modules/workbox-window/build/workbox-window.prod.es5.mjs')).toEqual([]);
    expect(lazyWith('node_modules/workbox-window/build/workbox-window.prod.es5.mjs').length).toBeGreaterThan(0);
    for (const schema of [
      'src/shared/schema/common.ts',
      'src/shared/schema/questionnaire.ts',
      'src/shared/sync/protocol.ts',
      'src/shared/sync/roster-entry.ts',
    ]) {
      expect(carries(firstScreen, schema), schema).toEqual([]);
    }
  });

  it('leaves the other screens, the English catalogue and the office to chunks loaded when needed', () => {
    for (const screen of [
      'features/fill/FillScreen.tsx',
      'features/fill/StartScreen.tsx',
      'features/roster/RosterScreen.tsx',
      'features/auth/SignOutScreen.tsx',
      'i18n/en.ts',
      'office/OfficeApp.tsx',
    ]) {
      const suffix = `src/client/${screen}`;
      expect(carries(firstScreen, suffix), suffix).toEqual([]);
      expect(lazyWith(suffix).length, suffix).toBeGreaterThan(0);
    }
    // Still there on the first screen: what sign-in and home draw.
    for (const screen of ['features/auth/LoginScreen.tsx', 'features/home/HomeScreen.tsx', 'i18n/vi.ts']) {
      expect(carries(firstScreen, `src/client/${screen}`).length, screen).toBeGreaterThan(0);
    }
  });

  it('leaves what runs after the first paint, or on some devices only, to chunks loaded when needed', () => {
    // The sync engine (loaded by the first sync), the unsynced file (on its button), the refused panel (only with
    // something refused), the storage figures and the update prompt (after the screen), the later screens' strings,
    // and the local database's writes, which only the engine and those screens make.
    for (const module of [
      'sync/engine.ts',
      'sync/transport.ts',
      'sync/lock.ts',
      'sync/retry.ts',
      'sync/device-engine.ts',
      'features/home/unsynced-file.ts',
      'db/export.ts',
      'features/home/RefusedPanel.tsx',
      'features/home/StoragePanel.tsx',
      'pwa/UpdatePrompt.tsx',
      'pwa/update.ts',
      'i18n/vi-screens.ts',
      'db/responses.ts',
      'db/roster.ts',
    ]) {
      const suffix = `src/client/${module}`;
      expect(carries(firstScreen, suffix), suffix).toEqual([]);
      expect(lazyWith(suffix).length, suffix).toBeGreaterThan(0);
    }
    // What starts them stays: the triggers, and the home screen's waiting for the refused panel.
    for (const module of ['sync/device.tsx', 'sync/triggers.ts', 'ui/lazy-part.ts']) {
      expect(carries(firstScreen, `src/client/${module}`).length, module).toBeGreaterThan(0);
    }
  });

  it('is one chunk: what it shares with the lazy chunks is not split off into chunks of its own (vite.config.ts)', () => {
    expect(firstScreen).toHaveLength(1);
  });

  it('carries no zod schema code, and neither does the questionnaire: src/shared is imported module by module, with no bundler flag (issue 16)', () => {
    // The guard of this test: the list it checks against is not empty.
    expect(zodModulesOfShared()).toEqual(
      expect.arrayContaining(['src/shared/schema/common.ts', 'src/shared/schema/questionnaire.ts', 'src/shared/sync/roster-entry.ts']),
    );
    expect(zodSources(firstScreen)).toEqual([]);
    // What the questionnaire loads after the first screen (as `npm run bench` counts it): the start and fill screens'
    // chunks and all they import.
    const questionnaire = build.closure([
      ...lazyWith('src/client/features/fill/StartScreen.tsx'),
      ...lazyWith('src/client/features/fill/FillScreen.tsx'),
    ]);
    expect(questionnaire.length).toBeGreaterThan(0);
    expect(zodSources(questionnaire)).toEqual([]);
    // …while the roster form's chunks do carry its zod/mini schema, so the check above would see one.
    expect(zodSources(build.closure(lazyWith('src/client/features/roster/RosterScreen.tsx')))).toEqual(
      expect.arrayContaining([expect.stringContaining('src/shared/sync/roster-entry.ts')]),
    );
  });

  it('parses the roster entry with zod/mini, never compiled with new Function, and the office with classic zod', () => {
    const roster = lazyWith('src/client/features/roster/RosterScreen.tsx');
    const rosterClosure = build.closure(roster);
    expect(carries(rosterClosure, 'node_modules/zod/v4/mini/schemas.js').length).toBeGreaterThan(0);
    expect(carries(rosterClosure, 'node_modules/zod/v4/classic/schemas.js')).toEqual([]);
    const office = build.closure(lazyWith('src/client/office/OfficeApp.tsx'));
    expect(carries(office, 'node_modules/zod/v4/classic/schemas.js').length).toBeGreaterThan(0);
  });
});
