import 'fake-indexeddb/auto';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../src/shared';
import {
  button,
  choose,
  currentPath,
  describedBy,
  field,
  GROUP,
  PART_I,
  PART_II,
  PART_III,
  PART_ONE,
  PART_TWO,
  Q3,
  Q4,
  question,
  renderApp,
  REQUIRED,
  sectionTitle,
  seedQueued,
  settle,
  type,
  UNIT,
  fillSession,
} from '../support/app';

const session = fillSession();
const { stored, storedAnswersBecome, openDraft } = session;

describe('fill screen: validation', () => {
  it('keeps "Tiếp" on the section and shows the message under each unanswered required question, tied by aria-describedby', async () => {
    await openDraft();
    expect(screen.queryAllByRole('alert')).toHaveLength(0); // nothing before the surveyor tries to move on
    fireEvent.click(button('Tiếp'));

    expect(sectionTitle()).toBe(PART_I);
    expect(screen.getByText(/Phần 1\/3$/)).toBeTruthy();
    const p1 = question('Giới tính');
    expect(p1.getAttribute('aria-invalid')).toBe('true');
    expect(p1.getAttribute('aria-describedby')).toBe('q-P1-error');
    expect(describedBy(p1)).toEqual([REQUIRED]);
    expect(within(p1).getByRole('alert').textContent).toBe(REQUIRED);
    // P1, P2, P3, P4 and P6 are required; P5, P7, P8 are optional and carry no message
    expect(screen.getAllByRole('alert').map((a) => a.id)).toEqual(['q-P1-error', 'q-P2-error', 'q-P3-error', 'q-P4-error', 'q-P6-error']);
    expect(describedBy(field('Thủ tục hành chính đã giao dịch'))).toEqual(['Ghi tên thủ tục hành chính gần nhất mà ông/bà đã thực hiện.']);

    choose('Giới tính', 'Nam'); // answering clears that message at once
    expect(question('Giới tính').getAttribute('aria-describedby')).toBeNull();
    expect(screen.getAllByRole('alert')).toHaveLength(4);

    for (const [text, label] of [
      ['Độ tuổi', 'Dưới 30 tuổi'],
      ['Trình độ', 'Đại học'],
      ['Ông/bà giao dịch với tư cách', 'Cá nhân'],
      ['Hình thức nộp hồ sơ', 'Trực tuyến qua Cổng Dịch vụ công'],
    ] as const) {
      choose(text, label);
    }
    fireEvent.click(button('Tiếp'));
    expect(sectionTitle()).toBe(PART_II);
    expect(screen.queryAllByRole('alert')).toHaveLength(0); // the new section starts without messages
  });

  it('shows the number rules for P8 (0–100, whole numbers) and blocks "Tiếp" until it is valid', async () => {
    const { id } = await openDraft(PART_ONE);
    const p8 = 'Số lần giao dịch với sở trong năm 2021';
    type(p8, 'abc');
    fireEvent.click(button('Tiếp'));
    expect(sectionTitle()).toBe(PART_I);
    expect(describedBy(field(p8))).toEqual(['Nhập một số']);
    expect(field(p8).getAttribute('aria-invalid')).toBe('true');

    for (const [typed, message] of [
      ['2,5', 'Nhập một số nguyên'],
      ['150', 'Giá trị lớn nhất là 100'],
      ['-1', 'Giá trị nhỏ nhất là 0'],
    ]) {
      type(p8, typed!);
      expect(describedBy(field(p8))).toEqual([message]);
    }
    type(p8, '12');
    expect(field(p8).getAttribute('aria-describedby')).toBeNull();
    await storedAnswersBecome(id, { ...PART_ONE, P8: 12 });
    fireEvent.click(button('Tiếp'));
    expect(sectionTitle()).toBe(PART_II);
  });

  it('shows the text and date rules (P5 at most 200 characters, P7 within 2021)', async () => {
    await openDraft(PART_ONE);
    const p5 = 'Thủ tục hành chính đã giao dịch';
    const p7 = 'Ngày giao dịch gần nhất';
    type(p5, 'x'.repeat(201));
    type(p7, '2020-06-01');
    fireEvent.click(button('Tiếp'));
    expect(sectionTitle()).toBe(PART_I);
    expect(describedBy(field(p5))).toEqual([
      'Ghi tên thủ tục hành chính gần nhất mà ông/bà đã thực hiện.',
      'Tối đa 200 ký tự (hiện có 201)',
    ]);
    expect(describedBy(field(p7))).toEqual(['Ngày sớm nhất là 2021-01-01']);

    type(p7, '2022-01-01');
    expect(describedBy(field(p7))).toEqual(['Ngày muộn nhất là 2021-12-31']);
    type(p5, 'Đăng ký khai sinh');
    type(p7, '2021-06-01');
    expect(screen.queryAllByRole('alert')).toHaveLength(0);
    fireEvent.click(button('Tiếp'));
    expect(sectionTitle()).toBe(PART_II);
  });
});

