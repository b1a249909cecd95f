import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryRouter } from 'react-router-dom';
import OfficeApp from '../../../src/client/office/OfficeApp';
import { I18nProvider } from '../../../src/client/i18n/i18n';
import type { AccountSummary } from '../../../src/shared';
import { citizenResponse } from '../../server/harness';
import { startOfficeServer, type OfficeServer } from './real-server';

configure({ asyncUtilTimeout: 5000 });

// Responses arrive on 20/12/2021 (Vietnam); the survey deadline is "trước ngày 30/12/2021": through the 29th.
const clock = new Date('2021-12-20T03:00:00Z');
let server: OfficeServer;

beforeAll(async () => {
  server = await startOfficeServer(() => clock);
});
afterAll(() => server.close());
afterEach(cleanup);

const account = (id: string, username: string, role: AccountSummary['role'], unitId: string | null = null): AccountSummary => ({
  id,
  username,
  displayName: username,
  role,
  unitId,
  campaignId: 'quang-binh-2021',
});

function renderOffice(who: AccountSummary, path = '/') {
  let expired = false;
  render(
    <I18nProvider lang="vi">
      <MemoryRouter initialEntries={[path]}>
        <OfficeApp account={who} onSignOut={() => undefined} onExpired={() => (expired = true)} />
      </MemoryRouter>
    </I18nProvider>,
  );
  return { expired: () => expired };
}

describe('coordinator', () => {
  it('sees their unit’s counts per group and surveyor, the pace warning, and no answers', async () => {
    await server.signInAs('dm');
    renderOffice(account(server.ids.coordinator, 'dm', 'coordinator', 'so-tu-phap'));
    expect(await screen.findByRole('heading', { name: 'Tiến độ thu phiếu — Sở Tư pháp' })).toBeTruthy();
    expect(screen.getByText('Đã nhận 3/85 phiếu hợp lệ · còn thiếu 82')).toBeTruthy();
    // 3 in one day, 10 days left (20th–29th) → 30 of 82.
    expect(screen.getByRole('alert').textContent).toMatch(
      /Chậm tiến độ: với tốc độ hiện tại \(3 phiếu\/ngày\), đơn vị sẽ thiếu 52 phiếu khi hết hạn 29\/12\/2021/,
    );
    const groups = screen.getAllByRole('table')[0]!;
    const citizens = within(groups).getByRole('row', { name: /Người dân/ });
    expect(
      within(citizens)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['30', '3', '0', '0', '27']);
    const surveyors = screen.getAllByRole('table')[1]!;
    expect(within(surveyors).getByRole('row', { name: /s1/ }).textContent).toMatch(/315/);
    expect(screen.getByRole('img', { name: /Biểu đồ số phiếu nhận theo ngày/ })).toBeTruthy();
    expect(screen.getByRole('cell', { name: '20/12/2021' })).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/Sở Y tế|Q1|truc-tiep/);
    expect(screen.getByRole('link', { name: 'Danh sách chi trả' }).getAttribute('href')).toBe(
      '/api/campaigns/quang-binh-2021/exports/rosters.html?unitId=so-tu-phap',
    );
  });

  it('is told to sign in again when the session has ended', async () => {
    await server.signInAs('dm');
    await server.h.handle.db.updateTable('sessions').set({ revoked_at: clock.toISOString() }).execute();
    const view = renderOffice(account(server.ids.coordinator, 'dm', 'coordinator', 'so-tu-phap'));
    await waitFor(() => expect(view.expired()).toBe(true));
  });
});

