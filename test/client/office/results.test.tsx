// Home Affairs' results screen (issue 12) against the real server in process, on the tiny campaign of the worked
// example (test/server/results.test.ts): survey answers pushed through sync, three units self-assessed, appraised by
// the council and closed through the API; the screen shows the ranking, a unit's breakdown, the survey drill-down, and
// publishes.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { rmSync } from 'node:fs';
import { MemoryRouter } from 'react-router-dom';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { I18nProvider, type Lang } from '../../../src/client/i18n/i18n';
import { ResultsScreen } from '../../../src/client/office/results/ResultsScreen';
import type { CampaignInfo, LiveResults, SurveyResponse } from '../../../src/shared';
import { answersOf, times, tinyIndex } from '../../fixtures/tiny-campaign';
import { pushAccepted, response, writeCampaignFolder } from '../../server/export-helpers';
import { ORIGIN, startHarness, type Harness } from '../../server/harness';

configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 20_000 });

const C = 'tiny';
let clock = new Date('2030-12-10T03:00:00Z');
let h: Harness;
let dir: string;
let campaign: CampaignInfo;
/** The cookie the browser's fetch carries (Home Affairs, `qt`). */
let browserCookie = '';
const cookies: Record<string, string> = {};

// The worked example (see test/server/results.test.ts for the arithmetic): u1 4,5 + 3,76 = 8,26 → 82,6 % rank 1 (the
// tie with u2 broken by appraised points), u2 4 + 4,26 = 8,26 → 82,6 % rank 2, u3 2 + 3,76 = 5,76 → 57,6 % rank 3.
// On their own scores: u2 first, u1 second, u3 third.
const survey = () => [
  ...answersOf('u1', 'c', [...times(16, 'A'), ...times(6, 'B'), ...times(3, 'D')]),
  ...answersOf('u1', 'b', [...times(8, 'A'), ...times(8, 'B'), ...times(4, 'D')]),
  ...answersOf('u2', 'c', [...times(20, 'A'), ...times(4, 'B'), ...times(3, 'D')]),
  ...answersOf('u3', 'c', times(10, 'E')),
];
const SELF = { u1: [3, 2], u2: [3, 2], u3: [2, 2] } as const;
const APPRAISED = { u1: [2.5, 2], u2: [2.5, 1.5], u3: [1, 1] } as const;

