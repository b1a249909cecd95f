import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceResponses, home, steps, submitSignIn, waitForServiceWorker, type DeviceResponse } from './helpers/app';
import { launchProfile, onlyPage } from './helpers/browser';
import { answerSection, readQuestionnaire } from './helpers/fill';
import { closeWorkspace, openWorkspace, type RunningServer } from './helpers/server';

/**
 * Issue 13, the answer save that writes without reading first (src/client/db/responses.ts, answerSaver), in Chromium's
 * own IndexedDB: the same draft open in two tabs keeps the answers of both, and a tab left open on a draft that was
 * finalised elsewhere can neither revert it nor change one answer; it says why.
 */

const PASSWORD = 'mat-khau-e2e-two-tabs';
const GROUP_NAME = 'Người dân, doanh nghiệp có giao dịch';
const questionnaire = readQuestionnaire('quang-binh-2021', 'phieu-03-s');

let tmp: string;
let server: RunningServer | undefined;
let context: BrowserContext | undefined;
let page: Page | undefined;

beforeAll(async () => {
  ({ tmp, server } = await openWorkspace('phieu-e2e-two-tabs-', PASSWORD));
}, 240_000);

afterAll(() => closeWorkspace({ context, server, tmp }), 60_000);

async function draftOf(p: Page, id: string): Promise<DeviceResponse | undefined> {
  return (await deviceResponses(p)).find((r) => r.id === id);
}

/** What "Hoàn thành" does to a draft, done from another tab straight in IndexedDB (the app's tab is not told). */
function finaliseElsewhere(p: Page, id: string): Promise<void> {
  return p.evaluate(
    (rid) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('phieu');
        open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('responses', 'readwrite');
          const store = tx.objectStore('responses');
          const get = store.get(rid);
          get.onsuccess = () => {
            const at = new Date().toISOString();
            store.put({ ...(get.result as object), state: 'queued', finishedAt: at, queuedAt: at, updatedAt: at });
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onabort = () => reject(tx.error ?? new Error('aborted'));
        };
      }),
    id,
  );
}

describe('one draft in two tabs', () => {
  it("keeps both tabs' answers, and a stale tab never changes a draft finalised elsewhere", async () => {
    const url = server?.url ?? '';
    await steps('two-tabs', { page: () => page, serverOutput: () => server?.output() ?? '' }, async (step) => {
      step('sign-in');
      context = await launchProfile(path.join(tmp, 'profile'));
      page = await onlyPage(context);
      await page.goto(`${url}/`);
      await submitSignIn(page, 'dieutra1', PASSWORD);
      await home(page).waitFor();
      await waitForServiceWorker(page);

      step('first-tab');
      await page.locator('article.card').filter({ hasText: GROUP_NAME }).getByRole('link', { name: 'Thu phiếu mới' }).click();
      await page.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
      await page.waitForURL(/\/fill\/[0-9a-f-]{36}$/);
      const id = /\/fill\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
      await answerSection(page, questionnaire, 0, [['P1', 'Nữ']]);
      await expect.poll(async () => (await draftOf(page!, id))?.answers).toEqual({ P1: 'nu' });

      step('second-tab');
      const second = await context.newPage();
      await second.goto(`${url}/fill/${id}`);
      await answerSection(second, questionnaire, 0, [['P2', 'Từ 30 đến 39 tuổi']]);
      await expect.poll(async () => Object.keys((await draftOf(second, id))?.answers ?? {}).sort()).toEqual(['P1', 'P2']);

      step('first-tab-again');
      // The first tab last wrote {P1}: its next save finds the row changed, reads it, and keeps P2.
      await answerSection(page, questionnaire, 0, [['P3', 'Đại học']]);
      await expect.poll(async () => Object.keys((await draftOf(page!, id))?.answers ?? {}).sort()).toEqual(['P1', 'P2', 'P3']);
      await answerSection(page, questionnaire, 0, [['P1', 'Nam']]); // and the next one goes without reading
      await expect.poll(async () => (await draftOf(page!, id))?.answers.P1).toBe('nam');

      step('finalised-elsewhere');
      await finaliseElsewhere(second, id);
      const finalised = await draftOf(page, id);
      expect(finalised?.state).toBe('queued');
      await answerSection(page, questionnaire, 0, [['P1', 'Nữ']]);
      await page.getByText('Không lưu được: phiếu này đã hoàn thành (có thể ở một cửa sổ khác), không sửa được nữa.').waitFor();
      expect(await draftOf(page, id)).toEqual(finalised);
      await second.close();
    });
  }, 180_000);
});
