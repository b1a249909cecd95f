import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedBatch, ProgressReport } from '../../src/shared';
import { steps } from './helpers/app';
import { launchBrowser } from './helpers/browser';
import { answerSection, expectSectionShows, expectedAnswers, readQuestionnaire, type ResponsePlan } from './helpers/fill';
import { apiCall, closeWorkspace, listResponses, loginCookie, openWorkspace, type Workspace } from './helpers/server';

/**
 * Issue 19, the respondent's side in a real Chromium on a phone viewport against the real server process: Home
 * Affairs issues two codes for Sở Tư pháp × citizens; the first link is opened as a scanned QR would open it, part of
 * the questionnaire answered, the page reloaded (nothing lost), the network dropped, the rest answered and "Gửi phiếu"
 * pressed (it waits), the network restored (it is sent by itself): exactly one response on the server, mode
 * self-online, counted in its cell. The link opened again says the code is used; another submission is refused. The
 * second code is typed by hand at /p/. Also what the build gives the respondent: its own small script, nothing of the
 * surveyor's, and no place in the surveyor's service worker.
 */

const PASSWORD = 'mat-khau-e2e-tu-dien';
const CAMPAIGN = 'quang-binh-2021';
const CELL = { unitId: 'so-tu-phap', groupId: 'so-nguoi-dan' };
const q = readQuestionnaire(CAMPAIGN, 'phieu-03-s');

/** Part one before the reload, part two before the network drops, the rest offline. Q3 "Có": Q4 hidden. */
const PART_I: ResponsePlan['answers'] = [
  ['P1', 'Nữ'],
  ['P2', 'Từ 30 đến 39 tuổi'],
  ['P3', 'Đại học'],
  ['P4', 'Cá nhân'],
  ['P6', 'Trực tuyến qua Cổng Dịch vụ công'],
  ['P8', '2'],
];
const PART_II_ONLINE: ResponsePlan['answers'] = [
  ['Q1', 'Hài lòng'],
  ['Q2', 'Rất hài lòng'],
  ['Q3', 'Có'],
];
const PART_II_OFFLINE: ResponsePlan['answers'] = [
  ['Q5', 'Không'],
  ['Q6', 'Hài lòng'],
  ['Q7', 'Bình thường'],
  ['Q8', 'Đã sử dụng'],
  ['Q9', 'Rất hài lòng'],
  ['Q10', 'Hài lòng'],
  ['Q11', 'Rất hài lòng'],
];
const PART_III: ResponsePlan['answers'] = [['C1', 'Nên mở thêm quầy tiếp nhận vào sáng thứ Bảy.']];
const PLAN: ResponsePlan = { answers: [...PART_I, ...PART_II_ONLINE, ...PART_II_OFFLINE, ...PART_III], hidden: ['Q4'] };

const WAITING = 'Chưa gửi được vì mất mạng; phiếu được giữ trên máy và sẽ tự gửi khi có mạng.';
const SPENT = 'Mã này đã được dùng để gửi phiếu. Xin cảm ơn ông/bà đã tham gia khảo sát.';

let ws: Workspace | undefined;
let browser: Browser | undefined;
let page: Page | undefined;
let admin = '';

const api = (method: string, url: string, body?: unknown): Promise<Response> => apiCall(ws!.server.url, admin, method, url, body);

/** A phone: 390×844 at 3×, touch, Vietnamese, fresh storage. */
function phone(): Promise<BrowserContext> {
  return browser!
    .newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    })
    .then((c) => {
      c.setDefaultTimeout(30_000);
      return c;
    });
}

/** At twice the browser's text size (the page's root is 112.5 % of it) everything wraps: nothing scrolls sideways. */
async function expectWrapsAtDoubleText(p: Page): Promise<void> {
  await p.evaluate(() => (document.documentElement.style.fontSize = '225%'));
  expect(await p.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth])).toEqual([390, 390]);
  await p.evaluate(() => (document.documentElement.style.fontSize = ''));
}

const cellOf = (p: ProgressReport) => p.cells.find((c) => c.unit === CELL.unitId && c.group === CELL.groupId);

beforeAll(async () => {
  ws = await openWorkspace('phieu-e2e-respondent-', PASSWORD);
  admin = await loginCookie(ws.server.url, 'quantri', PASSWORD);
  // The reference campaign's survey ended in 2021: Home Affairs moves its deadlines so that codes can be issued.
  const res = await api('PUT', `/api/campaigns/${CAMPAIGN}/settings`, {
    deadlines: { selfAssessment: '2099-11-30', survey: '2099-12-30', appraisal: '2099-12-30', publication: '2100-01-15' },
  });
  if (res.status !== 200) throw new Error(`settings: ${res.status} ${await res.text()}`);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await closeWorkspace({ tmp: ws?.tmp, server: ws?.server });
});

