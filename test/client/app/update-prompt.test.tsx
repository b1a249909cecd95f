import 'fake-indexeddb/auto';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerServiceWorker } from '../../../src/client/pwa/update';
import { currentPath, dropDevice, PART_ONE, renderApp, resetUi, seedDevice, seedDraft, type Device } from '../support/app';

/** The service worker registration, replaced: the test plays the part of workbox-window and keeps its callbacks. */
const sw = vi.hoisted(() => ({
  onUpdateWaiting: undefined as ((apply: () => void) => void) | undefined,
  onOfflineReady: undefined as (() => void) | undefined,
}));
vi.mock('../../../src/client/pwa/update', () => ({
  registerServiceWorker: vi.fn((onUpdateWaiting: (apply: () => void) => void, onOfflineReady: () => void) => {
    sw.onUpdateWaiting = onUpdateWaiting;
    sw.onOfflineReady = onOfflineReady;
  }),
}));

let device: Device;
let apply: ReturnType<typeof vi.fn<() => void>>;
beforeEach(async () => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined); // jsdom does not implement it
  sw.onUpdateWaiting = undefined;
  sw.onOfflineReady = undefined;
  apply = vi.fn<() => void>();
  vi.mocked(registerServiceWorker).mockClear();
  device = await seedDevice();
});
afterEach(async () => {
  resetUi();
  vi.restoreAllMocks();
  await dropDevice(device);
});

const AVAILABLE = 'Có phiên bản mới của ứng dụng.';
const NOT_NOW = 'Hãy hoàn thành phiếu đang điền trước khi cập nhật.';

/** A new service worker finished installing and waits. */
function updateWaits() {
  expect(sw.onUpdateWaiting).toBeTypeOf('function');
  act(() => sw.onUpdateWaiting!(apply));
}

describe('update prompt', () => {
  it('registers the service worker once and shows nothing until an update waits', async () => {
    renderApp(device, '/');
    await screen.findByRole('heading', { name: 'Phiếu của tôi' });
    expect(registerServiceWorker).toHaveBeenCalledTimes(1);
    expect(screen.queryByText(AVAILABLE)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cập nhật' })).toBeNull();
  });

  it('offers "Cập nhật" on the home screen and applies the update only when it is pressed', async () => {
    renderApp(device, '/');
    await screen.findByRole('heading', { name: 'Phiếu của tôi' });
    updateWaits();

    expect(screen.getByText(AVAILABLE)).toBeTruthy();
    expect(apply).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Cập nhật' }));
    expect(apply).toHaveBeenCalledTimes(1);
  });

  it('"Để sau" hides the prompt without applying', async () => {
    renderApp(device, '/');
    await screen.findByRole('heading', { name: 'Phiếu của tôi' });
    updateWaits();
    fireEvent.click(screen.getByRole('button', { name: 'Để sau' }));
    expect(screen.queryByText(AVAILABLE)).toBeNull();
    expect(apply).not.toHaveBeenCalled();
  });

  it('on a /fill page shows only "finish the response first", with no button to update: never reloads mid-response', async () => {
    const id = await seedDraft(device.db, PART_ONE);
    renderApp(device, `/fill/${id}`);
    await screen.findByRole('heading', { name: 'Phần I – Thông tin người trả lời' });
    updateWaits();

    const prompt = screen.getByText(AVAILABLE).closest('[role="status"]') as HTMLElement;
    expect(prompt.querySelector('.toast-text')?.textContent).toBe(`${AVAILABLE} ${NOT_NOW}`);
    // Only "Đóng": the notice is fixed over the questionnaire (issue 14), so it can be put away until the response is left.
    expect(Array.from(prompt.querySelectorAll('button')).map((b) => b.textContent)).toEqual(['Đóng']);
    expect(screen.queryByRole('button', { name: 'Cập nhật' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Để sau' })).toBeNull();
    expect(apply).not.toHaveBeenCalled();

    fireEvent.click(within(prompt).getByRole('button', { name: 'Đóng' }));
    expect(screen.queryByText(AVAILABLE)).toBeNull();
    expect(apply).not.toHaveBeenCalled();

    // Leaving the response (back to home) brings the notice back, with the button; the update was not lost.
    fireEvent.click(screen.getByRole('button', { name: 'Quay lại' }));
    await screen.findByRole('heading', { name: 'Phiếu của tôi' });
    expect(currentPath()).toBe('/');
    expect(screen.queryByText(NOT_NOW)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Cập nhật' }));
    expect(apply).toHaveBeenCalledTimes(1);
  });

  it('hides the button as soon as the surveyor opens a response, if the update arrived on the home screen', async () => {
    await seedDraft(device.db, PART_ONE);
    renderApp(device, '/');
    await screen.findByRole('heading', { name: 'Phiếu của tôi' });
    updateWaits();
    expect(screen.getByRole('button', { name: 'Cập nhật' })).toBeTruthy();

    fireEvent.click(await screen.findByRole('link', { name: 'Điền tiếp' }));
    await screen.findByRole('heading', { name: 'Phần I – Thông tin người trả lời' });
    expect(screen.getByText(NOT_NOW)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cập nhật' })).toBeNull();
  });

  it('says the app works offline once the first install is done', async () => {
    renderApp(device, '/');
    await screen.findByRole('heading', { name: 'Phiếu của tôi' });
    act(() => sw.onOfflineReady!());
    expect(screen.getByText('Ứng dụng đã sẵn sàng dùng không cần mạng')).toBeTruthy();
  });

  // Issue 14: both arrive after the screen is shown; inserted at the top of the page they moved all of it down.
  it('says both in toasts over the screen, not in it; "Đóng" puts the offline note away', async () => {
    renderApp(device, '/');
    await screen.findByRole('heading', { name: 'Phiếu của tôi' });
    act(() => sw.onOfflineReady!());
    const ready = screen.getByText('Ứng dụng đã sẵn sàng dùng không cần mạng').closest('.toast') as HTMLElement;
    expect(ready.getAttribute('role')).toBe('status');
    expect(ready.closest('main')).toBeNull();
    expect(ready.parentElement?.className).toBe('toasts');
    fireEvent.click(within(ready).getByRole('button', { name: 'Đóng' }));
    expect(screen.queryByText('Ứng dụng đã sẵn sàng dùng không cần mạng')).toBeNull();

    updateWaits();
    const prompt = screen.getByText(AVAILABLE).closest('.toast') as HTMLElement;
    expect(prompt.closest('main')).toBeNull();
    expect(within(prompt).getByRole('button', { name: 'Cập nhật' })).toBeTruthy();
  });
});
