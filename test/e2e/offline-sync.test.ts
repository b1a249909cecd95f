import path from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForServiceWorker } from './helpers/app';
import { launchProfile, onlyPage, screenshot } from './helpers/browser';
import { expectedAnswers, fillResponse, readQuestionnaire, type ResponsePlan } from './helpers/fill';
import { closeWorkspace, openWorkspace, listResponses, loginCookie, type RunningServer, type StoredResponse } from './helpers/server';

/**
 * The surveyor's day, end to end, against the real server process serving the built PWA in Debian's chromium:
 * sign in online, lose the network, keep working from the service worker, collect three responses (one through the
 * skip to Q4), survive the browser being killed, get the network back, sync, and find each response on the server
 * exactly once (DESIGN §4).
 */

const PASSWORD = 'mat-khau-e2e-123';
const CAMPAIGN = 'quang-binh-2021';
const UNIT = 'so-tu-phap';
const GROUP = 'so-nguoi-dan';
const GROUP_NAME = 'Người dân, doanh nghiệp có giao dịch';
const CELLS = ['Lãnh đạo và công chức thuộc Sở, ngành', 'Lãnh đạo và công chức thuộc UBND cấp huyện', GROUP_NAME];

const questionnaire = readQuestionnaire(CAMPAIGN, 'phieu-03-s');

const PART_I: [string, string][] = [
  ['P1', 'Nữ'],
  ['P2', 'Từ 30 đến 39 tuổi'],
  ['P3', 'Đại học'],
  ['P4', 'Cá nhân'],
  ['P6', 'Trực tuyến qua Cổng Dịch vụ công'],
];
const RATINGS: [string, string][] = [
  ['Q1', 'Hài lòng'],
  ['Q2', 'Rất hài lòng'],
];
const AFTER_Q3: [string, string][] = [
  ['Q5', 'Không'],
  ['Q6', 'Hài lòng'],
  ['Q7', 'Bình thường'],
];

/** Three citizens of Sở Tư pháp. Only B answers Q3 "Không", so only B sees (and answers) Q4. */
const plans: Record<'A' | 'B' | 'C', ResponsePlan> = {
  // Self-filled; uses online services, then corrects that: Q9 was answered, then hidden again, so it must not be sent.
  // Gives a name for the payment roster.
  A: {
    mode: 'Người trả lời tự điền',
    answers: [
      ...PART_I,
      ...RATINGS,
      ['Q3', 'Có'],
      ...AFTER_Q3,
      ['Q8', 'Đã sử dụng'],
      ['Q9', 'Hài lòng'],
      ['Q8', 'Chưa sử dụng'],
      ['Q10', 'Không biết'],
      ['Q11', 'Hài lòng'],
    ],
    hidden: ['Q4', 'Q9'],
    roster: { name: 'Nguyễn Thị Lan', phone: '0912345678' },
  },
  // The skip: Q3 "Không" shows Q4. Also every optional kind: short text, date, number, long text.
  B: {
    answers: [
      ['P1', 'Nam'],
      ['P2', 'Từ 50 tuổi trở lên'],
      ['P3', 'Trung cấp, cao đẳng'],
      ['P4', 'Đại diện doanh nghiệp'],
      ['P5', 'Cấp phiếu lý lịch tư pháp'],
      ['P6', 'Trực tiếp tại Trung tâm Phục vụ hành chính công tỉnh'],
      ['P7', '2021-09-15'],
      ['P8', '3'],
      ...RATINGS,
      ['Q3', 'Không'],
      ['Q4', 'Có'],
      ...AFTER_Q3,
      ['Q8', 'Đã sử dụng'],
      ['Q9', 'Bình thường'],
      ['Q10', 'Hài lòng'],
      ['Q11', 'Bình thường'],
      ['C1', 'Rút ngắn thời gian trả kết quả.'],
    ],
    hidden: [],
  },
  C: {
    answers: [
      ...PART_I,
      ...RATINGS,
      ['Q3', 'Có'],
      ...AFTER_Q3,
      ['Q8', 'Đã sử dụng'],
      ['Q9', 'Rất hài lòng'],
      ['Q10', 'Hài lòng'],
      ['Q11', 'Rất hài lòng'],
    ],
    hidden: ['Q4'],
  },
};