describe("the respondent's page in a real browser", () => {
  it('fills a code with the network dropped in the middle, sends it when it returns, once; the code is then used', async () => {
    await steps('respondent', { page: () => page, serverOutput: () => ws?.server.output() ?? '' }, async (step) => {
      step('issue codes');
      const before = cellOf((await (await api('GET', `/api/campaigns/${CAMPAIGN}/progress`)).json()) as ProgressReport);
      const issued = await api('POST', `/api/campaigns/${CAMPAIGN}/self-fill/batches`, { ...CELL, count: 2 });
      expect(issued.status, await issued.clone().text()).toBe(201);
      const { codes } = (await issued.json()) as IssuedBatch;
      expect(codes).toHaveLength(2);
      const [first, second] = codes as [IssuedBatch['codes'][number], IssuedBatch['codes'][number]];
      expect(first.link).toBe(`${ws!.server.url}/p/${first.code}`);

      step('open the link');
      const context = await phone();
      const p = (page = await context.newPage());
      const scripts: string[] = [];
      p.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
      });
      await p.goto(first.link);
      await p.getByRole('heading', { level: 1, name: q.title }).waitFor();
      await p.getByText('Phiếu khảo sát ẩn danh').waitFor();
      await p.getByText('Sở Tư pháp', { exact: true }).waitFor();
      await p.getByText('hết ngày 30/12/2099').waitFor();
      expect(scripts.length).toBeGreaterThan(0);
      expect(scripts.filter((s) => !s.startsWith('/assets/respond/'))).toEqual([]);

      step('large text');
      await expectWrapsAtDoubleText(p);

      step('part I');
      await answerSection(p, q, 0, PART_I);
      await p.getByRole('button', { name: 'Tiếp', exact: true }).click();
      await answerSection(p, q, 1, PART_II_ONLINE);

      step('reload in the middle');
      await p.reload();
      await expectSectionShows(p, q, 1, PART_II_ONLINE);
      await p.getByRole('button', { name: 'Quay lại', exact: true }).click();
      await expectSectionShows(p, q, 0, PART_I);
      await p.getByRole('button', { name: 'Tiếp', exact: true }).click();

      step('the network drops; the rest is answered');
      await context.setOffline(true);
      await answerSection(p, q, 1, PART_II_OFFLINE);
      expect(await p.getByRole('group', { name: 'Khi hồ sơ bị trễ hẹn' }).count()).toBe(0);
      await p.getByRole('button', { name: 'Tiếp', exact: true }).click();
      await answerSection(p, q, 2, PART_III);
      await p.getByRole('button', { name: 'Xem lại', exact: true }).click();
      await p.getByRole('heading', { level: 2, name: 'Xem lại trước khi gửi' }).waitFor();
      await expectWrapsAtDoubleText(p);
      const draft = (await p.evaluate(
        (key) => JSON.parse(localStorage.getItem(key) ?? 'null') as unknown,
        `phieu.p.${first.code.replace(/-/g, '')}`,
      )) as { responseId: string; secret: string };

      step('send while offline');
      await p.getByRole('button', { name: 'Gửi phiếu', exact: true }).click();
      await p.getByText(WAITING).waitFor();
      expect((await listResponses(ws!.server.url, admin, CAMPAIGN, CELL)).filter((r) => r.id === draft.responseId)).toEqual([]);

      step('the network returns');
      await context.setOffline(false);
      await p.getByRole('heading', { level: 1, name: 'Xin cảm ơn!' }).waitFor();

      step('one response on the server');
      const stored = (await listResponses(ws!.server.url, admin, CAMPAIGN, CELL)).filter((r) => r.id === draft.responseId);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ mode: 'self-online', questionnaireId: q.id, questionnaireVersion: q.version });
      expect(stored[0]?.answers).toEqual(expectedAnswers(q, PLAN));
      const after = cellOf((await (await api('GET', `/api/campaigns/${CAMPAIGN}/progress`)).json()) as ProgressReport);
      expect(after?.received).toBe((before?.received ?? 0) + 1);
      // The answers left the phone.
      expect(await p.evaluate(() => Object.keys(localStorage).filter((k) => localStorage.getItem(k)?.includes('"answers"')))).toEqual([]);

      step('the link opened again on the same phone');
      const again = await context.newPage();
      await again.goto(first.link);
      await again.getByRole('heading', { level: 1, name: 'Xin cảm ơn!' }).waitFor();
      await context.close();

      step('the link opened on another phone: used');
      const other = await phone();
      const p2 = (page = await other.newPage());
      await p2.goto(first.link);
      await p2.getByRole('heading', { level: 1, name: 'Mã này đã được sử dụng' }).waitFor();
      await p2.getByText(SPENT).waitFor();
      expect(await p2.getByRole('alert').count()).toBe(0);

      step('another submission is refused; the first one again is a duplicate');
      const body = {
        responseId: '6f1d2a4e-8c1b-4f7a-9e2d-3b5c7a9d1e2f',
        secret: 'khac-trinh-duyet-khac-ma-bi-mat',
        questionnaireId: q.id,
        questionnaireVersion: q.version,
        startedAt: '2099-01-01T08:00:00+07:00',
        finishedAt: '2099-01-01T08:10:00+07:00',
        answers: expectedAnswers(q, PLAN),
      };
      const post = (b: unknown) =>
        p2.evaluate(
          async ([url, json]) => {
            const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json });
            return { status: res.status, body: (await res.json()) as unknown };
          },
          [`/api/p/${first.code}/submit`, JSON.stringify(b)] as const,
        );
      expect(await post(body)).toMatchObject({ status: 410, body: { error: 'respondent.code-spent', message: SPENT } });
      expect(await post({ ...body, responseId: draft.responseId, secret: draft.secret })).toMatchObject({
        status: 200,
        body: { status: 'duplicate' },
      });
      expect((await listResponses(ws!.server.url, admin, CAMPAIGN, CELL)).filter((r) => r.mode === 'self-online')).toHaveLength(1);

      step('the second code typed by hand');
      await p2.goto(`${ws!.server.url}/p/`);
      await p2.getByRole('heading', { level: 1, name: 'Nhập mã phiếu' }).waitFor();
      await p2.getByLabel('Mã phiếu').fill('0O1-IL');
      await p2.getByRole('button', { name: 'Mở phiếu', exact: true }).click();
      await p2.getByText(/^Mã gồm 12 chữ và số in trên phiếu/).waitFor();
      await p2.getByLabel('Mã phiếu').fill(` ${second.code.toLowerCase().replace(/-/g, ' ')} `);
      await p2.getByRole('button', { name: 'Mở phiếu', exact: true }).click();
      await p2.getByRole('heading', { level: 2, name: q.sections[0]?.title ?? '' }).waitFor();
      expect(new URL(p2.url()).pathname).toBe(`/p/${second.code}`);
      await other.close();
    });
  });
});

