import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import OfficeApp from '../../../src/client/office/OfficeApp';
import { I18nProvider } from '../../../src/client/i18n/i18n';
import { SAVE_DELAY_MS } from '../../../src/client/office/self-assessment/item-saver';
import type { AccountSummary, SelfAssessment } from '../../../src/shared';
import { startOfficeServer, type OfficeServer } from './real-server';

/**
 * Self-assessment entry (issue 6) against the real server in process: the coordinator scores, explains and attaches
 * evidence, saved as typed; refusals and conflicts are shown, never hidden; staff see only what is assigned.
 */

configure({ asyncUtilTimeout: 8000 });

// Before the self-assessment deadline (15/12/2021).
const clock = new Date('2021-12-10T03:00:00Z');
const BASE = '/api/self-assessments/quang-binh-2021/so-tu-phap';
const PDF = '%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n';
let server: OfficeServer;
/** A session of the coordinator's own, to look at what the server holds. */
let inspector: string;

beforeAll(async () => {
  server = await startOfficeServer(() => clock);
  inspector = await server.h.login('dm');
});
afterAll(() => server.close());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/**
 * From now on, the clock of timers is the test's (advancing with real time, so the server and the screens run as
 * usual): a wait for the saver's pause is advanced, not slept. Returns the item saves (PUTs) sent since.
 */
function putsSent(): () => string[] {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  const fetchSpy = vi.spyOn(globalThis, 'fetch');
  return () => fetchSpy.mock.calls.filter(([, init]) => init?.method === 'PUT').map(([url]) => String(url));
}

const account = (id: string, username: string, role: AccountSummary['role'], unitId: string | null = null): AccountSummary => ({
  id,
  username,
  displayName: username,
  role,
  unitId,
  campaignId: 'quang-binh-2021',
});
const coordinator = () => account(server.ids.coordinator, 'dm', 'coordinator', 'so-tu-phap');

function renderOffice(who: AccountSummary, path: string) {
  render(
    <I18nProvider lang="vi">
      <MemoryRouter initialEntries={[path]}>
        <OfficeApp account={who} onSignOut={() => undefined} onExpired={() => undefined} />
      </MemoryRouter>
    </I18nProvider>,
  );
}

