import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appraisal, CampaignInfo, Framework, SelfAssessment } from '../../src/shared';
import { steps, submitSignIn } from './helpers/app';
import { launchBrowser } from './helpers/browser';
import { apiCall, closeWorkspace, loginCookie, openWorkspace, type Workspace } from './helpers/server';
import { uploadSignedReport } from './helpers/signed-report';

/**
 * Appraisal, the index and its publication (issue 12) in a real Chromium against the real server process: the council
 * member of field 2 (`thamdinh1`) appraises Sở Tư pháp's field 2 and asks for an explanation on one item; the unit's
 * coordinator (`daumoi`) sees the request, changes the reopened item and sends the answers back; the member appraises
 * it; the chair (`hoidong`) closes the unit; Home Affairs (`quantri`) publishes on its results screen; and a visitor
 * with no account opens the public page, the unit's scorecard, and downloads the XLSX. Publication needs every unit
 * appraised: the other 28 units are self-assessed, appraised and closed through the API. The reference campaign's
 * deadlines (12/2021, 01/2022) are long past, so Home Affairs first sets every deadline rule to "accept and flag late".
 */

const PASSWORD = 'mat-khau-e2e-tham-dinh';
const CAMPAIGN = 'quang-binh-2021';
const UNIT = 'so-tu-phap';
const BASE = `/api/self-assessments/${CAMPAIGN}/${UNIT}`;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const REQUEST = 'Đề nghị bổ sung văn bản rà soát thứ hai và giải trình lại điểm tiêu chí 2.1.1.';
const ANSWER_EXPLANATION = 'Đã bổ sung Kế hoạch rà soát số 45/KH-STP; đủ hai văn bản theo yêu cầu.';
const ANSWER_NOTE = 'Đơn vị đã bổ sung tài liệu và sửa điểm tiêu chí 2.1.1.';
// Sở Tư pháp's own scores where not 0 (a score above 0 needs an explanation or evidence); 2.1.1 is raised to 1.5 in
// the explanation round. The member's scores for field 2: the same as the unit's, except 2.1.2 (1, with a comment).
const SELF: Record<string, number> = { '2.1.1': 1, '2.1.2': 1.5, '2.2.1': 1 };
const FIELD2_APPRAISED: [code: string, typed: string, comment: string | null][] = [
  ['2.1.2', '1', 'Mới có một trong hai văn bản theo yêu cầu.'],
  ['2.2.1', '1', null],
  ['2.2.2', '0', null],
  ['2.3.1', '0', null],
  ['2.4.1', '0', null],
];
// 2.1.1 (1,5 after the explanation) + 2.1.2 (1) + 2.2.1 (1); every other unit 0.
const APPRAISED_TOTAL = '3,5';

let ws: Workspace | undefined;
let browser: Browser | undefined;
let page: Page | undefined;

const api = (cookie: string, method: string, url: string, body?: unknown): Promise<Response> =>
  apiCall(ws!.server.url, cookie, method, url, body);

/** A call that must succeed (2xx); returns the parsed body when there is one. */
async function ok<T = unknown>(cookie: string, method: string, url: string, body?: unknown): Promise<T> {
  const res = await api(cookie, method, url, body);
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url}: HTTP ${res.status} ${text.slice(0, 400)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Runs `work` on every element, at most `n` at a time. */
async function pool<T>(items: readonly T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await work(next);
    }),
  );
}

/** A calendar day (YYYY-MM-DD) in Vietnam, `days` from now. */
const vnDayFromNow = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(Date.now() + days * 86_400_000));
const dmy = (day: string) => day.split('-').reverse().join('/');

const appraisedCodes = (fw: Framework) =>
  fw.fields.flatMap((f) => f.criteria.flatMap((c) => c.subCriteria.filter((s) => s.method === 'appraised').map((s) => s.code)));

/** A signed-in office page in a context of its own (Vietnamese, Vietnam's time); `page` follows it for screenshots. */
async function signIn(username: string): Promise<{ context: BrowserContext; p: Page }> {
  const context = await browser!.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(30_000);
  const p = (page = await context.newPage());
  await p.goto(ws!.server.url);
  await submitSignIn(p, username, PASSWORD);
  return { context, p };
}

const apCard = (p: Page, code: string): Locator => p.locator(`article[id="ap-${code}"]`);
const saCard = (p: Page, code: string): Locator => p.locator(`article[id="tc-${code}"]`);
const councilSide = (p: Page, code: string): Locator => apCard(p, code).getByRole('region', { name: 'Thẩm định', exact: true });

