import 'fake-indexeddb/auto';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { getMeta } from '../../../src/client/db/meta';
import type { PullResult } from '../../../src/shared';
import { FakeServer } from '../sync/fake-server';
import {
  buildPull,
  currentPath,
  dropDevice,
  GROUP_NAME,
  PART_ONE,
  PULLED_AT,
  renderApp,
  resetUi,
  seedDevice,
  seedDraft,
  seedQueued,
  settle,
  UNIT_NAME,
  type Device,
} from '../support/app';

let device: Device | undefined;
afterEach(async () => {
  resetUi();
  if (device) await dropDevice(device);
  device = undefined;
});

/** The card of one assigned cell, found by its unit name. */
const cellCard = async (unitName: string) =>
  (await screen.findByRole('heading', { level: 3, name: unitName })).closest('article') as HTMLElement;

describe('home screen', () => {
  it('lists the assigned cell with unit and group names and counts server + queued responses (drafts do not count)', async () => {
    device = await seedDevice(buildPull({ cellCount: 28 }));
    await seedQueued(device.db);
    await seedDraft(device.db, PART_ONE);
    renderApp(device, '/');

    const card = await cellCard(UNIT_NAME);
    expect(within(card).getByText(GROUP_NAME)).toBeTruthy();
    expect(await within(card).findByText('Đã thu 29/30 · còn 1')).toBeTruthy();
    expect(within(card).getByText('trên máy chủ 28 · chưa đồng bộ 1')).toBeTruthy();
    expect(within(card).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('29');
    expect(within(card).getByText('Phần của bạn: 4/15')).toBeTruthy();
    expect(within(card).queryByText('Đã đủ chỉ tiêu')).toBeNull();
    expect(within(card).getByRole('link', { name: 'Thu phiếu mới' }).getAttribute('href')).toBe('/start/so-tu-phap/so-nguoi-dan');
    expect(await screen.findByText('1 phiếu chờ gửi')).toBeTruthy();
    expect(screen.getByText('Đăng nhập: Điều tra viên 1')).toBeTruthy();
  });

  it('counts queued responses in "N phiếu chờ gửi" and waiting roster names apart', async () => {
    device = await seedDevice();
    await seedQueued(device.db);
    await seedQueued(device.db);
    await seedDraft(device.db, PART_ONE); // a draft does not wait to be sent
    await device.db.roster.add({
      id: crypto.randomUUID(),
      campaignId: 'quang-binh-2021',
      unitId: 'so-tu-phap',
      groupId: 'so-nguoi-dan',
      surveyorId: 'sv-1',
      deviceId: 'dev-test-1',
      respondentName: 'Nguyễn Văn A',
      collectedOn: '2021-12-10',
      state: 'queued',
      queuedAt: '2021-12-10T02:00:00.000Z',
    });
    renderApp(device, '/');
    expect(await screen.findByText('2 phiếu chờ gửi')).toBeTruthy();
    expect(screen.getByText('1 tên trong danh sách nhận tiền chờ gửi')).toBeTruthy();
    expect(screen.queryByText('Đã gửi hết phiếu')).toBeNull();
  });

  it('says everything is sent when nothing waits', async () => {
    device = await seedDevice();
    renderApp(device, '/');
    expect(await screen.findByText('Đã gửi hết phiếu')).toBeTruthy();
    // jsdom says the browser is online, so an unreachable server reads as "will retry", not "no network".
    expect(await screen.findByText(/Máy chủ chưa nhận được; sẽ thử lại sau \d+ giây/)).toBeTruthy();
  });

  it('warns that the quota is reached once server count + queued responses reach the target', async () => {
    device = await seedDevice(buildPull({ cellCount: 28 }));
    await seedQueued(device.db);
    renderApp(device, '/');
    const card = await cellCard(UNIT_NAME);
    await within(card).findByText('Đã thu 29/30 · còn 1');
    expect(within(card).queryByText('Đã đủ chỉ tiêu')).toBeNull();

    await seedQueued(device.db); // the 30th, finalised in another tab: the live query picks it up
    expect(await within(card).findByText('Đã thu 30/30 · còn 0')).toBeTruthy();
    expect(within(card).getByRole('alert').textContent).toBe('Đã đủ chỉ tiêu');
    // a warning, never a block: the start link is still there
    expect(within(card).getByRole('link', { name: 'Thu phiếu mới' })).toBeTruthy();
  });

  it('shows "Đã đủ phần được giao" when the surveyor\'s own share is complete but the cell is not', async () => {
    device = await seedDevice(buildPull({ cellCount: 20, ownCount: 14, allocation: 15 }));
    await seedQueued(device.db);
    renderApp(device, '/');
    const card = await cellCard(UNIT_NAME);
    expect(await within(card).findByText('Phần của bạn: 15/15')).toBeTruthy();
    expect(within(card).getByText('Đã đủ phần được giao')).toBeTruthy();
    expect(within(card).queryByText('Đã đủ chỉ tiêu')).toBeNull();
  });

  it('lists drafts with "Điền tiếp" leading to the fill screen', async () => {
    device = await seedDevice();
    const id = await seedDraft(device.db, PART_ONE);
    renderApp(device, '/');
    const resume = await screen.findByRole('link', { name: 'Điền tiếp' });
    expect(resume.getAttribute('href')).toBe(`/fill/${id}`);
    expect(resume.closest('.card')?.textContent).toContain(`${UNIT_NAME} — ${GROUP_NAME}`);
    expect(screen.queryByText('Không có phiếu nháp')).toBeNull();

    fireEvent.click(resume);
    expect(await screen.findByText('Phần I – Thông tin người trả lời')).toBeTruthy();
    expect(currentPath()).toBe(`/fill/${id}`);
  });

  it('says there are no drafts when there are none', async () => {
    device = await seedDevice();
    renderApp(device, '/');
    expect(await screen.findByText('Không có phiếu nháp')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Điền tiếp' })).toBeNull();
  });

  it("lists a response the server rejected with the server's reason and issues, and keeps it on the device", async () => {
    const pull = buildPull({ cellCount: 28 });
    // The fake collection server of the sync tests, refusing our response; its pull answers our campaign.
    const server = new (class extends FakeServer {
      override async pull() {
        this.requests += 1;
        return { ok: true as const, body: pull satisfies PullResult };
      }
    })();
    device = await seedDevice(pull);
    const id = await seedQueued(device.db);
    server.refuse.add(id);
    renderApp(device, '/', server);

    expect(await screen.findByRole('heading', { name: 'Phiếu máy chủ từ chối (1)' })).toBeTruthy();
    const item = screen.getByText('Có câu trả lời không hợp lệ').closest('.card') as HTMLElement;
    expect(within(item).getByText(`${UNIT_NAME} — ${GROUP_NAME}`)).toBeTruthy();
    expect(within(item).getByRole('listitem').textContent).toBe('answers.Q1: Sai');
    expect((await device.db.responses.get(id))?.state).toBe('rejected');
    // a rejected response is not counted and no longer waits, but it is not "all sent" either (issue #13)
    const card = await cellCard(UNIT_NAME);
    expect(await within(card).findByText('Đã thu 28/30 · còn 2')).toBeTruthy();
    expect(await screen.findByText('1 phiếu bị máy chủ từ chối, chưa gửi được: xem ở đầu trang')).toBeTruthy();
    expect(screen.queryByText('Đã gửi hết phiếu')).toBeNull();
    // let the sync finish (pull saved, synced ones purged) before the database closes
    await waitFor(async () => expect(await getMeta(device!.db, 'lastSyncAt')).not.toBe(PULLED_AT.toISOString()));
    await settle();
  });

  it('switches to English from the language select', async () => {
    device = await seedDevice(buildPull({ cellCount: 28 }));
    await seedQueued(device.db);
    renderApp(device, '/');
    await screen.findByText('Đã thu 29/30 · còn 1');
    expect(screen.getByRole('button', { name: 'Đồng bộ ngay' })).toBeTruthy();

    fireEvent.change(screen.getByRole('combobox', { name: 'Ngôn ngữ' }), { target: { value: 'en' } });

    expect(await screen.findByRole('button', { name: 'Sync now' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Đồng bộ ngay' })).toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('My questionnaires');
    expect(screen.getByText('Collected 29/30 · 1 to go')).toBeTruthy();
    expect(screen.getByText('1 responses waiting to be sent')).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Language' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });
});
