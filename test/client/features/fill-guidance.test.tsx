import 'fake-indexeddb/auto';
import { fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answers } from '../../../src/shared';
import {
  button,
  choose,
  field,
  PART_I,
  PART_II,
  PART_III,
  PART_ONE,
  PART_TWO,
  Q3,
  Q4,
  question,
  renderApp,
  sectionTitle,
  seedDraft,
  fillSession,
} from '../support/app';

/** Issue 13: "Tiếp" shows where and how much is missing; "Sửa" on every answer; paper forms show their serial and numbers. */

const session = fillSession();
const { openDraft } = session;

let scrolled: Element[] = [];
beforeEach(() => {
  scrolled = [];
  // jsdom has no layout: record what was brought into view, and how.
  Element.prototype.scrollIntoView = vi.fn(function (this: Element, arg?: boolean | ScrollIntoViewOptions) {
    expect(arg).toEqual({ block: 'start' });
    scrolled.push(this);
  });
});

/** The question box (fieldset or field wrapper) of a question code. */
const box = (code: string) => document.querySelector(`[data-question="${code}"]`) as HTMLElement;
const barMessage = () => document.querySelector('.bottom-bar [role="status"]')?.textContent ?? null;

describe('"Tiếp" with answers missing', () => {
  it('brings the first question in error into view, puts the focus in it, and says how many are missing', async () => {
    await openDraft();
    fireEvent.click(button('Tiếp'));

    expect(sectionTitle()).toBe(PART_I);
    expect(barMessage()).toBe('Phần này còn 5 câu bắt buộc chưa trả lời');
    expect(scrolled).toEqual([box('P1')]);
    expect(document.activeElement).toBe(within(question('Giới tính')).getAllByRole('radio')[0]);

    choose('Giới tính', 'Nam'); // the count follows the answers
    expect(barMessage()).toBe('Phần này còn 4 câu bắt buộc chưa trả lời');
    fireEvent.click(button('Tiếp'));
    expect(scrolled.at(-1)).toBe(box('P2'));
    expect(document.activeElement).toBe(within(question('Độ tuổi')).getAllByRole('radio')[0]);
  });

  it('counts invalid answers apart, and focuses the first problem in the order of the form', async () => {
    const { P2: _skip, ...withoutP2 } = PART_ONE;
    await openDraft(withoutP2 as Answers);
    const p8 = field('Số lần giao dịch');
    fireEvent.change(p8, { target: { value: 'abc' } });
    fireEvent.blur(p8);
    fireEvent.click(button('Tiếp'));
    expect(barMessage()).toBe('Phần này còn 1 câu bắt buộc chưa trả lời và 1 câu chưa hợp lệ');
    expect(scrolled.at(-1)).toBe(box('P2')); // P2 comes before P8
    expect(document.activeElement).toBe(within(question('Độ tuổi')).getAllByRole('radio')[0]);

    choose('Độ tuổi', 'Dưới 30 tuổi');
    fireEvent.click(button('Tiếp'));
    expect(barMessage()).toBe('Phần này còn 1 câu trả lời chưa hợp lệ');
    expect(scrolled.at(-1)).toBe(box('P8'));
    expect(document.activeElement).toBe(field('Số lần giao dịch')); // a text field: focused to type in at once

    fireEvent.change(field('Số lần giao dịch'), { target: { value: '3' } });
    fireEvent.blur(field('Số lần giao dịch'));
    expect(barMessage()).toBeNull();
    fireEvent.click(button('Tiếp'));
    expect(sectionTitle()).toBe(PART_II);
  });
});

