import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import { screenshot } from './browser';

/** What the e2e scenarios look for on the surveyor's screens (texts from src/client/i18n/vi.ts). */
export const home = (p: Page) => p.getByRole('heading', { level: 1, name: 'Phiếu của tôi' });
export const loginHeading = (p: Page) => p.getByRole('heading', { level: 1, name: 'Đăng nhập' });
export const cell = (p: Page, groupName: string) => p.locator('article.card').filter({ hasText: groupName });
export const syncButton = (p: Page) => p.getByRole('button', { name: 'Đồng bộ ngay', exact: true });
export const waiting = (p: Page, n: number) => p.getByText(`${n} phiếu chờ gửi`, { exact: true });

/**
 * Runs the steps of a scenario; on a failure saves a screenshot (test-results/) named after the step, and puts the
 * step and the end of the server's output in the error.
 */
export async function steps(
  name: string,
  ctx: { page: () => Page | undefined; serverOutput: () => string },
  body: (step: (label: string) => void) => Promise<void>,
): Promise<void> {
  let current = 'start';
  try {
    await body((label) => (current = label));
  } catch (e) {
    const file = await screenshot(ctx.page(), `e2e-${name}-${current}`);
    const where = `step "${current}"${file ? ` (screenshot: ${path.relative(process.cwd(), file)})` : ''}`;
    if (e instanceof Error) {
      e.message = `${where}: ${e.message}\n--- server output ---\n${ctx.serverOutput().slice(-4000)}`;
      throw e;
    }
    throw new Error(`${where}: ${String(e)}`);
  }
}

/** Fills the sign-in form and submits it (the caller waits for what should follow). */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await loginHeading(page).waitFor();
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

/**
 * Waits until the app's service worker is installed and controls the page. registerType 'prompt' does not claim
 * open pages: the page loaded before the first install is controlled after it is loaded again.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.getByText('Ứng dụng đã sẵn sàng dùng không cần mạng').waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload();
    await home(page).waitFor();
  }
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
}

export interface DeviceResponse {
  id: string;
  state: 'draft' | 'queued' | 'synced' | 'rejected';
  answers: Record<string, unknown>;
}

/** The responses the device holds, read straight from its IndexedDB (database "phieu", store "responses"). */
export function deviceResponses(page: Page): Promise<DeviceResponse[]> {
  return page.evaluate(
    () =>
      new Promise<DeviceResponse[]>((resolve, reject) => {
        const open = indexedDB.open('phieu');
        open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('responses', 'readonly').objectStore('responses').getAll();
          all.onerror = () => reject(all.error ?? new Error('getAll failed'));
          all.onsuccess = () => {
            db.close();
            resolve((all.result as DeviceResponse[]).map((r) => ({ id: r.id, state: r.state, answers: r.answers })));
          };
        };
      }),
  );
}

export interface PushOutcome {
  id: string;
  status: string;
}

/**
 * Records, per response id, what the server answered to every response push that got an answer to the page
 * (POST /api/sync/responses, 200). `outcomes()` waits for the answers still being read.
 */
export function watchPushes(page: Page): { outcomes: () => Promise<PushOutcome[]>; stop: () => void } {
  const pending: Promise<PushOutcome[]>[] = [];
  const onResponse = (r: Response) => {
    if (!r.url().endsWith('/api/sync/responses') || r.request().method() !== 'POST' || r.status() !== 200) return;
    const sent = (r.request().postDataJSON() as { responses: { id: string }[] }).responses;
    pending.push(
      r.json().then(
        (body: { results: { status: string }[] }) => sent.map((s, i) => ({ id: s.id, status: body.results[i]?.status ?? 'missing' })),
        () => sent.map((s) => ({ id: s.id, status: 'unreadable' })),
      ),
    );
  };
  page.on('response', onResponse);
  return {
    outcomes: async () => (await Promise.all(pending)).flat(),
    stop: () => page.off('response', onResponse),
  };
}

/** One value of the device's "meta" store (e.g. "lastSyncAt"), read straight from its IndexedDB. */
export function deviceMeta(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (k) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('phieu');
        open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('meta', 'readonly').objectStore('meta').get(k);
          get.onerror = () => reject(get.error ?? new Error('get failed'));
          get.onsuccess = () => {
            db.close();
            resolve((get.result as { value?: unknown } | undefined)?.value);
          };
        };
      }),
    key,
  );
}