/** What the server holds, read as the coordinator in another session. */
async function stored(): Promise<SelfAssessment> {
  const res = await server.h.app.inject({ method: 'GET', url: BASE, headers: { cookie: inspector } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as SelfAssessment;
}
const storedItem = async (code: string) => (await stored()).items.find((i) => i.code === code);

/** The card of one sub-criterion on the entry screen. */
async function card(code: string): Promise<HTMLElement> {
  // By id: role queries over the whole tree (66 cards) are slow in jsdom.
  return waitFor(() => {
    const el = document.getElementById(`tc-${code}`);
    if (!el) throw new Error(`no card for ${code}`);
    return el;
  });
}

function type(field: HTMLElement, value: string) {
  fireEvent.change(field, { target: { value } });
  fireEvent.blur(field);
}

describe('coordinator entry', { timeout: 60_000 }, () => {
  it('shows the framework tree with max points, expected evidence, survey-scored items read-only and the running totals', async () => {
    await server.signInAs('dm');
    renderOffice(coordinator(), '/self-assessment');
    expect(await screen.findByRole('heading', { level: 1, name: 'Tự đánh giá chỉ số CCHC — Sở Tư pháp' })).toBeTruthy();
    const item = await card('1.1.1');
    expect(within(item).getByText('Tối đa 1 điểm')).toBeTruthy();
    expect(within(item).getByText(/^Kế hoạch cải cách hành chính năm 2021 của cơ quan/)).toBeTruthy();
    expect(within(item).getByText('Cách chấm điểm')).toBeTruthy();
    const survey = document.getElementById('tc-1.7.1')!;
    expect(within(survey).getByText('Chấm qua điều tra XHH')).toBeTruthy();
    expect(within(survey).queryByRole('spinbutton')).toBeNull();
    expect(screen.getByText('Tổng điểm tự đánh giá: 0/70 điểm')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: /^1\. Công tác chỉ đạo, điều hành cải cách hành chính/ }).textContent).toMatch(
      /0\/8 điểm$/,
    );
    expect(screen.getAllByText('Đang nhập (chưa gửi)').length).toBeGreaterThan(0);
  });

  it('saves a score and an explanation as they are entered, visible after reload, with the totals', async () => {
    await server.signInAs('dm');
    renderOffice(coordinator(), '/self-assessment');
    const item = await card('1.1.1');
    type(within(item).getByLabelText('Điểm tự đánh giá'), '1');
    expect(await within(item).findByText(/^Đã lưu lúc \d\d:\d\d$/)).toBeTruthy();
    type(within(item).getByLabelText('Giải trình'), 'Kế hoạch số 12/KH-STP ban hành ngày 05/01/2021');
    await waitFor(async () => expect((await storedItem('1.1.1'))?.explanation).toBe('Kế hoạch số 12/KH-STP ban hành ngày 05/01/2021'));
    expect(await storedItem('1.1.1')).toMatchObject({ score: 1, version: 2, updatedBy: 'dm' });
    expect(await screen.findByText('Tổng điểm tự đánh giá: 1/70 điểm')).toBeTruthy();

    // Typing pauses save too (no blur).
    const other = await card('1.2.1');
    fireEvent.change(within(other).getByLabelText('Điểm tự đánh giá'), { target: { value: '0.5' } });
    expect(within(other).getByText('Chưa lưu… (tự lưu khi bạn ngừng gõ)')).toBeTruthy();
    expect(await within(other).findByText(/^Đã lưu lúc/)).toBeTruthy();
    expect((await storedItem('1.2.1'))?.score).toBe(0.5);

    cleanup();
    renderOffice(coordinator(), '/self-assessment');
    const again = await card('1.1.1');
    expect((within(again).getByLabelText('Điểm tự đánh giá') as HTMLInputElement).value).toBe('1');
    expect((within(again).getByLabelText('Giải trình') as HTMLTextAreaElement).value).toBe(
      'Kế hoạch số 12/KH-STP ban hành ngày 05/01/2021',
    );
    expect(within(again).getByText(/^Lưu lần cuối lúc .* \(dm\)$/)).toBeTruthy();
    expect(screen.getByText('Tổng điểm tự đánh giá: 1,5/70 điểm')).toBeTruthy();
    // Each save is in the item's history, with who.
    fireEvent.click(within(again).getByText('Lịch sử thay đổi'));
    expect(await within(again).findByText(/ — dm: lưu điểm 1$/)).toBeTruthy();
    expect(within(again).getByText(/ — dm: lưu điểm 1; giải trình: Kế hoạch số 12\/KH-STP ban hành ngày 05\/01\/2021$/)).toBeTruthy();
  });

  it('refuses a score out of the rule with the rule’s message, and sends nothing', async () => {
    const sent = putsSent();
    await server.signInAs('dm');
    renderOffice(coordinator(), '/self-assessment');
    const item = await card('1.1.2');
    const score = within(item).getByLabelText('Điểm tự đánh giá');
    type(score, '0.3');
    expect(within(item).getByText('Điểm phải là bội số của 0,5 (ví dụ 0, 0,5, 1)')).toBeTruthy();
    expect(within(item).getByText('Chưa lưu: hãy sửa điểm cho hợp lệ.')).toBeTruthy();
    expect(score.getAttribute('aria-invalid')).toBe('true');
    type(score, '5');
    expect(within(item).getByText('Điểm tối đa của tiêu chí này là 1')).toBeTruthy();
    type(score, '-1');
    expect(within(item).getByText('Điểm không được âm')).toBeTruthy();
    // Past the saver's pause: a refused score is never sent.
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 200);
    expect(sent()).toEqual([]);
    expect(await storedItem('1.1.2')).toMatchObject({ score: null, version: 0 });
    type(score, '0.5');
    expect(await within(item).findByText(/^Đã lưu lúc/)).toBeTruthy();
    expect((await storedItem('1.1.2'))?.score).toBe(0.5);
  });

  it('takes the Vietnamese decimal comma: "1,5" is saved as 1.5; "1.234,5" is refused as such, never read as another number', async () => {
    const sent = putsSent();
    await server.signInAs('dm');
    renderOffice(coordinator(), '/self-assessment');
    const item = await card('1.5.1');
    const score = within(item).getByLabelText('Điểm tự đánh giá');
    type(score, '1.234,5');
    expect(
      within(item).getByText('Điểm chỉ có một dấu thập phân (dấu phẩy hoặc dấu chấm, ví dụ 1,5), không có dấu phân cách hàng nghìn'),
    ).toBeTruthy();
    expect(score.getAttribute('aria-invalid')).toBe('true');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 200);
    expect(sent()).toEqual([]);
    expect(await storedItem('1.5.1')).toMatchObject({ score: null, version: 0 });
    type(score, '1,5');
    expect(await within(item).findByText(/^Đã lưu lúc/)).toBeTruthy();
    expect((await storedItem('1.5.1'))?.score).toBe(1.5);
    expect((score as HTMLInputElement).value).toBe('1,5');
  });

  it('shows a conflict when someone saved the item meanwhile, and lets the person keep theirs or take the other', async () => {
    await server.signInAs('dm');
    renderOffice(coordinator(), '/self-assessment');
    const item = await card('1.3.1');
    const takeIt = await card('1.3.2');
    // Another session saves an item after this screen loaded it.
    const other = await server.h.login('dm');
    const saveElsewhere = async (code: string, score: number) => {
      const res = await server.h.app.inject({
        method: 'PUT',
        url: `${BASE}/items/${code}`,
        headers: { cookie: other },
        payload: { version: 0, score, explanation: 'Nhập từ máy khác', note: null },
      });
      expect(res.statusCode, res.body).toBe(204);
    };
    await saveElsewhere('1.3.1', 0.25);

    type(within(item).getByLabelText('Điểm tự đánh giá'), '0.5');
    const banner = await within(item).findByRole('alert');
    expect(banner.textContent).toMatch(/Có người khác vừa sửa tiêu chí này\./);
    expect(banner.textContent).toMatch(/Người khác vừa lưu tiêu chí 1\.3\.1 \(điểm 0\.25\)/);
    expect(banner.textContent).toMatch(
      /Bản đã lưu trên máy chủ \(dm, lúc .*\):điểm 0,25; giải trình: Nhập từ máy khác; ghi chú: \(trống\)/,
    );
    expect(banner.textContent).toMatch(/Thay đổi của bạn \(chưa lưu\):điểm 0\.5Dùng bản/);
    // Nothing was overwritten.
    expect((await storedItem('1.3.1'))?.score).toBe(0.25);
    fireEvent.click(within(banner).getByRole('button', { name: 'Lưu nội dung của tôi thay bản đã lưu' }));
    expect(await within(item).findByText(/^Đã lưu lúc/)).toBeTruthy();
    expect(await storedItem('1.3.1')).toMatchObject({ score: 0.5, version: 2, explanation: 'Nhập từ máy khác' });

    await saveElsewhere('1.3.2', 0.5);
    type(within(takeIt).getByLabelText('Điểm tự đánh giá'), '0');
    const second = await within(takeIt).findByRole('alert');
    fireEvent.click(within(second).getByRole('button', { name: 'Dùng bản đã lưu (bỏ nội dung của tôi)' }));
    await waitFor(() => expect((within(takeIt).getByLabelText('Điểm tự đánh giá') as HTMLInputElement).value).toBe('0.5'));
    expect((within(takeIt).getByLabelText('Giải trình') as HTMLTextAreaElement).value).toBe('Nhập từ máy khác');
    expect(await storedItem('1.3.2')).toMatchObject({ score: 0.5, version: 1 });
  });

  it('uploads evidence (several files, per-file refusals kept for the review page), attaches from the library and detaches', async () => {
    await server.signInAs('dm');
    renderOffice(coordinator(), '/self-assessment');
    const item = await card('1.4.1');
    const files = [
      new File([PDF], 'Kế hoạch tuyên truyền 2021.pdf', { type: 'application/pdf' }),
      new File(['MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff'], 'chuong-trinh.pdf', { type: 'application/pdf' }),
    ];
    fireEvent.change(within(item).getByLabelText('Tải tệp lên (chọn được nhiều tệp)'), { target: { files } });
    expect(within(item).getByText(/^Đang tải lên 2 tệp… Kế hoạch tuyên truyền 2021.pdf, chuong-trinh.pdf$/)).toBeTruthy();
    expect(await within(item).findByText('Đã tải lên và gắn 1 tệp.')).toBeTruthy();
    const refused = within(item).getByText('1 tệp không được nhận:').closest('.banner') as HTMLElement;
    expect(refused.textContent).toMatch(/chuong-trinh\.pdf: /);
    const link = await within(item).findByRole('link', { name: 'Kế hoạch tuyên truyền 2021.pdf' });
    expect(link.getAttribute('href')).toMatch(new RegExp(`^${BASE}/files/[0-9a-f]{64}$`));
    const download = await fetch(link.getAttribute('href')!);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe(PDF);
    expect((await storedItem('1.4.1'))?.files).toHaveLength(1);

    // The same file for another item: attached from the library, not uploaded twice.
    const other = await card('2.1.1');
    fireEvent.change(within(other).getByLabelText('Hoặc gắn tệp đã có trong thư viện của đơn vị'), {
      target: { value: (await stored()).files[0]!.hash },
    });
    fireEvent.click(within(other).getByRole('button', { name: 'Gắn tệp' }));
    expect(await within(other).findByRole('link', { name: 'Kế hoạch tuyên truyền 2021.pdf' })).toBeTruthy();
    expect((await stored()).files).toHaveLength(1);
    fireEvent.click(within(other).getByRole('button', { name: 'Gỡ tệp Kế hoạch tuyên truyền 2021.pdf khỏi tiêu chí này' }));
    expect(await within(other).findByText('Chưa có tài liệu kiểm chứng.')).toBeTruthy();
    expect((await storedItem('2.1.1'))?.files).toEqual([]);
    expect((await storedItem('1.4.1'))?.files).toHaveLength(1);

    // The review page lists the refused file of this session.
    cleanup();
    renderOffice(coordinator(), '/self-assessment/review');
    const failed = await screen.findByRole('heading', { name: 'Tệp tải lên không thành công trong phiên này (1)' });
    const table = failed.nextElementSibling as HTMLElement;
    expect(within(table).getByRole('rowheader', { name: 'chuong-trinh.pdf' })).toBeTruthy();
    expect(within(table).getByRole('link', { name: '1.4.1' }).getAttribute('href')).toBe('/self-assessment#tc-1.4.1');
    fireEvent.click(within(table).getByRole('button', { name: 'Bỏ chuong-trinh.pdf khỏi danh sách tệp lỗi' }));
    expect(await screen.findByText('Không có tệp nào tải lên thất bại.')).toBeTruthy();
  });
});