type Method = 'GET' | 'PUT' | 'POST';
const ok = async (who: string, method: Method, url: string, payload?: object) => {
  const res = await h.app.inject({
    method,
    url,
    headers: { cookie: cookies[who] ?? '', ...(method === 'GET' ? {} : { origin: ORIGIN }) },
    payload,
  });
  expect(res.statusCode, `${who} ${method} ${url}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
  return res;
};
const live = async () => (await ok('qt', 'GET', `/api/campaigns/${C}/results`)).json() as LiveResults;

beforeAll(async () => {
  dir = writeCampaignFolder(tinyIndex().bundle);
  h = await startHarness({ campaignDir: dir, app: { now: () => clock } });
  await h.account('qt', 'admin');
  await h.account('chu-tich', 'council');
  for (const u of ['u1', 'u2', 'u3']) await h.account(`dm-${u}`, 'coordinator', { unitId: u });
  const surveyor = await h.account('dtv', 'surveyor', {
    cells: ['u1', 'u2', 'u3'].flatMap((u): [string, string][] => [
      [u, 'b'],
      [u, 'c'],
    ]),
  });
  for (const who of ['qt', 'chu-tich', 'dm-u1', 'dm-u2', 'dm-u3', 'dtv']) cookies[who] = await h.login(who);
  const toPush = (r: ReturnType<typeof survey>[number]): SurveyResponse =>
    response({
      campaignId: C,
      unitId: r.unitId,
      groupId: r.groupId,
      questionnaireId: r.questionnaireId,
      surveyorId: surveyor,
      answers: r.answers,
    });
  await pushAccepted(h, cookies.dtv!, survey().map(toPush));
  // Self-assessed and submitted by each unit, appraised by the council: appraisal not closed yet.
  for (const u of ['u1', 'u2', 'u3'] as const) {
    const base = `/api/self-assessments/${C}/${u}`;
    for (const [i, code] of ['1.1.1', '1.1.2'].entries()) {
      await ok(`dm-${u}`, 'PUT', `${base}/items/${code}`, {
        version: 0,
        score: SELF[u][i],
        explanation: 'Có văn bản kèm theo',
        note: null,
      });
    }
    await ok(`dm-${u}`, 'POST', `${base}/submit`);
    for (const [i, code] of ['1.1.1', '1.1.2'].entries()) {
      await ok('chu-tich', 'PUT', `${base}/appraisal/items/${code}`, {
        version: 0,
        score: APPRAISED[u][i],
        comment: APPRAISED[u][i] === SELF[u][i] ? null : 'Thiếu tài liệu kiểm chứng',
      });
    }
  }
  campaign = (await ok('qt', 'GET', '/api/campaigns/current')).json() as CampaignInfo;

  // The browser's fetch goes to the server, as Home Affairs.
  const address = await h.app.listen({ host: '127.0.0.1', port: 0 });
  browserCookie = cookies.qt!;
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) =>
    realFetch(new URL(input, address), { ...init, headers: { ...(init.headers as Record<string, string>), cookie: browserCookie } }),
  );
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(cleanup);

function renderResults(lang: Lang = 'vi', path = '/results') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nProvider lang={lang}>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[path]}>
          <ResultsScreen campaign={campaign} />
        </MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

/** What a sighted person reads in an element: its text without the words meant for screen readers alone. */
function visible(el: Element): string {
  const copy = el.cloneNode(true) as Element;
  for (const sr of copy.querySelectorAll('.rs-sr-only')) sr.remove();
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}
const cellsOf = (row: HTMLElement) => within(row).getAllByRole('cell').map(visible);
const rowOf = (table: HTMLElement, name: RegExp | string) => within(table).getByRole('row', { name });
const vi_ = new Intl.NumberFormat('vi-VN');

describe('the live ranking', () => {
  it('shows the hand-computed figures per level, the change against the self-assessment, "chưa công bố" and the units still to appraise', async () => {
    renderResults();
    expect(await screen.findByRole('heading', { level: 1, name: 'Kết quả Chỉ số cải cách hành chính năm 2030' })).toBeTruthy();
    expect((await screen.findByRole('note')).textContent).toMatch(/^Chưa công bốSố liệu tạm tính/);
    expect(screen.getByText('Chưa công bố bản nào.', { selector: '.rs-live p' })).toBeTruthy();
    const ranking = screen.getByRole('table', { name: 'Xếp hạng Cấp sở (3 đơn vị)' });
    const rows = within(ranking).getAllByRole('row').slice(1);
    expect(rows.map((r) => visible(within(r).getByRole('rowheader')))).toEqual(['Đơn vị u1', 'Đơn vị u2', 'Đơn vị u3']);
    expect(rows.map(cellsOf)).toEqual([
      ['1', '4,5/5', '3,76/5', '82,6 %', 'Khá', '▲ 1'],
      ['2', '4/5', '4,26/5 ⚠', '82,6 %', 'Khá', '▼ 1'],
      ['3', '2/5', '3,76/5 ⚠', '57,6 %', 'Yếu', '='],
    ]);
    // The rank change and the caveat in words for screen readers.
    expect(within(rows[0]!).getAllByRole('cell')[5]!.textContent).toContain('lên 1 hạng so với xếp hạng theo điểm tự đánh giá (hạng 2)');
    expect(within(rows[1]!).getAllByRole('cell')[5]!.textContent).toContain('xuống 1 hạng so với xếp hạng theo điểm tự đánh giá (hạng 1)');
    expect(within(rows[2]!).getAllByRole('cell')[5]!.textContent).toContain('giữ nguyên hạng');
    expect(rows[2]!.textContent).toContain('có điểm điều tra dựa trên quá ít câu trả lời');
    expect(rows[0]!.textContent).not.toContain('quá ít câu trả lời');
    expect(within(screen.getByRole('heading', { level: 2, name: /Cấp sở/ })).getByText('Chưa công bố')).toBeTruthy();
    // Not one unit's appraisal is closed yet.
    const waiting = screen.getByRole('region', { name: 'Còn 3 đơn vị chưa kết thúc thẩm định' });
    expect(
      within(waiting)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Đơn vị u1 — đang thẩm định', 'Đơn vị u2 — đang thẩm định', 'Đơn vị u3 — đang thẩm định']);
    expect(screen.getByText('Xếp loại: Tốt từ 90 %; Khá từ 80 %; Trung bình từ 65 %; Yếu từ 0 %.')).toBeTruthy();
    expect(screen.getByText('Bằng chỉ số thì xét lần lượt: điểm thẩm định cao hơn; vẫn bằng nhau thì cùng hạng.')).toBeTruthy();
  });

  it('shows the server’s refusal to publish while units are not appraised', async () => {
    renderResults();
    fireEvent.click(await screen.findByRole('button', { name: 'Công bố kết quả' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Công bố kết quả lần 1?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Công bố lần 1' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Chưa công bố được: còn 3 đơn vị chưa kết thúc thẩm định (Đơn vị u1, Đơn vị u2, Đơn vị u3…).',
    );
    expect((await live()).publications).toEqual([]);
  });
});

describe('after the appraisal is closed', () => {
  beforeAll(async () => {
    for (const u of ['u1', 'u2', 'u3']) await ok('chu-tich', 'POST', `/api/self-assessments/${C}/${u}/appraisal/close`);
  });

  it('opens a unit’s breakdown: a chart, and a table beside it equal to the server’s figures; its sub-criteria; its survey caveat in words', async () => {
    const server = (await live()).results.levels[0]!.units.find((u) => u.unitId === 'u2')!;
    renderResults();
    expect(await screen.findByText('Mọi đơn vị đã kết thúc thẩm định.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Đơn vị u2 — xem chi tiết' }));
    const heading = await screen.findByRole('heading', { name: 'Chi tiết — Đơn vị u2' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const detail = screen.getByRole('region', { name: 'Chi tiết — Đơn vị u2' });
    expect(within(detail).getByText(/^Hạng 2\/3 Cấp sở · chỉ số 82,6 % · xếp loại Khá · đã thẩm định xong/)).toBeTruthy();
    expect(within(detail).getByRole('img', { name: /^Biểu đồ điểm theo lĩnh vực của Đơn vị u2/ })).toBeTruthy();
    const fields = within(detail).getByRole('table', { name: 'Điểm theo lĩnh vực — Đơn vị u2' });
    const f = server.fields[0]!;
    expect(cellsOf(rowOf(fields, /Lĩnh vực 1/))).toEqual(
      [f.self, f.appraised, f.appraisedMax, f.survey, f.surveyMax].map((n) => vi_.format(n)),
    );
    expect(cellsOf(rowOf(fields, /Lĩnh vực 1/))).toEqual(['5', '4', '5', '4,26', '5']);
    expect(cellsOf(rowOf(fields, /Cộng/))).toEqual(
      [server.selfPoints, server.appraisedPoints, server.appraisedMax, server.surveyPoints, server.surveyMax].map((n) => vi_.format(n)),
    );
    const items = within(detail).getByRole('table', { name: 'Tiêu chí thành phần — Đơn vị u2' });
    expect(
      within(items)
        .getAllByRole('row')
        .slice(1)
        .map((r) => [visible(within(r).getByRole('rowheader')), ...cellsOf(r)]),
    ).toEqual([
      ['1.1.1', 'TCTP 1', 'Thẩm định', '3', '3', '2,5', '—'],
      ['1.1.2', 'TCTP 2', 'Thẩm định', '2', '2', '1,5', '—'],
      ['1.2.1', 'Hài lòng về giải quyết TTHC', 'Điều tra XHH', '5', '—', '—', '4,26'],
    ]);
    const caveats = within(detail).getByRole('region', { name: /Điểm điều tra dựa trên quá ít câu trả lời/ });
    expect(within(caveats).getByRole('listitem').textContent).toMatch(
      /^1\.2\.1 Hài lòng về giải quyết TTHC: tính từ câu trả lời của các nhóm đối tượng còn lại\. Nhóm đối tượng bị bỏ qua vì dưới 5 câu trả lời hợp lệ: Công chức cấp huyện\./,
    );
    // Another unit: no valid answer at all, the level's lowest ratio.
    fireEvent.click(screen.getByRole('button', { name: 'Đơn vị u3 — xem chi tiết' }));
    const u3 = await screen.findByRole('region', { name: 'Chi tiết — Đơn vị u3' });
    expect(within(u3).getByRole('listitem').textContent).toMatch(
      /^1\.2\.1 Hài lòng về giải quyết TTHC: không có câu trả lời hợp lệ nào được tính, nên lấy tỉ lệ thấp nhất của các đơn vị cùng cấp có dữ liệu\. Nhóm đối tượng bị bỏ qua vì dưới 5 câu trả lời hợp lệ: Công chức cấp huyện, Người dân\./,
    );
    fireEvent.click(within(u3).getByRole('button', { name: 'Đóng chi tiết' }));
    expect(screen.queryByRole('region', { name: /^Chi tiết/ })).toBeNull();
  });

  it('drills down from a survey figure to its groups, weights, valid answers, mean coefficients, tallies and rule', async () => {
    renderResults();
    const ranking = await screen.findByRole('table', { name: 'Xếp hạng Cấp sở (3 đơn vị)' });
    fireEvent.click(within(rowOf(ranking, /Đơn vị u1/)).getByRole('button', { name: '3,76/5 — xem cách tính điểm điều tra' }));
    const heading = await screen.findByRole('heading', { name: 'Cách tính điểm điều tra XHH — Đơn vị u1' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const drill = screen.getByRole('region', { name: 'Cách tính điểm điều tra XHH — Đơn vị u1' });
    expect(within(drill).getByText('Phiếu đã tính: Công chức cấp huyện: 20; Người dân: 25.')).toBeTruthy();
    expect(within(drill).getByRole('heading', { name: '1.2.1 Hài lòng về giải quyết TTHC: 3,76/5 điểm' })).toBeTruthy();
    expect(within(drill).getByText('Tỉ lệ = (40 × 0,7 + 30 × 0,82) / 70 = 0,7514; điểm = 5 × 0,7514 = 3,76.')).toBeTruthy();
    const groups = within(drill).getByRole('table', { name: 'Nhóm đối tượng — 1.2.1' });
    expect(
      within(groups)
        .getAllByRole('row')
        .slice(1)
        .map((r) => [visible(within(r).getByRole('rowheader')), ...cellsOf(r)]),
    ).toEqual([
      ['Công chức cấp huyện', '40', '20', '0,7', 'Có'],
      ['Người dân', '30', '25', '0,82', 'Có'],
    ]);
    // Per question, with the questionnaire's wording and choice labels once they have loaded.
    fireEvent.click(within(drill).getByText('Từng câu hỏi — Người dân'));
    const questions = within(drill).getByRole('table', { name: 'Câu hỏi của nhóm Người dân — 1.2.1' });
    await waitFor(() => expect(within(questions).getByRole('rowheader', { name: /^Q1 — Câu 1/ })).toBeTruthy());
    expect(cellsOf(rowOf(questions, /^Q1/))).toEqual([
      '1',
      '25',
      '0',
      '0',
      '20,5',
      '0,82',
      'Có',
      'A Rất tốt (hệ số 1): 16B Tốt (hệ số 0,75): 6D Kém (hệ số 0): 3',
    ]);
    expect(cellsOf(rowOf(questions, /^Q2/))).toEqual(['2', '0', '0', '25', '0', '—', 'Không', 'không có']);

    // u3: no group reaches the minimum; the rule given in words and figures.
    fireEvent.click(within(rowOf(ranking, /Đơn vị u3/)).getByRole('button', { name: '3,76/5 — xem cách tính điểm điều tra' }));
    const u3 = await screen.findByRole('region', { name: 'Cách tính điểm điều tra XHH — Đơn vị u3' });
    expect(
      within(u3).getByText(
        'Không nhóm nào đủ câu trả lời hợp lệ: lấy tỉ lệ thấp nhất của các đơn vị cùng cấp có dữ liệu, 0,7514; điểm = 5 × 0,7514 = 3,76.',
      ),
    ).toBeTruthy();
    const u3groups = within(u3).getByRole('table', { name: 'Nhóm đối tượng — 1.2.1' });
    expect(cellsOf(rowOf(u3groups, /Người dân/))).toEqual(['30', '0', '—', 'Không — dưới 5 câu trả lời hợp lệ']);
    fireEvent.click(within(u3).getByText('Từng câu hỏi — Người dân'));
    expect(cellsOf(rowOf(within(u3).getByRole('table', { name: 'Câu hỏi của nhóm Người dân — 1.2.1' }), /^Q1/))).toEqual([
      '1',
      '0',
      '10',
      '0',
      '0',
      '—',
      'Không',
      'E Không biết (không tính): 10',
    ]);
    // From the breakdown's sub-criterion too, and back to the breakdown's heading when it closes.
    const items = screen.getByRole('table', { name: 'Tiêu chí thành phần — Đơn vị u3' });
    fireEvent.click(within(rowOf(items, /1\.2\.1/)).getByRole('button', { name: '3,76 — xem cách tính điểm điều tra' }));
    fireEvent.click(
      within(screen.getByRole('region', { name: 'Cách tính điểm điều tra XHH — Đơn vị u3' })).getByRole('button', {
        name: 'Đóng cách tính',
      }),
    );
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Chi tiết — Đơn vị u3' })));
    expect(screen.queryByRole('region', { name: /^Cách tính/ })).toBeNull();
  });
});

describe('publication', () => {
  it('asks first, saying that it freezes the figures, then lists version 1 with its public page, XLSX and report', async () => {
    renderResults();
    fireEvent.click(await screen.findByRole('button', { name: 'Công bố kết quả' }));
    let dialog = screen.getByRole('alertdialog', { name: 'Công bố kết quả lần 1?' });
    expect(dialog.textContent).toContain('sẽ được đóng băng thành bản công bố lần 1');
    expect(dialog.textContent).toContain('không bao giờ thay đổi nữa');
    await waitFor(() => expect(document.activeElement).toBe(dialog));
    // Cancelling publishes nothing.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Huỷ' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect((await live()).publications).toEqual([]);
    expect(screen.queryByRole('textbox')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Công bố kết quả' }));
    dialog = screen.getByRole('alertdialog', { name: 'Công bố kết quả lần 1?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Công bố lần 1' }));
    expect((await screen.findByRole('status', {}, { timeout: 5000 })).textContent).toMatch(/^Đã công bố kết quả lần 1 lúc /);
    const versions = await screen.findByRole('table', { name: 'Các bản đã công bố (1)' });
    const published = (await live()).publications[0]!;
    const row = rowOf(versions, /^1/);
    expect(cellsOf(row).slice(1, 5)).toEqual(['qt', '(bản đầu tiên)', 'Đúng hạn', published.sha256.slice(0, 12)]);
    const links = within(row).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('target')])).toEqual([
      ['Trang công khai lần 1 (mở thẻ mới)', '/ket-qua/tiny?phien-ban=1', '_blank'],
      ['Tải XLSX lần 1', '/api/public/campaigns/tiny/results/1/ket-qua.xlsx', null],
      ['Báo cáo in (A4) lần 1 (mở thẻ mới)', '/api/campaigns/tiny/publications/1/report.html', '_blank'],
    ]);
    // Every link answers: the public page and the XLSX with no account, the report for Home Affairs.
    for (const [, href] of links.map((a) => [a, a.getAttribute('href')!] as const)) {
      const res = await h.app.inject({ method: 'GET', url: href, headers: href.includes('/publications/') ? { cookie: cookies.qt! } : {} });
      expect(res.statusCode, href).toBe(200);
    }
    // The live figures stay marked as not published, beside the version that was.
    expect(screen.getByRole('note').textContent).toContain('Bản đã công bố mới nhất: lần 1');
    expect(screen.getAllByText('Chưa công bố').length).toBeGreaterThan(0);
  });

  it('shows the server’s message for a correction with no reason, and publishes version 2 with one', async () => {
    renderResults();
    fireEvent.click(await screen.findByRole('button', { name: 'Công bố bản đính chính' }));
    fireEvent.click(
      within(screen.getByRole('alertdialog', { name: 'Công bố kết quả lần 2?' })).getByRole('button', { name: 'Công bố lần 2' }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe('Đây là bản đính chính: hãy ghi lý do công bố lại.');
    expect((await live()).publications.map((p) => p.version)).toEqual([1]);

    fireEvent.change(screen.getByRole('textbox', { name: 'Lý do công bố lại (bắt buộc với bản đính chính)' }), {
      target: { value: 'Sửa lỗi đánh máy tên đơn vị' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Công bố bản đính chính' }));
    fireEvent.click(
      within(screen.getByRole('alertdialog', { name: 'Công bố kết quả lần 2?' })).getByRole('button', { name: 'Công bố lần 2' }),
    );
    const versions = await screen.findByRole('table', { name: 'Các bản đã công bố (2)' });
    expect(
      within(versions)
        .getAllByRole('row')
        .slice(1)
        .map((r) => [visible(within(r).getByRole('rowheader')), cellsOf(r)[2]]),
    ).toEqual([
      ['2', 'Sửa lỗi đánh máy tên đơn vị'],
      ['1', '(bản đầu tiên)'],
    ]);
    expect(within(versions).getByRole('link', { name: 'Trang công khai lần 2 (mở thẻ mới)' }).getAttribute('href')).toBe(
      '/ket-qua/tiny?phien-ban=2',
    );
  });

  it('shows the server’s refusal after the publication deadline', async () => {
    clock = new Date('2031-01-20T03:00:00Z');
    cookies.qt = await h.login('qt');
    browserCookie = cookies.qt;
    try {
      renderResults();
      fireEvent.change(await screen.findByRole('textbox', { name: /Lý do công bố lại/ }), { target: { value: 'Đính chính' } });
      fireEvent.click(screen.getByRole('button', { name: 'Công bố bản đính chính' }));
      fireEvent.click(
        within(screen.getByRole('alertdialog', { name: 'Công bố kết quả lần 3?' })).getByRole('button', { name: 'Công bố lần 3' }),
      );
      expect((await screen.findByRole('alert')).textContent).toMatch(/^Đã quá hạn công bố \(đến hết ngày 15\/01\/2031\)/);
      expect(screen.getByText('Hạn công bố: đến hết ngày 15/01/2031.')).toBeTruthy();
    } finally {
      clock = new Date('2030-12-10T03:00:00Z');
    }
  });
});

describe('in English', () => {
  it('says the same figures in English, with the decimal point', async () => {
    renderResults('en', '/results?unit=u2');
    expect(await screen.findByRole('heading', { level: 1, name: 'PAR Index results 2030' })).toBeTruthy();
    expect((await screen.findByRole('note')).textContent).toMatch(/^Not publishedProvisional figures/);
    const ranking = screen.getByRole('table', { name: 'Ranking, Cấp sở (3 units)' });
    expect(
      within(ranking)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['Rank', 'Unit', 'Appraised points', 'Survey points', 'Index (%)', 'Band', 'Against self-assessment']);
    const u1 = rowOf(ranking, /Đơn vị u1/);
    expect(cellsOf(u1)).toEqual(['1', '4.5/5', '3.76/5', '82.6%', 'Khá', '▲ 1']);
    expect(u1.textContent).toContain('up 1 against the ranking on the unit’s own scores (rank 2)');
    expect(cellsOf(rowOf(ranking, /Đơn vị u3/))[3]).toBe('57.6%');
    const fields = screen.getByRole('table', { name: 'Points per field — Đơn vị u2' });
    expect(cellsOf(rowOf(fields, /Lĩnh vực 1/))).toEqual(['5', '4', '5', '4.26', '5']);
    expect(screen.getByRole('region', { name: /Survey points resting on too few answers/ }).textContent).toContain(
      'Respondent groups left out for fewer than 5 valid answers: Công chức cấp huyện.',
    );
    expect(screen.getByRole('table', { name: 'Published versions (2)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Publish a correction' })).toBeTruthy();
  });
});
