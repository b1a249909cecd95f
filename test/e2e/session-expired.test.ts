import path from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cell,
  deviceResponses,
  home,
  loginHeading,
  steps,
  submitSignIn,
  syncButton,
  waitForServiceWorker,
  waiting,
  watchPushes,
} from './helpers/app';
import { launchProfile, onlyPage } from './helpers/browser';
import {
  answerSection,
  expectedAnswers,
  expectSectionShows,
  fillResponse,
  finishResponse,
  readQuestionnaire,
  type ResponsePlan,
} from './helpers/fill';
import {
  closeWorkspace,
  openWorkspace,
  listResponses,
  loginCookie,
  phieuCli,
  type RunningServer,
  type StoredResponse,
} from './helpers/server';

/**
 * DESIGN §4 rule 7: the surveyor's session is revoked on the server while the device is offline, with one finalised
 * response queued and the next one half filled. Back online, the sync gets a 401: the queue stays, the app asks to
 * sign in again ("Phiên đăng nhập đã hết hạn"), and after signing in the queue goes out (each response exactly once),
 * the half-filled draft comes back as it was left, is finished, and goes out too.
 */

const PASSWORD = 'mat-khau-e2e-789';
const CAMPAIGN = 'quang-binh-2021';
const UNIT = 'so-tu-phap';
const GROUP = 'so-nguoi-dan';
const GROUP_NAME = 'Người dân, doanh nghiệp có giao dịch';
const EXPIRED = 'Phiên đăng nhập đã hết hạn. Đăng nhập lại để tiếp tục đồng bộ; phiếu trên máy vẫn được giữ.';

const questionnaire = readQuestionnaire(CAMPAIGN, 'phieu-03-s');

/** Finalised offline, with a name for the payment roster. */
const planA: ResponsePlan = {
  answers: [
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
    ['Q8', 'Đã sử dụng'],
    ['Q9', 'Bình thường'],
    ['Q10', 'Hài lòng'],
    ['Q11', 'Hài lòng'],
  ],
  hidden: ['Q4'],
  roster: { name: 'Lê Thị Hoa', organisation: 'Phường Đồng Phú' },
};

/** Answered before the session is revoked (the draft is then left open on its first section). */
const B_BEFORE: [string, string][] = [
  ['P1', 'Nam'],
  ['P2', 'Dưới 30 tuổi'],
  ['P3', 'Đại học'],
  ['P4', 'Đại diện doanh nghiệp'],
];
/** Typed just before the network comes back, and not left: the field is still being edited when the 401 arrives. */
const B_TYPED: [string, string] = ['P5', 'Cấp giấy phép kinh doanh'];
const planB: ResponsePlan = {
  answers: [
    ...B_BEFORE,
    B_TYPED,
    ['P6', 'Trực tiếp tại Trung tâm Phục vụ hành chính công tỉnh'],
    ['Q1', 'Bình thường'],
    ['Q2', 'Không hài lòng'],
    ['Q3', 'Không'],
    ['Q4', 'Có'],
    ['Q5', 'Không'],
    ['Q6', 'Bình thường'],
    ['Q7', 'Hài lòng'],
    ['Q8', 'Chưa sử dụng'],
    ['Q10', 'Bình thường'],
    ['Q11', 'Bình thường'],
  ],
  hidden: ['Q9'],
};

let tmp: string;
let dataDir: string;
let server: RunningServer | undefined;
let context: BrowserContext | undefined;
let page: Page | undefined;

beforeAll(async () => {
  ({ tmp, dataDir, server } = await openWorkspace('phieu-e2e-session-', PASSWORD));
}, 240_000);

afterAll(() => closeWorkspace({ context, server, tmp }), 60_000);

function rosterNames(): string[] {
  const sqlite = new Database(path.join(dataDir, 'phieu.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (
      sqlite.prepare('SELECT respondent_name FROM roster_entries ORDER BY respondent_name').all() as { respondent_name: string }[]
    ).map((r) => r.respondent_name);
  } finally {
    sqlite.close();
  }
}

const isPush = (status: number) => (r: { url(): string; status(): number; request(): { method(): string } }) =>
  r.url().endsWith('/api/sync/responses') && r.request().method() === 'POST' && r.status() === status;

