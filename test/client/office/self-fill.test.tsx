import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { randomUUID } from 'node:crypto';
import { MemoryRouter } from 'react-router-dom';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import OfficeApp from '../../../src/client/office/OfficeApp';
import { I18nProvider } from '../../../src/client/i18n/i18n';
import type { AccountSummary } from '../../../src/shared/api/auth';
import type { IssuedBatch, RespondentForm, SelfFillBatch } from '../../../src/shared/api/self-fill';
import { SELF_FILL_ALPHABET } from '../../../src/shared/self-fill/code';
import { citizenResponse } from '../../server/harness';
import { renderAdmin } from './admin-render';
import { startOfficeServer, type OfficeServer } from './real-server';

/**
 * Home Affairs' self-fill codes (issue 19) against the real server in process: issue a batch, its sheet of slips
 * (print, save as HTML), the batches' counts and revoking, the server's refusals in its words, and the counts beside
 * the surveyors' figures on a coordinator's progress.
 */

configure({ asyncUtilTimeout: 8000 });

// 10:00 on 20/12/2021 in Việt Nam; the survey runs "until before 30/12/2021": its last day is 29/12/2021.
const CLOCK = new Date('2021-12-20T03:00:00Z');
const CAMPAIGN = 'quang-binh-2021';
const CITIZENS = 'Người dân, doanh nghiệp có giao dịch';
const STAFF = 'Lãnh đạo và công chức thuộc Sở, ngành';
let now = CLOCK;
let server: OfficeServer;
let admin: string;
const saved: { name: string; blob: Blob }[] = [];

beforeAll(async () => {
  server = await startOfficeServer(() => now);
  admin = await server.h.login('qt');
}, 60_000);
afterAll(() => server.close());
beforeEach(() => {
  saved.length = 0;
  // jsdom has no object URLs and saves no file: keep what the screen hands to the browser.
  URL.createObjectURL = (blob: Blob) => {
    saved.push({ name: '', blob });
    return 'blob:test';
  };
  URL.revokeObjectURL = () => undefined;
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved[saved.length - 1]!.name = this.download;
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  now = CLOCK;
});

