import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import type { Plugin, ResolvedConfig, Rolldown, UserConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import type { TestSpecification, Vitest } from 'vitest/node';

/** What is worth compressing (text); images and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|webmanifest|json|txt)$/;
/**
 * Below this a compressed copy saves a few hundred bytes at most, inside the first round trip anyway. It is under 1 KB
 * on purpose: index.html (about 0.8 KB), sent on every navigation online, is still worth its 0.4 KB.
 */
const COMPRESS_THRESHOLD = 512;

/** The office screens' lazy module (App.tsx imports it); a surveyor's phone never loads it. */
const OFFICE_MODULE = /[\\/]src[\\/]client[\\/]office[\\/]OfficeApp\.tsx$/;

/**
 * Finds the files only the office screens load: the OfficeApp chunk and every chunk reachable from it that the
 * surveyor's side (the entry and its other lazy chunks) never reaches, with their CSS and assets. A chunk the office
 * shares with a surveyor chunk stays precached. Names alone cannot say this: rolldown names a shared chunk after
 * one of its modules.
 */
function officeOnlyFiles(): { plugin: Plugin; files: Set<string> } {
  const files = new Set<string>();
  const plugin: Plugin = {
    name: 'phieu:office-only-files',
    apply: 'build',
    generateBundle(_options, bundle) {
      files.clear();
      const chunks = new Map<string, Rolldown.OutputChunk>();
      for (const out of Object.values(bundle)) if (out.type === 'chunk') chunks.set(out.fileName, out);
      const office = [...chunks.values()]
        .filter((c) => c.facadeModuleId !== null && OFFICE_MODULE.test(c.facadeModuleId))
        .map((c) => c.fileName);
      if (office.length === 0) {
        this.warn('no OfficeApp chunk: only the OfficeApp-* name pattern keeps office files out of the precache');
        return;
      }
      const reach = (from: string[], stop: Set<string>): Set<string> => {
        const seen = new Set<string>();
        const todo = from.filter((f) => !stop.has(f));
        for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
          if (seen.has(f)) continue;
          seen.add(f);
          const c = chunks.get(f);
          for (const next of [...(c?.imports ?? []), ...(c?.dynamicImports ?? [])]) if (!stop.has(next) && !seen.has(next)) todo.push(next);
        }
        return seen;
      };
      const entries = [...chunks.values()].filter((c) => c.isEntry).map((c) => c.fileName);
      const surveyor = reach(entries, new Set(office));
      const extras = (names: Iterable<string>) => {
        const out = new Set<string>();
        for (const n of names)
          for (const f of [...(chunks.get(n)?.viteMetadata?.importedCss ?? []), ...(chunks.get(n)?.viteMetadata?.importedAssets ?? [])])
            out.add(f);
        return out;
      };
      const surveyorExtras = extras(surveyor);
      const officeChunks = [...reach(office, new Set())].filter((f) => !surveyor.has(f));
      for (const f of [...officeChunks, ...extras(officeChunks)]) if (!surveyor.has(f) && !surveyorExtras.has(f)) files.add(f);
    },
  };
  return { plugin, files };
}

/** Writes Brotli and gzip copies beside `file` (the rules of vite-plugin-compression2 below), each only if it is smaller. */
async function writeCompressedCopies(file: string): Promise<void> {
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  const source = await readFile(file);
  if (source.length < COMPRESS_THRESHOLD) return;
  const copies: [string, Buffer][] = [
    [
      '.br',
      await br(source, {
        params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: source.length },
      }),
    ],
    ['.gz', await gz(source, { level: zlib.Z_BEST_COMPRESSION })],
  ];
  for (const [ext, data] of copies) if (data.length < source.length) await writeFile(file + ext, data);
}

/**
 * Brotli and gzip copies of the service worker and its workbox runtime, which vite-plugin-pwa writes after the
 * bundle (when vite-plugin-compression2 has already run), with the same rules.
 */
function compressServiceWorker(): Plugin {
  let outDir = '';
  return {
    name: 'phieu:compress-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const names = (await readdir(outDir)).filter((f) => /^(?:sw|workbox-[\w-]+)\.js$/.test(f));
        for (const name of names) await writeCompressedCopies(path.join(outDir, name));
      },
    },
  };
}

