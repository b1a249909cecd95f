import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/helpers/browser';
import { buildClient, loginCookie, startServer, type RunningServer } from '../e2e/helpers/server';
import { composition, gzipSize } from './client/bundle';

/**
 * Issue 19, figures only (nothing asserted here; test/e2e/respondent.test.ts checks the size budget on every run): the
 * respondent's page at /p/<code>. 1. The gzip size of the JavaScript it loads for the first question. 2. The time
 * from navigation to the first question usable (its first radio visible and enabled, and the frame after it), cold
 * (a new browser context per run: no HTTP cache, no storage), with Chromium's CPU slowed 4× and Lighthouse's "Slow
 * 4G" (150 ms round trip, 1.6 Mbps down, 750 Kbps up) emulated, the median of RUNS runs after one warm-up run. Against
 * its floor measured the same way in the same run: an empty page (a paragraph, no script) from the same server.
 */

const PASSWORD = 'mat-khau-bench-tu-dien';
const CAMPAIGN = 'quang-binh-2021';
const CELL = { unitId: 'so-tu-phap', groupId: 'so-nguoi-dan' };
const RUNS = 3;
const CPU_SLOWDOWN = 4;
/** Lighthouse's mobile "Slow 4G" (its throttling constants): 150 ms RTT, 1.6 Mbps (1,638.4 Kbps) down, 750 Kbps up. */
const SLOW_4G = { latency: 150, downloadThroughput: (1638.4 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const BUDGET = { gzipKb: 100, firstQuestionMs: 2_000 };
const FLOOR_PAGE = 'bench-floor.html';

const median = (xs: number[]): number => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? (s[(s.length - 1) / 2] ?? NaN) : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
};
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (x: number): string => (Number.isFinite(x) ? `${Math.round(x).toLocaleString('en')} ms` : 'n/a');
const over = (value: number, budget: number): string => (value > budget ? '  ← OVER BUDGET' : '');
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

/** The module scripts and modulepreloads respond.html names, and what they import statically, relative to the build. */
function respondentScripts(clientDir: string): { js: string[]; css: string[] } {
  const html = readFileSync(path.join(clientDir, 'respond.html'), 'utf8');
  const refs = (re: RegExp) => [...html.matchAll(re)].map((m) => (m[1] ?? '').replace(/^\//, ''));
  const js = new Set([
    ...refs(/<script\b[^>]*\btype=["']module["'][^>]*\bsrc=["']([^"']+)["']/g),
    ...refs(/<link\b[^>]*\brel=["']modulepreload["'][^>]*\bhref=["']([^"']+)["']/g),
  ]);
  const todo = [...js];
  for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
    const code = readFileSync(path.join(clientDir, f), 'utf8');
    for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g)) {
      const next = path.posix.join(path.posix.dirname(f), m[1] ?? '');
      if (!js.has(next)) {
        js.add(next);
        todo.push(next);
      }
    }
  }
  return { js: [...js], css: refs(/<link\b[^>]*\brel=["']stylesheet["'][^>]*\bhref=["']([^"']+)["']/g) };
}

/** 1. What the respondent's page makes the browser download before the first question, gzip -9. */
function bundleFigures(clientDir: string): void {
  const { js, css } = respondentScripts(clientDir);
  const size = (files: string[]) =>
    files.map((f) => {
      const buf = readFileSync(path.join(clientDir, f));
      return { file: f, bytes: buf.length, gzip: gzipSize(buf) };
    });
  const scripts = size(js);
  const styles = size(css);
  const gzip = scripts.reduce((s, c) => s + c.gzip, 0);
  console.log('1. JavaScript for the first question of /p/<code> (respond.html; vite production build, gzip level 9; 1 KB = 1,024 bytes)');
  console.log(
    `  ${kb(gzip)} gzip (${kb(scripts.reduce((s, c) => s + c.bytes, 0))} minified) in ${scripts.length} file${scripts.length === 1 ? '' : 's'}: ` +
      `${scripts.map((c) => `${c.file} ${kb(c.gzip)}`).join(', ')}${over(gzip / 1024, BUDGET.gzipKb)}`,
  );
  for (const c of scripts) {
    const parts = composition(clientDir, c.file);
    if (parts.length > 0)
      console.log(
        `  ${c.file} by origin (minified / gzip alone): ${parts.map((p) => `${p.owner} ${kb(p.bytes)} / ${kb(p.gzipBytes)}`).join(', ')}`,
      );
  }
  console.log(
    `  plus CSS ${kb(styles.reduce((s, c) => s + c.gzip, 0))} gzip (${styles.map((c) => c.file).join(', ')}); the HTML ${kb(gzipSize(readFileSync(path.join(clientDir, 'respond.html'))))} gzip`,
  );
  console.log(`  budget: ≤ ${BUDGET.gzipKb} KB gzip`);
}

/**
 * In the page, before any script: when the first question's first radio (or the floor page's paragraph) is there.
 * window.performance, here and below: this file's own `performance` is Node's.
 */
function probe(): void {
  const mark: { dom?: number; frame?: number } = {};
  (window as unknown as { __firstQuestion: typeof mark }).__firstQuestion = mark;
  const observer = new MutationObserver(() => {
    if (mark.dom !== undefined) return;
    const input = document.querySelector<HTMLElement>('[data-question] input, #bench-floor');
    if (!input || (input as HTMLInputElement).disabled || input.getClientRects().length === 0) return;
    mark.dom = window.performance.now();
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (mark.frame = window.performance.now()), 0));
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

interface Run {
  dom: number;
  frame: number;
  responseEnd: number;
  transferred: number;
  /** A fixed loop timed in the page after the load: shows the CPU slowdown held across the navigation. */
  loopMs: number;
}

/** A fixed amount of work, timed in the page. */
function busyLoop(): number {
  const t = window.performance.now();
  let x = 0;
  for (let i = 0; i < 3_000_000; i += 1) x = (x + i * 7) % 1_000_003;
  (window as unknown as { __sink?: number }).__sink = x;
  return window.performance.now() - t;
}

/** One cold load of `url` (a new context: empty cache and storage) under the CPU and network emulation. */
async function coldLoad(browser: Browser, url: string, rate = CPU_SLOWDOWN): Promise<Run> {
  const context = await browser.newContext({
    viewport: { width: 412, height: 823 },
    deviceScaleFactor: 1.75,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  try {
    await context.addInitScript(probe);
    const page: Page = await context.newPage();
    const cdp: CDPSession = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_4G });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    let transferred = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (transferred += e.encodedDataLength));
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    await page.waitForFunction(
      () => (window as unknown as { __firstQuestion?: { frame?: number } }).__firstQuestion?.frame !== undefined,
      undefined,
      {
        timeout: 60_000,
        polling: 50,
      },
    );
    const t = await page.evaluate(() => {
      const nav = window.performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const mark = (window as unknown as { __firstQuestion: { dom: number; frame: number } }).__firstQuestion;
      return { dom: mark.dom, frame: mark.frame, responseEnd: nav?.responseEnd ?? NaN };
    });
    return { ...t, transferred, loopMs: await page.evaluate(busyLoop) };
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** 2. Navigation → first question usable, cold, 4× CPU, Slow 4G; and the floor, an empty page the same way. */
async function loadFigures(browser: Browser, link: string, floorUrl: string): Promise<void> {
  const loadBefore = load();
  const t0 = performance.now();
  await coldLoad(browser, link); // warm-up: the server's first answer to the code, the browser's first start
  await coldLoad(browser, floorUrl);
  const page: Run[] = [];
  const floor: Run[] = [];
  // Interleaved, so that a change in the machine's load falls on both alike.
  for (let i = 0; i < RUNS; i += 1) {
    page.push(await coldLoad(browser, link));
    floor.push(await coldLoad(browser, floorUrl));
  }
  const unthrottled = await coldLoad(browser, floorUrl, 1);
  const usable = median(page.map((r) => r.frame));
  const floorUsable = median(floor.map((r) => r.frame));
  console.log(
    `2. /p/<code> cold (new context each run: no cache, no storage), ${CPU_SLOWDOWN}× CPU slowdown, Slow 4G emulated (${SLOW_4G.latency} ms RTT, 1.6 Mbps down, 750 Kbps up); median of ${RUNS} after a warm-up`,
  );
  console.log(
    `  navigation → first question usable (first radio visible and enabled, then the next frame): ${ms(usable)} (runs: ${page.map((r) => Math.round(r.frame)).join(', ')} ms)${over(usable, BUDGET.firstQuestionMs)}`,
  );
  console.log(
    `    first radio in the DOM ${ms(median(page.map((r) => r.dom)))}; the HTML's last byte ${ms(median(page.map((r) => r.responseEnd)))}; ${kb(median(page.map((r) => r.transferred)))} transferred (HTML, script, style sheet, the form's JSON; compressed)`,
  );
  console.log(
    `  floor, the same way: an empty page from the same server (a paragraph, no script): ${ms(floorUsable)} (runs: ${floor.map((r) => Math.round(r.frame)).join(', ')} ms); ` +
      `the page is ${(usable / floorUsable).toFixed(2)}× its floor, ${ms(usable - floorUsable)} above it`,
  );
  console.log(
    `  machine load (1 / 5 / 15 min, ${cpus().length} CPUs): ${loadBefore} before, ${load()} after; ${(2 * RUNS + 3).toString()} loads in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  console.log(
    `  CPU slowdown check (the same loop in the page after each load): ${ms(median(page.map((r) => r.loopMs)))} on the page, ${ms(median(floor.map((r) => r.loopMs)))} on the floor, ${ms(unthrottled.loopMs)} with no slowdown`,
  );
  console.log(`  budget: ≤ ${BUDGET.firstQuestionMs.toLocaleString('en')} ms`);
}

export async function respondentBench(): Promise<void> {
  const t0 = performance.now();
  const tmp = mkdtempSync(path.join(tmpdir(), 'phieu-bench-respondent-'));
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  try {
    const clientDir = path.join(tmp, 'client');
    const dataDir = path.join(tmp, 'data');
    mkdirSync(dataDir);
    await buildClient(clientDir);
    console.log(`Respondent page, /p/<code> (issue 19) (vite build ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    try {
      bundleFigures(clientDir);
    } catch (e) {
      console.log(`  (the size figures could not be taken: ${String(e instanceof Error ? e.message : e).split('\n')[0]}; going on)`);
    }

    // Written before the server starts: it serves the files it finds then.
    writeFileSync(
      path.join(clientDir, FLOOR_PAGE),
      '<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sàn</title></head><body><p id="bench-floor">Phiếu khảo sát</p></body></html>',
    );
    server = await startServer({ dataDir, clientDir, password: PASSWORD });
    const admin = await loginCookie(server.url, 'quantri', PASSWORD);
    const call = (method: string, url: string, body: unknown) =>
      fetch(`${server!.url}${url}`, { method, headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    // The reference campaign's survey ended in 2021: its deadlines are moved so that a code can be issued.
    const settings = await call('PUT', `/api/campaigns/${CAMPAIGN}/settings`, {
      deadlines: { selfAssessment: '2099-11-30', survey: '2099-12-30', appraisal: '2099-12-30', publication: '2100-01-15' },
    });
    if (settings.status !== 200) throw new Error(`settings: HTTP ${settings.status} ${await settings.text()}`);
    const issued = await call('POST', `/api/campaigns/${CAMPAIGN}/self-fill/batches`, { ...CELL, count: 1 });
    if (issued.status !== 201) throw new Error(`issuing a code: HTTP ${issued.status} ${await issued.text()}`);
    const link = ((await issued.json()) as { codes: { link: string }[] }).codes[0]?.link;
    if (!link) throw new Error('the batch has no code');

    browser = await launchBrowser();
    try {
      await loadFigures(browser, link, `${server.url}/${FLOOR_PAGE}`);
    } catch (e) {
      console.log(
        `  (the load figures could not be taken on this machine now: ${String(e instanceof Error ? e.message : e).split('\n')[0]}; going on)`,
      );
    }
    console.log(
      `  (the respondent bench took ${((performance.now() - t0) / 1000).toFixed(0)} s; Chromium ${browser.version()}; the server on loopback, its answers compressed as in production)`,
    );
  } catch (e) {
    if (e instanceof Error) e.message = `respondent bench: ${e.message}\n--- server output ---\n${server?.output().slice(-3000) ?? ''}`;
    throw e;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
