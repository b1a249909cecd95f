import 'fake-indexeddb/auto';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildPull,
  currentPath,
  DEVICE_ID,
  dropDevice,
  GROUP,
  OTHER_UNIT,
  renderApp,
  resetUi,
  seedDevice,
  seedQueued,
  SURVEYOR_ID,
  UNIT,
  type Device,
} from '../support/app';

let device: Device | undefined;
afterEach(async () => {
  resetUi();
  if (device) await dropDevice(device);
  device = undefined;
});

const START = `/start/${UNIT}/${GROUP}`;

async function choosePaper(serial?: string) {
  fireEvent.click(await screen.findByRole('radio', { name: 'Nhập từ phiếu giấy' }));
  if (serial !== undefined) fireEvent.change(screen.getByLabelText('Số sê-ri phiếu giấy'), { target: { value: serial } });
}

describe('start screen', () => {
  it('starts an interview draft with the newest questionnaire, the surveyor and the device, and opens it', async () => {
    device = await seedDevice();
    renderApp(device, START);
    expect(await screen.findByRole('heading', { name: 'Phiếu mới' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Bắt đầu' }));

    await screen.findByText('Phần I – Thông tin người trả lời');
    const [row, ...more] = await device.db.responses.toArray();
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({
      state: 'draft',
      mode: 'interview',
      unitId: UNIT,
      groupId: GROUP,
      questionnaireId: 'phieu-03-s',
      questionnaireVersion: 1,
      surveyorId: SURVEYOR_ID,
      deviceId: DEVICE_ID,
      answers: {},
    });
    expect(row?.paperSerial).toBeUndefined();
    expect(currentPath()).toBe(`/fill/${row?.id}`);
  });

  it('requires a serial in paper mode and creates nothing without one', async () => {
    device = await seedDevice();
    renderApp(device, START);
    await choosePaper('   ');
    fireEvent.click(screen.getByRole('button', { name: 'Bắt đầu' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Nhập số sê-ri in trên phiếu giấy');
    expect(await device.db.responses.count()).toBe(0);
    expect(currentPath()).toBe(START);
  });

  it('stores the trimmed serial with a paper draft', async () => {
    device = await seedDevice();
    renderApp(device, START);
    await choosePaper('  QB-0042 ');
    fireEvent.click(screen.getByRole('button', { name: 'Bắt đầu' }));
    await screen.findByText('Phần I – Thông tin người trả lời');
    const rows = await device.db.responses.toArray();
    expect(rows.map((r) => [r.mode, r.paperSerial])).toEqual([['paper', 'QB-0042']]);
  });

  it('refuses a serial already used on this device for the same unit × group, and creates nothing', async () => {
    device = await seedDevice();
    const first = await seedQueued(device.db, { mode: 'paper', paperSerial: 'QB-0042' });
    renderApp(device, START);
    await choosePaper(' QB-0042 ');
    fireEvent.click(screen.getByRole('button', { name: 'Bắt đầu' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Số sê-ri này đã được nhập cho đơn vị và đối tượng này trên máy');
    expect((await device.db.responses.toArray()).map((r) => r.id)).toEqual([first]);
    expect(currentPath()).toBe(START);
  });

  it('accepts the same serial for another unit', async () => {
    device = await seedDevice();
    await seedQueued(device.db, { mode: 'paper', paperSerial: 'QB-0042' });
    renderApp(device, `/start/${OTHER_UNIT}/${GROUP}`);
    await choosePaper('QB-0042');
    fireEvent.click(screen.getByRole('button', { name: 'Bắt đầu' }));
    await screen.findByText('Phần I – Thông tin người trả lời');
    expect((await device.db.responses.toArray()).map((r) => [r.unitId, r.paperSerial]).sort()).toEqual([
      [OTHER_UNIT, 'QB-0042'],
      [UNIT, 'QB-0042'],
    ]);
  });

  it('warns past the quota ("Vẫn thu thêm") but still starts: warn, never block', async () => {
    device = await seedDevice(buildPull({ cellCount: 29, ownCount: 3 }));
    await seedQueued(device.db); // 29 on the server + 1 queued here = 30 = target
    renderApp(device, START);

    const button = await screen.findByRole('button', { name: 'Vẫn thu thêm' });
    expect(screen.queryByRole('button', { name: 'Bắt đầu' })).toBeNull();
    expect(screen.getByRole('alert').textContent).toBe(
      'Đơn vị này đã đủ 30 phiếu cho đối tượng này. Vẫn có thể thu thêm; Sở Nội vụ sẽ quyết định.',
    );

    fireEvent.click(button);
    await screen.findByText('Phần I – Thông tin người trả lời');
    await waitFor(async () => expect(await device!.db.responses.where('state').equals('draft').count()).toBe(1));
  });

  it('shows no warning and "Bắt đầu" below the quota', async () => {
    device = await seedDevice(buildPull({ cellCount: 28, ownCount: 3 }));
    await seedQueued(device.db); // 29 < 30
    renderApp(device, START);
    expect(await screen.findByRole('button', { name: 'Bắt đầu' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it("warns when the surveyor's own allocation is complete, and still starts", async () => {
    device = await seedDevice(buildPull({ cellCount: 10, ownCount: 15, allocation: 15 }));
    renderApp(device, START);
    expect((await screen.findByRole('alert')).textContent).toBe('Bạn đã thu đủ 15 phiếu được giao cho ô này. Vẫn có thể thu thêm.');
    fireEvent.click(screen.getByRole('button', { name: 'Vẫn thu thêm' }));
    await screen.findByText('Phần I – Thông tin người trả lời');
  });

  it('"Quay lại" goes home without creating anything', async () => {
    device = await seedDevice();
    renderApp(device, START);
    fireEvent.click(await screen.findByRole('button', { name: 'Quay lại' }));
    await screen.findByRole('heading', { name: 'Phiếu của tôi' });
    expect(await device.db.responses.count()).toBe(0);
  });
});
