import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenResponse } from '../server/harness';
import { steps, submitSignIn } from './helpers/app';
import { launchBrowser } from './helpers/browser';
import { closeWorkspace, loginCookie, openWorkspace, type Workspace } from './helpers/server';

/**
 * The people behind the surveyors, in a real Chromium against the real server process: the coordinator of Sở Tư
 * pháp follows the unit's progress (counts only), Home Affairs sees the campaign and downloads the responses as CSV.
 */

const PASSWORD = 'mat-khau-e2e-office';
let ws: Workspace | undefined;
let browser: Browser | undefined;
let page: Page | undefined;
const ids: string[] = [];

beforeAll(async () => {
  ws = await openWorkspace('phieu-e2e-office-', PASSWORD);
  // Three responses arrive from the sample surveyor, one with a comment that must never reach the coordinator.
  const cookie = await loginCookie(ws.server.url, 'dieutra1', PASSWORD);
  const me = (await (await fetch(`${ws.server.url}/api/auth/me`, { headers: { cookie } })).json()) as { account: { id: string } };
  const responses = [0, 1, 2].map((i) =>
    citizenResponse(
      me.account.id,
      i === 0 ? { answers: { ...citizenResponse('x').answers, C1: 'Cán bộ Trần Thị Hồng rất nhiệt tình' } } : {},
    ),
  );
  ids.push(...responses.map((r) => r.id));
  const res = await fetch(`${ws.server.url}/api/sync/responses`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ responses }),
  });
  const results = ((await res.json()) as { results: { status: string }[] }).results;
  if (results.some((r) => r.status !== 'accepted')) throw new Error(JSON.stringify(results));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await closeWorkspace({ tmp: ws?.tmp, server: ws?.server });
});

async function signedIn(username: string): Promise<Page> {
  const context = await browser!.newContext({
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(30_000);
  page = await context.newPage();
  await page.goto(ws!.server.url);
  await submitSignIn(page, username, PASSWORD);
  return page;
}

describe('office screens in a real browser', () => {
  it('shows the coordinator their unit’s counts, per group, per surveyor and per day, and nothing of the answers', async () => {
    await steps('office-coordinator', { page: () => page, serverOutput: () => ws?.server.output() ?? '' }, async (step) => {
      step('sign in');
      const p = await signedIn('daumoi');
      step('progress');
      await p.getByRole('heading', { level: 1, name: 'Tiến độ thu phiếu — Sở Tư pháp' }).waitFor();
      await p.getByText('Đã nhận 3/85 phiếu hợp lệ · còn thiếu 82').waitFor();
      // The reference campaign's survey ended on 30/12/2021.
      await p.getByRole('alert').filter({ hasText: 'Đã quá hạn điều tra (đến hết ngày 29/12/2021) mà còn thiếu 82 phiếu.' }).waitFor();
      const citizens = p
        .getByRole('table')
        .first()
        .getByRole('row', { name: /Người dân, doanh nghiệp có giao dịch/ });
      expect(await citizens.getByRole('cell').allTextContents()).toEqual(['30', '3', '0', '0', '27']);
      // The sample surveyor covers the unit's three groups: one row each.
      expect(await p.getByRole('row', { name: /Điều tra viên 1/ }).count()).toBe(3);
      await p.getByRole('img', { name: /Biểu đồ số phiếu nhận theo ngày/ }).waitFor();
      step('counts only');
      const text = await p.locator('body').innerText();
      expect(text).not.toMatch(/Trần Thị Hồng|Sở Y tế/);
      step('the server refuses answers to the coordinator too');
      const status = await p.evaluate(async (id) => (await fetch(`/api/responses/${id}/review`)).status, ids[0]!);
      expect(status).toBe(403);
    });
  });

  it('lets Home Affairs see the campaign total and download the responses as CSV', async () => {
    await steps('office-admin', { page: () => page, serverOutput: () => ws?.server.output() ?? '' }, async (step) => {
      step('sign in');
      const p = await signedIn('quantri');
      step('overview');
      await p.getByRole('heading', { level: 1, name: 'Tổng quan kỳ điều tra' }).waitFor();
      await p.getByText(/Toàn kỳ: 3\/2\.745 phiếu hợp lệ/).waitFor();
      step('downloads');
      await p.getByRole('link', { name: 'Tải dữ liệu' }).click();
      await p.getByLabel('Mẫu phiếu').selectOption('phieu-03-s');
      const [download] = await Promise.all([
        p.waitForEvent('download'),
        p.getByRole('region', { name: 'Phiếu trả lời' }).getByRole('button', { name: 'Tải CSV' }).click(),
      ]);
      const file = path.join(ws!.tmp, 'download.csv');
      await download.saveAs(file);
      const bytes = readFileSync(file);
      step('the CSV');
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const body = bytes.toString('utf8');
      for (const id of ids) expect(body).toContain(id);
      expect(body).toContain('Sở Tư pháp');
      expect(body).toContain('Cán bộ Trần Thị Hồng rất nhiệt tình');
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
    });
  });
});