/** The respondent's page (issue 19): its HTML at the top of the client build, its files in a folder of their own. */
const RESPONDENT_ROOT = 'src/client/respondent';
const RESPONDENT_HTML = 'respond.html';
const RESPONDENT_ASSETS = 'assets/respond';

/**
 * The respondent's page at /p/<code>, built after the PWA as a build of its own into the same folder: its HTML as
 * respond.html (the server sends it for /p/...), its script and style sheet under assets/respond/. A separate build,
 * not a second input of the PWA's: the PWA puts everything its first screen loads into one chunk (build.rolldownOptions
 * below), which with a second entry would take in the respondent's modules and make the respondent download the
 * surveyor's first screen; apart, each page has its own single chunk (React in both: no one loads both pages). Not
 * in the service worker's precache (globIgnores), and no service worker of its own: the respondent installs nothing.
 */
function respondentPage(): Plugin {
  let config: ResolvedConfig | undefined;
  return {
    name: 'phieu:respondent-page',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        if (!config || config.build.ssr) return;
        const outDir = path.resolve(config.root, config.build.outDir);
        const root = path.resolve(config.root, RESPONDENT_ROOT);
        const { build } = await import('vite');
        const output = await build({
          configFile: false,
          root,
          base: '/',
          mode: config.mode,
          logLevel: config.logLevel,
          publicDir: false,
          plugins: [react()],
          build: {
            outDir,
            emptyOutDir: false,
            modulePreload: { polyfill: false },
            sourcemap: true,
            rolldownOptions: {
              input: path.join(root, RESPONDENT_HTML),
              output: {
                entryFileNames: `${RESPONDENT_ASSETS}/[name]-[hash].js`,
                chunkFileNames: `${RESPONDENT_ASSETS}/[name]-[hash].js`,
                assetFileNames: `${RESPONDENT_ASSETS}/[name]-[hash][extname]`,
              },
            },
          },
        });
        const written = (Array.isArray(output) ? output : [output]).flatMap((o) => ('output' in o ? o.output : []));
        for (const file of written) if (COMPRESSIBLE.test(file.fileName)) await writeCompressedCopies(path.join(outDir, file.fileName));
      },
    },
  };
}

const office = officeOnlyFiles();

/** The client test files that run in the `client-isolated` project, each alone (see there), and not in `client`. */
const CLIENT_ISOLATED = [
  'test/client/app/update-prompt.test.tsx',
  'test/client/features/home-refused-lazy.test.tsx',
  'test/client/sync/lazy-engine.test.tsx',
  'test/client/office/office.test.tsx',
  'test/client/office/self-assessment-entry.test.tsx',
];

/** The server test files the `node-pg` project leaves out (see there). */
const POSTGRES_EXCLUDED = [
  'test/server/db/**',
  'test/server/backup.test.ts',
  'test/server/backup-cli.test.ts',
  'test/server/backup-schedule.test.ts',
  'test/server/crash-campaign.test.ts',
  'test/server/cli.test.ts',
  'test/server/process.test.ts',
  'test/server/definitions/**',
];

/**
 * The server for plain node (`vite build --ssr`, through src/server/cli/build.mjs): each entry and worker one file,
 * all in dist/server beside their shared chunks, so that a worker found beside its importer (worker-thread.ts) is
 * there. Packages stay imports (an SSR build leaves node_modules out): `dependencies` only, none of the dev ones.
 */
