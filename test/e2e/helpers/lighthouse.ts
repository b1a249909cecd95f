import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Flags, Result } from 'lighthouse';
import { home, submitSignIn, waitForServiceWorker } from './app';
import { CHROMIUM } from './browser';
import { root } from './server';

/**
 * Lighthouse 12 (pinned: 13 needs Node 22) against the built PWA served by the real server process, in Debian's
 * Chromium, mobile form factor with Lighthouse's default simulated throttling (Moto G Power screen, slow 4G, 4× CPU).
 * Shared by test/e2e/lighthouse.test.ts (what does not depend on the machine's speed) and test/bench/lighthouse.bench.ts
 * (the figures).
 *
 * How a run sees the app. Lighthouse's Node API is given the `port` of a Chromium that Playwright launched on a
 * persistent profile with `--remote-debugging-port`: Lighthouse connects its own puppeteer-core to that port and opens
 * its own tab in the profile's (default) browser context, so it sees the profile's cookies, IndexedDB and service
 * worker. Playwright's own tab is left on about:blank while Lighthouse runs (one tab of the app at a time, as on a
 * phone) and its context sets no viewport, so Lighthouse's screen emulation is the only one.
 *
 * - Sign-in page (`/`, signed out): a COLD FIRST VISIT. Every run is a new Chromium on a new, empty profile, and
 *   Lighthouse's storage reset is left on (HTTP cache, service workers, Cache Storage cleared): no service worker, no
 *   cache, every byte from the network, as on a phone that never opened the app.
 * - Signed-in home (`/`) and questionnaire (`/fill/<id>`): a WARM VISIT, the surveyor's everyday one. The profile
 *   was signed in as `dieutra1` through the UI, the service worker installed, activated and controlling, and a draft
 *   started with "Thu phiếu mới" → "Bắt đầu". Lighthouse runs with `disableStorageReset: true`, so the session cookie,
 *   IndexedDB, the service worker and its precache are kept: the app shell comes from the service worker's precache,
 *   the API (never cached by the service worker) from the network.
 */

export const LIGHTHOUSE_USER = 'dieutra1';
const GROUP_NAME = 'Người dân, doanh nghiệp có giao dịch';

export type LighthousePage = 'sign-in' | 'home' | 'fill';

export const PAGE_LABELS: Record<LighthousePage, string> = {
  'sign-in': 'sign-in (/, signed out; cold first visit: fresh profile, no service worker)',
  home: `signed-in home (/, ${LIGHTHOUSE_USER}; warm: service worker controlling, app shell from its precache)`,
  fill: 'questionnaire (/fill/<draft id>; warm: service worker controlling, app shell from its precache)',
};