describe('Home Affairs', () => {
  it('sees every unit with the campaign total, behind schedule first, and can filter', async () => {
    await server.signInAs('qt');
    renderOffice(account(server.ids.admin, 'qt', 'admin'));
    expect(await screen.findByText(/Toàn kỳ: 4\/2\.745 phiếu hợp lệ/)).toBeTruthy();
    expect(screen.getByText('29 đơn vị')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Lọc theo tên đơn vị'), { target: { value: 'minh' } });
    expect(screen.getByText('1 đơn vị')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'UBND huyện Minh Hóa' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Lọc theo tên đơn vị'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Sắp xếp'), { target: { value: 'progress' } });
    const rows = within(screen.getAllByRole('table')[0]!).getAllByRole('row').slice(1);
    // Lowest completion first: the two units with responses come last.
    expect(rows.slice(-2).map((r) => within(r).getByRole('link').textContent)).toEqual(['Sở Y tế', 'Sở Tư pháp']);
  });

  it('reviews a flagged response and excludes it with a reason', { timeout: 20_000 }, async () => {
    await server.signInAs('qt');
    renderOffice(account(server.ids.admin, 'qt', 'admin'), '/review');
    expect(await screen.findByRole('heading', { name: 'Rà soát phiếu' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Dấu hiệu'), { target: { value: 'short-interview' } });
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2));
    fireEvent.click(within(screen.getByRole('table')).getAllByRole('link')[0]!);
    expect(await screen.findByText('Phỏng vấn quá ngắn')).toBeTruthy();
    // Answers shown with the questionnaire's own words.
    expect(await screen.findByText('Trực tiếp tại Trung tâm Phục vụ hành chính công tỉnh')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Lý do'), { target: { value: 'Phỏng vấn 1 phút, không đủ để hỏi hết phiếu' } });
    fireEvent.click(screen.getByRole('button', { name: 'Loại phiếu khỏi kết quả' }));
    expect(await screen.findByText('Đã loại phiếu. Số liệu tiến độ và điểm đã cập nhật.')).toBeTruthy();
    expect(await screen.findByText(/Đã loại: Phỏng vấn 1 phút/)).toBeTruthy();
    expect(await screen.findByText(/Loại phiếu — qt: Phỏng vấn 1 phút/)).toBeTruthy();
    expect(
      await server.h.handle.db
        .selectFrom('cell_counts')
        .select('excluded')
        .where('unit_id', '=', 'so-tu-phap')
        .where('group_id', '=', 'so-nguoi-dan')
        .executeTakeFirst(),
    ).toEqual({ excluded: 1 });
  });
});

describe('council', () => {
  it('is told what the council will see, and nothing else', async () => {
    await server.signInAs('hd');
    renderOffice(account('x', 'hd', 'council'));
    expect(await screen.findByText(/Chưa có bản tự đánh giá nào được gửi/)).toBeTruthy();
    // Only the appraisal and the units' self-assessments: no progress, no responses.
    expect(
      within(screen.getByRole('navigation'))
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Thẩm định', 'Tự đánh giá các đơn vị']);
  });
});

describe('a response finished after the survey deadline (issue 15)', () => {
  it('is in review under its own flag, in words', { timeout: 20_000 }, async () => {
    // Finished on 30/12/2021: "trước ngày 30/12/2021" makes it late; the default rule takes it and flags it.
    const late = citizenResponse(server.ids.surveyor, { startedAt: '2021-12-30T08:00:00+07:00', finishedAt: '2021-12-30T08:20:00+07:00' });
    const surveyor = await server.h.login('s1');
    const res = await server.h.app.inject({
      method: 'POST',
      url: '/api/sync/responses',
      headers: { cookie: surveyor },
      payload: { responses: [late] },
    });
    expect(res.json().results[0]).toMatchObject({ status: 'accepted' });
    await server.signInAs('qt');
    renderOffice(account(server.ids.admin, 'qt', 'admin'), '/review');
    expect(await screen.findByText(/Hoàn thành sau hạn điều tra: 1/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Dấu hiệu'), { target: { value: 'late' } });
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2));
    fireEvent.click(within(screen.getByRole('table')).getAllByRole('link')[0]!);
    expect(await screen.findByText('Hoàn thành sau hạn điều tra')).toBeTruthy();
    // Its history read too, so that no request is still open when the server stops.
    expect(await screen.findByText('Chưa có thao tác rà soát nào.')).toBeTruthy();
  });
});
