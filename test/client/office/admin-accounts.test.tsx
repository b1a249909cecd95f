// Home Affairs' account screens against the real server: create, import a sheet, reset a password, disable.
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

const accountRow = (username: string) =>
  server.h.handle.db
    .selectFrom('accounts')
    .select(['username', 'role', 'unit_id', 'disabled_at'])
    .where('username', '=', username)
    .executeTakeFirst();
const countAccounts = async () =>
  Number(
    (
      await server.h.handle.db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const loginStatus = async (username: string, password: string) =>
  (await server.h.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.9.9.9', payload: { username, password } }))
    .statusCode;

async function openAccounts() {
  renderAdmin(server.ids.admin, '/admin/accounts');
  expect(await screen.findByRole('heading', { name: 'Tài khoản', level: 1 })).toBeTruthy();
  await screen.findByRole('row', { name: /^s1 / });
}

describe('the account list', () => {
  it('lists accounts with role label, unit and sign-in, and filters them', { timeout: 20_000 }, async () => {
    await openAccounts();
    const dm = screen.getByRole('row', { name: /^dm / });
    expect(within(dm).getByText('Đầu mối')).toBeTruthy();
    expect(within(dm).getByText('Sở Tư pháp')).toBeTruthy();
    expect(within(screen.getByRole('row', { name: /^qt / })).getByText('Quản trị (Sở Nội vụ)')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Lọc theo vai trò'), { target: { value: 'surveyor' } });
    expect(await screen.findByText('1 tài khoản')).toBeTruthy();
    expect(screen.queryByRole('row', { name: /^dm / })).toBeNull();
    expect(screen.getByRole('row', { name: /^s1 / })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Lọc theo vai trò'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Tìm theo tên đăng nhập hoặc họ tên'), { target: { value: 'Q' } });
    await waitFor(() => expect(screen.queryByRole('row', { name: /^s1 / })).toBeNull());
    expect(screen.getByRole('row', { name: /^qt / })).toBeTruthy();
    expect(screen.getByText('1 tài khoản')).toBeTruthy();
  });
});

describe('a new account', () => {
  it(
    'refuses a coordinator without a unit with the server’s message, then creates one with a generated password shown once',
    { timeout: 20_000 },
    async () => {
      await openAccounts();
      const form = screen.getByRole('form', { name: 'Tạo tài khoản' });
      fireEvent.change(within(form).getByLabelText('Tên đăng nhập'), { target: { value: 'dm.noivu' } });
      fireEvent.change(within(form).getByLabelText('Họ tên'), { target: { value: 'Lê Thị Hoa' } });
      fireEvent.change(within(form).getByLabelText('Vai trò'), { target: { value: 'coordinator' } });
      fireEvent.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
      expect(await within(form).findByText('Đầu mối cần có đơn vị')).toBeTruthy();
      expect(await accountRow('dm.noivu')).toBeUndefined();

      fireEvent.change(within(form).getByLabelText('Đơn vị'), { target: { value: 'so-noi-vu' } });
      fireEvent.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
      expect(await within(form).findByText('Mật khẩu của dm.noivu — chỉ hiện một lần này:')).toBeTruthy();
      const password = within(form).getByLabelText('Mật khẩu của dm.noivu').textContent ?? '';
      expect(password.length).toBeGreaterThanOrEqual(10);
      expect(await accountRow('dm.noivu')).toMatchObject({ role: 'coordinator', unit_id: 'so-noi-vu', disabled_at: null });
      expect(await loginStatus('dm.noivu', password)).toBe(200);
      // The list shows the new account.
      expect(await screen.findByRole('row', { name: /^dm\.noivu / })).toBeTruthy();
    },
  );
});

describe('a sheet of accounts', () => {
  const file = (text: string) => new File([text], 'tai-khoan.csv', { type: 'text/csv' });
  const header = 'Tên đăng nhập,Họ tên,Vai trò,Đơn vị,Mật khẩu,Phân công\r\n';

  it(
    'reports a bad row and writes nothing, then imports a good sheet and lists the generated passwords once',
    { timeout: 30_000 },
    async () => {
      await openAccounts();
      const section = screen.getByRole('region', { name: 'Nhập tài khoản từ bảng tính' });
      expect(within(section).getByText('Tải bảng mẫu (CSV)')).toBeTruthy();
      expect(within(section).getByText('Phân công')).toBeTruthy();
      const before = await countAccounts();

      const bad = `${header}dtv10,Nguyễn Văn Mười,Điều tra viên,,,so-tu-phap:so-nguoi-dan:10\r\ndm.xx,Trần Văn Tư,Đầu mối,,,\r\n`;
      fireEvent.change(within(section).getByLabelText('Tệp bảng tính'), { target: { files: [file(bad)] } });
      fireEvent.click(within(section).getByRole('button', { name: 'Kiểm tra bảng tính' }));
      const errors = await within(section).findByRole('table', { name: 'Lỗi theo dòng' });
      const cells = within(errors).getAllByRole('row')[1]!;
      expect(
        within(cells)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ).toEqual(['3', 'Đơn vị', 'Đầu mối cần có đơn vị']);
      expect((within(section).getByRole('button', { name: 'Nhập' }) as HTMLButtonElement).disabled).toBe(true);
      expect(await countAccounts()).toBe(before);

      const good = `${header}dtv10,Nguyễn Văn Mười,Điều tra viên,,,so-tu-phap:so-nguoi-dan:10\r\ndm.xx,Trần Văn Tư,Đầu mối,Sở Y tế,mat-khau-rieng-1,\r\n`;
      fireEvent.change(within(section).getByLabelText('Tệp bảng tính'), { target: { files: [file(good)] } });
      fireEvent.click(within(section).getByRole('button', { name: 'Kiểm tra bảng tính' }));
      expect(await within(section).findByText(/Chưa ghi gì: bấm "Nhập"/)).toBeTruthy();
      expect(await countAccounts()).toBe(before);
      fireEvent.click(within(section).getByRole('button', { name: 'Nhập' }));
      const passwords = await within(section).findByRole('table', { name: 'Mật khẩu máy chủ tạo — chỉ hiện một lần này' });
      // Only the generated one: a password written in the sheet is never sent back.
      const rows = within(passwords).getAllByRole('row').slice(1);
      expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['dtv10']);
      const generated = within(rows[0]!).getByRole('cell').textContent ?? '';
      expect(await countAccounts()).toBe(before + 2);
      expect(await accountRow('dm.xx')).toMatchObject({ role: 'coordinator', unit_id: 'so-y-te' });
      expect(await loginStatus('dtv10', generated)).toBe(200);
      expect(
        await server.h.handle.db
          .selectFrom('assignments')
          .select(['unit_id', 'group_id', 'allocation'])
          .where(
            'surveyor_id',
            '=',
            (await server.h.handle.db.selectFrom('accounts').select('id').where('username', '=', 'dtv10').executeTakeFirstOrThrow()).id,
          )
          .execute(),
      ).toEqual([{ unit_id: 'so-tu-phap', group_id: 'so-nguoi-dan', allocation: 10 }]);
    },
  );
});

describe('one account', () => {
  it('gets a new password shown once, which works, and loses it from the screen once closed', { timeout: 20_000 }, async () => {
    await openAccounts();
    fireEvent.click(screen.getByRole('button', { name: 'Quản lý tài khoản s1' }));
    const panel = screen.getByRole('region', { name: 'Tài khoản s1' });
    fireEvent.click(within(panel).getByRole('button', { name: 'Đặt lại mật khẩu' }));
    expect(within(panel).getByRole('group', { name: 'Đặt lại mật khẩu' }).textContent).toMatch(/đăng xuất trên mọi thiết bị/);
    fireEvent.click(within(panel).getByRole('button', { name: 'Đặt lại' }));
    const shown = await within(panel).findByLabelText('Mật khẩu của s1');
    const password = shown.textContent ?? '';
    expect(password.length).toBeGreaterThanOrEqual(10);
    expect(await loginStatus('s1', password)).toBe(200);

    fireEvent.click(screen.getByRole('button', { name: 'Quản lý tài khoản s1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Quản lý tài khoản s1' }));
    expect(within(screen.getByRole('region', { name: 'Tài khoản s1' })).queryByLabelText('Mật khẩu của s1')).toBeNull();
    expect(document.body.textContent).not.toContain(password);
  });

  it('is disabled after a question, and the server’s refusal to disable oneself is shown', { timeout: 20_000 }, async () => {
    await openAccounts();
    fireEvent.click(screen.getByRole('button', { name: 'Quản lý tài khoản dm' }));
    const panel = screen.getByRole('region', { name: 'Tài khoản dm' });
    fireEvent.click(within(panel).getByRole('button', { name: 'Khoá tài khoản' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Khoá' }));
    expect(await within(panel).findByText('Đã khoá tài khoản dm; mọi phiên đăng nhập đã kết thúc.')).toBeTruthy();
    expect((await accountRow('dm'))?.disabled_at).not.toBeNull();
    expect(await loginStatus('dm', 'mat-khau-thu-nghiem')).not.toBe(200);
    expect(await within(screen.getByRole('row', { name: /^dm / })).findByText('Đã khoá')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Quản lý tài khoản qt' }));
    const mine = screen.getByRole('region', { name: 'Tài khoản qt' });
    expect(within(mine).getByText(/Đây là tài khoản của bạn/)).toBeTruthy();
    fireEvent.click(within(mine).getByRole('button', { name: 'Khoá tài khoản' }));
    fireEvent.click(within(mine).getByRole('button', { name: 'Khoá' }));
    expect(await within(mine).findByText(/Bạn không thể tự khoá tài khoản của mình/)).toBeTruthy();
    expect((await accountRow('qt'))?.disabled_at).toBeNull();
  });

  it('is signed out everywhere', async () => {
    await openAccounts();
    fireEvent.click(screen.getByRole('button', { name: 'Quản lý tài khoản cb' }));
    const panel = screen.getByRole('region', { name: 'Tài khoản cb' });
    await server.h.login('cb');
    fireEvent.click(within(panel).getByRole('button', { name: 'Đăng xuất mọi nơi' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Đăng xuất' }));
    expect(await within(panel).findByText(/^Đã kết thúc [1-9]\d* phiên đăng nhập\.$/)).toBeTruthy();
  });
});