describe("the respondent's page in the build", () => {
  let dir = '';
  beforeAll(async () => {
    const { builtClient } = await import('./helpers/server');
    dir = await builtClient();
  });

  it('is respond.html with one small script of its own: no zod, Dexie, router, query cache, nor surveyor screen', () => {
    const html = readFileSync(path.join(dir, 'respond.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="\/([^"]+)"/g)].map((m) => m[1] ?? '');
    const preloads = [...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="\/([^"]+)"/g)].map((m) => m[1] ?? '');
    const files = [...scripts, ...preloads];
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f).toMatch(/^assets\/respond\//);
    let gzip = 0;
    for (const f of files) {
      const code = readFileSync(path.join(dir, f));
      // Everything it loads is loaded by the HTML: no import of another chunk.
      expect(code.toString()).not.toMatch(/\bimport\s*\(?\s*["'`]\.{1,2}\//);
      gzip += gzipSync(code, { level: 9 }).length;
      const sources = (JSON.parse(readFileSync(path.join(dir, `${f}.map`), 'utf8')) as { sources: string[] }).sources.map((s) =>
        s.replace(/\\/g, '/'),
      );
      for (const forbidden of [
        'node_modules/zod/',
        'node_modules/dexie',
        'node_modules/react-router',
        'node_modules/@tanstack/',
        'src/client/features/',
        'src/client/office/',
        'src/client/db/',
        'src/client/sync/',
        'src/shared/schema/',
      ])
        expect(
          sources.filter((s) => s.includes(forbidden)),
          forbidden,
        ).toEqual([]);
    }
    // Issue 19's budget for the first question (the bench prints the figure).
    expect(gzip).toBeLessThanOrEqual(100 * 1024);
  });

  it("is left out of the surveyor's service worker: not precached, and its navigations go to the server", () => {
    const sw = readFileSync(path.join(dir, 'sw.js'), 'utf8');
    const precached = [...(/precacheAndRoute\((\[.*?\])\s*,/s.exec(sw)?.[1] ?? '').matchAll(/url:\s*"([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(precached.length).toBeGreaterThan(0);
    expect(precached.filter((u) => u === 'respond.html' || u.startsWith('assets/respond/'))).toEqual([]);
    expect(sw).toContain('/^\\/p(\\/|$)/');
    expect(readdirSync(path.join(dir, 'assets', 'respond')).some((f) => f.endsWith('.js'))).toBe(true);
  });
});
