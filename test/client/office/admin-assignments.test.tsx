// Home Affairs' assignment and audit screens against the real server.
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderAdmin } from './admin-render';
import { startOfficeServer, type OfficeServer } from './real-server';

configure({ asyncUtilTimeout: 8000 });

const clock = new Date('2021-12-20T03:00:00Z');
let server: OfficeServer;

beforeAll(async () => {
  server = await startOfficeServer(() => clock);
  await server.signInAs('qt');
});
afterAll(() => server.close());
afterEach(cleanup);

const cells = async () =>
  (
    await server.h.handle.db
      .selectFrom('assignments')
      .select(['unit_id', 'group_id', 'allocation'])
      .where('surveyor_id', '=', server.ids.surveyor)
      .orderBy('unit_id')
      .orderBy('group_id')
      .execute()
  ).map((a) => `${a.unit_id}:${a.group_id}:${a.allocation ?? '-'}`);
const options = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map((o) => o.textContent);

describe('assignments', () => {
  it('lists them with what each surveyor sent, and filters by unit', { timeout: 20_000 }, async () => {
    renderAdmin(server.ids.admin, '/admin/assignments');
    const row = await screen.findByRole('row', { name: /s1.*Sở Tư pháp × Người dân/ });
    expect((within(row).getByRole('spinbutton') as HTMLInputElement).value).toBe('15');
    expect(within(row).getByText('15/30 (3)')).toBeTruthy();
    expect(screen.getByRole('row', { name: /Sở Y tế × Người dân/ })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Lọc theo đơn vị'), { target: { value: 'so-tu-phap' } });
    expect(await screen.findByText('1 phân công')).toBeTruthy();
    expect(screen.queryByRole('row', { name: /Sở Y tế × Người dân/ })).toBeNull();
  });

  it(
    'adds one with an allocation above the quota (saved, with the server’s warning), changes it and removes it',
    { timeout: 30_000 },
    async () => {
      renderAdmin(server.ids.admin, '/admin/assignments');
      const form = await screen.findByRole('form', { name: 'Thêm hoặc đổi phân công' });
      await waitFor(() => expect(options(within(form).getByLabelText('Điều tra viên'))).toContain('s1 (s1)'));
      fireEvent.change(within(form).getByLabelText('Điều tra viên'), { target: { value: server.ids.surveyor } });
      fireEvent.change(within(form).getByLabelText('Đơn vị'), { target: { value: 'so-tu-phap' } });
      // Only the groups that rate a department.
      expect(options(within(form).getByLabelText('Đối tượng khảo sát')).slice(1)).toEqual([
        'Lãnh đạo và công chức thuộc Sở, ngành',
        'Lãnh đạo và công chức thuộc UBND cấp huyện',
        'Người dân, doanh nghiệp có giao dịch',
      ]);
      fireEvent.change(within(form).getByLabelText('Đối tượng khảo sát'), { target: { value: 'so-cong-chuc-so' } });
      fireEvent.change(within(form).getByLabelText('Số phiếu được giao'), { target: { value: '20' } });
      fireEvent.click(within(form).getByRole('button', { name: 'Lưu phân công' }));
      expect(await screen.findByText('Đã phân công s1: Sở Tư pháp × Lãnh đạo và công chức thuộc Sở, ngành.')).toBeTruthy();
      expect(
        screen.getAllByText(/Lãnh đạo và công chức thuộc Sở, ngành: tổng phân bổ 20 phiếu vượt chỉ tiêu 15 phiếu\./).length,
      ).toBeGreaterThan(0);
      expect(await cells()).toContain('so-tu-phap:so-cong-chuc-so:20');
      const row = await screen.findByRole('row', { name: /Sở Tư pháp × Lãnh đạo và công chức thuộc Sở, ngành/ });
      expect(within(row).getByText('Vượt chỉ tiêu')).toBeTruthy();

      // A negative allocation is refused with the server's words.
      const allocation = within(row).getByLabelText('Số phiếu giao cho s1 — Sở Tư pháp × Lãnh đạo và công chức thuộc Sở, ngành');
      fireEvent.change(allocation, { target: { value: '-1' } });
      fireEvent.click(within(row).getByRole('button', { name: 'Lưu' }));
      expect(await within(row).findByText('Số phiếu phân bổ không được âm')).toBeTruthy();
      fireEvent.change(allocation, { target: { value: '10' } });
      fireEvent.click(within(row).getByRole('button', { name: 'Lưu' }));
      expect(await screen.findByText('Đã lưu phân công s1: Sở Tư pháp × Lãnh đạo và công chức thuộc Sở, ngành.')).toBeTruthy();
      await waitFor(() => expect(within(row).queryByText('Vượt chỉ tiêu')).toBeNull());
      expect(await cells()).toContain('so-tu-phap:so-cong-chuc-so:10');

      fireEvent.click(within(row).getByRole('button', { name: 'Bỏ phân công s1 — Sở Tư pháp × Lãnh đạo và công chức thuộc Sở, ngành' }));
      expect(within(row).getByRole('group').textContent).toMatch(/0 phiếu điều tra viên đã gửi vẫn được giữ và vẫn được tính/);
      fireEvent.click(within(row).getByRole('button', { name: 'Bỏ phân công' }));
      expect(await screen.findByText(/^Đã bỏ phân công\./)).toBeTruthy();
      await waitFor(() => expect(screen.queryByRole('row', { name: /Sở Tư pháp × Lãnh đạo và công chức thuộc Sở, ngành/ })).toBeNull());
      expect(await cells()).toEqual(['so-tu-phap:so-nguoi-dan:15', 'so-y-te:so-nguoi-dan:-']);
    },
  );

  it('says the received responses stay when removing a cell that has some', { timeout: 20_000 }, async () => {
    renderAdmin(server.ids.admin, '/admin/assignments');
    const row = await screen.findByRole('row', { name: /s1.*Sở Tư pháp × Người dân/ });
    fireEvent.click(within(row).getByRole('button', { name: /^Bỏ phân công s1/ }));
    expect(within(row).getByRole('group').textContent).toMatch(/3 phiếu điều tra viên đã gửi vẫn được giữ/);
    fireEvent.click(within(row).getByRole('button', { name: 'Huỷ' }));
    expect(await cells()).toContain('so-tu-phap:so-nguoi-dan:15');
  });
});

describe('the audit log', () => {
  it('shows what was done, newest first, by kind of action and by subject', { timeout: 20_000 }, async () => {
    renderAdmin(server.ids.admin, '/admin/audit');
    expect(await screen.findByRole('heading', { name: 'Nhật ký quản trị' })).toBeTruthy();
    const first = await screen.findByRole('row', { name: /Bỏ phân công/ });
    // The subject by name (the surveyor's display name; the harness names them by username), its code in the title.
    expect(first.textContent).toMatch(/qt.*s1.*groupId: so-cong-chuc-so/);
    const table = screen.getByRole('table');
    const actions = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell')[2]!.textContent);
    expect(actions.slice(0, 3)).toEqual(['Bỏ phân công', 'Phân công', 'Phân công']);
    fireEvent.change(screen.getByLabelText('Hành động'), { target: { value: 'campaign.*' } });
    await waitFor(() => expect(within(screen.getByRole('table')).queryAllByText('Bỏ phân công')).toHaveLength(0));
    expect(within(screen.getByRole('table')).getByText('Nạp kỳ đánh giá từ tệp định nghĩa')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Hành động'), { target: { value: '' } });
    fireEvent.click((await screen.findAllByRole('button', { name: 's1' }))[0]!);
    await waitFor(() => expect((screen.getByLabelText(/Đối tượng \(chính xác/) as HTMLInputElement).value).toBe('account:s1'));
    await waitFor(() =>
      expect(
        within(screen.getByRole('table'))
          .getAllByRole('row')
          .slice(1)
          .every((r) => within(r).getByRole('button').getAttribute('title')?.endsWith('(account:s1)')),
      ).toBe(true),
    );
  });
});
