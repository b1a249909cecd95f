import 'fake-indexeddb/auto';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncOutcome } from '../../../src/client/sync/engine';
import { DeviceProvider, useDevice } from '../../../src/client/sync/device';
import { dropDevice, seedDevice, seedQueued, settle, type Device } from '../support/app';
import { FakeServer } from './fake-server';

/**
 * Issue 14: the sync engine is a chunk of its own, loaded by the first sync after the first screen is shown. The syncs
 * asked for while it loads (the start-up trigger, "Đồng bộ ngay") wait for it: none is lost, none runs twice.
 */

// The engine's chunk, held back until the test lets it load.
const load = vi.hoisted(() => {
  let open = () => undefined as void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return { gate, open: () => open(), started: 0 };
});
vi.mock('../../../src/client/sync/device-engine', async (importOriginal) => {
  load.started += 1;
  await load.gate;
  return importOriginal();
});

let device: Device | undefined;
afterEach(async () => {
  cleanup();
  if (device) await dropDevice(device);
  device = undefined;
});

describe('the sync engine, loaded on the first sync', () => {
  it('runs the syncs asked for while it loads once it is there: the queue is sent once, the second sync finds the first running', async () => {
    device = await seedDevice(); // signed in: the start-up trigger syncs
    await seedQueued(device.db);
    const server = new FakeServer();
    const outcomes: SyncOutcome[] = [];
    function SyncButton() {
      const { sync, syncNow } = useDevice();
      return (
        <button type="button" onClick={() => void syncNow().then((o) => outcomes.push(o))}>
          {sync.running ? 'running' : 'idle'}
        </button>
      );
    }
    render(
      <DeviceProvider db={device.db} transport={server}>
        <SyncButton />
      </DeviceProvider>,
    );
    // The start-up sync has begun (the button says so) and waits for the engine; "Đồng bộ ngay" now waits with it.
    await waitFor(() => expect(screen.getByRole('button').textContent).toBe('running'));
    await waitFor(() => expect(load.started).toBe(1));
    await act(async () => screen.getByRole('button').click());
    await settle();
    expect(load.started).toBe(1);
    expect(server.requests).toBe(0);

    load.open();
    // Both syncs ended: the button's found the lock taken, the start-up one sent the queue and pulled.
    await waitFor(() => expect(outcomes).toHaveLength(1));
    await waitFor(() => expect(screen.getByRole('button').textContent).toBe('idle'));
    await settle();
    expect(server.stored.size).toBe(1);
    expect(server.requests).toBe(2); // one push, one pull: one sync
    expect(outcomes.map((o) => o.kind)).toEqual(['busy']); // the button's, while the start-up sync held the lock
    expect(await device.db.responses.where('state').equals('synced').count()).toBe(1);
    expect(screen.getByRole('button').textContent).toBe('idle');
  });
});
