import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, CouncilMember } from '../../../src/shared';
import { account, apCard, BASE, C, renderOffice, startAppraisalWorld, UNIT, type AppraisalWorld } from './appraisal-setup';

/**
 * Home Affairs and the appraisal (issue 12) against the real server in process: the whole work list, returning a unit
 * with a reason, setting up the council; and the server's refusals in English when the person chose English.
 */

configure({ asyncUtilTimeout: 8000 });

const clock = new Date('2021-12-10T03:00:00Z');
let world: AppraisalWorld;

beforeAll(async () => {
  world = await startAppraisalWorld(() => clock);
}, 60_000);
afterAll(() => world.server.close());

const admin = () => account(world.ids.admin, 'qt', 'admin');
const member = () => account(world.ids.tv2, 'tv2', 'council');

function type(field: HTMLElement, value: string) {
  fireEvent.change(field, { target: { value } });
  fireEvent.blur(field);
}

describe('in English', { timeout: 60_000 }, () => {
  it('shows the screens in English and the server’s refusals in English (Accept-Language follows the choice)', async () => {
    await renderOffice(world, member(), `/appraisal/${UNIT}`, 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Appraisal — Sở Tư pháp' })).toBeTruthy();
    const council = within(await apCard('2.1.1')).getByRole('region', { name: 'Appraisal' });
    type(within(council).getByLabelText('Appraised score'), '1');
    expect(
      await within(council).findByText('The appraised score of 2.1.1 differs from the self score: write a comment giving the reason.'),
    ).toBeTruthy();

    const form = screen.getByRole('region', { name: 'Request an explanation or more evidence' });
    fireEvent.click(within(form).getByRole('checkbox', { name: /^2\.1\.1\. / }));
    fireEvent.change(within(form).getByLabelText('What the unit must explain or add'), {
      target: { value: 'Please add the second decision' },
    });
    fireEvent.change(within(form).getByLabelText('Explanation deadline'), { target: { value: '2021-12-01' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Send the request (1 selected)' }));
    expect(await within(form).findByText('The explanation deadline must be today or later.')).toBeTruthy();
  });
});

describe('Home Affairs', { timeout: 60_000 }, () => {
  it('follows every unit in the work list', async () => {
    await renderOffice(world, admin(), '/');
    fireEvent.click(await within(await screen.findByRole('navigation', { name: 'Chức năng' })).findByRole('link', { name: 'Thẩm định' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Thẩm định kết quả tự đánh giá' })).toBeTruthy();
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(30);
    expect(
      within(within(table).getByRole('row', { name: /^UBND huyện Lệ Thủy/ }))
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Cấp huyện', 'Toàn bộ đơn vị', 'Đang nhập (chưa gửi)', '0/60', '60', '0']);
    fireEvent.change(screen.getByLabelText('Cấp'), { target: { value: 'district' } });
    expect(within(table).getAllByRole('row')).toHaveLength(9);
  });

  it('returns a unit to an earlier state with a reason, asked first, and the unit’s history keeps it', async () => {
    // The member's first score moved the unit into appraisal.
    expect((await world.inject('tv2', 'PUT', `${BASE}/appraisal/items/2.2.1`, { version: 0, score: 0, comment: null })).statusCode).toBe(
      204,
    );
    await renderOffice(world, admin(), `/appraisal/${UNIT}`);
    const panel = await screen.findByRole('region', { name: 'Trả lại đơn vị' });
    // Home Affairs reads the council's scores, and enters none.
    expect(
      within(within(await apCard('2.2.1')).getByRole('region', { name: 'Thẩm định' })).getByText(/^Lưu lần cuối lúc .* \(tv2\)$/),
    ).toBeTruthy();
    expect(within(within(await apCard('1.1.1')).getByRole('region', { name: 'Thẩm định' })).getByText('Chưa thẩm định')).toBeTruthy();
    expect(document.querySelectorAll('article.ap-item input')).toHaveLength(0);
    expect(screen.queryByRole('region', { name: 'Yêu cầu giải trình, bổ sung tài liệu' })).toBeNull();

    const to = within(panel).getByLabelText('Trả về trạng thái');
    expect(
      within(to)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Đang nhập (chưa gửi)', 'Đã gửi']);
    fireEvent.change(to, { target: { value: 'submitted' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Trả lại đơn vị' }));
    expect(within(panel).getByText('Hãy ghi lý do trả lại: đơn vị đọc được lý do này.')).toBeTruthy();
    fireEvent.change(within(panel).getByLabelText('Lý do trả lại'), { target: { value: 'Chấm lại lĩnh vực 2 từ đầu' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Trả lại đơn vị' }));
    const ask = within(panel).getByRole('alertdialog');
    expect(ask.textContent).toMatch(/^Trả bản đánh giá của Sở Tư pháp về trạng thái "Đã gửi"\?/);
    expect((await world.appraisal()).state).toBe('in-appraisal');
    fireEvent.click(within(ask).getByRole('button', { name: 'Xác nhận trả lại' }));
    expect(await screen.findByText('Đã trả bản đánh giá về trạng thái "Đã gửi".')).toBeTruthy();
    expect((await world.appraisal()).state).toBe('submitted');
    await waitFor(() =>
      expect(within(screen.getByRole('region', { name: 'Trả lại đơn vị' })).getByLabelText('Trả về trạng thái').textContent).toBe(
        'Đang nhập (chưa gửi)',
      ),
    );
    const history = (await world.inject('dm', 'GET', `${BASE}/audit`)).json() as AuditEntry[];
    expect(history.at(-1)).toMatchObject({
      action: 'sa.return',
      detail: { from: 'in-appraisal', to: 'submitted', reason: 'Chấm lại lĩnh vực 2 từ đầu' },
    });
  });

  it('sets up the council: puts a council account on it with its position, body and what it appraises, changes and removes it', async () => {
    const id = await world.server.h.account('tv-moi', 'council', { council: 'none' });
    await renderOffice(world, admin(), '/admin');
    fireEvent.click(
      await within(await screen.findByRole('navigation', { name: 'Quản trị kỳ đánh giá' })).findByRole('link', {
        name: 'Hội đồng thẩm định',
      }),
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Hội đồng thẩm định' })).toBeTruthy();
    const members = await screen.findByRole('table');
    expect(
      within(within(members).getByRole('row', { name: /^hd/ }))
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Chủ tịch', 'Sở Nội vụ', 'Mọi đơn vị (Chủ tịch)', expect.any(String)]);
    expect(within(within(members).getByRole('row', { name: /^tv2/ })).getAllByRole('cell')[2]!.textContent).toBe(
      'Lĩnh vực 2. Cải cách thể chế — Cấp sở',
    );

    const form = screen.getByRole('form', { name: 'Thêm thành viên' });
    // Only council accounts not on the council yet.
    expect(
      within(within(form).getByLabelText('Tài khoản'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['— Chọn —', 'tv-moi (tv-moi)']);
    fireEvent.change(within(form).getByLabelText('Tài khoản'), { target: { value: id } });
    fireEvent.change(within(form).getByLabelText('Chức danh'), { target: { value: 'member' } });
    fireEvent.change(within(form).getByLabelText('Lĩnh vực'), { target: { value: '6' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Thêm phân công' }));
    fireEvent.change(within(form).getByLabelText('Loại phân công'), { target: { value: 'unit' } });
    fireEvent.change(within(form).getByLabelText('Đơn vị'), { target: { value: 'h-le-thuy' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Thêm phân công' }));
    expect(within(form).getByText('Lĩnh vực 6. Cải cách tài chính công — Cấp sở')).toBeTruthy();
    expect(within(form).getByText('Toàn bộ đơn vị UBND huyện Lệ Thủy')).toBeTruthy();
    // No body: the server says so beside the field.
    fireEvent.click(within(form).getByRole('button', { name: 'Thêm vào Hội đồng' }));
    expect(await within(form).findByText('Hãy ghi cơ quan của thành viên')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Cơ quan công tác'), { target: { value: 'Sở Tài chính' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Thêm vào Hội đồng' }));
    expect(await screen.findByText('Đã lưu thành viên tv-moi.')).toBeTruthy();
    const row = await within(screen.getByRole('table')).findByRole('row', { name: /^tv-moi/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .slice(0, 3)
        .map((c) => c.textContent),
    ).toEqual(['Thành viên', 'Sở Tài chính', 'Lĩnh vực 6. Cải cách tài chính công — Cấp sởToàn bộ đơn vị UBND huyện Lệ Thủy']);
    const council = async () => (await world.inject('qt', 'GET', `/api/campaigns/${C}/council`)).json() as CouncilMember[];
    expect((await council()).find((m) => m.username === 'tv-moi')).toMatchObject({
      position: 'member',
      organisation: 'Sở Tài chính',
      scopes: expect.arrayContaining([
        { kind: 'field', level: 'department', field: '6' },
        { kind: 'unit', unitId: 'h-le-thuy' },
      ]),
    });

    // Changed: secretary, without the unit.
    fireEvent.click(within(row).getByRole('button', { name: 'Sửa thành viên tv-moi' }));
    const edit = screen.getByRole('form', { name: 'Sửa thành viên tv-moi' });
    fireEvent.change(within(edit).getByLabelText('Chức danh'), { target: { value: 'secretary' } });
    fireEvent.click(within(edit).getByRole('button', { name: 'Bỏ Toàn bộ đơn vị UBND huyện Lệ Thủy' }));
    fireEvent.click(within(edit).getByRole('button', { name: 'Lưu thay đổi' }));
    expect(await screen.findByText('Đã lưu thành viên tv-moi.')).toBeTruthy();
    await waitFor(async () =>
      expect((await council()).find((m) => m.username === 'tv-moi')).toMatchObject({
        position: 'secretary',
        scopes: [{ kind: 'field', level: 'department', field: '6' }],
      }),
    );

    // Removed, asked first.
    fireEvent.click(
      within(await within(screen.getByRole('table')).findByRole('row', { name: /^tv-moi/ })).getByRole('button', {
        name: 'Bỏ tv-moi khỏi Hội đồng',
      }),
    );
    const ask = screen.getByRole('group', { name: 'Bỏ tv-moi khỏi Hội đồng' });
    expect(within(ask).getByText('Bỏ tv-moi khỏi Hội đồng thẩm định? Điểm và nhận xét đã lưu vẫn giữ nguyên.')).toBeTruthy();
    fireEvent.click(within(ask).getByRole('button', { name: 'Bỏ khỏi Hội đồng' }));
    expect(await screen.findByText('Đã bỏ tv-moi khỏi Hội đồng thẩm định.')).toBeTruthy();
    await waitFor(() => expect(within(screen.getByRole('table')).queryByRole('row', { name: /^tv-moi/ })).toBeNull());
    expect((await council()).map((m) => m.username).sort()).toEqual(['hd', 'tv2']);
  });
});