describe('assignment and staff', { timeout: 60_000 }, () => {
  it('lets the coordinator assign a criterion to a staff account, who then sees and edits only that', async () => {
    await server.signInAs('dm');
    renderOffice(coordinator(), '/self-assessment/assign');
    expect(await screen.findByRole('heading', { level: 1, name: 'Phân công đánh giá — Sở Tư pháp' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: /^cb/ })).toBeTruthy();
    const save = screen.getByRole('button', { name: 'Lưu phân công' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Giao 5.2 cho cb' }));
    // The sub-criteria under it are now handled by cb.
    expect(
      within(screen.getByRole('row', { name: /^5\.2\.1\./ }))
        .getAllByRole('cell')
        .at(-1)?.textContent,
    ).toBe('cb');
    expect(screen.getByText('Có thay đổi chưa lưu.')).toBeTruthy();
    fireEvent.click(save);
    expect(await screen.findByText('Đã lưu phân công.')).toBeTruthy();
    expect((await stored()).assignments).toEqual([{ code: '5.2', staffId: server.ids.staff, staffName: 'cb' }]);

    cleanup();
    await server.signInAs('cb');
    renderOffice(account(server.ids.staff, 'cb', 'staff', 'so-tu-phap'), '/');
    expect(await screen.findByText('Bạn được phân công 2 tiêu chí thành phần dưới đây. Nội dung được lưu ngay khi bạn nhập.')).toBeTruthy();
    expect(
      within(screen.getByRole('navigation'))
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Tự đánh giá']);
    expect(document.querySelectorAll('article.sa-item')).toHaveLength(2);
    expect(document.getElementById('tc-1.1.1')).toBeNull();
    const item = await card('5.2.1');
    type(within(item).getByLabelText('Điểm tự đánh giá'), '1');
    expect(await within(item).findByText(/^Đã lưu lúc/)).toBeTruthy();
    expect(await storedItem('5.2.1')).toMatchObject({ score: 1, updatedBy: 'cb' });
  });
});
