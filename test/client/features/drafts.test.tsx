import 'fake-indexeddb/auto';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getMeta } from '../../../src/client/db/meta';
import {
  button,
  buildPull,
  choose,
  currentPath,
  dropDevice,
  GROUP,
  GROUP_NAME,
  PART_I,
  PART_II,
  PART_ONE,
  PART_TWO,
  renderApp,
  resetUi,
  sectionTitle,
  seedDevice,
  seedDraft,
  seedQueued,
  UNIT,
  UNIT_NAME,
  type Device,
} from '../support/app';

/** Issue 13: a draft shows when it was started and how far it got, and reopens where it was left; serials; the notice. */

// Part II's section id in Phiếu 03-S (survey-definitions/quang-binh-2021/questionnaires/phieu-03-s.json).
const PART_II_ID = 'danh-gia';

let device: Device | undefined;
beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined); // jsdom does not implement it
});
afterEach(async () => {
  resetUi();
  vi.restoreAllMocks();
  if (device) await dropDevice(device);
  device = undefined;
});

/** The drafts list's card of a draft, found by its "Điền tiếp" link. */
async function draftCard(id: string): Promise<HTMLElement> {
  // Shown, not only laid out: the home screen shows its body once everything on it is read (issue 14).
  await waitFor(() => {
    const link = document.querySelector(`a[href="/fill/${id}"]`);
    expect(link !== null && link.closest('[hidden]') === null).toBe(true);
  });
  return document.querySelector(`a[href="/fill/${id}"]`)!.closest('.card') as HTMLElement;
}
const place = (id: string) => getMeta(device!.db, `draftPlace:${id}`);

describe('drafts list', () => {
  it('shows when each draft was started and how far it got, oldest first', async () => {
    device = await seedDevice();
    // Started 10/12/2021 at 08:00 in Việt Nam (01:00 UTC); nothing answered yet, never opened.
    const fresh = await seedDraft(device.db);
    const half = await seedDraft(device.db, PART_ONE);
    await device.db.responses.update(half, { startedAt: '2021-12-10T02:30:00.000Z' });
    await device.db.meta.put({ key: `draftPlace:${half}`, value: PART_II_ID });
    renderApp(device, '/');

    const first = await draftCard(fresh);
    expect(within(first).getByText(`${UNIT_NAME} — ${GROUP_NAME}`)).toBeTruthy();
    expect(within(first).getByText('Bắt đầu lúc 10/12/2021 08:00')).toBeTruthy();
    expect(within(first).getByText('Đã trả lời 0/18 · Phần 1/3')).toBeTruthy();
    const second = await draftCard(half);
    expect(within(second).getByText('Bắt đầu lúc 10/12/2021 09:30')).toBeTruthy();
    expect(within(second).getByText('Đã trả lời 5/18 · Phần 2/3')).toBeTruthy();
    const links = screen.getAllByRole('link', { name: 'Điền tiếp' }).map((a) => a.getAttribute('href'));
    expect(links).toEqual([`/fill/${fresh}`, `/fill/${half}`]);
  });

  it('reopens a draft on the section it was left on, and tells "đang xem lại" for one left at the review', async () => {
    device = await seedDevice();
    const id = await seedDraft(device.db, { ...PART_ONE, ...PART_TWO });
    let view = renderApp(device, `/fill/${id}`);
    await screen.findByRole('heading', { name: PART_I });
    fireEvent.click(button('Tiếp'));
    expect(sectionTitle()).toBe(PART_II);
    choose('Mức độ hài lòng của ông/bà về việc công khai đầy đủ', 'Hài lòng');
    await waitFor(async () => expect(await place(id)).toBe(PART_II_ID));
    view.unmount(); // the app closed (a reload, a dead battery)

    view = renderApp(device, '/');
    const card = await draftCard(id);
    expect(within(card).getByText('Đã trả lời 14/18 · Phần 2/3')).toBeTruthy();
    fireEvent.click(within(card).getByRole('link', { name: 'Điền tiếp' }));
    expect(await screen.findByRole('heading', { name: PART_II })).toBeTruthy();
    expect(currentPath()).toBe(`/fill/${id}`);
    expect(screen.getByText(/· Phần 2\/3$/)).toBeTruthy();

    // Left at the review page.
    fireEvent.click(button('Tiếp'));
    fireEvent.click(button('Xem lại'));
    await screen.findByRole('heading', { name: 'Xem lại trước khi hoàn thành' });
    await waitFor(async () => expect(await place(id)).toBe('#review'));
    view.unmount();
    renderApp(device, '/');
    expect(within(await draftCard(id)).getByText('Đã trả lời 14/18 · đang xem lại')).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: 'Điền tiếp' }));
    expect(await screen.findByRole('heading', { name: 'Xem lại trước khi hoàn thành' })).toBeTruthy();
  });

  it('opens at the first section when the section it was left on is now hidden, and forgets the place once finalised', async () => {
    device = await seedDevice();
    const id = await seedDraft(device.db, { ...PART_ONE, ...PART_TWO });
    await device.db.meta.put({ key: `draftPlace:${id}`, value: 'no-such-section' });
    renderApp(device, `/fill/${id}`);
    expect(await screen.findByRole('heading', { name: PART_I })).toBeTruthy();
    fireEvent.click(button('Tiếp'));
    fireEvent.click(button('Tiếp'));
    fireEvent.click(button('Xem lại'));
    fireEvent.click(await screen.findByRole('button', { name: 'Hoàn thành phiếu' }));
    await screen.findByRole('heading', { name: 'Danh sách nhận tiền (không bắt buộc)' });
    await waitFor(async () => expect(await place(id)).toBeUndefined());
  });
});

