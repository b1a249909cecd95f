import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import OfficeApp from '../../../src/client/office/OfficeApp';
import { I18nProvider } from '../../../src/client/i18n/i18n';
import { appraisedSubCriteria, type AccountSummary, type Framework, type SelfAssessment } from '../../../src/shared';
import { startOfficeServer, type OfficeServer } from './real-server';

/**
 * Review (rà soát), submit (gửi kết quả), the printable report, and Home Affairs' and the council's list, against the
 * real server in process: refused while incomplete, after the deadline (campaign rule) and without the signed report
 * (the reference campaign asks for it), then accepted and locked.
 */

configure({ asyncUtilTimeout: 8000 });

// Before the self-assessment deadline (15/12/2021); moved past it below.
let clock = new Date('2021-12-10T03:00:00Z');
const CAMPAIGN = 'quang-binh-2021';
const BASE = `/api/self-assessments/${CAMPAIGN}/so-tu-phap`;
const PDF = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
const SIGNED = 'Báo cáo TĐG 2021 - đã ký.pdf';
let server: OfficeServer;
let inspector: string;
let admin: string;
let framework: Framework;

beforeAll(async () => {
  server = await startOfficeServer(() => clock);
  inspector = await server.h.login('dm');
  admin = await server.h.login('qt');
  framework = server.h.registry.get(CAMPAIGN)!.frameworkByLevel.get('department')!;
});
afterAll(() => server.close());
afterEach(cleanup);

