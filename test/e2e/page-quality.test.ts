import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cell, home, loginHeading, steps, submitSignIn, waitForServiceWorker } from './helpers/app';
import { launchProfile, onlyPage } from './helpers/browser';
import { answerSection, readQuestionnaire } from './helpers/fill';
import { closeWorkspace, openWorkspace, type RunningServer } from './helpers/server';

/**
 * Issue 14: the surveyor's four screens (sign-in, home, a questionnaire page, the review page) do not move after
 * they first paint, and leave nothing in the console, in the built app in Chromium against the real server.
 *
 * Layout shifts: a PerformanceObserver installed before any script of the page ({ type: 'layout-shift', buffered:
 * true }) records every shift. Each one counts, whatever its `hadRecentInput` says (the app could move content late
 * and still be excused by a tap seconds before), except a shift that starts within 500 ms after an input event the
 * test itself caused (pointerdown, keydown or input, recorded in the page): that is the page answering the test's
 * own click or typing (a new section, a question shown by skip logic), which is Chromium's own "recent input" window
 * too. Each screen is measured as the surveyor meets it (reached by a tap) and loaded afresh (a reload), and the sum
 * of its shifts must be 0. The home screen also: right after the first sign-in, while the service worker installs
 * and says the app is ready offline; with a draft on it; opened offline with a response waiting (the sync finds no
 * network); and when the network comes back and that response goes out by itself, with no tap.
 *
 * Console: every message of type error or warning, every page error, every failed request (`requestfailed`) and
 * every answer with a status of 400 or more (Chromium logs "Failed to load resource" for those), from the page and
 * from the browser context (the manifest, the icons, the service worker's own fetches), must be absent. The one
 * exception is the offline step: there a sync's request fails with net::ERR_INTERNET_DISCONNECTED, which is how the
 * app learns there is no network. axe-core's default rules find nothing on the four screens either.
 */

const PASSWORD = 'mat-khau-e2e-page-quality';
const CAMPAIGN = 'quang-binh-2021';
const GROUP_NAME = 'Người dân, doanh nghiệp có giao dịch';
const questionnaire = readQuestionnaire(CAMPAIGN, 'phieu-03-s');

/** Every required answer of Phiếu 03-S, by section (Q3 "Có" hides Q4, Q8 "Chưa sử dụng" hides Q9). */
const ANSWERS: [string, string][] = [
  ['P1', 'Nữ'],
  ['P2', 'Từ 30 đến 39 tuổi'],
  ['P3', 'Trung cấp, cao đẳng'],
  ['P4', 'Cá nhân'],
  ['P6', 'Trực tuyến qua Cổng Dịch vụ công'],
  ['Q1', 'Hài lòng'],
  ['Q2', 'Hài lòng'],
  ['Q3', 'Có'],
  ['Q5', 'Không'],
  ['Q6', 'Hài lòng'],
  ['Q7', 'Rất hài lòng'],
  ['Q8', 'Chưa sử dụng'],
  ['Q10', 'Hài lòng'],
  ['Q11', 'Hài lòng'],
];

/** How long a screen is watched once its content is there: the late arrivals (a sync's answer, a count) come within it. */
const SETTLE_MS = 2_500;
/** A shift starting this soon after the test's own input is the page answering it (Chromium's hadRecentInput window). */
const INPUT_WINDOW_MS = 500;

interface Shift {
  value: number;
  startTime: number;
  hadRecentInput: boolean;
  sources: string[];
}