let tmp: string;
let dataDir: string;
let server: RunningServer | undefined;
let context: BrowserContext | undefined;
let page: Page | undefined;

beforeAll(async () => {
  ({ tmp, dataDir, server } = await openWorkspace('phieu-e2e-', PASSWORD));
}, 240_000);

afterAll(() => closeWorkspace({ context, server, tmp }), 60_000);

/** Runs the steps; on a failure saves a screenshot named after the step and says which step failed. */
async function steps(name: string, body: (step: (label: string) => void) => Promise<void>): Promise<void> {
  let current = 'start';
  try {
    await body((label) => (current = label));
  } catch (e) {
    const file = await screenshot(page, `e2e-${name}-${current}`);
    const where = `step "${current}"${file ? ` (screenshot: ${path.relative(process.cwd(), file)})` : ''}`;
    if (e instanceof Error) {
      e.message = `${where}: ${e.message}\n--- server output ---\n${server?.output().slice(-4000) ?? ''}`;
      throw e;
    }
    throw new Error(`${where}: ${String(e)}`);
  }
}

const home = (p: Page) => p.getByRole('heading', { level: 1, name: 'Phiếu của tôi' });
const cell = (p: Page, groupName: string) => p.locator('article.card').filter({ hasText: groupName });
const syncButton = (p: Page) => p.getByRole('button', { name: 'Đồng bộ ngay', exact: true });

/** What a fetch of /api/health from the page gets: 'rejected' (network error) or the status and content type. */
function probeApi(p: Page) {
  return p.evaluate(async () => {
    try {
      const r = await fetch('/api/health', { cache: 'no-store' });
      return { status: r.status, type: r.headers.get('content-type') ?? '' };
    } catch {
      return 'rejected' as const;
    }
  });
}

