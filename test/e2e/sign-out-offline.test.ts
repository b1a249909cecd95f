import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { home, loginHeading, steps, submitSignIn, waitForServiceWorker } from './helpers/app';
import { launchProfile, onlyPage } from './helpers/browser';
import { answerSection, readQuestionnaire } from './helpers/fill';
import { closeWorkspace, openWorkspace, type RunningServer } from './helpers/server';

/**
 * Issue 13, "Đăng xuất" never strands a surveyor, in Chromium with the real service worker and WebCrypto: signed out
 * without a network, the app stays locked across a reload, tells the truth on its sign-in screen, and opens again
 * offline for the same person only, with the draft where it was left. Signed out online, the server session ends, and
 * the same person still gets back in offline the next day.
 */

const PASSWORD = 'mat-khau-e2e-sign-out';
const GROUP_NAME = 'Người dân, doanh nghiệp có giao dịch';
const KNOWN = 'Không có mạng. Điều tra viên 1 (dieutra1) đã đăng nhập trên máy này';
const questionnaire = readQuestionnaire('quang-binh-2021', 'phieu-03-s');

let tmp: string;
let server: RunningServer | undefined;
let context: BrowserContext | undefined;
let page: Page | undefined;

beforeAll(async () => {
  ({ tmp, server } = await openWorkspace('phieu-e2e-sign-out-', PASSWORD));
}, 240_000);

afterAll(() => closeWorkspace({ context, server, tmp }), 60_000);

async function signOutScreen(p: Page): Promise<void> {
  await p.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
  await p.getByRole('heading', { level: 1, name: 'Đăng xuất' }).waitFor();
}

describe('signing out without a network', () => {
  it('locks the app on the phone only, and the same person opens it again offline; online, it ends the session', async () => {
    const url = server?.url ?? '';
    await steps('sign-out-offline', { page: () => page, serverOutput: () => server?.output() ?? '' }, async (step) => {
      step('sign-in-online');
      context = await launchProfile(path.join(tmp, 'profile'));
      page = await onlyPage(context);
      await page.goto(`${url}/`);
      await submitSignIn(page, 'dieutra1', PASSWORD);
      await home(page).waitFor();
      await waitForServiceWorker(page);

      step('draft-offline');
      await context.setOffline(true);
      await page.waitForFunction(() => !navigator.onLine);
      await page.locator('article.card').filter({ hasText: GROUP_NAME }).getByRole('link', { name: 'Thu phiếu mới' }).click();
      await page.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
      await page.waitForURL(/\/fill\/[0-9a-f-]{36}$/);
      await answerSection(page, questionnaire, 0, [['P1', 'Nữ']]);
      await page.getByRole('button', { name: 'Quay lại', exact: true }).click();
      await home(page).waitFor();

      step('sign-out-offline');
      await signOutScreen(page);
      await page.getByText('1 phiếu đang điền dở', { exact: true }).waitFor();
      await page.getByText(/^Không có mạng: đăng xuất bây giờ chỉ khoá ứng dụng trên máy này/).waitFor();
      await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
      await loginHeading(page).waitFor();
      await page.getByText('Đã đăng xuất. Phiếu chưa gửi và phiếu nháp vẫn được giữ trên máy.').waitFor();

      step('reload-offline');
      await page.reload();
      await loginHeading(page).waitFor();
      await page.getByText(KNOWN).waitFor();
      expect(await page.getByText(/lần đầu/).count()).toBe(0);

      step('unlock-offline');
      await submitSignIn(page, 'dieutra1', 'khong-dung');
      await page.getByText(/^Sai mật khẩu\./).waitFor();
      await submitSignIn(page, 'dieutra2', PASSWORD);
      await page.getByText(/tài khoản khác cần có mạng để đăng nhập\.$/).waitFor();
      await submitSignIn(page, 'dieutra1', PASSWORD);
      await home(page).waitFor();
      await page.getByText('Đã trả lời 1/18 · Phần 1/3').waitFor();

      step('sign-out-online');
      await context.setOffline(false);
      await page.waitForFunction(() => navigator.onLine);
      await signOutScreen(page);
      await page.getByText(/^Đăng nhập lại cần có mạng, trừ khi là chính bạn trên máy này/).waitFor();
      // The session signed out offline was never ended on the server: the same person came back to it.
      const session = (await context.cookies(url)).find((c) => c.name === 'phieu_session');
      expect(session).toBeDefined();
      const me = () => fetch(`${url}/api/auth/me`, { headers: { cookie: `${session?.name}=${session?.value}` } });
      expect((await me()).status).toBe(200);
      const loggedOut = page.waitForResponse((r) => r.url().endsWith('/api/auth/logout') && r.status() === 200);
      await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
      await loggedOut;
      await loginHeading(page).waitFor();
      expect((await me()).status).toBe(401);
      expect((await context.cookies(url)).find((c) => c.name === 'phieu_session')).toBeUndefined();

      step('next-day-offline');
      await context.setOffline(true);
      await page.reload();
      await page.getByText(KNOWN).waitFor();
      await submitSignIn(page, 'dieutra1', PASSWORD);
      await home(page).waitFor();
      await page.getByRole('link', { name: 'Điền tiếp' }).click();
      await page.getByRole('heading', { level: 2, name: questionnaire.sections[0]!.title }).waitFor();
    });
  });
});
