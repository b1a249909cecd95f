import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { BrowserContext, CDPSession, Page, Request as PageRequest } from 'playwright-core';
import type { LocalResponse } from '../../src/client/db/database';
import { launchProfile, onlyPage } from '../e2e/helpers/browser';
import { fillResponse, readQuestionnaire, type ResponsePlan } from '../e2e/helpers/fill';
import { buildClient, listResponses, loginCookie, startServer, type RunningServer } from '../e2e/helpers/server';
import { chunkHasSource, composition, readBuild, type Chunk } from './client/bundle';
import {
  NAME_SHIM,
  bareWriteMs,
  busyLoopMs,
  countStates,
  deleteResponses,
  firstQuestionProbe,
  installBareClickSave,
  queuedIds,
  removeFloorRow,
  installSaveProbe,
  installSyncProbe,
  readReloadTiming,
  readResponse,
  saveRecord,
  syncMark,
  syncRunning,
  writeResponses,
  type ReloadTiming,
  type SaveRecord,
} from './client/in-page';

/**
 * The client benchmarks (issue list, figures only, nothing asserted): the gzip size of the JavaScript of the first
 * screen and of the questionnaire screen, then the built PWA served by the real server process in Debian's
 * chromium: an offline reload to the first usable question and the time to save an answer, both with a 4× CPU
 * slowdown, and the time to sync 1,000 queued responses.
 */

const PASSWORD = 'mat-khau-bench-123';
const CAMPAIGN = 'quang-binh-2021';
const GROUP_NAME = 'Người dân, doanh nghiệp có giao dịch';
const FILL_SCREEN = 'src/client/features/fill/FillScreen.tsx';
const START_SCREEN = 'src/client/features/fill/StartScreen.tsx';
const CPU_SLOWDOWN = 4;
const RELOADS = 5;
const CLICKS = Number(process.env.SAVE_CLICKS ?? 30);
const WARMUP_CLICKS = 2;
const QUEUED = 1_000;

// Issue #13: the save as a ratio to its floor measured in the same page and run (≤ 1.15× at 4× CPU, ≤ 1.1× at 1×).
// Issue #14: the first screen ≤ 120 KB of gzip JS, the questionnaire with all it loads after it ≤ 140 KB in all.
const BUDGET = {
  firstScreenGzipKb: 120,
  questionnaireGzipKb: 140,
  offlineReloadMs: 450,
  saveRatio4: 1.15,
  saveRatio1: 1.1,
  saveFrameMs: 50,
};

/** A response as the e2e test's citizen C gives it (phieu-03-s, every required answer, Q3 "Có" so Q4 is skipped). */
const PLAN: ResponsePlan = {
  answers: [
    ['P1', 'Nữ'],
    ['P2', 'Từ 30 đến 39 tuổi'],
    ['P3', 'Đại học'],
    ['P4', 'Cá nhân'],
    ['P6', 'Trực tuyến qua Cổng Dịch vụ công'],
    ['Q1', 'Hài lòng'],
    ['Q2', 'Rất hài lòng'],
    ['Q3', 'Có'],
    ['Q5', 'Không'],
    ['Q6', 'Hài lòng'],
    ['Q7', 'Bình thường'],
    ['Q8', 'Đã sử dụng'],
    ['Q9', 'Rất hài lòng'],
    ['Q10', 'Hài lòng'],
    ['Q11', 'Rất hài lòng'],
  ],
  hidden: ['Q4'],
};

