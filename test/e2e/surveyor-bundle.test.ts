import { beforeAll, describe, expect, it } from 'vitest';
import { chunkHasSource, readBuild, type BuildGraph } from '../bench/client/bundle';
import { builtClient } from './helpers/server';

/**
 * Issue 14, what the surveyor's phone downloads, read from a real production build: the first screen carries no zod
 * (the roster form's zod/mini comes with that screen), the questionnaire, start, roster and sign-out screens, the
 * English catalogue, the sync engine and the home screen's occasional parts are chunks of their own, and the office's
 * screens are never part of it. Sizes are printed by `npm run bench`, not asserted here.
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

describe("the surveyor's first screen", () => {
  it('carries no zod, classic or mini, no schema module of src/shared, and not workbox-window', () => {
    for (const zod of ['node_modules/zod/v4/core/core.js', 'node_modules/zod/v4/classic/schemas.js', 'node_modules/zod/v4/mini/schemas.js']) {
      expect(carries(firstScreen, zod), zod).toEqual([]);
    }
    // The service worker's registration is loaded once the first screen is up.
    expect(carries(firstScreen, 'node_modules/workbox-window/build/workbox-window.prod.es5.mjs')).toEqual([]);
    expect(lazyWith('node_modules/workbox-window/build/workbox-window.prod.es5.mjs').length).toBeGreaterThan(0);
    for (const schema of ['src/shared/schema/common.ts', 'src/shared/schema/questionnaire.ts', 'src/shared/sync/protocol.ts', 'src/shared/sync/roster-entry.ts']) {
      expect(carries(firstScreen, schema), schema).toEqual([]);
    }
  });

  it('leaves the other screens, the English catalogue and the office to chunks loaded when needed', () => {
    for (const screen of ['features/fill/FillScreen.tsx', 'features/fill/StartScreen.tsx', 'features/roster/RosterScreen.tsx', 'features/auth/SignOutScreen.tsx', 'i18n/en.ts', 'office/OfficeApp.tsx']) {
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

  it('parses the roster entry with zod/mini, never compiled with new Function, and the office with classic zod', () => {
    const roster = lazyWith('src/client/features/roster/RosterScreen.tsx');
    const rosterClosure = build.closure(roster);
    expect(carries(rosterClosure, 'node_modules/zod/v4/mini/schemas.js').length).toBeGreaterThan(0);
    expect(carries(rosterClosure, 'node_modules/zod/v4/classic/schemas.js')).toEqual([]);
    const office = build.closure(lazyWith('src/client/office/OfficeApp.tsx'));
    expect(carries(office, 'node_modules/zod/v4/classic/schemas.js').length).toBeGreaterThan(0);
  });
});
