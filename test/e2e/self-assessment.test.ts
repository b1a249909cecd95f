import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Framework, SelfAssessment } from '../../src/shared';
import { steps, submitSignIn } from './helpers/app';
import { launchBrowser } from './helpers/browser';
import { apiCall, closeWorkspace, loginCookie, openWorkspace, root, type Workspace } from './helpers/server';
import { SIGNED_PDF } from './helpers/signed-report';

/**
 * Self-assessment (issue 6) in a real Chromium against the real server process: the sample coordinator of Sở Tư pháp
 * scores two items (one with an uploaded PDF, one with an explanation), reviews what is missing, has the rest filled
 * through the API, submits, and finds everything locked. The reference campaign's deadline (15/12/2021) is long past,
 * so Home Affairs first sets the campaign rule to "accept and flag late".
 */

const PASSWORD = 'mat-khau-e2e-tu-danh-gia';
const CAMPAIGN = 'quang-binh-2021';
const BASE = `/api/self-assessments/${CAMPAIGN}/so-tu-phap`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const FILE_NAME = 'Kế hoạch CCHC năm 2021.pdf';
const framework = JSON.parse(
  readFileSync(path.join(root, 'survey-definitions', CAMPAIGN, 'frameworks', 'department.json'), 'utf8'),
) as Framework;
const appraised = framework.fields.flatMap((f) =>
  f.criteria.flatMap((c) => c.subCriteria.filter((s) => s.method === 'appraised').map((s) => s.code)),
);

let ws: Workspace | undefined;
let browser: Browser | undefined;
let page: Page | undefined;

const api = (cookie: string, method: string, url: string, body?: unknown): Promise<Response> =>
  apiCall(ws!.server.url, cookie, method, url, body);

beforeAll(async () => {
  ws = await openWorkspace('phieu-e2e-sa-', PASSWORD);
  const admin = await loginCookie(ws.server.url, 'quantri', PASSWORD);
  const res = await api(admin, 'PUT', `/api/campaigns/${CAMPAIGN}/settings`, { selfAssessmentLate: 'flag' });
  if (res.status !== 200) throw new Error(`settings: ${res.status} ${await res.text()}`);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await closeWorkspace({ tmp: ws?.tmp, server: ws?.server });
});

const card = (p: Page, code: string): Locator => p.locator(`article[id="tc-${code}"]`);