const median = (xs: number[]): number => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? (s[(s.length - 1) / 2] ?? NaN) : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
};
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(x < 100 ? 1 : 0)} ms` : 'n/a');
const over = (value: number, budget: number): string => (value > budget ? '  ← OVER BUDGET' : '');

/** 1. What the first screen and the questionnaire screen make the browser download, gzip -9. */
function bundleFigures(clientDir: string): void {
  const build = readBuild(clientDir);
  const first = build.closure(build.entries);
  const lazy = build.lazy();
  // The questionnaire screen needs the first screen's chunks plus, if split out, the start and fill screens' closures
  // and what every page loads once the first screen is up (the service worker's registration, workbox-window).
  const afterFirst = (f: string) =>
    chunkHasSource(clientDir, f, FILL_SCREEN) ||
    chunkHasSource(clientDir, f, START_SCREEN) ||
    chunkHasSource(clientDir, f, 'node_modules/workbox-window/build/workbox-window.prod.es5.mjs');
  const fillLazy = lazy.filter((f) => f.endsWith('.js') && afterFirst(f));
  const fill = [...new Set([...first, ...build.closure(fillLazy)])];
  const sum = (files: string[]): { chunks: Chunk[]; bytes: number; gzipBytes: number } => {
    const chunks = files.map((f) => build.chunk(f));
    return { chunks, bytes: chunks.reduce((s, c) => s + c.bytes, 0), gzipBytes: chunks.reduce((s, c) => s + c.gzipBytes, 0) };
  };
  const a = sum(first);
  const b = sum(fill);
  const css = sum(build.css);
  const fillInFirst = first.some((f) => chunkHasSource(clientDir, f, FILL_SCREEN));
  console.log('1. JavaScript for the first screen and the questionnaire screen (vite production build, gzip level 9; 1 KB = 1,024 bytes)');
  console.log(
    `  first screen (sign-in / home): ${kb(a.gzipBytes)} gzip (${kb(a.bytes)} minified) in ${a.chunks.length} chunk${a.chunks.length === 1 ? '' : 's'}: ${a.chunks.map((c) => `${c.file} ${kb(c.gzipBytes)}`).join(', ')}` +
      over(a.gzipBytes / 1024, BUDGET.firstScreenGzipKb),
  );
  if (fillInFirst && fill.length === first.length) {
    console.log(
      `  questionnaire screen: ${kb(b.gzipBytes)} gzip: the same download (one bundle, FillScreen is in the entry chunk; no lazy chunk)`,
    );
  } else {
    console.log(
      `  questionnaire screen, with all it loads after the first screen (start, fill, the worker's registration): ${kb(b.gzipBytes)} gzip (${kb(b.bytes)} minified), adds ${fill.filter((f) => !first.includes(f)).join(', ') || 'nothing'}` +
        over(b.gzipBytes / 1024, BUDGET.questionnaireGzipKb),
    );
  }
  if (lazy.length > 0) console.log(`  lazy chunks in the build: ${lazy.map((f) => `${f} ${kb(build.chunk(f).gzipBytes)}`).join(', ')}`);
  console.log(`  plus CSS ${kb(css.gzipBytes)} gzip (${build.css.join(', ')})`);
  let floor = 0;
  for (const file of first) {
    const parts = composition(clientDir, file);
    floor += parts.filter((p) => !p.owner.startsWith('src/') && p.owner !== '(unmapped)').reduce((s, p) => s + p.gzipBytes, 0);
    if (parts.length > 0)
      console.log(
        `  ${file} by origin (minified / gzip alone): ${parts.map((p) => `${p.owner} ${kb(p.bytes)} / ${kb(p.gzipBytes)}`).join(', ')}`,
      );
  }
  // The floor: what the first screen's libraries weigh on their own (each part gzipped alone, summed); the rest is Phiếu.
  console.log(
    `  against its dependency floor (React, Dexie, react-router, workbox-window… gzip alone, summed): ${kb(floor)}; first screen ${(a.gzipBytes / floor).toFixed(2)}× the floor, ` +
      `Phiếu's own code and the bundler's glue ${kb(Math.max(0, a.gzipBytes - floor))}`,
  );
  console.log(
    `  budget: first-screen JS ≤ ${BUDGET.firstScreenGzipKb} KB gzip, the questionnaire with what it loads after ≤ ${BUDGET.questionnaireGzipKb} KB`,
  );
}

