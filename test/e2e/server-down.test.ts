import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cell,
  deviceMeta,
  deviceResponses,
  home,
  steps,
  submitSignIn,
  syncButton,
  waitForServiceWorker,
  waiting,
  watchPushes,
  type PushOutcome,
} from './helpers/app';
import { launchProfile, onlyPage, screenshot } from './helpers/browser';
import { expectedAnswers, fillResponse, readQuestionnaire, type ResponsePlan } from './helpers/fill';
import {
  closeWorkspace,
  openWorkspace,
  killServer,
  listResponses,
  loginCookie,
  portOf,
  startServer,
  startServerOnPort,
  type RunningServer,
  type StoredResponse,
} from './helpers/server';

/**
 * The server dies, the browser is still online (DESIGN §4 rules 4 and 5): the surveyor keeps collecting, "Đồng bộ
 * ngay" fails like a lost network and keeps every response queued; the server process comes back on the same data
 * folder and port, and the backoff retry (no button pressed) gets each response to it exactly once. Then the worst
 * moment: the server is killed right after it committed a push and before the device got the answer; after the
 * restart the same push is a duplicate, not a second copy.
 */

const PASSWORD = 'mat-khau-e2e-456';
const CAMPAIGN = 'quang-binh-2021';
const UNIT = 'so-tu-phap';
const GROUP = 'so-nguoi-dan';
const GROUP_NAME = 'Người dân, doanh nghiệp có giao dịch';
// Online, but the server cannot be reached: the app says it will retry (not "no network").
const UNREACHABLE = /^Máy chủ chưa nhận được; sẽ thử lại sau \d+ giây$/;

const questionnaire = readQuestionnaire(CAMPAIGN, 'phieu-03-s');

const plans: Record<'A' | 'B' | 'C', ResponsePlan> = {
  // Q3 "Có": Q4 stays hidden; Q8 "Chưa sử dụng": Q9 too. A name for the payment roster.
  A: {
    answers: [
      ['P1', 'Nam'],
      ['P2', 'Dưới 30 tuổi'],
      ['P3', 'Đại học'],
      ['P4', 'Cá nhân'],
      ['P6', 'Qua dịch vụ bưu chính công ích'],
      ['Q1', 'Bình thường'],
      ['Q2', 'Hài lòng'],
      ['Q3', 'Có'],
      ['Q5', 'Không'],
      ['Q6', 'Rất hài lòng'],
      ['Q7', 'Hài lòng'],
      ['Q8', 'Chưa sử dụng'],
      ['Q10', 'Không biết'],
      ['Q11', 'Hài lòng'],
    ],
    hidden: ['Q4', 'Q9'],
    roster: { name: 'Trần Văn Bình', phone: '0987654321' },
  },
  // Self-filled, late (Q4 shown), with text, a date, a number and a comment.
  B: {
    mode: 'Người trả lời tự điền',
    answers: [
      ['P1', 'Nữ'],
      ['P2', 'Từ 40 đến 49 tuổi'],
      ['P3', 'Sau đại học'],
      ['P4', 'Đại diện tổ chức'],
      ['P5', 'Đăng ký khai sinh'],
      ['P6', 'Trực tiếp tại Trung tâm Phục vụ hành chính công tỉnh'],
      ['P7', '2021-10-02'],
      ['P8', '2'],
      ['Q1', 'Không hài lòng'],
      ['Q2', 'Bình thường'],
      ['Q3', 'Không'],
      ['Q4', 'Không'],
      ['Q5', 'Không nhớ'],
      ['Q6', 'Bình thường'],
      ['Q7', 'Không hài lòng'],
      ['Q8', 'Đã sử dụng'],
      ['Q9', 'Không hài lòng'],
      ['Q10', 'Bình thường'],
      ['Q11', 'Không hài lòng'],
      ['C1', 'Máy chủ hay bị mất kết nối.'],
    ],
    hidden: [],
  },
  C: {
    answers: [
      ['P1', 'Nữ'],
      ['P2', 'Từ 50 tuổi trở lên'],
      ['P3', 'Trung học phổ thông trở xuống'],
      ['P4', 'Cá nhân'],
      ['P6', 'Trực tuyến qua Cổng Dịch vụ công'],
      ['Q1', 'Rất hài lòng'],
      ['Q2', 'Rất hài lòng'],
      ['Q3', 'Không nhớ'],
      ['Q5', 'Không'],
      ['Q6', 'Hài lòng'],
      ['Q7', 'Rất hài lòng'],
      ['Q8', 'Đã sử dụng'],
      ['Q9', 'Hài lòng'],
      ['Q10', 'Hài lòng'],
      ['Q11', 'Rất hài lòng'],
    ],
    hidden: ['Q4'],
  },
};

