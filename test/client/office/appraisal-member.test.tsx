import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SelfAssessment } from '../../../src/shared';
import { account, apCard, BASE, renderOffice, startAppraisalWorld, UNIT, type AppraisalWorld } from './appraisal-setup';

/**
 * The council's appraisal (issue 12) against the real server in process: a field member's work list, appraising
 * beside the unit's entry and evidence (a comment where the score differs, conflicts shown), an explanation round
 * answered by the unit's staff and coordinator, and the chair closing the unit.
 */

configure({ asyncUtilTimeout: 8000 });

// Before the self-assessment deadline (15/12/2021) and the appraisal one (30/12/2021).
let clock = new Date('2021-12-10T03:00:00Z');
let world: AppraisalWorld;

beforeAll(async () => {
  world = await startAppraisalWorld(() => clock, { staffOn: '2.1' });
}, 60_000);
afterAll(() => world.server.close());

const member = () => account(world.ids.tv2, 'tv2', 'council');
const chair = () => account(world.ids.chair, 'hd', 'council');

function type(field: HTMLElement, value: string) {
  fireEvent.change(field, { target: { value } });
  fireEvent.blur(field);
}
const item = async (code: string, who = 'tv2') => (await world.appraisal(who)).items.find((i) => i.code === code);

describe('a field member', { timeout: 60_000 }, () => {
  it('sees in the work list only the units and items they appraise, with progress and the deadline', async () => {
    await renderOffice(world, member(), '/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Thẩm định kết quả tự đánh giá' })).toBeTruthy();
    expect(
      within(screen.getByRole('navigation', { name: 'Chức năng' }))
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Thẩm định', 'Tự đánh giá các đơn vị']);
    expect(screen.getByText('Hạn thẩm định: đến hết ngày 29/12/2021')).toBeTruthy();
    const table = screen.getByRole('table');
    // Field 2 of every department (21 of them), no district.
    expect(within(table).getAllByRole('row')).toHaveLength(22);
    expect(within(table).queryByRole('rowheader', { name: 'UBND thành phố Đồng Hới' })).toBeNull();
    const row = within(table).getByRole('row', { name: /^Sở Tư pháp/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Cấp sở', '2. Cải cách thể chế', 'Đã gửi', '0/6', '6', '0']);
    expect(
      screen.getByText(/^21 đơn vị \(1 đã gửi tự đánh giá\) · đã thẩm định 0\/126 tiêu chí thành phần · chờ giải trình 0$/),
    ).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Tình trạng'), { target: { value: 'todo' } });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    fireEvent.change(screen.getByLabelText('Tình trạng'), { target: { value: 'draft' } });
    expect(within(table).getAllByRole('row')).toHaveLength(21);
    // Only the levels of their work.
    expect(
      within(screen.getByLabelText('Cấp'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Tất cả các cấp', 'Cấp sở']);
    fireEvent.change(screen.getByLabelText('Tình trạng'), { target: { value: '' } });

    fireEvent.click(within(within(table).getByRole('row', { name: /^Sở Tư pháp/ })).getByRole('link', { name: 'Sở Tư pháp' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Thẩm định — Sở Tư pháp' })).toBeTruthy();
  });

  it('appraises beside the unit’s entry, guide and evidence; a score other than the unit’s needs a comment, said by the server beside it', async () => {
    await renderOffice(world, member(), `/appraisal/${UNIT}`);
    const card = await apCard('2.1.1');
    // Only field 2, appraised items.
    expect(document.querySelectorAll('article.ap-item')).toHaveLength(6);
    expect(document.getElementById('ap-1.1.1')).toBeNull();
    // The unit's side.
    const unit = within(card).getByRole('region', { name: 'Đơn vị tự đánh giá' });
    expect(within(unit).getByText('1,5')).toBeTruthy();
    expect(within(unit).getByText('Đã ban hành đủ văn bản')).toBeTruthy();
    expect(within(unit).getByText('Xem Quyết định 12/QĐ-STP')).toBeTruthy();
    // A PDF opens in the browser (a new tab, or right here); an Office file is downloaded.
    const pdf = within(unit).getByRole('link', { name: 'Mở Quyết định 12-QĐ-STP.pdf trong thẻ mới' });
    expect(pdf.getAttribute('href')).toMatch(new RegExp(`^${BASE}/files/[0-9a-f]{64}\\?view=inline$`));
    expect(pdf.getAttribute('target')).toBe('_blank');
    const inline = await fetch(pdf.getAttribute('href')!);
    expect(inline.headers.get('content-disposition')).toMatch(/^inline/);
    fireEvent.click(within(unit).getByRole('button', { name: 'Xem Quyết định 12-QĐ-STP.pdf ngay trong trang' }));
    expect(within(unit).getByTitle('Quyết định 12-QĐ-STP.pdf').getAttribute('src')).toBe(pdf.getAttribute('href'));
    const word = within(unit).getByRole('link', { name: 'Tải về Kế hoạch rà soát.docx' });
    expect(word.getAttribute('href')).toMatch(new RegExp(`^${BASE}/files/[0-9a-f]{64}$`));
    expect(word.hasAttribute('download')).toBe(true);
    // The framework's side.
    expect(within(within(card).getByRole('region', { name: 'Cách chấm điểm' })).getByText(/Tài liệu kiểm chứng:/)).toBeTruthy();

    // The council's side: a lower score with no comment is refused by the server, its words beside the comment box.
    const council = within(card).getByRole('region', { name: 'Thẩm định' });
    const score = within(council).getByLabelText('Điểm thẩm định');
    type(score, '1');
    const refusal = await within(council).findByText('Điểm thẩm định tiêu chí 2.1.1 khác điểm tự đánh giá: hãy ghi nhận xét nêu lý do.');
    const comment = within(council).getByLabelText('Nhận xét');
    expect(comment.getAttribute('aria-invalid')).toBe('true');
    expect(comment.getAttribute('aria-describedby')).toContain(refusal.id);
    expect(await item('2.1.1')).toBeUndefined();
    type(comment, 'Thiếu văn bản thứ hai');
    expect(await within(council).findByText(/^Đã lưu lúc \d\d:\d\d$/)).toBeTruthy();
    expect(await item('2.1.1')).toMatchObject({ score: 1, comment: 'Thiếu văn bản thứ hai', version: 1, updatedBy: 'tv2' });

    // A decimal comma; a score off the step is not sent.
    const other = within(await apCard('2.1.2')).getByRole('region', { name: 'Thẩm định' });
    type(within(other).getByLabelText('Nhận xét'), 'Có một phần kết quả');
    type(within(other).getByLabelText('Điểm thẩm định'), '0,3');
    expect(within(other).getByText('Điểm phải là bội số của 0,5')).toBeTruthy();
    expect(within(other).getByText('Chưa lưu: hãy sửa điểm cho hợp lệ.')).toBeTruthy();
    type(within(other).getByLabelText('Điểm thẩm định'), '0,5');
    await waitFor(async () => expect(await item('2.1.2')).toMatchObject({ score: 0.5, comment: 'Có một phần kết quả' }));
    // Progress follows.
    expect(await screen.findByText('Đã thẩm định 2/6 tiêu chí thành phần.')).toBeTruthy();
  });

  it('shows a conflict when someone else saved the item meanwhile, and lets the member keep theirs or take the other', async () => {
    await renderOffice(world, member(), `/appraisal/${UNIT}`);
    const first = within(await apCard('2.2.1')).getByRole('region', { name: 'Thẩm định' });
    const second = within(await apCard('2.2.2')).getByRole('region', { name: 'Thẩm định' });
    // The chair saves after this screen loaded the item.
    const chairSaves = async (code: string) =>
      expect(
        (await world.inject('hd', 'PUT', `${BASE}/appraisal/items/${code}`, { version: 0, score: 0, comment: 'Chủ tịch chấm' })).statusCode,
      ).toBe(204);
    await chairSaves('2.2.1');

    type(within(first).getByLabelText('Nhận xét'), 'Đạt một phần');
    const banner = await within(first).findByRole('alert');
    expect(banner.textContent).toMatch(
      /Có người khác vừa sửa tiêu chí này\. Người khác vừa lưu điểm thẩm định tiêu chí 2\.2\.1 \(điểm 0\)/,
    );
    expect(banner.textContent).toMatch(/Bản đã lưu trên máy chủ \(hd, lúc .*\):điểm 0; nhận xét: Chủ tịch chấm/);
    expect(banner.textContent).toMatch(/Thay đổi của bạn \(chưa lưu\):nhận xét: Đạt một phần/);
    // Nothing overwritten.
    expect(await item('2.2.1', 'hd')).toMatchObject({ comment: 'Chủ tịch chấm', version: 1 });
    fireEvent.click(within(banner).getByRole('button', { name: 'Lưu nội dung của tôi thay bản đã lưu' }));
    expect(await within(first).findByText(/^Đã lưu lúc/)).toBeTruthy();
    expect(await item('2.2.1')).toMatchObject({ score: 0, comment: 'Đạt một phần', version: 2, updatedBy: 'tv2' });

    await chairSaves('2.2.2');
    type(within(second).getByLabelText('Điểm thẩm định'), '0,5');
    type(within(second).getByLabelText('Nhận xét'), 'Đủ một nửa');
    const other = await within(second).findByRole('alert');
    fireEvent.click(within(other).getByRole('button', { name: 'Dùng bản đã lưu (bỏ nội dung của tôi)' }));
    await waitFor(() => expect((within(second).getByLabelText('Nhận xét') as HTMLTextAreaElement).value).toBe('Chủ tịch chấm'));
    expect((within(second).getByLabelText('Điểm thẩm định') as HTMLInputElement).value).toBe('0');
    expect(await item('2.2.2')).toMatchObject({ score: 0, comment: 'Chủ tịch chấm', version: 1 });
  });

  it('asks the unit to explain chosen items by a deadline (only their own items offered; the server’s refusal shown)', async () => {
    await renderOffice(world, member(), `/appraisal/${UNIT}`);
    const form = await screen.findByRole('region', { name: 'Yêu cầu giải trình, bổ sung tài liệu' });
    const choices = within(form).getAllByRole('checkbox');
    expect(choices.map((c) => c.closest('label')!.textContent!.split('.').slice(0, 3).join('.'))).toEqual(
      world.codes.filter((c) => c.startsWith('2.')),
    );
    fireEvent.click(within(form).getByRole('checkbox', { name: /^2\.1\.1\. / }));
    fireEvent.change(within(form).getByLabelText('Nội dung yêu cầu'), { target: { value: 'Bổ sung văn bản thứ hai về rà soát' } });
    fireEvent.change(within(form).getByLabelText('Hạn giải trình'), { target: { value: '2021-12-09' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Gửi yêu cầu (1 tiêu chí)' }));
    expect(await within(form).findByText('Hạn giải trình phải từ hôm nay trở đi.')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Hạn giải trình'), { target: { value: '2021-12-10' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Gửi yêu cầu (1 tiêu chí)' }));
    expect(await within(form).findByText('Đã gửi yêu cầu giải trình lần 1 cho đơn vị.')).toBeTruthy();
    expect(await within(form).findByText(/^Đang có yêu cầu giải trình chưa được đơn vị trả lời/)).toBeTruthy();

    const rounds = screen.getByRole('region', { name: 'Các lần yêu cầu giải trình (1)' });
    const round = within(rounds).getByRole('article', { name: /^Lần 1/ });
    expect(within(round).getByText('Đang chờ đơn vị trả lời')).toBeTruthy();
    expect(within(round).getByText('Bổ sung văn bản thứ hai về rà soát')).toBeTruthy();
    expect(within(round).getByText('10/12/2021')).toBeTruthy();
    const card = await apCard('2.1.1');
    await waitFor(() => expect(within(card).queryByLabelText('Điểm thẩm định')).toBeNull());
    expect(within(card).getByText('Đang chờ đơn vị giải trình')).toBeTruthy();
    expect(screen.getByText(/^Đang chờ đơn vị giải trình, bổ sung 1 tiêu chí thành phần \(hạn 10\/12\/2021\)/)).toBeTruthy();
    expect((await world.appraisal()).state).toBe('explanation-requested');
  });
});

describe('the unit', { timeout: 60_000 }, () => {
  it('sees the request at the top of its own screens; staff edit their reopened item, the coordinator sends the answers back', async () => {
    // Staff assigned 2.1: the request and the reopened item, but the sending is the coordinator's.
    await renderOffice(world, account(world.ids.staff, 'cb', 'staff', UNIT), '/');
    const staffBanner = await screen.findByRole('region', { name: 'Hội đồng thẩm định yêu cầu giải trình, bổ sung tài liệu (lần 1)' });
    expect(within(staffBanner).getByText('Khi xong, đầu mối của đơn vị gửi giải trình cho Hội đồng.')).toBeTruthy();
    expect(within(staffBanner).queryByRole('button')).toBeNull();
    const staffCard = document.getElementById('tc-2.1.1')!;
    type(within(staffCard).getByLabelText('Giải trình'), 'Bổ sung: đã có văn bản thứ hai');
    expect(await within(staffCard).findByText(/^Đã lưu lúc/)).toBeTruthy();
    expect(document.getElementById('tc-2.1.2')!.querySelector('textarea')).toBeNull();

    // On any of the coordinator's screens, a notice leads to the request.
    await renderOffice(world, account(world.ids.coordinator, 'dm', 'coordinator', UNIT), '/');
    expect(await screen.findByText('Hội đồng thẩm định yêu cầu giải trình, bổ sung 1 tiêu chí thành phần, hạn 10/12/2021.')).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: 'Mở bản tự đánh giá để trả lời' }));
    const banner = await screen.findByRole('region', { name: 'Hội đồng thẩm định yêu cầu giải trình, bổ sung tài liệu (lần 1)' });
    expect(within(banner).getByText('Hạn trả lời: đến hết ngày 10/12/2021.')).toBeTruthy();
    expect(within(banner).getByText('Bổ sung văn bản thứ hai về rà soát')).toBeTruthy();
    expect(
      within(banner)
        .getByRole('link', { name: /^2\.1\.1\. / })
        .getAttribute('href'),
    ).toBe('#tc-2.1.1');
    // Only the reopened item is editable; the rest stays locked.
    await waitFor(() => expect(within(document.getElementById('tc-2.1.1')!).getByLabelText('Giải trình')).toBeTruthy());
    expect((within(document.getElementById('tc-2.1.1')!).getByLabelText('Giải trình') as HTMLTextAreaElement).value).toBe(
      'Bổ sung: đã có văn bản thứ hai',
    );
    expect(document.getElementById('tc-1.1.1')!.querySelector('input, textarea')).toBeNull();

    // After the deadline the server refuses the answers, and says so.
    clock = new Date('2021-12-11T03:00:00Z');
    await world.server.signInAs('dm');
    fireEvent.change(within(banner).getByLabelText('Ghi chú gửi Hội đồng (không bắt buộc)'), { target: { value: 'Đã bổ sung' } });
    fireEvent.click(within(banner).getByRole('button', { name: 'Gửi giải trình cho Hội đồng' }));
    fireEvent.click(within(banner).getByRole('button', { name: 'Xác nhận gửi' }));
    expect(
      await within(banner).findByText('Đã quá hạn giải trình (đến hết ngày 10/12/2021). Liên hệ Hội đồng thẩm định hoặc Sở Nội vụ.'),
    ).toBeTruthy();

    clock = new Date('2021-12-10T09:00:00Z');
    fireEvent.click(within(banner).getByRole('button', { name: 'Gửi giải trình cho Hội đồng' }));
    fireEvent.click(within(banner).getByRole('button', { name: 'Xác nhận gửi' }));
    expect(await screen.findByText(/^Đã gửi giải trình lần 1 lúc .* \(dm\)\. Hội đồng thẩm định đang xem xét\.$/)).toBeTruthy();
    await waitFor(() => expect(document.getElementById('tc-2.1.1')!.querySelector('textarea')).toBeNull());
    expect(screen.queryByRole('region', { name: /yêu cầu giải trình/ })).toBeNull();
    const stored = (await world.inject('dm', 'GET', BASE)).json() as SelfAssessment;
    expect(stored).toMatchObject({ state: 'explained', editableCodes: [] });
  });
});

describe('after the answers', { timeout: 60_000 }, () => {
  it('the member appraises the answered item again, with the round in its history', async () => {
    await renderOffice(world, member(), `/appraisal/${UNIT}`);
    const card = await apCard('2.1.1');
    expect(within(card).getByText('Bổ sung: đã có văn bản thứ hai')).toBeTruthy();
    const rounds = screen.getByRole('region', { name: 'Các lần yêu cầu giải trình (1)' });
    expect(within(rounds).getByText('Đơn vị đã trả lời')).toBeTruthy();
    expect(within(rounds).getByText(/\(dm\)/).textContent).toMatch(/: Đã bổ sung$/);
    expect(within(card).getByText(/^Lần 1 \(hạn 10\/12\/2021\)/)).toBeTruthy();
    const council = within(card).getByRole('region', { name: 'Thẩm định' });
    type(within(council).getByLabelText('Điểm thẩm định'), '1,5');
    expect(await within(council).findByText(/^Đã lưu lúc/)).toBeTruthy();
    expect(await item('2.1.1')).toMatchObject({ score: 1.5, version: 2 });
  });

  it('the chair closes the unit: refused with the server’s count while items lack a score, then locked', async () => {
    await renderOffice(world, chair(), `/appraisal/${UNIT}`);
    await apCard('1.1.1');
    expect(document.querySelectorAll('article.ap-item')).toHaveLength(world.codes.length);
    const panel = screen.getByRole('region', { name: 'Kết thúc thẩm định' });
    const scored = (await world.appraisal('hd')).items.filter((i) => i.score !== null).length;
    const missing = world.codes.length - scored;
    expect(within(panel).getByText(`Còn ${missing} tiêu chí thành phần chưa có điểm thẩm định.`)).toBeTruthy();
    fireEvent.click(within(panel).getByRole('button', { name: 'Kết thúc thẩm định đơn vị' }));
    expect(within(panel).getByRole('alertdialog').textContent).toMatch(/^Kết thúc thẩm định Sở Tư pháp\?/);
    fireEvent.click(within(panel).getByRole('button', { name: 'Xác nhận kết thúc' }));
    expect(
      await within(panel).findByText(`Chưa kết thúc thẩm định được: còn ${missing} tiêu chí thành phần chưa có điểm thẩm định.`),
    ).toBeTruthy();

    const have = new Set((await world.appraisal('hd')).items.filter((i) => i.score !== null).map((i) => i.code));
    for (const code of world.codes.filter((c) => !have.has(c)))
      expect((await world.inject('hd', 'PUT', `${BASE}/appraisal/items/${code}`, { version: 0, score: 0, comment: null })).statusCode).toBe(
        204,
      );
    await renderOffice(world, chair(), `/appraisal/${UNIT}`);
    const again = await screen.findByRole('region', { name: 'Kết thúc thẩm định' });
    fireEvent.click(within(again).getByRole('button', { name: 'Kết thúc thẩm định đơn vị' }));
    fireEvent.click(within(again).getByRole('button', { name: 'Xác nhận kết thúc' }));
    expect(await screen.findByText('Đã kết thúc thẩm định Sở Tư pháp. Điểm thẩm định đã khoá.')).toBeTruthy();
    expect(await screen.findByText(/^Đã kết thúc thẩm định lúc/)).toBeTruthy();
    expect(screen.getAllByText('Đã thẩm định xong').length).toBeGreaterThan(0);
    await waitFor(() => expect(document.querySelectorAll('article.ap-item input')).toHaveLength(0));
    expect((await world.appraisal()).state).toBe('appraised');
  });
});
