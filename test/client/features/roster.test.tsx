import 'fake-indexeddb/auto';
import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  currentPath,
  DEVICE_ID,
  deviceReady,
  dropDevice,
  GROUP,
  renderApp,
  resetUi,
  seedDevice,
  seedQueued,
  settle,
  SURVEYOR_ID,
  UNIT,
  type Device,
} from '../support/app';

let device: Device;
let responseId: string;
beforeEach(async () => {
  device = await seedDevice();
  responseId = await seedQueued(device.db); // the response just finalised, as when the fill screen opens this page
});
afterEach(async () => {
  resetUi();
  await dropDevice(device);
});

const ROSTER = `/roster/${UNIT}/${GROUP}`;

async function fill({ name = '', organisation = '', phone = '' }) {
  await deviceReady();
  fireEvent.change(screen.getByLabelText('Họ và tên người trả lời'), { target: { value: name } });
  fireEvent.change(screen.getByLabelText('Cơ quan hoặc địa chỉ'), { target: { value: organisation } });
  fireEvent.change(screen.getByLabelText('Số điện thoại'), { target: { value: phone } });
}

describe('roster screen', () => {
  it('stores the roster line on its own, with nothing that links it to the response', async () => {
    renderApp(device, ROSTER);
    expect(await screen.findByText('Đã lưu phiếu trên máy. Phiếu sẽ được gửi khi có mạng.')).toBeTruthy();
    await fill({ name: 'Nguyễn Thị Hoa', organisation: 'Phường Đồng Phú', phone: '0912 345 678' });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu vào danh sách' }));

    await screen.findByRole('heading', { name: 'Phiếu của tôi' });
    expect(currentPath()).toBe('/');
    const rows = await device.db.roster.toArray();
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(Object.keys(row).sort()).toEqual([
      'campaignId',
      'collectedOn',
      'deviceId',
      'groupId',
      'id',
      'organisation',
      'phone',
      'queuedAt',
      'respondentName',
      'state',
      'surveyorId',
      'unitId',
    ]);
    expect(row).toMatchObject({
      campaignId: 'quang-binh-2021',
      unitId: UNIT,
      groupId: GROUP,
      surveyorId: SURVEYOR_ID,
      deviceId: DEVICE_ID,
      respondentName: 'Nguyễn Thị Hoa',
      organisation: 'Phường Đồng Phú',
      phone: '0912 345 678',
      state: 'queued',
    });
    expect(row.collectedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(row)).not.toContain(responseId);
    expect(row.id).not.toBe(responseId);
    // the response was not touched either
    expect(Object.values((await device.db.responses.get(responseId))!)).not.toContain(row.id);
    // the line waits in the outbox, counted apart from the response
    expect(await screen.findByText('1 phiếu chờ gửi')).toBeTruthy();
    expect(await screen.findByText('1 tên trong danh sách nhận tiền chờ gửi')).toBeTruthy();
  });

  it('leaves out the optional fields when they are blank', async () => {
    renderApp(device, ROSTER);
    await fill({ name: 'Trần Văn Nam', organisation: '  ', phone: '' });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu vào danh sách' }));
    await screen.findByRole('heading', { name: 'Phiếu của tôi' });
    const [row] = await device.db.roster.toArray();
    expect(row).toBeDefined();
    expect(row).not.toHaveProperty('organisation');
    expect(row).not.toHaveProperty('phone');
  });

  it('shows an error for an invalid phone number and stores nothing', async () => {
    renderApp(device, ROSTER);
    await fill({ name: 'Nguyễn Thị Hoa', phone: 'gọi sau' });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu vào danh sách' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Số điện thoại chỉ gồm chữ số, dấu cách, +, (, ), . hoặc -');
    await settle();
    expect(await device.db.roster.count()).toBe(0);
    expect(currentPath()).toBe(ROSTER);

    fireEvent.change(screen.getByLabelText('Số điện thoại'), { target: { value: '+84 912 345 678' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu vào danh sách' }));
    await screen.findByRole('heading', { name: 'Phiếu của tôi' });
    expect((await device.db.roster.toArray()).map((r) => r.phone)).toEqual(['+84 912 345 678']);
  });

  it('does not store a line without a name', async () => {
    renderApp(device, ROSTER);
    await fill({ name: '   ', phone: '0912345678' });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu vào danh sách' })); // blanks satisfy the `required` attribute
    expect((await screen.findByRole('alert')).textContent).toBe('Cần họ tên người trả lời');
    await settle();
    expect(await device.db.roster.count()).toBe(0);
    expect(currentPath()).toBe(ROSTER);
  });

  it('"Bỏ qua" goes home and stores nothing, even with the form filled in', async () => {
    renderApp(device, ROSTER);
    await fill({ name: 'Nguyễn Thị Hoa', phone: '0912345678' });
    fireEvent.click(screen.getByRole('button', { name: 'Bỏ qua' }));
    await screen.findByRole('heading', { name: 'Phiếu của tôi' });
    await settle();
    expect(currentPath()).toBe('/');
    expect(await device.db.roster.count()).toBe(0);
    expect((await device.db.responses.get(responseId))?.state).toBe('queued');
  });
});