/** Types the member's score (and comment) of one item and waits until the server has it (the progress line moves). */
async function appraise(p: Page, code: string, typed: string, comment: string | null, progress: string): Promise<void> {
  const side = councilSide(p, code);
  if (comment !== null) await side.getByLabel('Nhận xét', { exact: true }).fill(comment);
  const score = side.getByLabel('Điểm thẩm định', { exact: true });
  await score.fill(typed);
  await score.blur();
  await p.getByText(progress, { exact: true }).waitFor();
  await side.getByText(/^Đã lưu lúc \d\d:\d\d$/).waitFor();
}

beforeAll(async () => {
  ws = await openWorkspace('phieu-e2e-ap-', PASSWORD);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await closeWorkspace({ tmp: ws?.tmp, server: ws?.server });
});

describe('appraisal and publication in a real browser', () => {
  it(
    'a member appraises with one explanation round, the chair closes, Home Affairs publishes, anyone downloads',
    { timeout: 420_000 },
    async () => {
      await steps('appraisal', { page: () => page, serverOutput: () => ws?.server.output() ?? '' }, async (step) => {
        const url = ws!.server.url;
        step('settings: late is flagged');
        const admin = await loginCookie(url, 'quantri', PASSWORD);
        await ok(admin, 'PUT', `/api/campaigns/${CAMPAIGN}/settings`, {
          selfAssessmentLate: 'flag',
          appraisalLate: 'flag',
          publicationLate: 'flag',
        });
        const campaign = await ok<CampaignInfo>(admin, 'GET', '/api/campaigns/current');
        const frameworks = await ok<Framework[]>(admin, 'GET', `/api/campaigns/${CAMPAIGN}/frameworks`);
        const codesOf = (unitId: string) => {
          const level = campaign.units.find((u) => u.id === unitId)?.level;
          const fw = frameworks.find((f) => f.level === level);
          if (!fw) throw new Error(`no framework for ${unitId}`);
          return appraisedCodes(fw);
        };
        const chair = await loginCookie(url, 'hoidong', PASSWORD);
        const coordinator = await loginCookie(url, 'daumoi', PASSWORD);

        step('Sở Tư pháp fills and submits (API)');
        for (const code of codesOf(UNIT)) {
          const score = SELF[code] ?? 0;
          await ok(coordinator, 'PUT', `${BASE}/items/${code}`, {
            version: 0,
            score,
            explanation: score > 0 ? 'Đã ban hành đủ văn bản theo kế hoạch.' : null,
            note: null,
          });
        }
        // The reference campaign asks for the signed, stamped report with the submission (issue 15).
        await uploadSignedReport(url, coordinator, CAMPAIGN, UNIT);
        expect(await ok(coordinator, 'POST', `${BASE}/submit`)).toEqual({ late: true });

        step('member: work list');
        const deadline = vnDayFromNow(7);
        {
          const { context, p } = await signIn('thamdinh1');
          await p.getByRole('heading', { level: 1, name: 'Thẩm định kết quả tự đánh giá' }).waitFor();
          const row = p.getByRole('row', { name: /^Sở Tư pháp/ });
          await row.getByRole('cell', { name: '2. Cải cách thể chế', exact: true }).waitFor();
          await row.getByRole('cell', { name: 'Đã gửi — quá hạn', exact: true }).waitFor();
          await row.getByRole('link', { name: 'Sở Tư pháp', exact: true }).click();
          await p.getByRole('heading', { level: 1, name: 'Thẩm định — Sở Tư pháp' }).waitFor();
          // Only field 2 is theirs.
          await apCard(p, '2.1.1').waitFor();
          expect(await p.locator('article.ap-item').count()).toBe(6);

          step('member: appraises field 2 but 2.1.1');
          for (const [i, [code, typed, comment]] of FIELD2_APPRAISED.entries()) {
            await appraise(p, code, typed, comment, `Đã thẩm định ${i + 1}/6 tiêu chí thành phần.`);
          }

          step('member: asks for an explanation on 2.1.1');
          const form = p.getByRole('region', { name: 'Yêu cầu giải trình, bổ sung tài liệu' });
          await form.getByRole('checkbox', { name: /^2\.1\.1\. / }).check();
          await form.getByLabel('Nội dung yêu cầu', { exact: true }).fill(REQUEST);
          await form.getByLabel('Hạn giải trình', { exact: true }).fill(deadline);
          await form.getByRole('button', { name: 'Gửi yêu cầu (1 tiêu chí)' }).click();
          await form.getByText('Đã gửi yêu cầu giải trình lần 1 cho đơn vị.').waitFor();
          await p
            .getByText(
              `Đang chờ đơn vị giải trình, bổ sung 1 tiêu chí thành phần (hạn ${dmy(deadline)}). Các tiêu chí này thẩm định được sau khi đơn vị gửi lại.`,
            )
            .waitFor();
          await councilSide(p, '2.1.1').getByText('Đang chờ đơn vị giải trình', { exact: true }).waitFor();
          await councilSide(p, '2.1.1').getByLabel('Điểm thẩm định').waitFor({ state: 'detached' });
          const round = p.getByRole('region', { name: 'Các lần yêu cầu giải trình (1)' }).getByRole('article', { name: /^Lần 1/ });
          await round.getByText('Đang chờ đơn vị trả lời').waitFor();
          await round.getByText(REQUEST).waitFor();
          await context.close();
        }

        step('unit: sees the request');
        {
          const { context, p } = await signIn('daumoi');
          await p.getByRole('heading', { level: 1, name: 'Tiến độ thu phiếu — Sở Tư pháp' }).waitFor();
          await p.getByText(`Hội đồng thẩm định yêu cầu giải trình, bổ sung 1 tiêu chí thành phần, hạn ${dmy(deadline)}.`).waitFor();
          await p.getByRole('link', { name: 'Mở bản tự đánh giá để trả lời' }).click();
          const banner = p.getByRole('region', { name: 'Hội đồng thẩm định yêu cầu giải trình, bổ sung tài liệu (lần 1)' });
          await banner.getByText(`Hạn trả lời: đến hết ngày ${dmy(deadline)}.`).waitFor();
          await banner.getByText(REQUEST).waitFor();
          await banner.getByRole('link', { name: /^2\.1\.1\. / }).waitFor();

          step('unit: changes the reopened item');
          const reopened = saCard(p, '2.1.1');
          const score = reopened.getByLabel('Điểm tự đánh giá', { exact: true });
          await score.waitFor();
          // Only the reopened item can be changed; the rest stays locked.
          expect(await saCard(p, '2.1.2').locator('input, textarea').count()).toBe(0);
          expect(await saCard(p, '1.1.1').locator('input, textarea').count()).toBe(0);
          await score.fill('1.5');
          await reopened.getByLabel('Giải trình', { exact: true }).fill(ANSWER_EXPLANATION);
          await reopened.getByLabel('Giải trình', { exact: true }).blur();
          await p.getByText('Tổng điểm tự đánh giá: 4/70 điểm').waitFor();
          await reopened.getByText(/^Đã lưu lúc \d\d:\d\d$/).waitFor();
          await expect
            .poll(async () => (await ok<SelfAssessment>(coordinator, 'GET', BASE)).items.find((i) => i.code === '2.1.1'))
            .toMatchObject({ score: 1.5, explanation: ANSWER_EXPLANATION });

          step('unit: sends the answers back');
          await banner.getByLabel('Ghi chú gửi Hội đồng (không bắt buộc)').fill(ANSWER_NOTE);
          await banner.getByRole('button', { name: 'Gửi giải trình cho Hội đồng' }).click();
          await banner.getByRole('alertdialog').getByRole('button', { name: 'Xác nhận gửi' }).click();
          await p.getByText(/^Đã gửi giải trình lần 1 lúc .+\. Hội đồng thẩm định đang xem xét\.$/).waitFor();
          await banner.waitFor({ state: 'detached' });
          await reopened.locator('input, textarea').first().waitFor({ state: 'detached' });
          expect(await ok<SelfAssessment>(coordinator, 'GET', BASE)).toMatchObject({ state: 'explained', editableCodes: [] });
          await context.close();
        }

        step('member: appraises the answered item');
        {
          const { context, p } = await signIn('thamdinh1');
          await p.getByRole('heading', { level: 1, name: 'Thẩm định kết quả tự đánh giá' }).waitFor();
          await p.getByRole('link', { name: 'Sở Tư pháp', exact: true }).click();
          await p.getByRole('heading', { level: 1, name: 'Thẩm định — Sở Tư pháp' }).waitFor();
          const unitSide = apCard(p, '2.1.1').getByRole('region', { name: 'Đơn vị tự đánh giá' });
          await unitSide.getByText(ANSWER_EXPLANATION).waitFor();
          await unitSide.getByText('1,5', { exact: true }).waitFor();
          const rounds = p.getByRole('region', { name: 'Các lần yêu cầu giải trình (1)' });
          await rounds.getByText('Đơn vị đã trả lời', { exact: true }).waitFor();
          await rounds.getByText(`: ${ANSWER_NOTE}`).waitFor();
          await councilSide(p, '2.1.1')
            .getByText(new RegExp(`^Lần 1 \\(hạn ${dmy(deadline)}\\)`))
            .waitFor();
          await appraise(p, '2.1.1', '1,5', null, 'Đã thẩm định 6/6 tiêu chí thành phần.');
          const mine = (await (await context.request.get(`${url}${BASE}/appraisal`)).json()) as Appraisal;
          expect(Object.fromEntries(mine.items.map((i) => [i.code, i.score]))).toEqual({
            '2.1.1': 1.5,
            '2.1.2': 1,
            '2.2.1': 1,
            '2.2.2': 0,
            '2.3.1': 0,
            '2.4.1': 0,
          });
          await context.close();
        }

        step('chair: the other fields of Sở Tư pháp (API)');
        const field2 = new Set(['2.1.1', ...FIELD2_APPRAISED.map(([code]) => code)]);
        for (const code of codesOf(UNIT).filter((c) => !field2.has(c))) {
          await ok(chair, 'PUT', `${BASE}/appraisal/items/${code}`, { version: 0, score: SELF[code] ?? 0, comment: null });
        }

        step('chair: closes Sở Tư pháp');
        {
          const { context, p } = await signIn('hoidong');
          await p.getByRole('heading', { level: 1, name: 'Thẩm định kết quả tự đánh giá' }).waitFor();
          await p.getByRole('link', { name: 'Sở Tư pháp', exact: true }).click();
          await p.getByRole('heading', { level: 1, name: 'Thẩm định — Sở Tư pháp' }).waitFor();
          await p.getByText(`Đã thẩm định ${codesOf(UNIT).length}/${codesOf(UNIT).length} tiêu chí thành phần.`, { exact: true }).waitFor();
          const panel = p.getByRole('region', { name: 'Kết thúc thẩm định' });
          await panel.getByRole('button', { name: 'Kết thúc thẩm định đơn vị' }).click();
          await panel
            .getByRole('alertdialog', {
              name: 'Kết thúc thẩm định Sở Tư pháp? Sau đó không ai sửa được điểm thẩm định, trừ khi Sở Nội vụ trả lại.',
            })
            .getByRole('button', { name: 'Xác nhận kết thúc' })
            .click();
          await p
            .getByText('Đã kết thúc thẩm định Sở Tư pháp, sau hạn thẩm định nên được ghi nhận là muộn. Điểm thẩm định đã khoá.')
            .waitFor();
          await p.getByText(/^Đã kết thúc thẩm định lúc .+: điểm thẩm định đã khoá\.$/).waitFor();
          await p.locator('.sa-status').getByText('Đã thẩm định xong').waitFor();
          expect(await p.locator('article.ap-item input, article.ap-item textarea').count()).toBe(0);
          await context.close();
        }

        step('the other 28 units: self-assessed, appraised, closed (API)');
        // A coordinator account each; every item 0 (which needs no evidence), submitted, appraised 0 and closed by the
        // chair: publication waits for every unit of the campaign.
        const others = campaign.units.filter((u) => u.id !== UNIT);
        expect(others).toHaveLength(28);
        await pool(others, 6, async (unit) => {
          await ok(admin, 'POST', `/api/campaigns/${CAMPAIGN}/accounts`, {
            username: `daumoi-${unit.id}`,
            displayName: `Đầu mối CCHC ${unit.name}`,
            role: 'coordinator',
            unitId: unit.id,
            password: PASSWORD,
          });
          const own = await loginCookie(url, `daumoi-${unit.id}`, PASSWORD);
          const base = `/api/self-assessments/${CAMPAIGN}/${unit.id}`;
          const codes = codesOf(unit.id);
          for (const code of codes) await ok(own, 'PUT', `${base}/items/${code}`, { version: 0, score: 0, explanation: null, note: null });
          await uploadSignedReport(url, own, CAMPAIGN, unit.id);
          await ok(own, 'POST', `${base}/submit`);
          for (const code of codes) await ok(chair, 'PUT', `${base}/appraisal/items/${code}`, { version: 0, score: 0, comment: null });
          await ok(chair, 'POST', `${base}/appraisal/close`);
        });
        expect((await ok<{ notAppraised: unknown[] }>(admin, 'GET', `/api/campaigns/${CAMPAIGN}/results`)).notAppraised).toEqual([]);

        step('Home Affairs: results screen');
        {
          const { context, p } = await signIn('quantri');
          await p.getByRole('link', { name: 'Kết quả chỉ số', exact: true }).click();
          await p.getByRole('heading', { level: 1, name: 'Kết quả Chỉ số cải cách hành chính năm 2021' }).waitFor();
          await p.getByText('Mọi đơn vị đã kết thúc thẩm định.', { exact: true }).waitFor();
          const ranking = p.getByRole('table', { name: 'Xếp hạng Cấp sở (21 đơn vị)' });
          const row = ranking.getByRole('row', { name: /Sở Tư pháp/ });
          expect(await row.getByRole('cell').first().textContent()).toBe('1');
          await row.getByRole('cell', { name: new RegExp(`^${APPRAISED_TOTAL}/`) }).waitFor();
          await p.getByText('Chưa công bố bản nào.').first().waitFor();

          step('Home Affairs: publishes');
          const panel = p.getByRole('region', { name: 'Công bố kết quả' });
          await panel.getByRole('button', { name: 'Công bố kết quả', exact: true }).click();
          await panel.getByRole('alertdialog', { name: 'Công bố kết quả lần 1?' }).getByRole('button', { name: 'Công bố lần 1' }).click();
          await panel.getByText(/^Đã công bố kết quả lần 1 lúc .+ \(sau hạn công bố, đã ghi là quá hạn\)\.$/).waitFor();
          const versions = p.getByRole('table', { name: 'Các bản đã công bố (1)' });
          await versions.getByRole('cell', { name: 'Quá hạn' }).waitFor();
          await versions.getByRole('link', { name: /^Tải XLSX/ }).waitFor();
          await panel.getByRole('button', { name: 'Công bố bản đính chính' }).waitFor();
          await context.close();
        }

        step('visitor: the public ranking');
        {
          const context = await browser!.newContext({
            locale: 'vi-VN',
            timezoneId: 'Asia/Ho_Chi_Minh',
            viewport: { width: 412, height: 915 },
          });
          context.setDefaultTimeout(30_000);
          const p = (page = await context.newPage());
          const res = await p.goto(`${url}/ket-qua/${CAMPAIGN}`);
          expect(res?.status()).toBe(200);
          await p.getByRole('heading', { level: 1, name: 'Chỉ số cải cách hành chính năm 2021' }).waitFor();
          await p.getByText(/^Công bố lần 1, ngày /).waitFor();
          // Server-rendered, no script at all.
          expect(await p.locator('script').count()).toBe(0);
          const row = p.getByRole('row', { name: /Sở Tư pháp/ });
          expect(await row.getByRole('cell').first().textContent()).toBe('1');

          step('visitor: the scorecard of Sở Tư pháp');
          await row.getByRole('link', { name: 'Sở Tư pháp', exact: true }).click();
          await p.waitForURL(`${url}/ket-qua/${CAMPAIGN}/${UNIT}`);
          await p.getByRole('heading', { level: 2, name: 'Sở Tư pháp' }).waitFor();
          await p.getByText(/^Chỉ số .+% · hạng 1\/21 Cấp sở · xếp loại /).waitFor();
          await p.getByText(new RegExp(`^Điểm thẩm định ${APPRAISED_TOTAL}/70 · `)).waitFor();
          // Field 2, appraised points against its maximum: what the member gave.
          const field2Row = p.getByRole('row', { name: /^2\. Cải cách thể chế/ });
          expect((await field2Row.getByRole('cell').allTextContents()).slice(0, 2)).toEqual([
            '2. Cải cách thể chế',
            `${APPRAISED_TOTAL}/7`,
          ]);

          step('visitor: downloads the XLSX');
          await p.getByRole('link', { name: '← Bảng xếp hạng' }).click();
          await p.waitForURL(`${url}/ket-qua/${CAMPAIGN}`);
          const link = p.getByRole('link', { name: 'Tải bảng kết quả (XLSX)' });
          const href = new URL((await link.getAttribute('href'))!, url).toString();
          const answer = await context.request.get(href);
          expect(answer.status()).toBe(200);
          expect(answer.headers()['content-type']).toBe(XLSX_TYPE);
          const [download] = await Promise.all([p.waitForEvent('download'), link.click()]);
          expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
          const bytes = await readFile((await download.path())!);
          // A zip (PK\x03\x04) with the parts of an Office Open XML workbook.
          expect(bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe(true);
          expect(bytes.includes('[Content_Types].xml') && bytes.includes('xl/workbook.xml')).toBe(true);
          expect(
            Buffer.from(await answer.body())
              .subarray(0, 2)
              .toString(),
          ).toBe('PK');
          await context.close();
        }
      });
    },
  );
});
