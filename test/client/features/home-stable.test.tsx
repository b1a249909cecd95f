import 'fake-indexeddb/auto';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Answer, SyncTransport } from '../../../src/client/sync/transport';
import type { PullResult, PushResult } from '../../../src/shared';
import {
  buildPull,
  dropDevice,
  GROUP_NAME,
  OfflineTransport,
  PART_ONE,
  renderApp,
  resetUi,
  seedDevice,
  seedDraft,
  seedQueued,
  settle,
  UNIT_NAME,
  type Device,
} from '../support/app';

/**
 * Issue 14: the home screen does not move once shown. Its body appears in one go, with every count read; the sync
 * card keeps its size whatever the sync does; what a sync says comes as a toast over the screen, not inside it.
 */

let device: Device | undefined;
afterEach(async () => {
  resetUi();
  if (device) await dropDevice(device);
  device = undefined;
});

/** The text of the home screen's body at the first moment it is shown (its `hidden` dropped). */
function firstShown(): Promise<string> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const body = document.querySelector('main > div.spread + div');
      if (body && !body.hasAttribute('hidden')) {
        observer.disconnect();
        resolve(body.textContent ?? '');
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden'] });
  });
}

/** A server that holds every answer until `release()`, then answers at once: the test sees the sync running. */
class HeldServer implements SyncTransport {
  private waiting: (() => void)[] = [];
  private open = false;
  release() {
    this.open = true;
    for (const w of this.waiting.splice(0)) w();
  }
  private held<T>(body: T): Promise<Answer<T>> {
    if (this.open) return Promise.resolve({ ok: true, body });
    return new Promise((resolve) => this.waiting.push(() => resolve({ ok: true, body })));
  }
  pushResponses(items: { id: string }[]): Promise<Answer<PushResult>> {
    return this.held({
      results: items.map((i) => ({ id: i.id, status: 'accepted' as const, overQuota: false })),
      receivedAt: new Date().toISOString(),
    });
  }
  pushRoster(): Promise<Answer<PushResult>> {
    return this.held({ results: [], receivedAt: new Date().toISOString() });
  }
  pull(): Promise<Answer<PullResult>> {
    return this.held(buildPull());
  }
}

describe('the home screen once shown', () => {
  it('shows its body in one go: account, sync counts, cells with their local counts, drafts, export', async () => {
    device = await seedDevice(buildPull({ cellCount: 28 }));
    await seedQueued(device.db);
    await seedDraft(device.db, PART_ONE);
    const shown = firstShown();
    renderApp(device, '/');
    const text = await shown;
    for (const part of [
      'Đăng nhập: Điều tra viên 1',
      '1 phiếu chờ gửi',
      UNIT_NAME,
      'Đã thu 29/30 · còn 1',
      'trên máy chủ 28 · chưa đồng bộ 1',
      'Phiếu đang điền dở',
      `${UNIT_NAME} — ${GROUP_NAME}`,
      'Điền tiếp',
      'Xuất dữ liệu chưa đồng bộ',
    ]) {
      expect(text, part).toContain(part);
    }
  });

  it('with nothing on the device: "all sent" and "no drafts" are there from the start', async () => {
    device = await seedDevice();
    const shown = firstShown();
    renderApp(device, '/');
    const text = await shown;
    expect(text).toContain('Đã gửi hết phiếu');
    expect(text).toContain('Không có phiếu nháp');
  });

  it('with something refused: the refused panel (a chunk of its own) is there the first moment the body is shown, above the rest', async () => {
    device = await seedDevice(buildPull({ cellCount: 28 }));
    const id = await seedQueued(device.db);
    await device.db.responses.update(id, {
      state: 'rejected',
      rejection: { code: 'campaign-closed', message: 'Kỳ đánh giá không mở nhận dữ liệu', issues: [] },
    });
    const shown = firstShown();
    renderApp(device, '/');
    const text = await shown;
    expect(text).toContain('Phiếu máy chủ từ chối (1)');
    expect(text.indexOf('Phiếu máy chủ từ chối (1)')).toBeLessThan(text.indexOf(UNIT_NAME));
    expect(text).toContain('Phiếu đang điền dở');
  });

  it('keeps both labels of the sync button laid out, naming it by the one shown', async () => {
    device = await seedDevice();
    const server = new HeldServer();
    renderApp(device, '/', server);
    const running = await screen.findByRole('button', { name: 'Đang đồng bộ…' });
    // The other label is there, unseen and unnamed: the button keeps the width of the wider one.
    const other = within(running).getByText('Đồng bộ ngay');
    expect(other.getAttribute('aria-hidden')).toBe('true');
    expect(other.style.visibility).toBe('hidden');
    await act(async () => server.release());
    const idle = await screen.findByRole('button', { name: 'Đồng bộ ngay' });
    expect(idle).toBe(running);
    expect(within(idle).getByText('Đang đồng bộ…').getAttribute('aria-hidden')).toBe('true');
  });

  it("says a sync's outcome in a toast outside the screen's content, which can be put away until the outcome changes", async () => {
    device = await seedDevice();
    const transport = new OfflineTransport();
    renderApp(device, '/', transport);
    const message = await screen.findByText(/^Máy chủ chưa nhận được; sẽ thử lại sau \d+ giây$/);
    const toast = message.closest('.toast') as HTMLElement;
    expect(toast.getAttribute('role')).toBe('alert');
    expect(toast.closest('main')).toBeNull(); // over the screen, not in it
    expect(toast.closest('.toasts')?.getAttribute('aria-live')).toBe('polite');
    expect(screen.getByRole('main').querySelector('.banner')).toBeNull(); // nothing inserted into the sync card

    fireEvent.click(within(toast).getByRole('button', { name: 'Đóng' }));
    expect(screen.queryByText(/^Máy chủ chưa nhận được/)).toBeNull();
    // The same outcome again (the button, offline): stays away.
    const calls = transport.calls;
    fireEvent.click(screen.getByRole('button', { name: 'Đồng bộ ngay' }));
    await waitFor(() => expect(transport.calls).toBeGreaterThan(calls)); // the sync went out, and failed offline
    await screen.findByRole('button', { name: 'Đồng bộ ngay' });
    await settle();
    expect(screen.queryByText(/^Máy chủ chưa nhận được/)).toBeNull();
  });

  it('a new outcome is a new toast', async () => {
    device = await seedDevice();
    const server = new HeldServer();
    await seedQueued(device.db);
    renderApp(device, '/', server);
    await screen.findByRole('button', { name: 'Đang đồng bộ…' });
    await act(async () => server.release());
    const sent = await screen.findByText('Đã gửi 1 phiếu');
    expect(sent.closest('.toast')?.getAttribute('role')).toBe('status');
    await waitFor(() => expect(screen.getByText('Đã gửi hết phiếu')).toBeTruthy());
  });
});