describe('review: "Sửa" on every answer', () => {
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

  it('offers "Sửa" on each answer, right or wrong, named after its question; it opens that question, focused, and leads back', async () => {
    await toReview({ ...PART_ONE, ...PART_TWO });
    const rows = Array.from(document.querySelectorAll('dl.review > div'));
    expect(rows).toHaveLength(18);
    for (const row of rows) {
      const text = row.querySelector('dt')?.textContent;
      expect(within(row as HTMLElement).getByRole('button', { name: `Sửa: ${text}` }).textContent).toBe('Sửa');
    }

    fireEvent.click(button(`Sửa: ${Q3}`));
    expect(sectionTitle()).toBe(PART_II);
    expect(scrolled.at(-1)).toBe(box('Q3'));
    expect(document.activeElement).toBe(within(question(Q3)).getByRole('radio', { name: 'Có' })); // the chosen answer
    choose(Q3, 'Không');
    // Q4 appears with "Không", on this section and required: the way back to the review stops at it first.
    fireEvent.click(button('Về trang xem lại'));
    expect(sectionTitle()).toBe(PART_II);
    expect(barMessage()).toBe('Phần này còn 1 câu bắt buộc chưa trả lời');
    expect(scrolled.at(-1)).toBe(box('Q4'));
    choose(Q4, 'Có');
    fireEvent.click(button('Về trang xem lại'));
    await screen.findByRole('heading', { name: 'Xem lại trước khi hoàn thành' });
    expect(document.querySelector('dl.review dt + dd')?.textContent).toBe('Nam');
    expect((button('Hoàn thành phiếu') as HTMLButtonElement).disabled).toBe(false);
  });

  it('"Về trang xem lại" does not skip a question in error on the section it left', async () => {
    await toReview({ ...PART_ONE, ...PART_TWO });
    fireEvent.click(button('Sửa: Giới tính'));
    expect(sectionTitle()).toBe(PART_I);
    fireEvent.change(field('Số lần giao dịch'), { target: { value: 'x' } });
    fireEvent.blur(field('Số lần giao dịch'));
    fireEvent.click(button('Về trang xem lại'));
    expect(sectionTitle()).toBe(PART_I);
    expect(barMessage()).toBe('Phần này còn 1 câu trả lời chưa hợp lệ');
    expect(document.activeElement).toBe(field('Số lần giao dịch'));
  });
});

describe('paper transcription', () => {
  it('shows the paper serial on every screen and the questions numbered as on the paper form (P1…Q11)', async () => {
    const id = await seedDraft(session.device.db, { ...PART_ONE, ...PART_TWO }, { mode: 'paper', paperSerial: 'TP-0001' });
    renderApp(session.device, `/fill/${id}`);
    await screen.findByRole('heading', { name: PART_I });
    const serialShown = () => screen.getByText('Phiếu giấy số TP-0001');
    /** Every question on the screen, as its number and text start, in order. */
    const numbers = () =>
      Array.from(document.querySelectorAll('[data-question]')).map((el) => el.querySelector('legend, label')?.textContent?.split(' ')[0]);

    expect(serialShown()).toBeTruthy();
    expect(question('P1. Giới tính')).toBeTruthy();
    expect(field('P5. Thủ tục hành chính đã giao dịch')).toBeTruthy();
    expect(numbers()).toEqual(['P1.', 'P2.', 'P3.', 'P4.', 'P5.', 'P6.', 'P7.', 'P8.']);
    fireEvent.click(button('Tiếp'));
    expect(sectionTitle()).toBe(PART_II);
    expect(serialShown()).toBeTruthy();
    expect(question(`Q3. ${Q3}`)).toBeTruthy();
    expect(numbers()).toEqual(['Q1.', 'Q2.', 'Q3.', 'Q5.', 'Q6.', 'Q7.', 'Q8.', 'Q10.', 'Q11.']); // Q4, Q9 hidden by skip logic
    fireEvent.click(button('Tiếp'));
    expect(sectionTitle()).toBe(PART_III);
    expect(serialShown()).toBeTruthy();
    expect(numbers()).toEqual(['C1.']);
    fireEvent.click(button('Xem lại'));
    await screen.findByRole('heading', { name: 'Xem lại trước khi hoàn thành' });
    expect(serialShown()).toBeTruthy();
    const terms = Array.from(document.querySelectorAll('dl.review dt')).map((dt) => dt.textContent);
    expect(terms[0]).toBe('P1. Giới tính');
    expect(terms).toContain(`Q3. ${Q3}`);
    expect(screen.getByRole('button', { name: 'Sửa: P1. Giới tính' })).toBeTruthy();
  });

  it('numbers nothing in an interview, as before', async () => {
    await openDraft();
    expect(question('Giới tính')).toBeTruthy();
    expect(document.querySelector('.question-number')).toBeNull();
    expect(screen.queryByText(/^Phiếu giấy số/)).toBeNull();
  });
});