let tmp: string;
let dataDir: string;
let clientDir: string;
let server: RunningServer | undefined;
let context: BrowserContext | undefined;
let page: Page | undefined;

beforeAll(async () => {
  ({ tmp, clientDir, dataDir, server } = await openWorkspace('phieu-e2e-down-', PASSWORD));
}, 240_000);

afterAll(() => closeWorkspace({ context, server, tmp }), 60_000);

/** What a fetch of /api/health from the page gets: 'rejected' (network error) or the HTTP status. */
function probeApi(p: Page) {
  return p.evaluate(async () => {
    try {
      return (await fetch('/api/health', { cache: 'no-store' })).status;
    } catch {
      return 'rejected' as const;
    }
  });
}

/** Per response id, the statuses the server answered, in order. */
function byId(outcomes: PushOutcome[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const o of outcomes) (out[o.id] ??= []).push(o.status);
  return out;
}

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

describe('the server process dies and comes back', () => {
  it('keeps what was collected while it was down, then sends each response exactly once, even when it died right after a commit', async () => {
    const url = server?.url ?? '';
    const port = portOf(server as RunningServer);
    const ids = { A: '', B: '', C: '' };
    const restart = async () => {
      server = await startServerOnPort({ dataDir, clientDir, password: PASSWORD, port });
      expect(server.url).toBe(url); // the same origin: the same service worker, IndexedDB and cookie
    };

    await steps('server-down', { page: () => page, serverOutput: () => server?.output() ?? '' }, async (step) => {
      step('sign-in');
      context = await launchProfile(path.join(tmp, 'profile'));
      page = await onlyPage(context);
      const pushes = watchPushes(page);
      await page.goto(`${url}/`);
      await submitSignIn(page, 'dieutra1', PASSWORD);
      await home(page).waitFor();
      await cell(page, GROUP_NAME).getByText('trên máy chủ 0 · chưa đồng bộ 0').waitFor();
      await waitForServiceWorker(page);
      await page.getByText(/^Đồng bộ thành công lần cuối: /).waitFor(); // the sign-in's sync: nothing to send, a pull
      // The sign-in may start more than one sync (its own, the engine's first load, the service worker's arrival), one
      // after the other: the baseline is the last success once none has come for 1.5 s.
      let signedInSync = await deviceMeta(page, 'lastSyncAt');
      for (let quiet = 0; quiet < 3;) {
        await page.waitForTimeout(500);
        const latest = await deviceMeta(page, 'lastSyncAt');
        quiet = latest === signedInSync ? quiet + 1 : 0;
        signedInSync = latest;
      }
      expect(signedInSync).toEqual(expect.any(String));

      step('server-killed');
      await killServer(server as RunningServer);
      expect(await probeApi(page)).toBe('rejected');
      expect(await page.evaluate(() => navigator.onLine)).toBe(true); // the device still has a network

      step('fill-while-down');
      ids.A = await fillResponse(page, questionnaire, { groupName: GROUP_NAME }, plans.A);
      await waiting(page, 1).waitFor();
      ids.B = await fillResponse(page, questionnaire, { groupName: GROUP_NAME }, plans.B);
      await waiting(page, 2).waitFor();
      expect(ids.A).not.toBe(ids.B);

      step('sync-while-down');
      await syncButton(page).click();
      await page.getByText(UNREACHABLE).waitFor();
      await syncButton(page).waitFor(); // that sync has ended
      await waiting(page, 2).waitFor();
      await page.getByText('1 tên trong danh sách nhận tiền chờ gửi', { exact: true }).waitFor();
      expect(await deviceMeta(page, 'lastSyncAt')).toBe(signedInSync); // a failed sync is not a success
      await cell(page, GROUP_NAME).getByText('trên máy chủ 0 · chưa đồng bộ 2').waitFor();
      await page.getByText('Không có phiếu nháp').waitFor();
      const held = await deviceResponses(page);
      expect(held.map((r) => [r.id, r.state]).sort()).toEqual(
        [
          [ids.A, 'queued'],
          [ids.B, 'queued'],
        ].sort(),
      );
      for (const key of ['A', 'B'] as const)
        expect(held.find((r) => r.id === ids[key])?.answers, key).toEqual(expectedAnswers(questionnaire, plans[key]));

      step('reload-while-down');
      const reloaded = await page.reload();
      expect(reloaded?.fromServiceWorker()).toBe(true);
      await home(page).waitFor();
      await waiting(page, 2).waitFor();
      await page.getByText(UNREACHABLE).waitFor(); // the start-up sync could not reach the server either

      step('server-back');
      await restart();
      // No button: the backoff retry armed by the failed start-up sync (at most 5 s, then 10 s, … while the server
      // was still starting) finds the server back and sends both.
      await page.getByText('Đã gửi hết phiếu', { exact: true }).waitFor({ timeout: 60_000 });
      await page
        .getByRole('status')
        .getByText(/^Đã gửi \d+ phiếu$/)
        .waitFor(); // that sync's report
      await syncButton(page).waitFor();
      expect(await deviceMeta(page, 'lastSyncAt')).not.toBe(signedInSync);
      await cell(page, GROUP_NAME).getByText('trên máy chủ 2 · chưa đồng bộ 0').waitFor();
      expect(await page.getByText(/chờ gửi/).count()).toBe(0);

      step('server-has-each-once');
      const admin = await loginCookie(url, 'quantri', PASSWORD);
      const stored = await listResponses(url, admin, CAMPAIGN);
      expect(stored.map((r) => r.id).sort()).toEqual([ids.A, ids.B].sort());
      for (const key of ['A', 'B'] as const) {
        const r = stored.find((x) => x.id === ids[key]) as StoredResponse;
        expect(r, key).toMatchObject({
          unitId: UNIT,
          groupId: GROUP,
          questionnaireId: 'phieu-03-s',
          questionnaireVersion: questionnaire.version,
        });
        expect(r.answers, key).toEqual(expectedAnswers(questionnaire, plans[key]));
      }
      expect(stored.find((r) => r.id === ids.B)?.mode).toBe('self-filled');
      expect(byId(await pushes.outcomes())).toEqual({ [ids.A]: ['accepted'], [ids.B]: ['accepted'] });
      expect(rosterNames()).toEqual(['Trần Văn Bình']);

      step('killed-after-commit');
      ids.C = await fillResponse(page, questionnaire, { groupName: GROUP_NAME }, plans.C);
      await waiting(page, 1).waitFor();
      let committed: PushOutcome[] | undefined;
      let markDead: () => void = () => undefined;
      const dead = new Promise<void>((resolve) => (markDead = resolve));
      await context.route('**/api/sync/responses', async (route) => {
        if (committed) return route.fallback();
        // The server answers only after the batch is durably committed (rule 4); it dies before the answer leaves.
        const answer = await route.fetch();
        const sent = (route.request().postDataJSON() as { responses: { id: string }[] }).responses;
        const body = (await answer.json()) as { results: { status: string }[] };
        committed = sent.map((s, i) => ({ id: s.id, status: body.results[i]?.status ?? 'missing' }));
        await killServer(server as RunningServer);
        await route.abort('connectionreset');
        markDead();
      });
      await syncButton(page).click();
      await dead;
      expect(committed).toEqual([{ id: ids.C, status: 'accepted' }]);
      await page.getByText(UNREACHABLE).waitFor();
      await syncButton(page).waitFor();
      await waiting(page, 1).waitFor(); // no answer, so not marked synced
      expect((await deviceResponses(page)).find((r) => r.id === ids.C)?.state).toBe('queued');

      step('server-back-again');
      await restart();
      await context.unroute('**/api/sync/responses');
      await syncButton(page).click();
      await page.getByText('Đã gửi hết phiếu', { exact: true }).waitFor();
      await syncButton(page).waitFor();
      await cell(page, GROUP_NAME).getByText('trên máy chủ 3 · chưa đồng bộ 0').waitFor();

      step('server-has-each-once-again');
      const admin2 = await loginCookie(url, 'quantri', PASSWORD);
      const after = await listResponses(url, admin2, CAMPAIGN);
      expect(after.map((r) => r.id).sort()).toEqual([ids.A, ids.B, ids.C].sort());
      expect(after.find((r) => r.id === ids.C)?.answers).toEqual(expectedAnswers(questionnaire, plans.C));
      // A and B untouched by the second crash.
      for (const r of stored) expect(after.find((x) => x.id === r.id)).toEqual(r);
      // C: accepted once (by the push whose answer was lost), then only duplicates.
      const seen = byId(await pushes.outcomes());
      expect(seen[ids.A]).toEqual(['accepted']);
      expect(seen[ids.B]).toEqual(['accepted']);
      expect(seen[ids.C]?.length).toBeGreaterThan(0);
      expect(new Set(seen[ids.C])).toEqual(new Set(['duplicate']));
      expect((await deviceResponses(page)).map((r) => r.state)).toEqual(['synced', 'synced', 'synced']);
      pushes.stop();
    });
  });

  // Regression: the report after a sync counted payment-roster names as responses ("Đã gửi 2 phiếu" for one).
  it('reports the number of responses sent, not responses plus roster names', async () => {
    // Its own server and data folder: the count it checks does not depend on the scenario above.
    const ownData = path.join(tmp, 'data-count');
    mkdirSync(ownData);
    const own = await startServer({ dataDir: ownData, clientDir, password: PASSWORD });
    const ctx = await launchProfile(path.join(tmp, 'profile-count'));
    try {
      const p = await onlyPage(ctx);
      await p.goto(`${own.url}/`);
      await submitSignIn(p, 'dieutra1', PASSWORD);
      await home(p).waitFor();
      await cell(p, GROUP_NAME).getByText('trên máy chủ 0 · chưa đồng bộ 0').waitFor();
      await fillResponse(p, questionnaire, { groupName: GROUP_NAME }, plans.A); // one response, one roster name
      await waiting(p, 1).waitFor();
      await p.getByText('1 tên trong danh sách nhận tiền chờ gửi', { exact: true }).waitFor();
      await syncButton(p).click();
      await p.getByText('Đã gửi hết phiếu', { exact: true }).waitFor();
      await syncButton(p).waitFor();
      await cell(p, GROUP_NAME).getByText('trên máy chủ 1 · chưa đồng bộ 0').waitFor();
      const report = p.getByRole('status').getByText(/^Đã gửi \d+ phiếu$/);
      await report.waitFor();
      expect(await report.textContent()).toBe('Đã gửi 1 phiếu'); // shows "Đã gửi 2 phiếu"
    } catch (e) {
      await screenshot(ctx.pages()[0], 'e2e-server-down-sent-count');
      throw e;
    } finally {
      await ctx.close().catch(() => undefined);
      await own.stop();
    }
  });
});