describe('fill screen: review and finalise', () => {
  async function toReview(answers: Answers) {
    const opened = await openDraft(answers);
    fireEvent.click(button('Tiếp'));
    await screen.findByRole('heading', { name: PART_II });
    fireEvent.click(button('Tiếp'));
    await screen.findByRole('heading', { name: PART_III });
    fireEvent.click(button('Xem lại'));
    await screen.findByRole('heading', { name: 'Xem lại trước khi hoàn thành' });
    return opened;
  }
  /** The review list as [question, shown answer] pairs. */
  const reviewRows = () =>
    Array.from(document.querySelectorAll('dl.review > div')).map((row) => [
      row.querySelector('dt')?.textContent,
      row.querySelector('dd')?.textContent,
    ]);

  it('lists every visible question with its answer label, "Chưa trả lời" for the unanswered ones, and no hidden question', async () => {
    await toReview({ ...PART_ONE, P5: 'Đăng ký khai sinh', P8: 4, ...PART_TWO, Q8: 'yes', Q9: 'B' });
    const rows = reviewRows();
    expect(rows).toHaveLength(19); // 8 + 10 (Q4 hidden, Q9 shown) + 1
    expect(rows).toContainEqual(['Giới tính', 'Nam']);
    expect(rows).toContainEqual(['Trình độ', 'Đại học']);
    expect(rows).toContainEqual(['Thủ tục hành chính đã giao dịch', 'Đăng ký khai sinh']);
    expect(rows).toContainEqual(['Ngày giao dịch gần nhất', 'Chưa trả lời']);
    expect(rows).toContainEqual(['Số lần giao dịch với sở trong năm 2021', '4']);
    expect(rows).toContainEqual([Q3, 'Có']);
    expect(rows).toContainEqual([
      'Mức độ hài lòng của ông/bà về sự thuận tiện khi sử dụng dịch vụ công trực tuyến, thanh toán trực tuyến của sở?',
      'Hài lòng',
    ]);
    expect(rows.map(([q]) => q)).not.toContain(Q4);
    expect(screen.queryByText(/câu bắt buộc chưa trả lời/)).toBeNull();
    // "Sửa" on every answer, not only on wrong ones (issue 13), each named after its question.
    expect(screen.getAllByRole('button', { name: /^Sửa: / })).toHaveLength(19);
    expect((button('Hoàn thành phiếu') as HTMLButtonElement).disabled).toBe(false);
  });

  /** P8 typed as "abc" and "Tiếp" tapped before the field saved it (no blur): the answer lands after Part I was left. */
  async function toReviewWithInvalidP8() {
    const { id } = await openDraft({ ...PART_ONE, ...PART_TWO });
    fireEvent.change(field('Số lần giao dịch'), { target: { value: 'abc' } });
    fireEvent.click(button('Tiếp'));
    await screen.findByRole('heading', { name: PART_II });
    await storedAnswersBecome(id, { ...PART_ONE, ...PART_TWO, P8: 'abc' });
    fireEvent.click(button('Tiếp'));
    fireEvent.click(button('Xem lại'));
    await screen.findByRole('heading', { name: 'Xem lại trước khi hoàn thành' });
    return id;
  }

  it('flags a question with a problem, blocks "Hoàn thành phiếu", and "Sửa" leads back to it', async () => {
    const id = await toReviewWithInvalidP8();
    expect(reviewRows()).toContainEqual(['Số lần giao dịch với sở trong năm 2021', 'abc — Nhập một số']);
    expect((button('Hoàn thành phiếu') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(button('Hoàn thành phiếu'));
    expect((await stored(id)).state).toBe('draft');

    fireEvent.click(button('Sửa: Số lần giao dịch với sở trong năm 2021'));
    expect(sectionTitle()).toBe(PART_I);
    expect(describedBy(field('Số lần giao dịch'))).toEqual(['Nhập một số']);
    type('Số lần giao dịch', '12');
    fireEvent.click(button('Về trang xem lại')); // opened from the review: straight back to it
    expect(reviewRows()).toContainEqual(['Số lần giao dịch với sở trong năm 2021', '12']);
    fireEvent.click(button('Hoàn thành phiếu'));
    await waitFor(async () => expect((await stored(id)).state).toBe('queued'));
    expect((await stored(id)).answers.P8).toBe(12);
  });

  // Was a bug when these tests were written (the banner counted every issue as "câu bắt buộc chưa trả lời"); fixed in
  // FillScreen.tsx meanwhile with a separate 'fill.invalid' banner: keep this as the regression test.
  it('does not call an invalid optional answer an unanswered required question', async () => {
    await toReviewWithInvalidP8();
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['Còn 1 câu trả lời chưa hợp lệ']);
    expect(screen.queryByText(/câu bắt buộc chưa trả lời/)).toBeNull();
  });

  it('"Quay lại" from the review returns to the last section with its answers', async () => {
    await toReview({ ...PART_ONE, ...PART_TWO, C1: 'Rút ngắn thời gian' });
    fireEvent.click(button('Quay lại'));
    expect(sectionTitle()).toBe(PART_III);
    expect(field('Ông/bà có ý kiến, kiến nghị gì').value).toBe('Rút ngắn thời gian');
  });

  it('"Hoàn thành phiếu" queues the response with only the visible answers and opens the roster page', async () => {
    const hidden = { Q4: 'yes', Q9: 'A' }; // given before Q3 and Q8 were changed: skip logic hides them now
    const { id } = await toReview({ ...PART_ONE, ...PART_TWO, ...hidden, C1: 'Không có' });
    fireEvent.click(button('Hoàn thành phiếu'));

    expect(await screen.findByRole('heading', { name: 'Danh sách nhận tiền (không bắt buộc)' })).toBeTruthy();
    expect(currentPath()).toBe(`/roster/${UNIT}/${GROUP}`);
    const row = await stored(id);
    expect(row.state).toBe('queued');
    expect(row.answers).toEqual({ ...PART_ONE, ...PART_TWO, C1: 'Không có' });
    expect(row.queuedAt).toBeTruthy();
    expect(row.finishedAt).toBe(row.queuedAt);
  });

  it('a finalised response cannot be reopened for editing', async () => {
    const id = await seedQueued(session.device.db);
    renderApp(session.device, `/fill/${id}`);
    expect(await screen.findByText('Đã lưu phiếu trên máy. Phiếu sẽ được gửi khi có mạng.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Tiếp' })).toBeNull();
  });
});