/** A batch issued straight on the server, as Home Affairs. */
async function issue(unitId: string, groupId: string, count: number, note: string): Promise<IssuedBatch> {
  const res = await server.h.app.inject({
    method: 'POST',
    url: `/api/campaigns/${CAMPAIGN}/self-fill/batches`,
    headers: { cookie: admin },
    payload: { unitId, groupId, count, note },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<IssuedBatch>();
}

/** A respondent opens a code's link (the batch counts it opened) and, with `submit`, sends the citizens' questionnaire. */
async function respond(code: string, submit: boolean): Promise<void> {
  const opened = await server.h.app.inject({ method: 'GET', url: `/api/p/${code}` });
  expect(opened.statusCode, opened.body).toBe(200);
  if (!submit) return;
  const form = opened.json<RespondentForm>();
  const q = form.questionnaire as { id: string; version: number };
  const sent = await server.h.app.inject({
    method: 'POST',
    url: `/api/p/${code}/submit`,
    payload: {
      responseId: randomUUID(),
      secret: randomUUID().replaceAll('-', ''),
      questionnaireId: q.id,
      questionnaireVersion: q.version,
      startedAt: '2021-12-20T09:00:00+07:00',
      finishedAt: '2021-12-20T09:12:00+07:00',
      answers: citizenResponse('x').answers,
    },
  });
  expect(sent.statusCode, sent.body).toBe(200);
}

const slips = () => [...document.querySelectorAll<HTMLElement>('.sf-slip')];
const batchRow = (note: string) => screen.findByRole('row', { name: new RegExp(note) });
const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);

async function openIssueForm(lang: 'vi' | 'en' = 'vi') {
  await server.signInAs('qt');
  renderAdmin(server.ids.admin, '/self-fill', lang);
  return screen.findByRole('region', { name: lang === 'vi' ? 'Phát đợt mã mới' : 'Issue a new batch' });
}

async function issueFromScreen(count: string, note: string) {
  const form = await openIssueForm();
  const unit = await within(form).findByRole('combobox', { name: 'Đơn vị được đánh giá' });
  fireEvent.change(unit, { target: { value: 'so-tu-phap' } });
  fireEvent.change(within(form).getByRole('combobox', { name: 'Đối tượng khảo sát' }), { target: { value: 'so-nguoi-dan' } });
  fireEvent.change(within(form).getByRole('spinbutton', { name: /^Số mã/ }), { target: { value: count } });
  fireEvent.change(within(form).getByRole('textbox', { name: /^Ghi chú/ }), { target: { value: note } });
  fireEvent.click(within(form).getByRole('button', { name: 'Tạo mã' }));
  return form;
}

describe('issuing a batch (Home Affairs)', () => {
  it('offers the cells with a quota, the remaining quota as the count, and prints one slip per code with its link and QR', async () => {
    const form = await openIssueForm();
    expect(screen.getByRole('link', { name: 'Mã tự điền' }).getAttribute('aria-current')).toBe('page');
    const unit = await within(form).findByRole('combobox', { name: 'Đơn vị được đánh giá' });
    fireEvent.change(unit, { target: { value: 'so-tu-phap' } });
    const group = within(form).getByRole('combobox', { name: 'Đối tượng khảo sát' });
    fireEvent.change(group, { target: { value: 'so-nguoi-dan' } });
    expect(
      within(group)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([STAFF, 'Lãnh đạo và công chức thuộc UBND cấp huyện', CITIZENS]);
    // Three citizens' responses of Sở Tư pháp came from the surveyor (real-server.ts).
    const quota = within(form).getByText(/^Chỉ tiêu \d+ phiếu · đã nhận 3 · còn thiếu \d+/);
    const remaining = /còn thiếu (\d+)/.exec(quota.textContent!)![1]!;
    const count = within(form).getByRole('spinbutton', { name: /^Số mã/ }) as HTMLInputElement;
    expect(count.value).toBe(remaining);

    fireEvent.change(count, { target: { value: '10' } });
    fireEvent.change(within(form).getByRole('textbox', { name: /^Ghi chú/ }), { target: { value: 'Bộ phận một cửa, tầng 1' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Tạo mã' }));

    const title = await screen.findByRole('heading', { name: `Tờ mã: Sở Tư pháp × ${CITIZENS}` });
    await waitFor(() => expect(document.activeElement).toBe(title));
    expect(screen.getByText('10 mã · dùng được đến hết ngày 29/12/2021')).toBeTruthy();
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContainEqual(
      expect.stringMatching(/^Đây là lần duy nhất các mã này được hiển thị/),
    );
    expect(screen.queryByRole('region', { name: 'Phát đợt mã mới' })).toBeNull();

    const sheet = screen.getByRole('region', { name: 'Bản xem trước tờ mã' });
    expect([...sheet.querySelectorAll('.sf-page')].map((p) => p.querySelectorAll('.sf-slip').length)).toEqual([8, 2]);
    const codes = slips().map((slip) => {
      const code = slip.querySelector('.sf-slip-code-value')!.textContent!;
      expect(code).toMatch(new RegExp(`^[${SELF_FILL_ALPHABET}]{4}-[${SELF_FILL_ALPHABET}]{4}-[${SELF_FILL_ALPHABET}]{4}$`));
      expect(slip.querySelector('.sf-slip-link')!.textContent).toMatch(new RegExp(`^https?://[^/]+/p/${code}$`));
      expect(slip.querySelector('.sf-slip-qr svg')).not.toBeNull();
      expect(slip.getAttribute('aria-label')).toBe(`Mã trả lời ${code}`);
      expect(slip.textContent).toContain('Xác định Chỉ số cải cách hành chính cấp sở, cấp huyện năm 2021');
      expect(slip.textContent).toContain('Đơn vị được đánh giá: Sở Tư pháp');
      expect(slip.textContent).toContain(`Đối tượng: ${CITIZENS}`);
      expect(slip.textContent).toContain('Phiếu khảo sát ẩn danh: không ghi tên, không lưu địa chỉ');
      expect(slip.textContent).toContain('Hạn trả lời: 29/12/2021');
      return code;
    });
    expect(new Set(codes).size).toBe(10);

    // The list has the batch, its codes not yet used.
    const row = await batchRow('Bộ phận một cửa, tầng 1');
    expect(within(row).getByRole('rowheader').textContent).toBe(`Sở Tư pháp × ${CITIZENS}`);
    expect(cells(row).slice(2, 8)).toEqual(['29/12/2021', '10', '0', '0', '0', 'Đang dùng']);
    expect(cells(row)[1]).toBe('qt20/12/2021 10:00');
  });

  it('prints with the browser’s print, and saves a page of its own holding the same codes', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    await issueFromScreen('3', 'Tờ để in sau');
    await screen.findByRole('heading', { name: /^Tờ mã: / });
    const codes = slips().map((s) => s.querySelector('.sf-slip-code-value')!.textContent!);
    expect(codes).toHaveLength(3);

    fireEvent.click(screen.getByRole('button', { name: 'In tờ mã' }));
    expect(print).toHaveBeenCalledTimes(1);

    expect(screen.getByText(/^Tệp HTML chứa các mã ở dạng đọc được/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Tải tờ mã (HTML)' }));
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toMatch(/^ma-tu-dien-so-tu-phap-so-nguoi-dan-2021-12-20-[0-9a-f]{8}\.html$/);
    expect(saved[0]!.blob.type).toBe('text/html;charset=utf-8');
    const html = await saved[0]!.blob.text();
    for (const code of codes) expect(html).toContain(`<span class="sf-slip-code-value">${code}</span>`);
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('<html lang="vi">');
    expect(html).not.toMatch(/<script/i);
    expect(screen.getByText(new RegExp(`^Đã tải tệp "${saved[0]!.name}"`))).toBeTruthy();
  });

  it('keeps the sheet on a visit elsewhere in the office, and closes it only when asked twice', async () => {
    await issueFromScreen('2', 'Tờ giữ lại');
    await screen.findByRole('heading', { name: /^Tờ mã: / });
    const codes = slips().map((s) => s.querySelector('.sf-slip-code-value')!.textContent);
    fireEvent.click(screen.getByRole('link', { name: 'Tổng quan' }));
    await screen.findByText(/^Toàn kỳ:/);
    expect(slips()).toHaveLength(0);
    fireEvent.click(screen.getByRole('link', { name: 'Mã tự điền' }));
    await screen.findByRole('heading', { name: /^Tờ mã: / });
    expect(slips().map((s) => s.querySelector('.sf-slip-code-value')!.textContent)).toEqual(codes);

    // A tab closed with the sheet open asks first.
    const leave = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leave);
    expect(leave.defaultPrevented).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Đóng tờ mã' }));
    expect(screen.getByText('Sau khi đóng, các mã này không hiển thị lại được nữa. Bạn đã in hoặc tải tờ mã chưa?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Đã in hoặc tải, đóng tờ mã' }));
    expect(await screen.findByRole('region', { name: 'Phát đợt mã mới' })).toBeTruthy();
    expect(slips()).toHaveLength(0);
    const after = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(after);
    expect(after.defaultPrevented).toBe(false);
  });

  it('checks the count before asking the server', async () => {
    const form = await issueFromScreen('501', 'Quá nhiều');
    const count = within(form).getByRole('spinbutton', { name: /^Số mã/ });
    expect(count.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('Số mã phải là số nguyên từ 1 đến 500.')).toBeTruthy();
    fireEvent.change(count, { target: { value: '0' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Tạo mã' }));
    expect(within(form).getByText('Số mã phải là số nguyên từ 1 đến 500.')).toBeTruthy();
    const list = await server.h.app.inject({
      method: 'GET',
      url: `/api/campaigns/${CAMPAIGN}/self-fill/batches`,
      headers: { cookie: admin },
    });
    expect(list.json<{ batches: SelfFillBatch[] }>().batches.map((b) => b.note)).not.toContain('Quá nhiều');
  });

  it('says the server’s refusal after the survey’s last day (409), and keeps the form as it was', async () => {
    now = new Date('2021-12-31T03:00:00Z');
    const form = await issueFromScreen('5', 'Sau hạn');
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'Không tạo được mã: Đã quá hạn điều tra (29/12/2021) nên không phát thêm mã tự điền được.',
    );
    expect((within(form).getByRole('spinbutton', { name: /^Số mã/ }) as HTMLInputElement).value).toBe('5');
    expect(slips()).toHaveLength(0);
  });

  it('says the server’s refusal when the account may not manage codes (403), whatever the screen shows', async () => {
    // The office believes it is Home Affairs; the server knows the session is a coordinator's.
    await server.signInAs('dm');
    renderAdmin(server.ids.admin, '/self-fill');
    const list = await screen.findByRole('region', { name: 'Các đợt mã đã phát' });
    expect((await within(list).findByRole('alert')).textContent).toMatch(
      /^Không tải được dữ liệu: Tài khoản của bạn không được phát hoặc xem mã tự điền\./,
    );
  });

  it('is in English too', async () => {
    const form = await openIssueForm('en');
    expect(screen.getByRole('heading', { level: 1, name: 'Self-fill codes' })).toBeTruthy();
    expect(await within(form).findByRole('button', { name: 'Create codes' })).toBeTruthy();
    expect(within(form).getByRole('combobox', { name: 'Unit being rated' })).toBeTruthy();
  });
});

describe('the batches', () => {
  it('show what became of their codes, and a revoke asked twice stops those not sent', async () => {
    const issued = await issue('so-tu-phap', 'so-nguoi-dan', 4, 'Đợt thu hồi');
    await respond(issued.codes[0]!.code, true);
    await respond(issued.codes[1]!.code, false);
    await server.signInAs('qt');
    renderAdmin(server.ids.admin, '/self-fill');
    const row = await batchRow('Đợt thu hồi');
    expect(cells(row).slice(2, 8)).toEqual(['29/12/2021', '4', '2', '1', '0', 'Đang dùng']);

    const ask = within(row).getByRole('button', { name: /^Thu hồi đợt mã Sở Tư pháp × .* phát lúc 20\/12\/2021 10:00$/ });
    fireEvent.click(ask);
    expect(
      within(row).getByText(/^Thu hồi đợt mã .*\? 3 mã chưa gửi sẽ không dùng được nữa; 1 phiếu đã gửi vẫn được giữ và tính\.$/),
    ).toBeTruthy();
    now = new Date('2021-12-20T04:30:00Z');
    fireEvent.click(within(row).getByRole('button', { name: 'Thu hồi đợt mã' }));

    expect(await screen.findByText(`Đã thu hồi đợt mã Sở Tư pháp × ${CITIZENS}: 3 mã chưa gửi không còn dùng được.`)).toBeTruthy();
    await waitFor(async () =>
      expect(cells(await batchRow('Đợt thu hồi')).slice(2, 8)).toEqual(['29/12/2021', '4', '2', '1', '3', 'Đã thu hồi 20/12/2021 11:30']),
    );
    expect(within(await batchRow('Đợt thu hồi')).queryByRole('button')).toBeNull();
    // The code not sent is refused from now on.
    expect((await server.h.app.inject({ method: 'GET', url: `/api/p/${issued.codes[2]!.code}` })).statusCode).toBe(410);
  });

  it('say the server’s refusal of a batch revoked meanwhile (409), and show it revoked', async () => {
    const issued = await issue('so-tu-phap', 'so-nguoi-dan', 2, 'Đợt thu hồi nơi khác');
    await server.signInAs('qt');
    renderAdmin(server.ids.admin, '/self-fill');
    const row = await batchRow('Đợt thu hồi nơi khác');
    const elsewhere = await server.h.app.inject({
      method: 'POST',
      url: `/api/campaigns/${CAMPAIGN}/self-fill/batches/${issued.batch.id}/revoke`,
      headers: { cookie: admin },
    });
    expect(elsewhere.statusCode).toBe(200);
    fireEvent.click(within(row).getByRole('button', { name: /^Thu hồi đợt mã/ }));
    fireEvent.click(within(row).getByRole('button', { name: 'Thu hồi đợt mã' }));
    const list = screen.getByRole('region', { name: 'Các đợt mã đã phát' });
    expect((await within(list).findByRole('alert')).textContent).toBe('Không thu hồi được đợt mã: Đợt mã này đã bị thu hồi trước đó.');
    await waitFor(async () => expect(cells(await batchRow('Đợt thu hồi nơi khác'))[7]).toMatch(/^Đã thu hồi /));
  });

  it('can be narrowed to one unit', async () => {
    await issue('so-y-te', 'so-nguoi-dan', 1, 'Đợt Sở Y tế');
    await server.signInAs('qt');
    renderAdmin(server.ids.admin, '/self-fill');
    await batchRow('Đợt Sở Y tế');
    const list = screen.getByRole('region', { name: 'Các đợt mã đã phát' });
    fireEvent.change(within(list).getByRole('combobox', { name: 'Đơn vị' }), { target: { value: 'so-y-te' } });
    await waitFor(() => {
      const rows = within(list)
        .getAllByRole('rowheader')
        .map((r) => r.textContent);
      expect(rows).toEqual([`Sở Y tế × ${CITIZENS}`]);
    });
  });
});

describe('progress', () => {
  const coordinator = (id: string): AccountSummary => ({
    id,
    username: 'dm',
    displayName: 'dm',
    role: 'coordinator',
    unitId: 'so-tu-phap',
    campaignId: CAMPAIGN,
  });

  it('shows a coordinator their unit’s self-fill counts beside the surveyors’ figures, counts only', async () => {
    const staff = await issue('so-tu-phap', 'so-cong-chuc-so', 6, 'Công chức Sở Tư pháp');
    await issue('so-y-te', 'so-cong-chuc-so', 9, 'Không phải của đơn vị');
    await respond(staff.codes[0]!.code, false);
    await server.signInAs('dm');
    render(
      <I18nProvider lang="vi">
        <MemoryRouter initialEntries={['/']}>
          <OfficeApp account={coordinator(server.ids.coordinator)} onSignOut={() => undefined} onExpired={() => undefined} />
        </MemoryRouter>
      </I18nProvider>,
    );
    const section = await screen.findByRole('region', { name: 'Tự điền bằng mã' });
    expect(
      within(section)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Đối tượng', 'Số đợt', 'Mã đã phát', 'Đã mở', 'Đã gửi', 'Thu hồi', 'Chưa dùng']);
    const row = within(section).getByRole('row', { name: new RegExp(`^${STAFF}`) });
    expect(cells(row)).toEqual(['1', '6', '1', '0', '0', '6']);
    expect(within(section).queryByText('9')).toBeNull();
    expect(within(section).getByText(/Phiếu gửi bằng mã đã được tính trong cột "Đã nhận"/)).toBeTruthy();
    // No batch list, note, code or link reaches the coordinator's screen.
    expect(screen.queryByRole('link', { name: 'Mã tự điền' })).toBeNull();
    expect(document.body.textContent).not.toContain('Công chức Sở Tư pháp');
    expect(document.body.textContent).not.toContain(staff.codes[1]!.code);
  });
});
