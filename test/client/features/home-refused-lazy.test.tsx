import 'fake-indexeddb/auto';
import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Rejection } from '../../../src/client/db/database';
import { dropDevice, renderApp, resetUi, seedDevice, seedQueued, settle, UNIT_NAME, type Device } from '../support/app';

/**
 * Issue 14: the refused panel is a chunk of its own, which the home screen loads once it reads something refused, and
 * waits for before showing its body (home-stable.test.tsx). Once the body is shown, a refusal that comes with a sync
 * must not hide it again while the chunk loads: here the chunk is held back until the test lets it load.
 */

const load = vi.hoisted(() => {
  let open = () => undefined as void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return { gate, open: () => open(), started: 0 };
});
vi.mock('../../../src/client/features/home/RefusedPanel', async (importOriginal) => {
  load.started += 1;
  await load.gate;
  return importOriginal();
});

let device: Device | undefined;
afterEach(async () => {
  resetUi();
  if (device) await dropDevice(device);
  device = undefined;
});

const body = () => document.querySelector('main > div.spread + div') as HTMLElement;
const conflict: Rejection = { code: 'conflict', message: 'Khác nội dung', issues: [] };

describe("the refused panel's chunk, loading", () => {
  it('arriving after the home screen is shown: the body stays shown, and the panel joins once loaded', async () => {
    device = await seedDevice();
    const id = await seedQueued(device.db);
    renderApp(device, '/');
    await screen.findByText(UNIT_NAME);
    expect(body().hasAttribute('hidden')).toBe(false);

    let hiddenAgain = false;
    const observer = new MutationObserver(() => (hiddenAgain ||= body().hasAttribute('hidden')));
    observer.observe(body(), { attributes: true, attributeFilter: ['hidden'] });
    await act(() => device!.db.responses.update(id, { state: 'rejected', rejection: conflict }));
    // The home screen read the refusal and asked for the panel's chunk, which waits.
    await waitFor(() => expect(load.started).toBe(1));
    await settle();
    expect(screen.queryByRole('heading', { level: 2, name: 'Phiếu máy chủ từ chối (1)' })).toBeNull(); // still loading
    expect(body().textContent).toContain(UNIT_NAME);

    load.open();
    await screen.findByRole('heading', { level: 2, name: 'Phiếu máy chủ từ chối (1)' });
    observer.disconnect();
    expect(hiddenAgain).toBe(false);
  });
});