describe('the session is revoked while the surveyor is offline', () => {
  it('keeps the queue and the draft, asks to sign in again, then syncs each response exactly once', async () => {
    const url = server?.url ?? '';
    const ids = { A: '', B: '' };

    await steps('session-expired', { page: () => page, serverOutput: () => server?.output() ?? '' }, async (step) => {
      step('sign-in-online');
      context = await launchProfile(path.join(tmp, 'profile'));
      page = await onlyPage(context);
      const pushes = watchPushes(page);
      await page.goto(`${url}/`);
      await submitSignIn(page, 'dieutra1', PASSWORD);
      await home(page).waitFor();
      await cell(page, GROUP_NAME).getByText('trên máy chủ 0 · chưa đồng bộ 0').waitFor();
      await waitForServiceWorker(page);

      step('fill-offline');
      await context.setOffline(true);
      await page.waitForFunction(() => !navigator.onLine);
      ids.A = await fillResponse(page, questionnaire, { groupName: GROUP_NAME }, planA);
      await waiting(page, 1).waitFor();
      await page.getByText('1 tên trong danh sách nhận tiền chờ gửi', { exact: true }).waitFor();

      step('draft-offline');
      await cell(page, GROUP_NAME).getByRole('link', { name: 'Thu phiếu mới' }).click();
      await page.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
      await page.waitForURL(/\/fill\/[0-9a-f-]{36}$/);
      ids.B = /\/fill\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
      await answerSection(page, questionnaire, 0, B_BEFORE);

      step('revoke-sessions');
      const out = await phieuCli(dataDir, ['revoke-sessions', '--username', 'dieutra1']);
      expect(out).toContain('Đã thu hồi 1 phiên của dieutra1');
      // The device's cookie is the one revoked.
      const deviceCookie = (await context.cookies(url)).find((c) => c.name === 'phieu_session');
      expect(deviceCookie).toBeDefined();
      const me = await fetch(`${url}/api/auth/me`, { headers: { cookie: `${deviceCookie?.name}=${deviceCookie?.value}` } });
      expect(me.status).toBe(401);

      step('online-401');
      await answerSection(page, questionnaire, 0, [B_TYPED], { blur: false });
      const unauthorized = page.waitForResponse(isPush(401));
      await context.setOffline(false); // the "online" event starts a sync
      await unauthorized;
      await loginHeading(page).waitFor();
      await page.getByText(EXPIRED, { exact: true }).waitFor();
      expect(page.url()).toBe(`${url}/fill/${ids.B}`);

      step('queue-kept');
      const admin = await loginCookie(url, 'quantri', PASSWORD);
      expect(await listResponses(url, admin, CAMPAIGN)).toHaveLength(0);
      expect(rosterNames()).toEqual([]);
      const byState = async () => (await deviceResponses(page as Page)).map((r) => ({ id: r.id, state: r.state, answers: r.answers }));
      // The typed text is saved when its field goes away with the form (or by the input's short pause).
      await expect.poll(byState, { timeout: 5_000 }).toEqual(
        expect.arrayContaining([
          { id: ids.A, state: 'queued', answers: expectedAnswers(questionnaire, planA) },
          { id: ids.B, state: 'draft', answers: expectedAnswers(questionnaire, { answers: [...B_BEFORE, B_TYPED], hidden: [] }) },
        ]),
      );
      expect(await byState()).toHaveLength(2);

      step('sign-in-again');
      const pushed = page.waitForResponse(isPush(200));
      const pulled = page.waitForResponse((r) => r.url().endsWith('/api/sync/pull') && r.status() === 200);
      await submitSignIn(page, 'dieutra1', PASSWORD);
      const first = (await (await pushed).json()) as { results: { status: string }[] };
      expect(first.results.map((r) => r.status)).toEqual(['accepted']);
      await pulled;
      // Back where the surveyor was: the draft, on its first section, as it was left.
      await page.getByRole('heading', { name: questionnaire.title }).waitFor();
      expect(page.url()).toBe(`${url}/fill/${ids.B}`);
      await expectSectionShows(page, questionnaire, 0, [...B_BEFORE, B_TYPED]);

      step('queue-sent');
      const afterLogin = await listResponses(url, admin, CAMPAIGN);
      expect(afterLogin.map((r) => r.id)).toEqual([ids.A]);
      expect(afterLogin[0]?.answers).toEqual(expectedAnswers(questionnaire, planA));
      expect(rosterNames()).toEqual(['Lê Thị Hoa']);

      step('finish-draft');
      expect(await finishResponse(page, questionnaire, planB)).toBe(ids.B);
      await waiting(page, 1).waitFor();
      await page.getByText('Không có phiếu nháp').waitFor();
      await syncButton(page).click();
      await page.getByText('Đã gửi 1 phiếu', { exact: true }).waitFor();
      await page.getByText('Đã gửi hết phiếu', { exact: true }).waitFor();
      await syncButton(page).waitFor();
      await cell(page, GROUP_NAME).getByText('trên máy chủ 2 · chưa đồng bộ 0').waitFor();

      step('server-has-each-once');
      const stored = await listResponses(url, admin, CAMPAIGN);
      expect(stored.map((r) => r.id).sort()).toEqual([ids.A, ids.B].sort());
      for (const [id, plan] of [
        [ids.A, planA],
        [ids.B, planB],
      ] as const) {
        const r = stored.find((x) => x.id === id) as StoredResponse;
        expect(r).toMatchObject({
          unitId: UNIT,
          groupId: GROUP,
          questionnaireId: 'phieu-03-s',
          questionnaireVersion: questionnaire.version,
        });
        expect(r.answers).toEqual(expectedAnswers(questionnaire, plan));
      }
      expect(new Set(stored.map((r) => r.surveyorId)).size).toBe(1);
      expect(rosterNames()).toEqual(['Lê Thị Hoa']);
      const outcomes = await pushes.outcomes();
      expect(outcomes.sort((x, y) => x.id.localeCompare(y.id))).toEqual(
        [
          { id: ids.A, status: 'accepted' },
          { id: ids.B, status: 'accepted' },
        ].sort((x, y) => x.id.localeCompare(y.id)),
      );
      pushes.stop();
    });
  });
});