describe('self-assessment in a real browser', () => {
  it('fills items with a file and an explanation, reviews, submits, and is locked', async () => {
    await steps('self-assessment', { page: () => page, serverOutput: () => ws?.server.output() ?? '' }, async (step) => {
      step('sign in');
      const context = await browser!.newContext({
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
        viewport: { width: 1280, height: 900 },
      });
      context.setDefaultTimeout(30_000);
      const p = (page = await context.newPage());
      await p.goto(ws!.server.url);
      await submitSignIn(p, 'daumoi', PASSWORD);
      await p.getByRole('heading', { level: 1, name: 'Tiến độ thu phiếu — Sở Tư pháp' }).waitFor();

      step('entry: a score with a PDF');
      await p.getByRole('link', { name: 'Tự đánh giá', exact: true }).click();
      await p.getByRole('heading', { level: 1, name: 'Tự đánh giá chỉ số CCHC — Sở Tư pháp' }).waitFor();
      const first = card(p, '1.1.1');
      await first.getByLabel('Điểm tự đánh giá', { exact: true }).fill('1');
      await first.getByLabel('Điểm tự đánh giá', { exact: true }).blur();
      await first.getByText(/^Đã lưu lúc \d\d:\d\d$/).waitFor();
      await first
        .getByLabel('Tải tệp lên (chọn được nhiều tệp)')
        .setInputFiles({ name: FILE_NAME, mimeType: 'application/pdf', buffer: PDF });
      await first.getByText('Đã tải lên và gắn 1 tệp.').waitFor();
      const link = first.getByRole('link', { name: FILE_NAME });
      const download = await p.request.get(new URL((await link.getAttribute('href'))!, ws!.server.url).toString());
      expect(download.status()).toBe(200);
      expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);

      step('entry: a score with an explanation');
      const second = card(p, '1.1.2');
      await second.getByLabel('Điểm tự đánh giá', { exact: true }).fill('0.5');
      await second
        .getByLabel('Giải trình', { exact: true })
        .fill('Hoàn thành 9/10 nhiệm vụ của kế hoạch; nhiệm vụ còn lại chuyển sang năm 2022.');
      // Saved after the pause, without leaving the box.
      await second.getByText(/^Đã lưu lúc/).waitFor();
      await p.getByText('Tổng điểm tự đánh giá: 1,5/70 điểm').waitFor();

      step('review lists what is missing');
      await p.getByRole('link', { name: 'Rà soát & gửi' }).click();
      await p.getByRole('heading', { level: 2, name: `Cần hoàn thiện (${appraised.length - 2})` }).waitFor();

      step('the rest through the API');
      const cookie = await loginCookie(ws!.server.url, 'daumoi', PASSWORD);
      const current = (await (await api(cookie, 'GET', BASE)).json()) as SelfAssessment;
      const version = new Map(current.items.map((i) => [i.code, i.version]));
      for (const code of appraised.filter((c) => c !== '1.1.1' && c !== '1.1.2')) {
        const res = await api(cookie, 'PUT', `${BASE}/items/${code}`, {
          version: version.get(code) ?? 0,
          score: 0,
          explanation: null,
          note: null,
        });
        expect(res.status, `${code}: ${await res.text()}`).toBe(204);
      }

      step('submit');
      await p.reload();
      await p
        .getByText(`Đã chấm đủ ${appraised.length} tiêu chí thành phần; mỗi điểm đều có tài liệu kiểm chứng hoặc giải trình.`)
        .waitFor();
      // The reference campaign asks for the signed, stamped report (PDF) before submission (issue 15).
      await p
        .getByLabel('Tải lên báo cáo đã ký (PDF)')
        .setInputFiles({ name: 'Báo cáo tự đánh giá (đã ký).pdf', mimeType: 'application/pdf', buffer: SIGNED_PDF });
      await p.getByText('Đã tải lên báo cáo đã ký.').waitFor();
      await p.getByRole('link', { name: 'Báo cáo tự đánh giá (đã ký).pdf', exact: true }).waitFor();
      await p.getByRole('button', { name: 'Gửi kết quả tự đánh giá' }).click();
      await p.getByRole('alertdialog', { name: 'Xác nhận gửi Hội đồng thẩm định?' }).getByRole('button', { name: 'Xác nhận gửi' }).click();
      await p.getByText('Đã gửi kết quả tự đánh giá, nhưng sau hạn nên được ghi nhận là nộp muộn. Bản tự đánh giá đã được khoá.').waitFor();
      await p.locator('.sa-status').getByText('Đã gửi — quá hạn').waitFor();

      step('locked');
      await p.getByRole('link', { name: 'Tự đánh giá', exact: true }).click();
      await p.getByText('Bản tự đánh giá đã gửi Hội đồng thẩm định nên chỉ xem được, không sửa được nữa.').waitFor();
      await card(p, '1.1.1').getByRole('link', { name: FILE_NAME }).waitFor();
      expect(await p.locator('main input, main textarea').count()).toBe(0);
      const refused = await api(cookie, 'PUT', `${BASE}/items/1.1.1`, { version: 2, score: 0, explanation: null, note: null });
      expect(refused.status).toBe(409);

      step('report');
      await p.getByRole('link', { name: 'Báo cáo', exact: true }).click();
      await p.getByRole('heading', { level: 1, name: 'BÁO CÁO TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2021' }).waitFor();
      await p
        .getByRole('row', { name: /Tổng điểm tự đánh giá \(các tiêu chí thẩm định\)/ })
        .getByText('1,5')
        .waitFor();
      await p.getByRole('cell', { name: FILE_NAME }).first().waitFor();
      await p.emulateMedia({ media: 'print' });
      expect(await p.locator('.office-header').isVisible()).toBe(false);
      expect(await p.getByRole('button', { name: 'In báo cáo' }).isVisible()).toBe(false);
      // Who signs a department's report, from the campaign data.
      expect(await p.locator('.sa-report-signer').getByText('GIÁM ĐỐC', { exact: true }).isVisible()).toBe(true);
      await context.close();
    });
  });
});
