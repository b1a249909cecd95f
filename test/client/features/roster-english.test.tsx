import 'fake-indexeddb/auto';
import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentPath, deviceReady, dropDevice, GROUP, renderApp, resetUi, seedDevice, UNIT, type Device } from '../support/app';

let device: Device;
beforeEach(async () => {
  localStorage.setItem('phieu.lang', 'en');
  device = await seedDevice();
});
afterEach(async () => {
  resetUi();
  await dropDevice(device);
});

const ROSTER = `/roster/${UNIT}/${GROUP}`;

describe('roster screen in English', () => {
  it('says what the shared schema refuses in English, and stores nothing', async () => {
    renderApp(device, ROSTER);
    await deviceReady();
    fireEvent.change(await screen.findByLabelText("Respondent's full name"), { target: { value: ' ' } });
    fireEvent.change(screen.getByLabelText('Phone number'), { target: { value: 'gọi sau' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add to the list' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      "The respondent's full name is needed; A phone number has only digits, spaces, +, (, ), . or -",
    );
    expect(await device.db.roster.count()).toBe(0);
    expect(currentPath()).toBe(ROSTER);
  });
});