const account = (id: string, username: string, role: AccountSummary['role'], unitId: string | null = null): AccountSummary => ({
  id,
  username,
  displayName: username,
  role,
  unitId,
  campaignId: CAMPAIGN,
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

async function stored(): Promise<SelfAssessment> {
  const res = await server.h.app.inject({ method: 'GET', url: BASE, headers: { cookie: inspector } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as SelfAssessment;
}

/** Saves items as the coordinator through the API (the entry screen is tested in self-assessment-entry). */
async function saveAll(scores: (code: string) => { score: number; explanation?: string }) {
  const items = new Map((await stored()).items.map((i) => [i.code, i]));
  for (const sub of appraisedSubCriteria(framework)) {
    const res = await server.h.app.inject({
      method: 'PUT',
      url: `${BASE}/items/${sub.code}`,
      headers: { cookie: inspector },
      payload: { version: items.get(sub.code)?.version ?? 0, explanation: null, note: null, ...scores(sub.code) },
    });
    expect(res.statusCode, res.body).toBe(204);
  }
}

const confirmSubmit = () => {
  fireEvent.click(screen.getByRole('button', { name: 'Gửi kết quả tự đánh giá' }));
  const dialog = screen.getByRole('alertdialog', { name: 'Xác nhận gửi Hội đồng thẩm định?' });
  expect(within(dialog).getByText(/sẽ bị khoá sau khi gửi/)).toBeTruthy();
  fireEvent.click(within(dialog).getByRole('button', { name: 'Xác nhận gửi' }));
};

describe('review and submit', { timeout: 60_000 }, () => {
  it('lists what is missing with the totals per field, and refuses to submit while incomplete', async () => {
    await saveAll((code) =>
      code === '1.1.1' ? { score: 1 } : code === '1.1.2' ? { score: 0.5, explanation: 'Đã hoàn thành 90% nhiệm vụ' } : { score: 0 },
    );
    // Two left open: one not scored, one scored with neither evidence nor explanation.
    await server.h.app.inject({
      method: 'PUT',
      url: `${BASE}/items/2.1.1`,
      headers: { cookie: inspector },
      payload: { version: 1, score: null, explanation: null, note: null },
    });
    await server.signInAs('dm');
    renderOffice(coordinator(), '/self-assessment/review');
    expect(await screen.findByRole('heading', { level: 1, name: 'Rà soát và gửi kết quả — Sở Tư pháp' })).toBeTruthy();
    expect(screen.getByText('Đang nhập (chưa gửi)')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Cần hoàn thiện (2)' })).toBeTruthy();
    expect(screen.getByText('Chưa chấm điểm: 1 · Điểm không hợp lệ: 0 · Chưa có tài liệu hoặc giải trình: 1')).toBeTruthy();
    const missing = screen.getByRole('link', { name: /^1\.1\.1\. Ban hành kế hoạch/ }).closest('tr') as HTMLElement;
    expect(within(missing).getByText('Có điểm nhưng chưa có tài liệu kiểm chứng hoặc nội dung giải trình')).toBeTruthy();
    expect(screen.getByRole('link', { name: /^1\.1\.1\./ }).getAttribute('href')).toBe('/self-assessment#tc-1.1.1');
    expect(within(screen.getByRole('link', { name: /^2\.1\.1\./ }).closest('tr') as HTMLElement).getByText('Chưa chấm điểm')).toBeTruthy();
    // Totals per field against the maximum.
    const totals = screen.getByRole('table', { name: 'Điểm tự đánh giá theo lĩnh vực (phần thẩm định)' });
    const field1 = within(totals).getByRole('row', { name: /^1\. Công tác chỉ đạo/ });
    expect(
      within(field1)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['1,5', '8', '1', '2']);
    expect(
      within(within(totals).getAllByRole('row').at(-1)!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['1,5', '70', '2', '30']);

    confirmSubmit();
    const refusal = await screen.findByText('Chưa gửi được: còn 2 tiêu chí thành phần cần hoàn thiện (xem trang Rà soát).');
    const banner = refusal.closest('.banner') as HTMLElement;
    expect(within(banner).getByText(/^1\.1\.1 Ban hành kế hoạch .*: Có điểm nhưng chưa có tài liệu/)).toBeTruthy();
    expect(within(banner).getByText(/^2\.1\.1 .*: Chưa chấm điểm$/)).toBeTruthy();
    expect((await stored()).state).toBe('draft');
  });

  it('refuses after the deadline when the campaign says so, accepts and flags it late when Home Affairs allows, then locks everything', async () => {
    await saveAll((code) =>
      code === '1.1.1'
        ? { score: 1, explanation: 'Kế hoạch số 12/KH-STP' }
        : code === '1.1.2'
          ? { score: 0.5, explanation: 'Đã hoàn thành 90% nhiệm vụ' }
          : { score: 0 },
    );
    clock = new Date('2021-12-16T03:00:00Z');
    // Office sessions last 12 hours: six days later everyone signs in again.
    inspector = await server.h.login('dm');
    admin = await server.h.login('qt');
    await server.signInAs('dm');
    renderOffice(coordinator(), '/self-assessment/review');
    expect(await screen.findByText('Đã chấm đủ 58 tiêu chí thành phần; mỗi điểm đều có tài liệu kiểm chứng hoặc giải trình.')).toBeTruthy();
    confirmSubmit();
    // The deadline in force (the campaign's day, read with its deadline rule).
    const deadline = (await stored()).deadline.split('-').reverse().join('/');
    expect(await screen.findByText(`Đã quá hạn tự đánh giá (đến hết ngày ${deadline}). Liên hệ Sở Nội vụ.`)).toBeTruthy();
    expect((await stored()).state).toBe('draft');

    const res = await server.h.app.inject({
      method: 'PUT',
      url: `/api/campaigns/${CAMPAIGN}/settings`,
      headers: { cookie: admin },
      payload: { selfAssessmentLate: 'flag' },
    });
    expect(res.statusCode, res.body).toBe(200);

    // The signed, stamped report: asked for before submission, uploaded here, a non-PDF refused with the server's reason.
    const signed = screen.getByRole('region', { name: 'Báo cáo tự đánh giá đã ký, đóng dấu' });
    expect(within(signed).getByText('Chưa có bản báo cáo đã ký, đóng dấu: chưa gửi kết quả được.')).toBeTruthy();
    expect(within(signed).getByText(/Bắt buộc trước khi gửi kết quả/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Gửi kết quả tự đánh giá' }));
    expect(screen.getByText('Chưa tải lên báo cáo đã ký, đóng dấu (PDF): máy chủ sẽ không nhận cho đến khi có.')).toBeTruthy();
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Xác nhận gửi' }));
    expect(await screen.findByText(/^Chưa gửi được: chưa có Báo cáo tự đánh giá đã ký, đóng dấu\./)).toBeTruthy();
    expect((await stored()).state).toBe('draft');
    const input = () => within(signed).getByLabelText(/^(Tải lên báo cáo đã ký|Thay bằng bản khác) \(PDF\)$/);
    expect(input().getAttribute('accept')).toBe('.pdf,application/pdf');
    fireEvent.change(input(), {
      target: { files: [new File(['<html><body>bao cao</body></html>'], 'bao-cao.pdf', { type: 'application/pdf' })] },
    });
    expect(await within(signed).findByText(/^Báo cáo đã ký phải là tệp PDF/)).toBeTruthy();
    expect((await stored()).signedReport).toEqual({ required: true, file: null });
    fireEvent.change(input(), { target: { files: [new File([PDF], SIGNED, { type: 'application/pdf' })] } });
    expect(await within(signed).findByText('Đã tải lên báo cáo đã ký.')).toBeTruthy();
    const link = await within(signed).findByRole('link', { name: SIGNED });
    expect(link.getAttribute('href')).toBe(`${BASE}/signed-report`);
    expect(within(signed).getByText(/^Tải lên lúc 16\/12\/2021 \d\d:\d\d \(dm\)$/)).toBeTruthy();
    expect(within(signed).getByLabelText('Thay bằng bản khác (PDF)')).toBeTruthy();
    expect((await stored()).signedReport?.file).toMatchObject({ name: SIGNED, size: PDF.length, uploadedBy: 'dm' });

    confirmSubmit();
    expect(
      await screen.findByText('Đã gửi kết quả tự đánh giá, nhưng sau hạn nên được ghi nhận là nộp muộn. Bản tự đánh giá đã được khoá.'),
    ).toBeTruthy();
    expect(await screen.findByText('Đã gửi — quá hạn')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Gửi kết quả tự đánh giá' })).toBeNull();
    expect(await stored()).toMatchObject({ state: 'submitted', late: true, editable: false });
    // Locked with the rest: the signed report stays, with no upload control.
    await waitFor(() => expect(screen.queryByLabelText('Thay bằng bản khác (PDF)')).toBeNull());
    expect(
      within(screen.getByRole('region', { name: 'Báo cáo tự đánh giá đã ký, đóng dấu' })).getByRole('link', { name: SIGNED }),
    ).toBeTruthy();

    // The entry screen is read-only now: values shown, no boxes, no uploads.
    cleanup();
    renderOffice(coordinator(), '/self-assessment');
    expect(await screen.findByText('Bản tự đánh giá đã gửi Hội đồng thẩm định nên chỉ xem được, không sửa được nữa.')).toBeTruthy();
    expect(document.querySelectorAll('input, textarea')).toHaveLength(0);
    expect(within(document.getElementById('tc-1.1.1')!).getByText('Kế hoạch số 12/KH-STP')).toBeTruthy();
    // And the assignment is locked.
    cleanup();
    renderOffice(coordinator(), '/self-assessment/assign');
    expect(await screen.findByText('Bản tự đánh giá đã gửi Hội đồng thẩm định nên chỉ xem được, không sửa được nữa.')).toBeTruthy();
    expect(screen.getAllByRole('checkbox').every((c) => (c as HTMLInputElement).disabled)).toBe(true);
  });

  it('prints a report laid out like the official one, with the totals and the signature block', async () => {
    await server.signInAs('dm');
    const print = { called: 0 };
    const realPrint = window.print;
    window.print = () => void (print.called += 1);
    try {
      renderOffice(coordinator(), '/self-assessment/report');
      expect(
        await screen.findByRole('heading', { level: 1, name: 'BÁO CÁO TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2021' }),
      ).toBeTruthy();
      expect(screen.getByText('UBND TỈNH QUẢNG BÌNH')).toBeTruthy();
      expect(screen.getByText('SỞ TƯ PHÁP')).toBeTruthy();
      expect(screen.getByText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBeTruthy();
      // Dated the day it was submitted (16/12/2021 in Vietnam).
      expect(screen.getByText('Quảng Bình, ngày 16 tháng 12 năm 2021')).toBeTruthy();
      const table = screen.getAllByRole('table')[0]!;
      expect(
        within(table)
          .getAllByRole('columnheader')
          .map((h) => h.textContent),
      ).toEqual(['STT', 'Lĩnh vực, tiêu chí, tiêu chí thành phần', 'Điểm tối đa', 'Điểm tự đánh giá', 'Tài liệu kiểm chứng', 'Giải trình']);
      const total = within(table).getByRole('row', { name: /Tổng điểm tự đánh giá \(các tiêu chí thẩm định\)/ });
      expect(
        within(total)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ).toEqual(['', '70', '1,5', '', '']);
      const item = within(table).getByRole('row', { name: /Ban hành kế hoạch cải cách hành chính năm 2021 kịp thời/ });
      expect(
        within(item)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ).toEqual(['1.1.1', 'Ban hành kế hoạch cải cách hành chính năm 2021 kịp thời', '1', '1', '', 'Kế hoạch số 12/KH-STP']);
      const surveyed = within(table)
        .getAllByRole('row')
        .find((r) => r.firstElementChild?.textContent === '1.7');
      expect(surveyed?.textContent).toMatch(/Chấm qua điều tra XHH/);
      // Who signs, from the campaign data: a department's director (the unit level's signature block).
      const signer = document.querySelector('.sa-report-signer') as HTMLElement;
      expect([...signer.querySelectorAll('strong')].map((x) => x.textContent)).toEqual(['GIÁM ĐỐC']);
      expect(screen.queryByText('THỦ TRƯỞNG CƠ QUAN')).toBeNull();
      // The signed copy, above the report and not printed.
      expect(screen.getByRole('link', { name: SIGNED }).closest('.no-print')).not.toBeNull();
      expect(screen.getByText('DANH MỤC TÀI LIỆU KIỂM CHỨNG')).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: 'In báo cáo' }));
      expect(print.called).toBe(1);
    } finally {
      window.print = realPrint;
    }
  });
});

describe('a district’s report', { timeout: 60_000 }, () => {
  it('says the district’s place and the people’s committee’s signature block, dated today as a draft', async () => {
    await server.signInAs('qt');
    renderOffice(account(server.ids.admin, 'qt', 'admin'), '/self-assessment/h-minh-hoa/report');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'BÁO CÁO TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2021' }),
    ).toBeTruthy();
    expect(screen.getByText('BẢN NHÁP — CHƯA GỬI HỘI ĐỒNG THẨM ĐỊNH')).toBeTruthy();
    expect(screen.getByText('UBND HUYỆN MINH HÓA')).toBeTruthy();
    // A draft is dated the day it is printed (the browser's today, in Vietnam).
    const [y, m, d] = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10).split('-');
    expect(screen.getByText(`Minh Hóa, ngày ${d} tháng ${m} năm ${y}`)).toBeTruthy();
    expect(screen.queryByText(/^Quảng Bình, ngày/)).toBeNull();
    const signer = document.querySelector('.sa-report-signer') as HTMLElement;
    expect([...signer.querySelectorAll('strong')].map((x) => x.textContent)).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
    // Not uploaded yet: said so above the report, for Home Affairs.
    expect(screen.getByText('Chưa có bản báo cáo đã ký, đóng dấu: chưa gửi kết quả được.')).toBeTruthy();
  });
});

describe('Home Affairs and the council', { timeout: 60_000 }, () => {
  it('list every unit with its state and total, and open one read-only', async () => {
    await server.signInAs('qt');
    renderOffice(account(server.ids.admin, 'qt', 'admin'), '/self-assessments');
    expect(await screen.findByRole('heading', { level: 1, name: 'Tự đánh giá của các đơn vị' })).toBeTruthy();
    expect(screen.getByText('Đã gửi 1/29 đơn vị · gửi muộn 1')).toBeTruthy();
    const row = screen.getByRole('row', { name: /^Sở Tư pháp/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Cấp sở', 'Đã gửi — quá hạn', '16/12/2021 10:00dm', '58/58', '1,5/70', expect.stringMatching(/^16\/12\/2021 \d\d:\d\d$/)]);
    expect(
      within(screen.getByRole('row', { name: /^Sở Y tế/ }))
        .getAllByRole('cell')
        .at(-1)?.textContent,
    ).toBe('Chưa có');
    expect(within(screen.getByRole('navigation')).getByRole('link', { name: 'Tự đánh giá các đơn vị' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Tình trạng'), { target: { value: 'submitted' } });
    expect(screen.getAllByRole('row')).toHaveLength(2);
    fireEvent.click(within(row).getByRole('link', { name: 'Sở Tư pháp' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Tự đánh giá chỉ số CCHC — Sở Tư pháp' })).toBeTruthy();
    expect(screen.getByText('Bản tự đánh giá đã gửi Hội đồng thẩm định nên chỉ xem được, không sửa được nữa.')).toBeTruthy();
    expect(document.querySelectorAll('input, textarea')).toHaveLength(0);
    expect(screen.getByRole('link', { name: 'Xem báo cáo tự đánh giá để in' }).getAttribute('href')).toBe(
      '/self-assessment/so-tu-phap/report',
    );
    // The signed copy, for Home Affairs to download or open.
    expect(screen.getByRole('link', { name: SIGNED }).getAttribute('href')).toBe(`${BASE}/signed-report`);
    expect(screen.getByRole('link', { name: `Mở xem ${SIGNED} trong thẻ mới` }).getAttribute('href')).toBe(
      `${BASE}/signed-report?view=inline`,
    );

    cleanup();
    await server.signInAs('hd');
    renderOffice(account('x', 'hd', 'council'), '/self-assessments');
    expect(await screen.findByRole('heading', { level: 1, name: 'Tự đánh giá của các đơn vị' })).toBeTruthy();
    fireEvent.click(within(screen.getByRole('row', { name: /^Sở Y tế/ })).getByRole('link'));
    expect(await screen.findByText('Chỉ xem: bản tự đánh giá do đơn vị nhập và gửi.')).toBeTruthy();
    await waitFor(() => expect(document.getElementById('tc-1.1.1')).not.toBeNull());
    expect(document.querySelectorAll('input, textarea')).toHaveLength(0);
  });
});