/**
 * Offline for the whole context, and on our own CDP session too: with a second session attached to the page,
 * Playwright's emulation alone no longer survives a reload (navigator.onLine comes back true).
 */
async function setOffline(context: BrowserContext, cdp: CDPSession, offline: boolean): Promise<void> {
  const onSession = async () => {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  };
  // Back online, our session goes first: the page's 'online' event starts a sync at once, and it must find the network
  // up (otherwise it fails and waits out a backoff that grows with every failed attempt while offline).
  if (offline) {
    await context.setOffline(true);
    await onSession();
  } else {
    await onSession();
    await context.setOffline(false);
  }
}

async function throttle(cdp: CDPSession, rate: number): Promise<void> {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/** Signs in, lets the service worker take control of the page (a reload after the first install, as in the e2e test). */
async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  await page.getByLabel('Tên đăng nhập').fill('dieutra1');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  const home = page.getByRole('heading', { level: 1, name: 'Phiếu của tôi' });
  await home.waitFor();
  await page.locator('article.card').filter({ hasText: GROUP_NAME }).waitFor();
  await page.getByText('Ứng dụng đã sẵn sàng dùng không cần mạng').waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload();
    await home.waitFor();
  }
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
}

/** Until no sync holds the app's lock (one may have been started by sign-in, 'online' or the app start). */
async function waitSyncIdle(page: Page): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (await page.evaluate(syncRunning)) {
    if (Date.now() > deadline) throw new Error('a sync is still running after 60 s');
    await page.waitForTimeout(50);
  }
}

/** Clicks on choices, one at a time, each awaited until the probe saw its answer committed and read back. */
class Clicker {
  private n = 0;
  constructor(private readonly page: Page) {}

  /** Clicks one of the first two choices of the `index`-th question on screen (the other one than last time). */
  async click(index: number): Promise<SaveRecord> {
    const radios = this.page.locator('fieldset.question').nth(index).locator('input[type=radio]');
    if ((await radios.count()) < 2) throw new Error(`question ${index + 1} on screen has fewer than two choices`);
    const i = this.n;
    this.n += 1;
    const checked = await radios.nth(0).isChecked();
    await radios.nth(checked ? 1 : 0).click();
    const rec = (await (await this.page.waitForFunction(saveRecord, i, { timeout: 30_000 })).jsonValue()) as SaveRecord;
    if (!Number.isFinite(rec.stored ?? NaN))
      throw new Error(`click ${i}: the answer ${rec.code}=${rec.value} was not in IndexedDB after the commit`);
    await this.page.waitForTimeout(100); // a surveyor does not answer twice in one frame
    return rec;
  }

  /** `count` clicks on the first question (saved by the app), each followed by one on the second (saved bare). */
  async pairs(count: number): Promise<{ app: SaveRecord[]; bare: SaveRecord[] }> {
    const app: SaveRecord[] = [];
    const bare: SaveRecord[] = [];
    for (let k = 0; k < count; k += 1) {
      app.push(await this.click(0));
      await this.page.evaluate(() => ((window as unknown as { __bareSave?: boolean }).__bareSave = true));
      bare.push(await this.click(1));
      await this.page.evaluate(() => ((window as unknown as { __bareSave?: boolean }).__bareSave = false));
    }
    return { app, bare };
  }
}

/**
 * 3. Click on a radio of the first question → the answer committed in IndexedDB; each click is followed by one on
 * the second question that a bare IndexedDB write saves instead of the app: the floor of the same figure.
 */
