import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cell, deviceResponses, home, steps, submitSignIn, syncButton, waitForServiceWorker, waiting, watchPushes } from './helpers/app';
import { launchProfile, onlyPage } from './helpers/browser';
import { fillResponse, readQuestionnaire, type ResponsePlan } from './helpers/fill';
import { closeWorkspace, listResponses, loginCookie, openWorkspace, type RunningServer } from './helpers/server';

/**
 * Issue #13, in Debian's chromium against the real server process serving the built PWA (service worker and all):
 * a response finalised while the campaign was open and synced after Home Affairs closed it is refused; the refusal
 * sits at the top of the home screen with its reason, and nothing says "all sent". Home Affairs reopens the campaign
 * (admin API); the next sync, started by the network coming back, sends it with no action by the surveyor, and the
 * server holds it once.
 */

const PASSWORD = 'mat-khau-e2e-123';
const CAMPAIGN = 'quang-binh-2021';
const UNIT = 'so-tu-phap';
const GROUP = 'so-nguoi-dan';
const GROUP_NAME = 'Người dân, doanh nghiệp có giao dịch';
const REFUSED_TITLE = 'Phiếu máy chủ từ chối (1)';
const CLOSED_REASON = 'Kỳ đánh giá đang đóng nên máy chủ chưa nhận phiếu.';
const REFUSED_STATUS = '1 phiếu bị máy chủ từ chối, chưa gửi được: xem ở đầu trang';
const VIEWPORT_HEIGHT = 915; // launchProfile's phone

const questionnaire = readQuestionnaire(CAMPAIGN, 'phieu-03-s');
const plan: ResponsePlan = {
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

let tmp: string;
let server: RunningServer | undefined;
let context: BrowserContext | undefined;
let page: Page | undefined;

beforeAll(async () => {
  ({ tmp, server } = await openWorkspace('phieu-e2e-refused-', PASSWORD));
}, 240_000);

afterAll(() => closeWorkspace({ context, server, tmp }), 60_000);

/** Home Affairs opens or closes the campaign through the admin API. */
async function setCampaignState(url: string, cookie: string, state: 'open' | 'closed'): Promise<void> {
  const res = await fetch(`${url}/api/campaigns/${CAMPAIGN}/state`, {
    method: 'PUT',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ state }),
  });
  if (res.status !== 200) throw new Error(`PUT state ${state}: HTTP ${res.status} ${await res.text()}`);
}

describe('a response refused because the campaign was closed', () => {
  it('is shown refused at the top, and once the campaign is reopened the next sync sends it with no action by the surveyor', async () => {
    const url = server?.url ?? '';
    await steps('refused-retry', { page: () => page, serverOutput: () => server?.output() ?? '' }, async (step) => {
      step('sign-in');
      context = await launchProfile(path.join(tmp, 'profile'));
      page = await onlyPage(context);
      await page.goto(`${url}/`);
      await submitSignIn(page, 'dieutra1', PASSWORD);
      await home(page).waitFor();
      await cell(page, GROUP_NAME).getByText('trên máy chủ 0 · chưa đồng bộ 0').waitFor();
      await waitForServiceWorker(page);
      const pushes = watchPushes(page);

      step('collect-while-open');
      // In the field without network: the campaign is open, the response is finalised and queued on the phone.
      await context.setOffline(true);
      const id = await fillResponse(page, questionnaire, { groupName: GROUP_NAME }, plan);
      await waiting(page, 1).waitFor();

      step('campaign-closed');
      const admin = await loginCookie(url, 'quantri', PASSWORD);
      await setCampaignState(url, admin, 'closed');

      step('refused-on-sync');
      await context.setOffline(false); // the network is back: the app syncs by itself and meets the closed campaign
      const refused = page.getByRole('heading', { level: 2, name: REFUSED_TITLE });
      await refused.waitFor();
      await page.getByText(CLOSED_REASON).waitFor();
      await page.getByText(/khi Sở Nội vụ mở lại kỳ đánh giá, phiếu sẽ tự được gửi lại/).waitFor();
      await page.getByText(REFUSED_STATUS, { exact: true }).waitFor();
      await syncButton(page).waitFor(); // that sync has ended
      expect(await page.getByText('Đã gửi hết phiếu').count()).toBe(0);
      expect(await page.getByText(/Đồng bộ thành công/).count()).toBe(0);
      expect(await page.getByText(/phiếu chờ gửi/).count()).toBe(0);

      step('refusal-at-the-top');
      // The first thing seen: on the first screen without scrolling, above the sync status and every cell.
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      const refusedBox = await refused.boundingBox();
      const syncBox = await syncButton(page).boundingBox();
      const firstCell = await page.locator('article.card').first().boundingBox();
      if (!refusedBox || !syncBox || !firstCell) throw new Error('the refusal, the sync button or a cell is not laid out');
      expect(refusedBox.y + refusedBox.height).toBeLessThan(VIEWPORT_HEIGHT);
      expect(refusedBox.y).toBeLessThan(syncBox.y);
      expect(refusedBox.y).toBeLessThan(firstCell.y);
      // Collecting stays possible.
      expect(await cell(page, GROUP_NAME).getByRole('link', { name: 'Thu phiếu mới' }).isVisible()).toBe(true);
      expect(await listResponses(url, admin, CAMPAIGN)).toHaveLength(0);
      expect((await deviceResponses(page)).find((r) => r.id === id)?.state).toBe('rejected');

      step('not-resent-while-closed');
      // While the pull says the campaign is closed, a sync does not push the refused response again.
      const pulled = page.waitForResponse((r) => r.url().endsWith('/api/sync/pull') && r.status() === 200);
      await syncButton(page).click();
      await pulled;
      await syncButton(page).waitFor();
      await refused.waitFor();
      expect((await pushes.outcomes()).filter((o) => o.id === id).map((o) => o.status)).toEqual(['rejected']);

      step('campaign-reopened');
      await setCampaignState(url, admin, 'open');

      step('next-sync-without-action');
      // The surveyor touches nothing. The phone loses the network and gets it back, as phones in the field do: the
      // `online` event starts the next sync, whose pull shows the campaign open, so the response is sent again.
      await context.setOffline(true);
      await context.setOffline(false);
      await refused.waitFor({ state: 'detached', timeout: 60_000 });
      await page.getByText('Đã gửi hết phiếu', { exact: true }).waitFor();
      await syncButton(page).waitFor(); // the sync (push, pull) has finished
      await page.getByText(/^Đồng bộ thành công lần cuối: /).waitFor();
      await cell(page, GROUP_NAME).getByText('trên máy chủ 1 · chưa đồng bộ 0').waitFor();
      await cell(page, GROUP_NAME).getByText('Đã thu 1/30 · còn 29').waitFor();
      expect((await deviceResponses(page)).find((r) => r.id === id)?.state).toBe('synced');

      step('server-counts');
      const stored = await listResponses(url, admin, CAMPAIGN);
      expect(stored.map((r) => r.id)).toEqual([id]);
      expect(await listResponses(url, admin, CAMPAIGN, { unitId: UNIT, groupId: GROUP })).toHaveLength(1);
      expect((await pushes.outcomes()).filter((o) => o.id === id).map((o) => o.status)).toEqual(['rejected', 'accepted']);
      pushes.stop();
    });
  });
});