const serverBuild: UserConfig = {
  publicDir: false,
  build: {
    ssr: true,
    outDir: 'dist/server',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    rolldownOptions: {
      input: {
        main: 'src/server/main.ts',
        cli: 'src/server/cli/main.ts',
        'validation-worker': 'src/server/services/validation-worker.ts',
        'export-worker': 'src/server/services/export/export-worker.ts',
      },
      output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
};

export default defineConfig(({ command, isSsrBuild }) =>
  isSsrBuild
    ? serverBuild
    : {
        plugins: [
          react(),
          office.plugin,
          // Brotli and gzip copies next to the originals, made once at build time; the server picks one by the request's
          // Accept-Encoding (@fastify/static preCompressed in src/server/app.ts). Created for builds only: the plugin takes
          // over process.stdout.write when created and gives it back at the end of a build, which vitest never reaches.
          command === 'build' &&
            compression({
              algorithms: ['brotliCompress', 'gzip'],
              include: COMPRESSIBLE,
              threshold: COMPRESS_THRESHOLD,
              logLevel: 'silent',
            }),
          VitePWA({
            strategies: 'generateSW',
            // The surveyor decides when to update (DESIGN §4 rule 11); src/client/pwa registers with workbox-window.
            registerType: 'prompt',
            injectRegister: false,
            filename: 'sw.js',
            includeAssets: ['icons/apple-touch-icon.png'],
            manifest: {
              name: 'Phiếu — Điều tra xã hội học Chỉ số CCHC',
              short_name: 'Phiếu',
              description: 'Thu thập phiếu điều tra xã hội học xác định Chỉ số cải cách hành chính, dùng được khi không có mạng.',
              lang: 'vi',
              dir: 'ltr',
              start_url: '/',
              scope: '/',
              display: 'standalone',
              orientation: 'portrait',
              background_color: '#ffffff',
              theme_color: '#0b5394',
              icons: [
                { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
                { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
                { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
              ],
            },
            workbox: {
              // The app shell and everything needed to fill a questionnaire; the API is never served from the cache.
              globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
              // Not the compressed copies (the browser decodes what the server sends), and not the office screens: a
              // surveyor's phone would download them at install for nothing. The name pattern is the floor; the
              // transform below also drops the chunks only the office reaches.
              // Nor the respondent's page (issue 19), built beside the PWA: a respondent installs nothing, a surveyor needs none of it.
              globIgnores: ['**/node_modules/**/*', '**/*.{br,gz}', '**/OfficeApp-*', RESPONDENT_HTML, `${RESPONDENT_ASSETS}/**`],
              manifestTransforms: [(entries) => ({ manifest: entries.filter((e) => !office.files.has(e.url)) })],
              // The office screens' files, cached when an office user first opens them: hashed names, so they never change.
              runtimeCaching: [
                {
                  urlPattern: ({ sameOrigin, url }) => sameOrigin && url.pathname.startsWith('/assets/'),
                  handler: 'CacheFirst',
                  options: {
                    cacheName: 'phieu-lazy-assets',
                    expiration: { maxEntries: 40, maxAgeSeconds: 60 * 24 * 60 * 60, purgeOnQuotaError: true },
                    cacheableResponse: { statuses: [200] },
                  },
                },
              ],
              navigateFallback: '/index.html',
              // The public results pages are the server's (no script, no app shell), like the API and robots.txt; so is the
              // respondent's page at /p/<code> (issue 19), which the server answers with respond.html.
              navigateFallbackDenylist: [/^\/api\//, /^\/ket-qua(\/|$)/, /^\/robots\.txt$/, /^\/p(\/|$)/],
              cleanupOutdatedCaches: true,
            },
          }),
          compressServiceWorker(),
          respondentPage(),
        ],
        resolve: {
          // react-router's package exports point every bundler at its development build, whose only difference is its
          // dev warnings (about 1.5 KB gzip on the surveyor's first screen); a production build takes the production one.
          alias:
            command === 'build'
              ? [{ find: /^react-router$/, replacement: path.resolve('node_modules/react-router/dist/production/index.mjs') }]
              : [],
        },
        build: {
          outDir: 'dist/client',
          // Every browser the app supports preloads modules natively (Chrome 66+); the polyfill would be in the first screen.
          modulePreload: { polyfill: false },
          sourcemap: true,
          rolldownOptions: {
            // Everything the first screen loads statically in one chunk (issue 14). Left to itself, rolldown puts what the
            // entry shares with the lazy chunks into chunks of their own (rolldown#10731), each compressed apart and joined
            // by cross-chunk imports: about 2 KB gzip more for the same code on the surveyor's first screen.
            output: { codeSplitting: { groups: [{ name: 'first-screen', tags: ['$initial'] }] } },
          },
        },
        test: {
          // Two cores here: three workers keep both busy while one waits on a child process, chromium or the disk.
          maxWorkers: 3,
          // Files run side by side on two cores: a set-up that creates a dozen accounts (argon2 on purpose) or starts a
          // server can take several times its time alone. No test's own time limit changes.
          hookTimeout: 30_000,
          // The order the files start in. The browser files first: the longest (up to a minute each), and much of it spent
          // waiting on chromium and the server process, so that the workers done with them early take up the unit files
          // while the last ones run and the run does not end on a lone browser file. Then node, then client. Each project's
          // files stay together (a non-isolated worker is kept for the next file only if it is of the same project); within
          // a project, vitest's own order (failed or longest first, from the last run). vitest/node is loaded here only when
          // vitest runs, never for `vite build`.
          sequence: {
            sequencer: class {
              constructor(private readonly vitest: Vitest) {}
              private async base() {
                const { BaseSequencer } = await import('vitest/node');
                return new BaseSequencer(this.vitest);
              }
              async shard(files: TestSpecification[]) {
                return (await this.base()).shard(files);
              }
              async sort(files: TestSpecification[]) {
                const order = ['e2e', 'node', 'node-pg', 'client', 'client-isolated'];
                const rank = (f: TestSpecification) => (order.includes(f.project.name) ? order.indexOf(f.project.name) : order.length);
                const sorted = await (await this.base()).sort(files);
                return sorted
                  .map((f, i) => ({ f, i }))
                  .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
                  .map(({ f }) => f);
              }
            },
          },
          projects: [
            {
              extends: true,
              // Not isolated: every file in a worker shares one module graph (importing the app per file was most of the
              // time). Each file opens its own server over its own SQLite file (test/server/harness.ts), so nothing leaks.
              test: {
                name: 'node',
                environment: 'node',
                isolate: false,
                include: ['test/shared/**/*.test.ts', 'test/server/**/*.test.ts', 'test/lint/**/*.test.ts', 'test/tooling/**/*.test.ts'],
                // The server process tests start the server built once for the run.
                globalSetup: ['test/setup/server-build.ts'],
              },
            },
            {
              extends: true,
              // The server suites again on PostgreSQL (issue 18): the harness makes each file's and test's database on
              // one throwaway cluster (test/setup/postgres.ts). Left out, each for a reason of its own: what tests the
              // SQLite file itself (backups, the crash campaign's power cuts, the migrations of released SQLite files,
              // the CLI and process tests on a data folder), the campaign folder checks (no database), and
              // test/server/db, whose files run both databases already.
              test: {
                name: 'node-pg',
                environment: 'node',
                isolate: false,
                include: ['test/server/**/*.test.ts'],
                exclude: POSTGRES_EXCLUDED,
                globalSetup: ['test/setup/postgres.ts', 'test/setup/server-build.ts'],
              },
            },
            {
              extends: true,
              // Not isolated either: test/setup/client.ts gives each test its own IndexedDB and puts the page, the storage,
              // the stubbed globals and the office API's language back after each test or file.
              // The files of "client-isolated" below are left out.
              test: {
                name: 'client',
                environment: 'jsdom',
                isolate: false,
                setupFiles: ['test/setup/client.ts'],
                include: ['test/client/**/*.test.{ts,tsx}'],
                exclude: CLIENT_ISOLATED,
              },
            },
            {
              extends: true,
              // Each file in a fresh module graph and window: the files that mock a module with vi.mock (a module graph that
              // already imported it would ignore the mock); self-assessment-entry, which leaves the failed uploads' list in a
              // module of src/client/office/self-assessment that has no way to reset it; office.test, whose real server
              // sometimes never finished closing (afterAll, 30 s) after other office files in the same process. Left out of
              // "client" above.
              test: {
                name: 'client-isolated',
                environment: 'jsdom',
                setupFiles: ['test/setup/client.ts'],
                include: CLIENT_ISOLATED,
              },
            },
            {
              extends: true,
              // The built PWA in Debian's chromium against the real server process (test/e2e).
              // The PWA is built once for the project (test/e2e/global-setup.ts), not once per file.
              test: {
                name: 'e2e',
                environment: 'node',
                include: ['test/e2e/**/*.test.ts'],
                globalSetup: ['test/e2e/global-setup.ts', 'test/setup/server-build.ts'],
                testTimeout: 180_000,
                hookTimeout: 240_000,
              },
            },
          ],
        },
      },
);