describe('the PWA against the real server', () => {
  it('serves the manifest with the Vietnamese name and 192, 512 and maskable icons', async () => {
    const url = server?.url ?? '';
    const html = await (await fetch(`${url}/`)).text();
    expect(html).toMatch(/<link rel="manifest" href="\/manifest\.webmanifest"/);
    const res = await fetch(`${url}/manifest.webmanifest`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/manifest\+json/);
    const manifest = (await res.json()) as {
      name: string;
      short_name: string;
      lang: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string; type: string; purpose?: string }[];
    };
    expect(manifest).toMatchObject({
      name: 'Phiếu — Điều tra xã hội học Chỉ số CCHC',
      short_name: 'Phiếu',
      lang: 'vi',
      start_url: '/',
      display: 'standalone',
    });
    const bySize = (size: string, purpose?: string) =>
      manifest.icons.find(
        (i) => i.sizes === size && (purpose ? i.purpose?.split(' ').includes(purpose) : !i.purpose || i.purpose.split(' ').includes('any')),
      );
    const wanted = [bySize('192x192'), bySize('512x512'), bySize('512x512', 'maskable')];
    for (const icon of wanted) {
      expect(icon).toBeDefined();
      const png = Buffer.from(await (await fetch(`${url}${icon?.src}`)).arrayBuffer());
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // IHDR: width and height, big-endian, at bytes 16 and 20.
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(icon?.sizes);
    }
  });

  it('collects three responses offline, keeps them through a browser restart, and syncs each exactly once', async () => {
    const url = server?.url ?? '';
    const profile = path.join(tmp, 'profile');
    const ids = { A: '', B: '', C: '' };

    await steps('offline-sync', async (step) => {
      step('sign-in-online');
      context = await launchProfile(profile);
      page = await onlyPage(context);
      await page.goto(`${url}/`);
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
      await page.getByLabel('Tên đăng nhập').fill('dieutra1');
      await page.getByLabel('Mật khẩu').fill(PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await home(page).waitFor();
      for (const name of CELLS) await cell(page, name).waitFor();
      expect(await page.locator('article.card').count()).toBe(3);
      await cell(page, GROUP_NAME).getByText('Phần của bạn: 0/15').waitFor();

      step('service-worker');
      await waitForServiceWorker(page);

      step('offline-reload');
      await context.setOffline(true);
      const reloaded = await page.reload();
      expect(reloaded?.fromServiceWorker()).toBe(true);
      await home(page).waitFor();
      await cell(page, GROUP_NAME).waitFor();
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);

      step('offline-api-not-from-cache');
      // The manifest and its icons come from the precache; the API never comes from the cache or the shell fallback.
      const cached = await page.evaluate(async () =>
        Promise.all(
          ['/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png', '/icons/icon-maskable-512.png'].map(
            async (u) => (await fetch(u)).status,
          ),
        ),
      );
      expect(cached).toEqual([200, 200, 200, 200]);
      expect(await probeApi(page)).toBe('rejected');
      // Neither is a navigation to it, while any other address gets the app shell from the service worker.
      const probe = await context.newPage();
      const apiNav = await probe.goto(`${url}/api/health`).then(
        (r) => ({ status: r?.status(), fromServiceWorker: r?.fromServiceWorker(), type: r?.headers()['content-type'] }),
        (e: unknown) => (String(e).includes('ERR_INTERNET_DISCONNECTED') ? 'offline' : String(e)),
      );
      expect(apiNav).toBe('offline');
      await probe.close();
      const other = await context.newPage();
      const shellNav = await other.goto(`${url}/khong-co-trang-nay`);
      expect(shellNav?.fromServiceWorker()).toBe(true);
      expect(shellNav?.headers()['content-type']).toMatch(/text\/html/);
      await home(other).waitFor(); // the app shell, routed to the home screen
      await other.close();

      step('fill-offline');
      const seen = (n: number) => page?.getByText(`${n} phiếu chờ gửi`, { exact: true }).waitFor();
      ids.A = await fillResponse(page, questionnaire, { groupName: GROUP_NAME }, plans.A);
      await seen(1);
      await page.getByText('1 tên trong danh sách nhận tiền chờ gửi', { exact: true }).waitFor(); // counted apart
      ids.B = await fillResponse(page, questionnaire, { groupName: GROUP_NAME }, plans.B);
      await seen(2);
      ids.C = await fillResponse(page, questionnaire, { groupName: GROUP_NAME }, plans.C);
      await seen(3);
      expect(new Set(Object.values(ids)).size).toBe(3);
      await cell(page, GROUP_NAME).getByText('trên máy chủ 0 · chưa đồng bộ 3').waitFor();
      await cell(page, GROUP_NAME).getByText('Phần của bạn: 3/15').waitFor();
      await page.getByText('Không có phiếu nháp').waitFor();
      const admin = await loginCookie(url, 'quantri', PASSWORD);
      expect(await listResponses(url, admin, CAMPAIGN)).toHaveLength(0); // nothing left the device

      step('restart-offline');
      await context.close();
      context = await launchProfile(profile, { offline: true });
      page = await onlyPage(context);
      const relaunched = await page.goto(`${url}/`);
      expect(relaunched?.fromServiceWorker()).toBe(true);
      await home(page).waitFor();
      await page.getByText('3 phiếu chờ gửi', { exact: true }).waitFor();
      await page.getByText('1 tên trong danh sách nhận tiền chờ gửi', { exact: true }).waitFor();
      await page.getByText('Không có mạng: sẽ tự gửi khi có mạng').waitFor(); // the start-up sync found no network
      await cell(page, GROUP_NAME).getByText('trên máy chủ 0 · chưa đồng bộ 3').waitFor();
      expect(await listResponses(url, admin, CAMPAIGN)).toHaveLength(0);

      step('online-lost-ack');
      // The network comes back, but the answer to the first push is lost on its way back: the server has committed
      // the batch, the device cannot know it. Later pushes fail too until the network settles.
      let flaky = true;
      let firstAnswer: { results: { status: string }[] } | undefined;
      let ackLost: () => void = () => undefined;
      const lost = new Promise<void>((resolve) => (ackLost = resolve));
      await context.route('**/api/sync/responses', async (route) => {
        if (!flaky) return route.fallback();
        if (firstAnswer) return route.abort('internetdisconnected');
        const answer = await route.fetch();
        firstAnswer = (await answer.json()) as { results: { status: string }[] };
        await route.abort('connectionreset');
        ackLost();
      });
      await context.setOffline(false);
      await syncButton(page).click();
      await lost;
      expect(firstAnswer?.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
      await syncButton(page).waitFor(); // that sync has ended (with a network error)
      await page.getByText('3 phiếu chờ gửi', { exact: true }).waitFor(); // nothing marked synced without an ack
      expect(await listResponses(url, admin, CAMPAIGN)).toHaveLength(3);

      step('online-sync');
      const secondPush = page.waitForResponse((r) => r.url().endsWith('/api/sync/responses') && r.request().method() === 'POST');
      flaky = false;
      await context.unroute('**/api/sync/responses');
      await syncButton(page).click();
      const second = (await (await secondPush).json()) as { results: { status: string }[] };
      expect(second.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
      await page.getByText('Đã gửi hết phiếu', { exact: true }).waitFor();
      await syncButton(page).waitFor(); // the sync (push, roster, pull) has finished
      await page.getByText(/^Đồng bộ thành công lần cuối: /).waitFor();
      await cell(page, GROUP_NAME).getByText('trên máy chủ 3 · chưa đồng bộ 0').waitFor();
      await cell(page, GROUP_NAME).getByText('Đã thu 3/30 · còn 27').waitFor();
      expect(await page.getByText(/chờ gửi/).count()).toBe(0);

      step('server-has-each-once');
      const stored = await listResponses(url, admin, CAMPAIGN, { unitId: UNIT, groupId: GROUP });
      expect(stored.map((r) => r.id).sort()).toEqual(Object.values(ids).sort());
      expect(await listResponses(url, admin, CAMPAIGN)).toHaveLength(3);
      const byId = new Map(stored.map((r) => [r.id, r]));
      for (const key of ['A', 'B', 'C'] as const) {
        const r = byId.get(ids[key]) as StoredResponse;
        expect(r, key).toMatchObject({
          unitId: UNIT,
          groupId: GROUP,
          questionnaireId: 'phieu-03-s',
          questionnaireVersion: questionnaire.version,
          overQuota: false,
        });
        expect(r.answers, key).toEqual(expectedAnswers(questionnaire, plans[key]));
      }
      const [a, b, c] = [byId.get(ids.A), byId.get(ids.B), byId.get(ids.C)] as StoredResponse[];
      expect(b?.answers).toMatchObject({ Q3: 'no', Q4: 'yes', P7: '2021-09-15', P8: 3 });
      expect(a?.answers.Q3).toBe('yes');
      expect(c?.answers.Q3).toBe('yes');
      expect(a?.answers).not.toHaveProperty('Q4');
      expect(c?.answers).not.toHaveProperty('Q4');
      expect(a?.answers).not.toHaveProperty('Q9'); // answered, then hidden by changing Q8: dropped
      expect([a?.mode, b?.mode, c?.mode]).toEqual(['self-filled', 'interview', 'interview']);
      expect(new Set(stored.map((r) => r.deviceId)).size).toBe(1);
      expect(new Set(stored.map((r) => r.surveyorId)).size).toBe(1);
      // The payment roster: one name, stored apart from the answers.
      const sqlite = new Database(path.join(dataDir, 'phieu.sqlite'), { readonly: true, fileMustExist: true });
      try {
        const roster = sqlite.prepare('SELECT * FROM roster_entries').all() as Record<string, unknown>[];
        expect(roster).toHaveLength(1);
        expect(roster[0]).toMatchObject({
          campaign_id: CAMPAIGN,
          unit_id: UNIT,
          group_id: GROUP,
          respondent_name: 'Nguyễn Thị Lan',
          phone: '0912345678',
        });
        expect(Object.values(roster[0] ?? {})).not.toEqual(expect.arrayContaining(Object.values(ids)));
      } finally {
        sqlite.close();
      }

      step('push-again');
      const pulled = page.waitForResponse((r) => r.url().endsWith('/api/sync/pull') && r.status() === 200);
      await syncButton(page).click();
      await pulled;
      await syncButton(page).waitFor();
      await page.getByText('Đã gửi hết phiếu', { exact: true }).waitFor();
      const again = await listResponses(url, admin, CAMPAIGN);
      expect(again.map((r) => [r.id, r.receivedAt]).sort()).toEqual(stored.map((r) => [r.id, r.receivedAt]).sort());
      await cell(page, GROUP_NAME).getByText('trên máy chủ 3 · chưa đồng bộ 0').waitFor();
    });
  });
});