describe('paper serials on the phone', () => {
  const START = `/start/${UNIT}/${GROUP}`;
  async function startPaper(serial: string) {
    await screen.findByRole('heading', { name: 'Phiếu mới' });
    fireEvent.click(screen.getByRole('radio', { name: 'Nhập từ phiếu giấy' }));
    fireEvent.change(screen.getByLabelText('Số sê-ri phiếu giấy'), { target: { value: serial } });
    fireEvent.click(screen.getByRole('button', { name: 'Bắt đầu' }));
  }

  it('stores " tp-0001 " as TP-0001, and refuses "TP-0001" then as the same paper form', async () => {
    device = await seedDevice();
    let view = renderApp(device, START);
    await startPaper(' tp-0001 ');
    await screen.findByRole('heading', { name: PART_I });
    expect(screen.getByText('Phiếu giấy số TP-0001')).toBeTruthy();
    expect((await device.db.responses.toArray()).map((r) => r.paperSerial)).toEqual(['TP-0001']);
    view.unmount();

    view = renderApp(device, START);
    await startPaper('TP-0001');
    expect((await screen.findByRole('alert')).textContent).toBe('Số sê-ri này đã được nhập cho đơn vị và đối tượng này trên máy');
    expect(await device.db.responses.count()).toBe(1);
  });

  it('also refuses a serial that matches one stored before serials were normalised', async () => {
    device = await seedDevice();
    await seedQueued(device.db, { mode: 'paper', paperSerial: 'tp-0001 ' });
    renderApp(device, START);
    await startPaper('TP-0001');
    expect((await screen.findByRole('alert')).textContent).toBe('Số sê-ri này đã được nhập cho đơn vị và đối tượng này trên máy');
    expect(await device.db.responses.count()).toBe(1);
    expect(currentPath()).toBe(START);
  });
});

describe('sample-content notice', () => {
  it('is folded to one line, the whole text one tap away', async () => {
    const pull = buildPull();
    const notice = 'Bộ chỉ số và nội dung các phiếu của chiến dịch này là nội dung mẫu được mô phỏng, chưa phải văn bản chính thức.';
    device = await seedDevice({ ...pull, campaign: { ...pull.campaign, sampleNotice: notice } });
    renderApp(device, '/');
    const summary = await screen.findByText('Nội dung mẫu, chưa chính thức');
    const details = summary.closest('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(within(details).getByText(notice)).toBeTruthy();
    // The first quota card follows it directly, after the campaign's name.
    const next = details.nextElementSibling;
    expect(next?.tagName).toBe('H2');
    expect(next?.nextElementSibling?.matches('article.card')).toBe(true);
  });
});