/** Runs in the page before its scripts: records layout shifts, the first paint and the test's own input events. */
function recorder() {
  type Store = { shifts: Shift[]; inputs: number[]; firstPaint: number | null };
  const store: Store = { shifts: [], inputs: [], firstPaint: null };
  (window as unknown as { __quality: Store }).__quality = store;
  const describeNode = (node: Node | null | undefined): string => {
    if (!node) return '?';
    if (!(node instanceof Element)) return `${node.nodeName}:"${(node.textContent ?? '').trim().slice(0, 40)}"`;
    const cls = typeof node.className === 'string' && node.className ? `.${node.className.trim().split(/\s+/).join('.')}` : '';
    return `${node.tagName.toLowerCase()}${cls}:"${(node.textContent ?? '').trim().slice(0, 40)}"`;
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & {
      value: number;
      hadRecentInput: boolean;
      sources?: { node?: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
    })[]) {
      store.shifts.push({
        value: e.value,
        startTime: e.startTime,
        hadRecentInput: e.hadRecentInput,
        sources: (e.sources ?? []).map(
          (s) =>
            `${describeNode(s.node)} y ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)} h ${Math.round(s.previousRect.height)}→${Math.round(s.currentRect.height)}`,
        ),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-paint' && store.firstPaint === null) store.firstPaint = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  for (const type of ['pointerdown', 'keydown', 'input'])
    window.addEventListener(type, (e) => e.isTrusted && store.inputs.push(performance.now()), { capture: true });
}

interface Quality {
  shifts: Shift[];
  inputs: number[];
  firstPaint: number | null;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let tmp: string;
let server: RunningServer | undefined;
let context: BrowserContext | undefined;
let page: Page | undefined;
/** Every console line, page error and failed request, with the screen it happened on. */
const problems: string[] = [];
let screenName = 'start';
/** Each measured screen: the shifts that count, with what moved. */
const measured: { screen: string; sum: number; shifts: Shift[] }[] = [];

beforeAll(async () => {
  ({ tmp, server } = await openWorkspace('phieu-e2e-page-quality-', PASSWORD));
}, 240_000);

afterAll(() => closeWorkspace({ context, server, tmp }), 60_000);

/** Requests of the context not yet finished: a reload in the middle of one aborts it, which is the test's doing. */
let inFlight = 0;

/**
 * Waits until no request has been in flight for 300 ms (at most 15 s, then goes on): the screen's late work (a sync's
 * pull, a lazy part's chunk) is done before the test reloads or leaves the page, so that an abort the test causes is
 * never taken for the app's.
 */
async function quiet(p: Page): Promise<void> {
  const deadline = Date.now() + 15_000;
  let calm = Date.now();
  while (Date.now() - calm < 300 && Date.now() < deadline) {
    if (inFlight > 0) calm = Date.now();
    await p.waitForTimeout(50);
  }
}

function watch(ctx: BrowserContext, p: Page): void {
  ctx.on('request', () => (inFlight += 1));
  ctx.on('requestfinished', () => (inFlight = Math.max(0, inFlight - 1)));
  ctx.on('requestfailed', () => (inFlight = Math.max(0, inFlight - 1)));
  p.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      problems.push(`${screenName}: console ${m.type()}: ${m.text()} (${m.location().url}:${m.location().lineNumber})`);
  });
  p.on('pageerror', (e) => problems.push(`${screenName}: page error: ${e.message}`));
  ctx.on('requestfailed', (r) => problems.push(`${screenName}: request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
  ctx.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${screenName}: ${r.status()} ${r.request().method()} ${r.url()}`);
  });
}

/** Starts watching a screen: from now on its problems carry its name. */
function onScreen(name: string): void {
  screenName = name;
}

/**
 * Waits for late arrivals, then records the screen's shifts after the first paint and after `since` (ms of the page's
 * clock: when the test left the previous screen; 0 for a page just loaded), less those that answer the test's input.
 */
async function measure(p: Page, name: string, since = 0): Promise<void> {
  await p.waitForTimeout(SETTLE_MS);
  const q = await p.evaluate(() => (window as unknown as { __quality: Quality }).__quality);
  const afterPaint = q.shifts.filter((s) => s.startTime >= (q.firstPaint ?? 0) && s.startTime >= since);
  const counted = afterPaint.filter((s) => !q.inputs.some((t) => s.startTime >= t && s.startTime - t < INPUT_WINDOW_MS));
  measured.push({ screen: name, sum: counted.reduce((a, s) => a + s.value, 0), shifts: counted });
}

/** axe-core's default rules (Lighthouse's accessibility audit runs a part of them) on what the screen shows. */
async function axe(p: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: a script tag would be refused by the app's CSP (and logged).
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(`${AXE};0`);
  return p.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe.run(document, {
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

const clockOf = (p: Page) => p.evaluate(() => performance.now());

/** Problems while the browser is offline that are only the app learning there is no network: not counted. */
const offlineNoise = (line: string) => /\(offline\)/.test(line) && /net::ERR_INTERNET_DISCONNECTED/.test(line);

describe('the surveyor’s screens after their first paint', () => {
  it('do not move, and leave the console clean: sign-in, home, a questionnaire page, the review page', async () => {
    const url = server?.url ?? '';
    const violations: string[] = [];
    const first = questionnaire.sections[0]?.title ?? '';
    const second = questionnaire.sections[1]?.title ?? '';
    await steps('page-quality', { page: () => page, serverOutput: () => server?.output() ?? '' }, async (step) => {
      step('sign-in');
      context = await launchProfile(path.join(tmp, 'profile'));
      await context.addInitScript(recorder);
      page = await onlyPage(context);
      watch(context, page);
      onScreen('sign-in');
      await page.goto(`${url}/`);
      await loginHeading(page).waitFor();
      await measure(page, 'sign-in');
      violations.push(...(await axe(page)).map((v) => `sign-in: ${v}`));

      step('home-after-sign-in');
      onScreen('home (first sign-in)');
      let since = await clockOf(page);
      await submitSignIn(page, 'dieutra1', PASSWORD);
      await home(page).waitFor();
      await cell(page, GROUP_NAME).waitFor();
      // The one-time notice arrives whenever the service worker is installed: on this page, before any reload.
      await page.getByText('Ứng dụng đã sẵn sàng dùng không cần mạng').waitFor();
      await measure(page, 'home (first sign-in, then ready offline)', since);
      violations.push(...(await axe(page)).map((v) => `home: ${v}`));
      await waitForServiceWorker(page);

      step('home-reloaded');
      onScreen('home (opened again)');
      await quiet(page);
      await page.reload();
      await home(page).waitFor();
      await cell(page, GROUP_NAME).waitFor();
      await measure(page, 'home (opened again)');

      step('questionnaire');
      onScreen('questionnaire');
      since = await clockOf(page);
      await cell(page, GROUP_NAME).getByRole('link', { name: 'Thu phiếu mới' }).click();
      await page.getByRole('heading', { name: 'Phiếu mới' }).waitFor();
      await page.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
      await page.waitForURL(/\/fill\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 2, name: first }).waitFor();
      await measure(page, 'questionnaire (opened from home)', since);
      violations.push(...(await axe(page)).map((v) => `questionnaire: ${v}`));
      await quiet(page);
      await page.reload();
      await page.getByRole('heading', { level: 2, name: first }).waitFor();
      await measure(page, 'questionnaire (reloaded)');

      step('answers');
      since = await clockOf(page);
      for (const index of questionnaire.sections.keys()) {
        await answerSection(page, questionnaire, index, ANSWERS);
        await page.getByRole('button', { name: index === questionnaire.sections.length - 1 ? 'Xem lại' : 'Tiếp', exact: true }).click();
        if (index === 0) {
          await page.getByRole('heading', { level: 2, name: second }).waitFor();
          await measure(page, 'questionnaire (next section, after "Tiếp")', since);
        }
        since = await clockOf(page);
      }

      step('review');
      onScreen('review');
      const review = () => page!.getByRole('heading', { level: 2, name: 'Xem lại trước khi hoàn thành' });
      await review().waitFor();
      await measure(page, 'review (after "Xem lại")', since);
      violations.push(...(await axe(page)).map((v) => `review: ${v}`));
      await quiet(page);
      await page.reload();
      await review().waitFor();
      await measure(page, 'review (reloaded)');

      step('home-with-a-draft');
      onScreen('home (a draft on it)');
      await quiet(page);
      await page.goto(`${url}/`);
      await home(page).waitFor();
      await page.getByRole('link', { name: 'Điền tiếp' }).waitFor();
      await measure(page, 'home (a draft on it)');

      step('finish');
      onScreen('home (a response waiting)');
      await page.getByRole('link', { name: 'Điền tiếp' }).click();
      await review().waitFor();
      await page.getByRole('button', { name: 'Hoàn thành phiếu', exact: true }).click();
      await page.getByRole('button', { name: 'Bỏ qua', exact: true }).click();
      await home(page).waitFor();
      await page.getByText('1 phiếu chờ gửi', { exact: true }).waitFor();

      step('home-offline');
      onScreen('home (offline)');
      await context.setOffline(true);
      await quiet(page);
      await page.reload();
      await home(page).waitFor();
      await page.getByText('Không có mạng: sẽ tự gửi khi có mạng').waitFor();
      await measure(page, 'home (opened offline, a response waiting)');

      step('home-back-online');
      onScreen('home (back online)');
      since = await clockOf(page);
      await context.setOffline(false); // the 'online' event syncs: no tap
      await page.getByText('Đã gửi 1 phiếu', { exact: true }).waitFor();
      await page.getByText('Đã gửi hết phiếu', { exact: true }).waitFor();
      await measure(page, 'home (back online: the response sent)', since);
      violations.push(...(await axe(page)).map((v) => `home with a toast: ${v}`));
    });

    const shifted = measured
      .filter((m) => m.sum > 0)
      .map(
        (m) =>
          `${m.screen}: ${m.sum.toFixed(4)} — ${m.shifts.map((s) => `${s.value.toFixed(4)} at ${Math.round(s.startTime)} ms [${s.sources.join('; ')}]`).join(' | ')}`,
      );
    expect(shifted, 'layout shifts after first paint').toEqual([]);
    expect(measured.map((m) => m.screen)).toHaveLength(11);
    expect(
      problems.filter((line) => !offlineNoise(line)),
      'console messages, page errors and failed requests',
    ).toEqual([]);
    expect(violations, 'axe violations').toEqual([]);
  });
});