/** Why Lighthouse cannot run here, or undefined when it can. */
export async function lighthouseUnavailable(): Promise<string | undefined> {
  if (!existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM} (set PHIEU_E2E_CHROMIUM)`;
  try {
    await import('lighthouse');
  } catch (e) {
    return `the lighthouse package cannot be loaded: ${e instanceof Error ? e.message : String(e)}`;
  }
  return undefined;
}

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** A Chromium on a persistent profile, driven by Playwright and open to Lighthouse on `port`. */
export interface DebugBrowser {
  context: BrowserContext;
  page: Page;
  port: number;
  close(): Promise<void>;
}

/** Launches Chromium on `userDataDir` with a DevTools port chosen by Chromium (read back from DevToolsActivePort). */
export async function launchDebugBrowser(userDataDir: string): Promise<DebugBrowser> {
  mkdirSync(userDataDir, { recursive: true });
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...ARGS, '--remote-debugging-port=0', '--remote-debugging-address=127.0.0.1'],
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    // No Playwright viewport: Lighthouse's screen emulation (412×823 at 1.75) is the only one on its tab.
    viewport: null,
    serviceWorkers: 'allow',
  });
  context.setDefaultTimeout(30_000);
  context.setDefaultNavigationTimeout(30_000);
  try {
    const file = path.join(userDataDir, 'DevToolsActivePort');
    const deadline = Date.now() + 10_000;
    let port = NaN;
    while (!(port > 0)) {
      if (Date.now() > deadline) throw new Error(`Chromium wrote no DevTools port to ${file} within 10 s`);
      if (existsSync(file)) port = Number(readFileSync(file, 'utf8').split('\n')[0]);
      if (!(port > 0)) await new Promise((r) => setTimeout(r, 50));
    }
    const page = context.pages()[0] ?? (await context.newPage());
    return { context, page, port, close: () => context.close().catch(() => undefined) };
  } catch (e) {
    await context.close().catch(() => undefined);
    throw e;
  }
}

/** A profile signed in as the sample surveyor, its service worker controlling the app, with one draft started. */
export interface SignedInDevice {
  browser: DebugBrowser;
  homeUrl: string;
  fillUrl: string;
}

/**
 * Signs in as `dieutra1` through the UI on a new profile, waits until the service worker controls the app, starts
 * a draft from the home screen ("Thu phiếu mới" → "Bắt đầu") and leaves Playwright's tab on about:blank.
 */
export async function prepareSignedInDevice(serverUrl: string, userDataDir: string, password: string): Promise<SignedInDevice> {
  const browser = await launchDebugBrowser(userDataDir);
  try {
    const { page } = browser;
    await page.setViewportSize({ width: 412, height: 915 });
    await page.goto(`${serverUrl}/`);
    await submitSignIn(page, LIGHTHOUSE_USER, password);
    await home(page).waitFor();
    await waitForServiceWorker(page);
    // Opened again: the home screen as it is every day after the first visit (no one-time "ready offline" note).
    await page.reload();
    await home(page).waitFor();
    await page.locator('article.card').filter({ hasText: GROUP_NAME }).getByRole('link', { name: 'Thu phiếu mới' }).click();
    await page.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
    await page.waitForURL(/\/fill\/[0-9a-f-]{36}$/);
    const fillUrl = page.url();
    await page.locator('fieldset.question').first().waitFor();
    await page.goto('about:blank');
    return { browser, homeUrl: `${serverUrl}/`, fillUrl };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

/**
 * What a run gathers. `checks` (the test): the accessibility and best-practices categories plus the CLS and
 * text-compression audits: no performance category, no Lantern metric (CLS is read from the trace, not simulated).
 * `figures` (the bench): the performance, accessibility and best-practices categories.
 */
export type LighthouseMode = 'checks' | 'figures';

/** Audits that `checks` adds to its two categories (onlyAudits is a union with onlyCategories in Lighthouse 12). */
const CHECK_AUDITS = ['cumulative-layout-shift', 'uses-text-compression'];

/** A Lighthouse run is abandoned after this long (a run takes 10–25 s here). */
const RUN_TIMEOUT_MS = 60_000;

/** One LayoutShift event of Lighthouse's trace, with the elements it moved (named from the trace's invalidation events). */
export interface LayoutShift {
  /** Since the main frame's navigation started. */
  atMs: number;
  score: number;
  /**
   * Chrome flagged it as following an input. Lighthouse leaves such a shift out of CLS unless it comes within 500 ms of
   * the viewport change its own screen emulation causes, so whether it counts depends on timing.
   */
  hadRecentInput: boolean;
  nodes: { name: string; from: number[]; to: number[] }[];
}

/** A run's report and the layout shifts of its trace (the report itself does not keep the trace). */
export interface LighthouseRun {
  lhr: Result;
  layoutShifts: LayoutShift[];
}

interface TraceEventOf {
  name: string;
  ts: number;
  args?: { data?: Record<string, unknown> };
}
interface TraceOf {
  traceEvents: TraceEventOf[];
}

function layoutShiftsOf(trace: TraceOf): LayoutShift[] {
  const names = new Map<number, string>();
  const starts: number[] = [];
  for (const e of trace.traceEvents) {
    const d = e.args?.data;
    if (!d) continue;
    if (typeof d.nodeId === 'number' && typeof d.nodeName === 'string') names.set(d.nodeId, d.nodeName);
    if (
      e.name === 'navigationStart' &&
      d.isLoadingMainFrame === true &&
      typeof d.documentLoaderURL === 'string' &&
      d.documentLoaderURL.startsWith('http')
    )
      starts.push(e.ts);
  }
  return trace.traceEvents
    .filter((e) => e.name === 'LayoutShift' && e.args?.data?.is_main_frame !== undefined)
    .map((e) => {
      const d = e.args?.data ?? {};
      const start = Math.max(...starts.filter((t) => t <= e.ts), -Infinity);
      const impacted = (d.impacted_nodes as { node_id: number; old_rect: number[]; new_rect: number[] }[] | undefined) ?? [];
      return {
        atMs: Number.isFinite(start) ? (e.ts - start) / 1000 : NaN,
        score: Number(d.weighted_score_delta ?? d.score ?? NaN),
        hadRecentInput: d.had_recent_input === true,
        nodes: impacted.map((n) => ({ name: names.get(n.node_id) ?? `node ${n.node_id}`, from: n.old_rect, to: n.new_rect })),
      };
    });
}

/** Errors for which Lighthouse itself says "Please run Lighthouse again" (a trace it could not read). */
const RETRIED = ['NO_NAVSTART', 'NO_TRACING_STARTED', 'NO_RESOURCE_REQUEST'];
const ATTEMPTS = 3;

/** A run that ended in one of RETRIED, as the whole run's error or as the error of the audits that need the trace. */
class RunAgain extends Error {}

function runAgainCode(lhr: Result): string | undefined {
  if (lhr.runtimeError && RETRIED.includes(lhr.runtimeError.code)) return lhr.runtimeError.code;
  for (const audit of Object.values(lhr.audits)) {
    const code = RETRIED.find((c) => audit.errorMessage?.includes(`(${c})`));
    if (code) return code;
  }
  return undefined;
}

/** Up to ATTEMPTS attempts while Lighthouse asks to be run again (said on stderr); any other error throws at once. */
async function withAttempts<T>(url: string, attempt: (n: number) => Promise<T>): Promise<T> {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(n);
    } catch (e) {
      if (!(e instanceof RunAgain)) throw e;
      if (n >= ATTEMPTS) throw new Error(`Lighthouse on ${url}: ${e.message}, ${ATTEMPTS} times in a row`);
      process.stderr.write(`(Lighthouse on ${url}: ${e.message}; running it again)\n`);
    }
  }
}

/** One Lighthouse navigation; throws RunAgain when Lighthouse could not read its own trace. */
async function runOnce(url: string, port: number, opts: { mode: LighthouseMode; warm: boolean }): Promise<LighthouseRun> {
  const { default: lighthouse } = await import('lighthouse');
  const { screenEmulationMetrics, userAgents, throttling } = await import('lighthouse/core/config/constants.js');
  const flags: Flags = {
    port,
    hostname: '127.0.0.1',
    output: 'json',
    logLevel: 'error',
    // Lighthouse's defaults for mobile, said explicitly: the Moto G Power screen and user agent, slow 4G and a 4×
    // CPU slowdown, simulated (Lantern) from an unthrottled load.
    formFactor: 'mobile',
    screenEmulation: screenEmulationMetrics.mobile,
    emulatedUserAgent: userAgents.mobile,
    throttlingMethod: 'simulate',
    throttling: throttling.mobileSlow4G,
    disableStorageReset: opts.warm,
    maxWaitForFcp: 20_000,
    maxWaitForLoad: 35_000,
    onlyCategories: opts.mode === 'checks' ? ['accessibility', 'best-practices'] : ['performance', 'accessibility', 'best-practices'],
    ...(opts.mode === 'checks' ? { onlyAudits: CHECK_AUDITS } : {}),
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Lighthouse on ${url} took longer than ${RUN_TIMEOUT_MS / 1000} s`)), RUN_TIMEOUT_MS);
  });
  try {
    const result = await Promise.race([lighthouse(url, flags), timeout]);
    if (!result) throw new Error(`Lighthouse on ${url} returned no result`);
    const { lhr } = result;
    const again = runAgainCode(lhr);
    if (again) throw new RunAgain(`${again}, Lighthouse could not read its trace`);
    if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    const artifacts = result.artifacts as { Trace?: TraceOf; traces?: Record<string, TraceOf> };
    const trace = artifacts.Trace ?? artifacts.traces?.defaultPass;
    if (!trace) throw new Error(`Lighthouse on ${url} kept no trace`);
    return { lhr, layoutShifts: layoutShiftsOf(trace) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One Lighthouse navigation of `url` in the Chromium listening on `port`. `warm`: keep the profile's storage (cookies,
 * IndexedDB, service worker, caches); otherwise Lighthouse's default reset before loading. Lighthouse 12 on Chromium
 * 156 now and then cannot find the navigation in its own trace (NO_NAVSTART, "Please run Lighthouse again", on the
 * whole run or on the audits that need the trace): such a run is run again, up to 3 attempts, and said on stderr.
 */
export function runLighthouse(url: string, port: number, opts: { mode: LighthouseMode; warm: boolean }): Promise<LighthouseRun> {
  return withAttempts(url, () => runOnce(url, port, opts));
}

/** One cold run of the sign-in page: a new Chromium on a new empty profile (a new one for each attempt). */
export async function runColdSignIn(serverUrl: string, profileDir: string, mode: LighthouseMode): Promise<LighthouseRun> {
  const url = `${serverUrl}/`;
  return withAttempts(url, async (n) => {
    const browser = await launchDebugBrowser(n === 1 ? profileDir : `${profileDir}-attempt-${n}`);
    try {
      const run = await runOnce(url, browser.port, { mode, warm: false });
      expectLanding(run.lhr, 'sign-in');
      return run;
    } finally {
      await browser.close();
    }
  });
}

/** The page Lighthouse ended on must be the one meant (a draft that is gone sends /fill/<id> back home). */
export function expectLanding(lhr: Result, page: LighthousePage): void {
  const final = new URL(lhr.finalDisplayedUrl);
  const want = page === 'fill' ? /^\/fill\/[0-9a-f-]{36}$/ : /^\/$/;
  if (!want.test(final.pathname)) throw new Error(`Lighthouse on the ${page} page ended on ${lhr.finalDisplayedUrl}`);
}

/**
 * One warm run of a signed-in page on the prepared profile; then the profile's session is asked whether it is still
 * signed in (the sign-in page is also at `/`: a lost session would measure the wrong page without this).
 */
export async function runSignedIn(device: SignedInDevice, page: 'home' | 'fill', mode: LighthouseMode): Promise<LighthouseRun> {
  const run = await runLighthouse(page === 'home' ? device.homeUrl : device.fillUrl, device.browser.port, { mode, warm: true });
  expectLanding(run.lhr, page);
  const me = await device.browser.context.request.get(new URL('/api/auth/me', device.homeUrl).href);
  if (me.status() !== 200)
    throw new Error(`after Lighthouse on the ${page} page the profile is no longer signed in (GET /api/auth/me: ${me.status()})`);
  return run;
}

/** Writes the report as JSON under test-results/ (open it in https://googlechrome.github.io/lighthouse/viewer/). */
export function saveReport(lhr: Result, name: string): string {
  const dir = path.join(root, 'test-results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `lighthouse-${name}.json`);
  writeFileSync(file, JSON.stringify(lhr));
  return file;
}

// --- What the test asserts, with the details a person needs to act --------------------------------------------

type Audit = Result['audits'][string];

function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(4);
  if (typeof v === 'string') {
    const line = v.replace(/\s*\n\s*/g, ' | ');
    return line.length > 500 ? `${line.slice(0, 500)}…` : line;
  }
  if (typeof v !== 'object') return String(v);
  const o = v as Record<string, unknown>;
  if (o.type === 'node') {
    return [
      o.nodeLabel && `"${formatValue(o.nodeLabel)}"`,
      o.selector && `selector ${formatValue(o.selector)}`,
      o.snippet && formatValue(o.snippet),
      o.explanation && `— ${formatValue(o.explanation)}`,
    ]
      .filter(Boolean)
      .join(' ');
  }
  if (o.type === 'source-location') return `${String(o.url)}:${Number(o.line) + 1}:${Number(o.column) + 1}`;
  if (o.type === 'url' || o.type === 'code' || o.type === 'text') return formatValue(o.value);
  if ('formattedDefault' in o) return formatValue(o.formattedDefault);
  return JSON.stringify(o).slice(0, 300);
}

/** An audit's details items, one line each ("key: value; …"), sub-items indented. */
function formatItems(audit: Audit, limit = 15): string[] {
  const details = audit.details as { items?: Record<string, unknown>[] } | undefined;
  const items = details?.items ?? [];
  const lines: string[] = [];
  for (const item of items.slice(0, limit)) {
    const { subItems, ...rest } = item as { subItems?: { items?: Record<string, unknown>[] } };
    const fields = Object.entries(rest)
      .map(([k, v]) => [k, formatValue(v)] as const)
      .filter(([, s]) => s !== '');
    lines.push(`      - ${fields.map(([k, s]) => `${k}: ${s}`).join('; ')}`);
    for (const sub of subItems?.items?.slice(0, 5) ?? []) {
      lines.push(
        `          · ${Object.entries(sub)
          .map(([k, v]) => `${k}: ${formatValue(v)}`)
          .join('; ')}`,
      );
    }
  }
  if (items.length > limit) lines.push(`      … and ${items.length - limit} more`);
  return lines;
}

function describeAudit(audit: Audit): string {
  const head = `    ${audit.id} ("${audit.title}"): score ${audit.score ?? 'n/a'}${audit.displayValue ? `, ${audit.displayValue}` : ''}${audit.errorMessage ? `, error: ${audit.errorMessage}` : ''}`;
  return [head, ...formatItems(audit)].join('\n');
}

/** The audits of a category that count towards its score and did not pass, and those that could not run. */
function failingInCategory(lhr: Result, categoryId: string): Audit[] {
  const category = lhr.categories[categoryId];
  if (!category) return [];
  return category.auditRefs.flatMap((r) => {
    const a = lhr.audits[r.id];
    const failed = a !== undefined && (a.scoreDisplayMode === 'error' || (r.weight > 0 && a.score !== null && a.score < 1));
    return failed ? [a] : [];
  });
}

/** Audits asserted on their own: a category's failure names them without repeating their details. */
const OWN_CHECKS = ['uses-text-compression', 'errors-in-console'];

const rect = (r: number[]): string => (r.every((x) => x === 0) ? 'gone' : `x ${r[0]} y ${r[1]} ${r[2]}×${r[3]}`);

function describeShifts(shifts: LayoutShift[]): string[] {
  return shifts.flatMap((s) => [
    `    at ${Number.isFinite(s.atMs) ? `${Math.round(s.atMs)} ms` : '?'}: score ${s.score.toFixed(4)}${s.hadRecentInput ? ' (flagged had_recent_input)' : ''}, moved (CSS px, from → to):`,
    ...s.nodes.map((n) => `      - ${n.name}: ${rect(n.from)} → ${rect(n.to)}`),
  ]);
}

/**
 * What must hold on every page whatever the machine's speed: accessibility 100, best practices 100, no layout shift,
 * text responses compressed, nothing in the console. Returns one entry per check that failed, each with the failing
 * audits and their items (nodes, messages, URLs); empty when all pass.
 *
 * No layout shift: the `cumulative-layout-shift` audit is 0 AND the trace holds no LayoutShift event at all. Lighthouse
 * leaves out of CLS a shift Chrome flags as following an input unless it comes within 500 ms of the viewport change
 * caused by Lighthouse's own screen emulation (crbug.com/1302667), so with a shift in the page the audit alone reads
 * 0 on one run and 0.15 on the next; the trace makes the check independent of timing. The elements are named from the
 * trace's invalidation events: Lighthouse 12.2's own `layout-shifts` audit fails on Chromium 156 whenever the page
 * shifts (its RootCauses gatherer: "Cannot read properties of undefined (reading 'frame_sequence')").
 */
export function failedChecks(run: LighthouseRun): string[] {
  const { lhr, layoutShifts } = run;
  const failures: string[] = [];
  for (const id of ['accessibility', 'best-practices']) {
    const category = lhr.categories[id];
    if (!category) {
      failures.push(`  category ${id} missing from the report`);
      continue;
    }
    if (category.score !== 1) {
      const audits = failingInCategory(lhr, id);
      const own = audits.filter((a) => OWN_CHECKS.includes(a.id)).map((a) => a.id);
      failures.push(
        [
          `  ${category.title} score ${category.score === null ? 'n/a' : Math.round(category.score * 100)} (expected 100); failing audits:`,
          ...audits.filter((a) => !OWN_CHECKS.includes(a.id)).map(describeAudit),
          ...(own.length > 0 ? [`    ${own.join(', ')} (details below)`] : []),
        ].join('\n'),
      );
    }
  }
  const cls = lhr.audits['cumulative-layout-shift'];
  if (!cls || cls.numericValue !== 0 || layoutShifts.length > 0) {
    const value = cls?.numericValue ?? (cls?.errorMessage ? `an error (${cls.errorMessage})` : 'missing');
    failures.push(
      [
        `  cumulative-layout-shift is ${value} (expected 0), ${layoutShifts.length} layout shift${layoutShifts.length === 1 ? '' : 's'} in Lighthouse's trace (expected none):`,
        ...describeShifts(layoutShifts),
      ].join('\n'),
    );
  }
  for (const id of OWN_CHECKS) {
    const audit = lhr.audits[id];
    if (!audit) failures.push(`  ${id} missing from the report`);
    else if (audit.score !== 1) failures.push(describeAudit(audit).replace(/^ {4}/, '  '));
  }
  return failures;
}

// --- What the bench prints --------------------------------------------------------------------------------------

export interface Figures {
  performance: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
  totalBytes: number;
  jsBytes: number;
  accessibility: number;
  bestPractices: number;
  benchmarkIndex: number;
}

export function figuresOf(lhr: Result): Figures {
  const num = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  const score = (id: string) => {
    const s = lhr.categories[id]?.score;
    return s === null || s === undefined ? NaN : s * 100;
  };
  const summary =
    (lhr.audits['resource-summary']?.details as { items?: { resourceType: string; transferSize: number }[] } | undefined)?.items ?? [];
  return {
    performance: score('performance'),
    fcpMs: num('first-contentful-paint'),
    lcpMs: num('largest-contentful-paint'),
    tbtMs: num('total-blocking-time'),
    cls: num('cumulative-layout-shift'),
    speedIndexMs: num('speed-index'),
    totalBytes: num('total-byte-weight'),
    jsBytes: summary.find((i) => i.resourceType === 'script')?.transferSize ?? NaN,
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    benchmarkIndex: lhr.environment.benchmarkIndex,
  };
}
