// Home Affairs' campaign screen against the real server: open and close the campaign, deadlines, rates.
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderAdmin } from './admin-render';
import { startOfficeServer, type OfficeServer } from './real-server';

configure({ asyncUtilTimeout: 5000 });

const clock = new Date('2021-12-20T03:00:00Z');
let server: OfficeServer;

beforeAll(async () => {
  server = await startOfficeServer(() => clock);
  await server.signInAs('qt');
});
afterAll(() => server.close());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const campaignState = async () =>
  (await server.h.handle.db.selectFrom('campaigns').select('state').where('id', '=', 'quang-binh-2021').executeTakeFirstOrThrow()).state;

describe('the campaign screen', () => {
  it('is in the admin navigation and shows the state with its totals', async () => {
    renderAdmin(server.ids.admin, '/');
    fireEvent.click(await screen.findByRole('link', { name: 'Quản trị' }));
    expect(await screen.findByRole('heading', { name: /^Kỳ đánh giá — / })).toBeTruthy();
    expect(await screen.findByText('Đang mở')).toBeTruthy();
    expect(screen.getByText(/Đã nhận 4\/2\.745 phiếu hợp lệ/)).toBeTruthy();
    const tabs = screen.getByRole('navigation', { name: 'Quản trị kỳ đánh giá' });
    expect(
      within(tabs)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Kỳ đánh giá', 'Tài khoản', 'Phân công', 'Hội đồng thẩm định', 'Nhật ký']);
  });

  it('closes the campaign after saying what closing does, then reopens it', { timeout: 20_000 }, async () => {
    renderAdmin(server.ids.admin, '/admin');
    fireEvent.click(await screen.findByRole('button', { name: 'Đóng kỳ đánh giá' }));
    // Asked first, in words: surveyors' syncs stop, what is on the phones is exported.
    const ask = screen.getByRole('group', { name: 'Đóng kỳ đánh giá' });
    expect(ask.textContent).toMatch(/không đồng bộ được nữa.*Xuất dữ liệu chưa đồng bộ/);
    expect(await campaignState()).toBe('open');
    fireEvent.click(within(ask).getByRole('button', { name: 'Đóng kỳ' }));
    expect(await screen.findByText('Đã đóng kỳ đánh giá. Máy chủ không nhận phiếu mới.')).toBeTruthy();
    expect(await screen.findByText('Đã đóng')).toBeTruthy();
    expect(await campaignState()).toBe('closed');

    const reopen = screen.getByRole('button', { name: 'Mở lại kỳ đánh giá' });
    await waitFor(() => expect((reopen as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(reopen);
    fireEvent.click(within(screen.getByRole('group', { name: 'Mở lại kỳ đánh giá' })).getByRole('button', { name: 'Mở kỳ' }));
    expect(await screen.findByText('Đã mở kỳ đánh giá. Điều tra viên đồng bộ được ngay.')).toBeTruthy();
    expect(await screen.findByText('Đang mở')).toBeTruthy();
    expect(await campaignState()).toBe('open');
  });

  it('cancelling the question changes nothing', async () => {
    renderAdmin(server.ids.admin, '/admin');
    fireEvent.click(await screen.findByRole('button', { name: 'Đóng kỳ đánh giá' }));
    fireEvent.click(screen.getByRole('button', { name: 'Huỷ' }));
    expect(screen.getByRole('button', { name: 'Đóng kỳ đánh giá' })).toBeTruthy();
    expect(await campaignState()).toBe('open');
  });

  it(
    'shows the server’s message next to a wrong deadline, then saves a new survey deadline that takes effect',
    { timeout: 20_000 },
    async () => {
      renderAdmin(server.ids.admin, '/admin');
      const survey = await screen.findByLabelText('Hạn điều tra xã hội học');
      // The plan says "trước ngày 30/12/2021": the form holds the last day on time, and says how the file words it.
      expect((survey as HTMLInputElement).value).toBe('2021-12-29');
      expect(screen.getAllByText('Theo tệp: trước ngày 30/12/2021, tức đến hết ngày 29/12/2021')).toHaveLength(2);

      // Appraisal before the self-assessment deadline: refused, the message beside the field, nothing saved.
      fireEvent.change(screen.getByLabelText('Hạn thẩm định'), { target: { value: '2021-12-01' } });
      fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
      expect(await screen.findByText('Hạn thẩm định phải sau hoặc bằng hạn tự đánh giá')).toBeTruthy();
      expect(screen.getByText('Chưa lưu được: sửa các mục có thông báo màu đỏ.')).toBeTruthy();
      expect(await server.h.handle.db.selectFrom('campaign_settings').selectAll().execute()).toEqual([]);

      fireEvent.change(screen.getByLabelText('Hạn thẩm định'), { target: { value: '2021-12-30' } });
      fireEvent.change(survey, { target: { value: '2022-01-05' } });
      fireEvent.change(screen.getByLabelText('Người trả lời — mức chung'), { target: { value: '50000' } });
      expect(screen.getByText('= 50.000 đ')).toBeTruthy();
      fireEvent.change(screen.getByLabelText('Người dân, doanh nghiệp có giao dịch'), { target: { value: '70000' } });
      fireEvent.change(screen.getByLabelText('Thời gian phỏng vấn tối thiểu (phút)'), { target: { value: '7' } });
      fireEvent.click(screen.getByLabelText('Vẫn nhận và đánh dấu "gửi quá hạn"'));
      // The pay rule and the late-survey rule: the defaults are shown chosen, and each can be changed.
      expect((screen.getByLabelText('Chỉ phiếu được tính (không trả cho phiếu bị loại khi rà soát)') as HTMLInputElement).checked).toBe(
        true,
      );
      fireEvent.click(screen.getByLabelText('Mọi phiếu máy chủ nhận được, kể cả phiếu bị loại khi rà soát'));
      expect((screen.getByLabelText('Vẫn nhận và đánh dấu "hoàn thành sau hạn điều tra" để rà soát') as HTMLInputElement).checked).toBe(
        true,
      );
      fireEvent.click(screen.getByLabelText(/^Không nhận phiếu hoàn thành sau hạn điều tra/));
      fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
      expect(await screen.findByText(/^Đã lưu lúc .*\. Điều tra viên/)).toBeTruthy();

      // The deadline in force now, and said to differ from the file.
      const inForce = await screen.findByRole('list', { name: 'Các hạn đang áp dụng' });
      expect(await within(inForce).findByText('đến hết ngày 05/01/2022')).toBeTruthy();
      expect(await screen.findByText(/Có hạn đã đổi so với tệp/)).toBeTruthy();
      const res = await server.h.app.inject({
        method: 'GET',
        url: '/api/campaigns/current',
        headers: { cookie: await server.h.login('dm') },
      });
      expect((res.json() as { deadlines: Record<string, string> }).deadlines.survey).toBe('2022-01-05');
      const saved = await server.h.handle.db.selectFrom('campaign_settings').select('settings_json').executeTakeFirstOrThrow();
      expect(JSON.parse(saved.settings_json)).toMatchObject({
        // The file's other deadlines as their last days on time ("trước ngày 15/12/2021" → 14/12).
        deadlines: { selfAssessment: '2021-12-14', survey: '2022-01-05', appraisal: '2021-12-30', publication: '2022-01-14' },
        minInterviewMinutes: 7,
        payment: { respondentRate: 50000, respondentRateByGroup: { 'so-nguoi-dan': 70000 }, surveyorRate: 0, surveyorPaidFor: 'received' },
        surveyLate: 'refuse',
        selfAssessmentLate: 'flag',
      });
    },
  );

  it(
    'confirms a save beside the button and keeps it there; a refusal is said there too, each field a link to it',
    { timeout: 20_000 },
    async () => {
      // The timers' clock is the test's (advancing with real time): the wait for a late redraw is advanced, not slept.
      vi.useFakeTimers({ shouldAdvanceTime: true });
      renderAdmin(server.ids.admin, '/admin');
      const minutes = await screen.findByLabelText('Thời gian phỏng vấn tối thiểu (phút)');
      const save = screen.getByRole('button', { name: 'Lưu cài đặt' });
      const row = save.parentElement!;
      const status = within(row).getByRole('status');
      expect(status.textContent).toBe('');

      // A refusal: beside the button, naming the field; its link takes the person to the field.
      fireEvent.change(screen.getByLabelText('Hạn thẩm định'), { target: { value: '2021-12-01' } });
      fireEvent.click(save);
      const alert = await screen.findByRole('alert');
      expect(row.nextElementSibling).toBe(alert);
      expect(alert.textContent).toMatch(
        /Chưa lưu được: sửa các mục có thông báo màu đỏ\.Hạn thẩm định: Hạn thẩm định phải sau hoặc bằng hạn tự đánh giá/,
      );
      fireEvent.click(within(alert).getByRole('button', { name: 'Hạn thẩm định' }));
      expect(document.activeElement).toBe(screen.getByLabelText('Hạn thẩm định'));

      // A save, with the decimal comma: confirmed beside the button, announced (role=status), and still there once
      // the screen has read the settings again.
      fireEvent.change(screen.getByLabelText('Hạn thẩm định'), { target: { value: '2021-12-30' } });
      fireEvent.change(minutes, { target: { value: '6,5' } });
      fireEvent.click(save);
      await waitFor(() =>
        expect(status.textContent).toMatch(
          /^Đã lưu lúc \d\d\/12\/2021 \d\d:\d\d\. Điều tra viên, đầu mối và đơn vị thấy cài đặt mới ngay\.$/,
        ),
      );
      expect(screen.queryByRole('alert')).toBeNull();
      expect(await screen.findByText(/^Lưu lần cuối lúc .* bởi qt\.$/)).toBeTruthy();
      await vi.advanceTimersByTimeAsync(300);
      expect(within(save.parentElement!).getByRole('status')).toBe(status);
      expect(status.textContent).toMatch(/^Đã lưu lúc/);
      expect((minutes as HTMLInputElement).value).toBe('6.5');
      const saved = await server.h.handle.db.selectFrom('campaign_settings').select('settings_json').executeTakeFirstOrThrow();
      expect(JSON.parse(saved.settings_json)).toMatchObject({ minInterviewMinutes: 6.5 });

      // A change clears the confirmation: it never speaks of values not saved.
      fireEvent.change(minutes, { target: { value: '7' } });
      expect(status.textContent).toBe('');
    },
  );

  it('refuses a rate that is not whole đồng, with the message beside it', async () => {
    renderAdmin(server.ids.admin, '/admin');
    const rate = await screen.findByLabelText('Điều tra viên — mỗi phiếu thu được');
    fireEvent.change(rate, { target: { value: '12,5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    expect(await screen.findByText('Số tiền là số nguyên (đồng)')).toBeTruthy();
  });
});