async function saveFigures(page: Page, cdp: CDPSession, draftId: string): Promise<void> {
  const floorId = `${draftId}-floor`;
  await page.evaluate(installSaveProbe, { responseId: draftId, floorId });
  const second = await page.locator('fieldset.question').nth(1).locator('input[type=radio]').first().getAttribute('name');
  await page.evaluate(installBareClickSave, { id: draftId, floorId, question: (second ?? '').replace(/^q-/, '') });
  const clicker = new Clicker(page);
  await throttle(cdp, 1);
  const fast = await clicker.pairs(WARMUP_CLICKS + CLICKS);
  await throttle(cdp, CPU_SLOWDOWN);
  await clicker.pairs(WARMUP_CLICKS);
  const { app: recs, bare: floorRecs } = await clicker.pairs(CLICKS);
  const m = (rs: SaveRecord[], f: (r: SaveRecord) => number | undefined) => median(rs.map((r) => f(r) ?? NaN));
  const maxOf = (rs: SaveRecord[]) => Math.max(...rs.map((r) => (r.committed ?? NaN) - r.input));
  const commit = m(recs, (r) => (r.committed ?? NaN) - r.input);
  console.log(
    `3. Saving an answer on /fill (${CPU_SLOWDOWN}× CPU slowdown, median of ${CLICKS} clicks on a radio after ${WARMUP_CLICKS} warm-up; times from the click event's timeStamp)`,
  );
  console.log(`  click → IndexedDB write committed (transaction complete, strict durability): ${ms(commit)} (max ${ms(maxOf(recs))})`);
  console.log(
    `    of which: input → listeners ${ms(m(recs, (r) => r.dispatched - r.input))}; click handlers incl. React render ${ms(m(recs, (r) => (r.handled ?? NaN) - r.input))}; ` +
      `the app's get() of the row issued ${ms(m(recs, (r) => (r.getIssued ?? NaN) - r.input))}, answered ${ms(m(recs, (r) => (r.got ?? NaN) - r.input))}; put() issued ${ms(m(recs, (r) => (r.put ?? NaN) - r.input))}; ` +
      `put → commit ${ms(m(recs, (r) => (r.committed ?? NaN) - (r.put ?? NaN)))}`,
  );
  console.log(
    `    the complete event reaches the page ${ms(m(recs, (r) => (r.completeEvent ?? NaN) - r.input))} after the click; the app's own complete handlers (Dexie, the live queries it re-runs) ` +
      `take ${ms(m(recs, (r) => (r.committed ?? NaN) - (r.completeEvent ?? NaN)))} before the listener above`,
  );
  console.log(
    `    from the first click listener (the browser's input delivery left out): ${ms(m(recs, (r) => (r.committed ?? NaN) - r.dispatched))}`,
  );
  console.log(
    `  click → answer read back through a separate IndexedDB connection (end to end): ${ms(m(recs, (r) => (r.stored ?? NaN) - r.input))}`,
  );
  console.log(`  click → next frame: ${ms(m(recs, (r) => (r.frame ?? NaN) - r.input))}`);
  const rest = fast.app.slice(WARMUP_CLICKS);
  console.log(
    `  for comparison, no CPU slowdown: click → committed ${ms(m(rest, (r) => (r.committed ?? NaN) - r.input))} (handlers incl. render ${ms(m(rest, (r) => (r.handled ?? NaN) - r.input))}, ` +
      `get() issued ${ms(m(rest, (r) => (r.getIssued ?? NaN) - r.input))}, answered ${ms(m(rest, (r) => (r.got ?? NaN) - r.input))}, put → commit ${ms(m(rest, (r) => (r.committed ?? NaN) - (r.put ?? NaN)))}), end to end ${ms(m(rest, (r) => (r.stored ?? NaN) - r.input))}, next frame ${ms(m(rest, (r) => (r.frame ?? NaN) - r.input))}`,
  );
  const floorFast = fast.bare.slice(WARMUP_CLICKS);
  console.log(
    `  floor of this figure: the same click on the next question, taken from the app in a capture listener on window and saved by a bare IndexedDB get + put + commit() ` +
      `(strict; no React, no Dexie; each right after an app click above): click → committed ${ms(m(floorRecs, (r) => (r.committed ?? NaN) - r.input))} (max ${ms(maxOf(floorRecs))}) at ${CPU_SLOWDOWN}×, ` +
      `${ms(m(floorFast, (r) => (r.committed ?? NaN) - r.input))} at 1×; its get() answered ${ms(m(floorRecs, (r) => (r.got ?? NaN) - r.input))}, next frame ${ms(m(floorRecs, (r) => (r.frame ?? NaN) - r.input))} at ${CPU_SLOWDOWN}×`,
  );
  const floor = async (durability: IDBTransactionDurability) =>
    median(await page.evaluate(bareWriteMs, { id: draftId, durability, runs: 10 }));
  const floor4 = { strict: await floor('strict'), relaxed: await floor('relaxed') };
  await throttle(cdp, 1);
  const floor1 = { strict: await floor('strict'), relaxed: await floor('relaxed') };
  console.log(
    `  a bare IndexedDB get + put of the same row without a click, Dexie or React (median of 10): strict durability ${ms(floor4.strict)} at ${CPU_SLOWDOWN}×, ${ms(floor1.strict)} at 1×; ` +
      `relaxed ${ms(floor4.relaxed)} at ${CPU_SLOWDOWN}×, ${ms(floor1.relaxed)} at 1×`,
  );
  await page.evaluate(() => ((window as unknown as { __bareRead?: boolean }).__bareRead = true));
  const bare: SaveRecord[] = [];
  for (let k = 0; k < 6; k += 1) bare.push(await clicker.click(0));
  console.log(
    `  Chromium's own share (1×, 6 clicks): a bare read of the row issued in the click listener is answered ${ms(m(bare, (r) => (r.bareGot ?? NaN) - r.input))} after the click, ` +
      `next frame ${ms(m(bare, (r) => (r.frame ?? NaN) - r.input))}: IndexedDB answers to a request made while handling a click wait for the frame that click produces`,
  );
  // Each app click is followed by a floor click: the ratio of each pair's medians, and the median of the pairs' ratios.
  const committedOf = (r: SaveRecord) => (r.committed ?? NaN) - r.input;
  const ratioLine = (app: SaveRecord[], bareRecs: SaveRecord[], budget: number, label: string) => {
    const ratio = median(app.map(committedOf)) / median(bareRecs.map(committedOf));
    const pairs = median(app.map((r, i) => committedOf(r) / committedOf(bareRecs[i] ?? r)));
    return `${ratio.toFixed(2)}× at ${label} (median of the pairs' ratios ${pairs.toFixed(2)}×; budget ≤ ${budget}×)${ratio > budget ? '  ← OVER BUDGET' : ''}`;
  };
  const frame = m(recs, (r) => (r.frame ?? NaN) - r.input);
  if (process.env.SAVE_DETAIL)
    console.log(
      `  (each pair at ${CPU_SLOWDOWN}×, app/floor ms: ${recs.map((r, i) => `${committedOf(r).toFixed(0)}/${committedOf(floorRecs[i] ?? r).toFixed(0)}`).join(' ')})`,
    );
  console.log(
    `  click → committed against its floor: ${ratioLine(recs, floorRecs, BUDGET.saveRatio4, `${CPU_SLOWDOWN}×`)}; ${ratioLine(rest, floorFast, BUDGET.saveRatio1, '1×')}`,
  );
  console.log(
    `  click → next frame at ${CPU_SLOWDOWN}×: ${ms(frame)} (budget ≤ ${BUDGET.saveFrameMs} ms)${over(frame, BUDGET.saveFrameMs)}; machine load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  await page.evaluate(removeFloorRow, floorId);
}

/** 2. Offline reload of /fill/<id> → the first radio of the questionnaire visible and enabled. */
async function offlineReloadFigures(page: Page, context: BrowserContext, cdp: CDPSession): Promise<void> {
  await page.addInitScript(firstQuestionProbe);
  await setOffline(context, cdp, true);
  await throttle(cdp, 1);
  const unthrottled = await page.evaluate(busyLoopMs);
  await throttle(cdp, CPU_SLOWDOWN);
  const runs: ReloadTiming[] = [];
  let fromWorker = 0;
  for (let i = 0; i < RELOADS; i += 1) {
    const res = await page.reload({ waitUntil: 'commit' });
    if (res?.fromServiceWorker()) fromWorker += 1;
    await page.waitForFunction(
      () => (window as unknown as { __firstQuestion?: { frame?: number } }).__firstQuestion?.frame !== undefined,
      undefined,
      { timeout: 30_000 },
    );
    const t = await page.evaluate(readReloadTiming);
    if (t.online || !t.controlled)
      throw new Error(
        `reload ${i}: expected an offline page controlled by the service worker, got online=${t.online} controlled=${t.controlled}`,
      );
    runs.push(t);
  }
  const throttledAfterReload = await page.evaluate(busyLoopMs);
  const usable = runs.map((r) => r.mark.dom ?? NaN);
  const med = median(usable);
  console.log(
    `2. Offline reload of /fill/<id> until the first question is usable (${CPU_SLOWDOWN}× CPU slowdown on the page, median of ${RELOADS})`,
  );
  console.log(
    `  navigation start → first radio visible and enabled: ${ms(med)} (runs: ${usable.map((x) => x.toFixed(0)).join(', ')} ms)${over(med, BUDGET.offlineReloadMs)}`,
  );
  console.log(
    `  → next frame ${ms(median(runs.map((r) => r.mark.frame ?? NaN)))}; document from the service worker ${ms(median(runs.map((r) => r.responseEnd)))} (${fromWorker}/${RELOADS} served by it); ` +
      `DOMContentLoaded ${ms(median(runs.map((r) => r.domContentLoaded)))}`,
  );
  console.log(
    `  CPU slowdown check (same loop): ${ms(unthrottled)} unthrottled, ${ms(throttledAfterReload)} after the reloads (the service worker's own thread is not slowed)`,
  );
  console.log(`  budget: ≤ ${BUDGET.offlineReloadMs} ms`);
}

interface SyncRun {
  ms: number;
  doneMs: number;
  accepted: number;
  batches: number;
  batchMs: number[];
  longTasks: number[];
  requests: Record<string, number>;
}

/** Puts `QUEUED` copies of `template` (new ids) in the queue, refreshes the home screen, presses "Đồng bộ ngay". */
async function syncOnce(page: Page, template: LocalResponse): Promise<{ run: SyncRun; ids: string[] }> {
  const at = new Date().toISOString();
  const ids = Array.from({ length: QUEUED }, () => crypto.randomUUID());
  const rows = ids.map((id): LocalResponse => {
    const { syncedAt: _s, overQuota: _o, rejection: _r, ...rest } = template;
    return { ...rest, id, state: 'queued', finishedAt: at, queuedAt: at, updatedAt: at };
  });
  await waitSyncIdle(page);
  // A response may still wait (the template, when no sync has run since it was finalised: the device syncs on its own
  // on start, network back, foreground and every 5 minutes): it goes with these rows.
  const waitingBefore = (await page.evaluate(queuedIds)).length;
  await page.evaluate(writeResponses, rows);
  // Dexie's live queries do not see writes made outside Dexie: remount the home screen (an unknown route → '/').
  await page.evaluate(() => {
    history.pushState({}, '', '/bench-refresh');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await page.getByRole('heading', { level: 1, name: 'Phiếu của tôi' }).waitFor();
  await page.getByText(`${QUEUED + waitingBefore} phiếu chờ gửi`, { exact: true }).waitFor();
  const button = page.getByRole('button', { name: 'Đồng bộ ngay', exact: true });
  await button.waitFor();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('button')].some(
      (b) => b.querySelector('.stable-label > span:not([aria-hidden])')?.textContent?.trim() === 'Đồng bộ ngay' && !b.disabled,
    ),
  );
  await page.evaluate(installSyncProbe);

  const batchMs: number[] = [];
  const onFinished = (r: PageRequest) => {
    if (r.url().endsWith('/api/sync/responses') && r.method() === 'POST') batchMs.push(r.timing().responseEnd);
  };
  page.on('requestfinished', onFinished);
  const t0 = performance.now();
  await button.click();
  await page.waitForFunction(() => (window as unknown as { __sync?: { done?: number } }).__sync?.done !== undefined, undefined, {
    timeout: 120_000,
    polling: 50,
  });
  const wall = performance.now() - t0;
  page.off('requestfinished', onFinished);
  const mark = await page.evaluate(syncMark);
  const states = await page.evaluate(countStates, ids);
  if (states.synced !== QUEUED) throw new Error(`after the sync the device holds ${JSON.stringify(states)} for the ${QUEUED} responses`);
  await waitSyncIdle(page);
  await page.evaluate(deleteResponses, ids); // the next round starts from the same device state
  return {
    ids,
    run: {
      ms: (mark.allSent ?? NaN) - (mark.click ?? NaN),
      doneMs: Number.isFinite(mark.done ?? NaN) && Number.isFinite(mark.click ?? NaN) ? (mark.done ?? 0) - (mark.click ?? 0) : wall,
      accepted: mark.accepted ?? 0,
      batches: batchMs.length,
      batchMs,
      longTasks: mark.longTasks,
      requests: mark.requests,
    },
  };
}

/** 4. 1,000 queued responses → "Đồng bộ ngay" → "Đã gửi hết phiếu"; then the server is asked what it holds. */
async function syncFigures(
  page: Page,
  context: BrowserContext,
  cdp: CDPSession,
  server: RunningServer,
  dataDir: string,
  templateId: string,
): Promise<void> {
  await throttle(cdp, 1);
  const pulled = page.waitForResponse((r) => r.url().endsWith('/api/sync/pull'), { timeout: 15_000 }).catch(() => undefined);
  await setOffline(context, cdp, false); // the app syncs on 'online'
  await pulled;
  await waitSyncIdle(page);
  const template = (await page.evaluate(readResponse, templateId)) as LocalResponse | undefined;
  if (!template) throw new Error(`the response ${templateId} filled through the UI is not on the device`);

  const admin = await loginCookie(server.url, 'quantri', PASSWORD);
  const before = (await listResponses(server.url, admin, CAMPAIGN)).length;
  const results: { label: string; run: SyncRun }[] = [];
  const allIds: string[] = [];
  for (const [label, rate] of [['no CPU slowdown', 1] as const, [`${CPU_SLOWDOWN}× CPU slowdown`, CPU_SLOWDOWN] as const]) {
    await throttle(cdp, rate);
    const { run, ids } = await syncOnce(page, template);
    await throttle(cdp, 1);
    results.push({ label, run });
    allIds.push(...ids);
  }
  const stored = await listResponses(server.url, admin, CAMPAIGN);
  const onServer = new Set(stored.map((r) => r.id));
  const arrived = allIds.filter((id) => onServer.has(id)).length;
  const sqlite = new Database(path.join(dataDir, 'phieu.sqlite'), { readonly: true, fileMustExist: true });
  let sqliteCount = 0;
  try {
    sqliteCount = (sqlite.prepare('SELECT COUNT(*) AS n FROM responses').get() as { n: number }).n;
  } finally {
    sqlite.close();
  }
  console.log(
    `4. Syncing ${QUEUED.toLocaleString('en')} queued responses ("Đồng bộ ngay" until "Đã gửi hết phiếu"; real server on loopback, batches of up to 100)`,
  );
  for (const { label, run } of results) {
    console.log(
      `  ${label}: ${ms(run.ms)} → ${Math.round((QUEUED / run.ms) * 1000).toLocaleString('en')} responses/s; the whole sync (roster and pull included) ${ms(run.doneMs)}; ` +
        `${run.batches} POST /api/sync/responses, median ${ms(median(run.batchMs))} each, ${ms(run.batchMs.reduce((a, b) => a + b, 0))} in all (request start → response end); ${run.accepted} accepted; ` +
        `main thread: ${run.longTasks.length} long tasks, ${ms(run.longTasks.reduce((a, b) => a + b, 0))} in all, longest ${ms(Math.max(0, ...run.longTasks))}`,
    );
    const total = Object.values(run.requests).reduce((a, b) => a + b, 0);
    const byMethod = Object.entries(run.requests).sort((a, b) => b[1] - a[1]);
    console.log(
      `    IndexedDB requests from the page during that sync: ${total.toLocaleString('en')} (${byMethod.map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')})`,
    );
  }
  console.log(
    `  on the server: ${arrived}/${allIds.length} of the ids arrived (API list), ${stored.length - before} new responses (${before} before), ${sqliteCount} rows in the SQLite file`,
  );
  console.log('  budget: none given (figures only)');
}

export async function clientBench(): Promise<void> {
  const t0 = performance.now();
  const tmp = mkdtempSync(path.join(tmpdir(), 'phieu-bench-client-'));
  let server: RunningServer | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let step = 'build';
  try {
    const clientDir = path.join(tmp, 'client');
    const dataDir = path.join(tmp, 'data');
    mkdirSync(dataDir);
    await buildClient(clientDir);
    console.log(`Client benchmarks (vite build ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    bundleFigures(clientDir);

    step = 'server';
    server = await startServer({ dataDir, clientDir, password: PASSWORD });
    context = await launchProfile(path.join(tmp, 'profile'));
    await context.addInitScript(NAME_SHIM);
    page = await onlyPage(context);
    const cdp = await context.newCDPSession(page);

    step = 'sign-in';
    await signIn(page, server.url);
    await page.evaluate(NAME_SHIM);

    step = 'fill-template';
    const questionnaire = readQuestionnaire(CAMPAIGN, 'phieu-03-s');
    const templateId = await fillResponse(page, questionnaire, { groupName: GROUP_NAME }, PLAN);

    step = 'start-draft';
    await page.locator('article.card').filter({ hasText: GROUP_NAME }).getByRole('link', { name: 'Thu phiếu mới' }).click();
    await page.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
    await page.waitForURL(/\/fill\/[0-9a-f-]{36}$/);
    const draftId = /\/fill\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
    await page.locator('fieldset.question input[type=radio]').first().waitFor();
    await waitSyncIdle(page);

    // Each figure on its own: one that cannot be taken on a loaded machine says so and the next is still taken.
    const figures: [string, () => Promise<void>][] = [
      ['offline-reload', () => offlineReloadFigures(page!, context!, cdp)],
      ['save', () => saveFigures(page!, cdp, draftId)],
      ['sync', () => syncFigures(page!, context!, cdp, server!, dataDir, templateId)],
    ];
    // CLIENT_FIGURES=save (a comma-separated list) takes only those figures, e.g. while working on one of them.
    const only = process.env.CLIENT_FIGURES?.split(',').map((f) => f.trim());
    for (const [name, take] of figures) {
      if (only && !only.includes(name)) continue;
      step = name;
      await take().catch((e: unknown) => {
        console.log(
          `  (the "${name}" figures could not be taken on this machine now: ${String(e instanceof Error ? e.message : e).split('\n')[0]}; going on)`,
        );
      });
    }
    console.log(
      `  (client benchmarks took ${((performance.now() - t0) / 1000).toFixed(0)} s; Chromium ${context.browser()?.version() ?? '(version unknown)'}, profile on ${tmpdir()})`,
    );
  } catch (e) {
    if (e instanceof Error)
      e.message = `client bench, step "${step}" (${page?.url() ?? ''}): ${e.message}\n--- server output ---\n${server?.output().slice(-3000) ?? ''}`;
    throw e;
  } finally {
    await context?.close().catch(() => undefined);
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