describe('fill screen: discard', () => {
  it('asks for confirmation, keeps the draft on "Huỷ", and deletes only that draft after "Xác nhận"', async () => {
    const other = await seedQueued(session.device.db);
    const { id } = await openDraft(PART_ONE);

    fireEvent.click(button('Huỷ phiếu nháp'));
    expect(screen.getByText('Huỷ phiếu nháp này? Các câu trả lời đã nhập sẽ bị xoá.')).toBeTruthy();
    await settle();
    expect(await session.device.db.responses.get(id)).toBeDefined();

    fireEvent.click(button('Huỷ'));
    expect(screen.queryByText('Huỷ phiếu nháp này? Các câu trả lời đã nhập sẽ bị xoá.')).toBeNull();
    expect(await session.device.db.responses.get(id)).toBeDefined();

    fireEvent.click(button('Huỷ phiếu nháp'));
    fireEvent.click(button('Xác nhận'));
    await screen.findByRole('heading', { name: 'Phiếu của tôi' });
    expect(currentPath()).toBe('/');
    expect(await session.device.db.responses.get(id)).toBeUndefined();
    expect((await session.device.db.responses.toArray()).map((r) => r.id)).toEqual([other]);
    expect(await screen.findByText('Không có phiếu nháp')).toBeTruthy();
  });
});
