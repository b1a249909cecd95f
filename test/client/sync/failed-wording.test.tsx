import 'fake-indexeddb/auto';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { countByState } from '../../../src/client/db/responses';
import { SyncPanel } from '../../../src/client/features/home/SyncPanel';
import { I18nProvider, type Lang } from '../../../src/client/i18n/i18n';
import { SyncEngine } from '../../../src/client/sync/engine';
import { DeviceProvider } from '../../../src/client/sync/device';
import { memoryLock } from '../../../src/client/sync/lock';
import type { Answer } from '../../../src/client/sync/transport';
import type { ErrorBody } from '../../../src/shared/api/auth';
import type { PushResult } from '../../../src/shared/sync/protocol';
import { dropDevice, seedDevice, seedQueued, type Device } from '../support/app';
import { FakeServer } from './fake-server';

/**
 * Issue 16: a push the server refuses outright (a 4xx the engine does not retry) is carried as data, its status and
 * the server's own words if it sent some, never as a sentence made by the engine; the home screen's sync panel words
 * the status in the surveyor's language.
 */

/** A server that refuses every push with `status`, with or without an error body; the pull works. */
class RefusingServer extends FakeServer {
  constructor(
    private readonly status: number,
    private readonly body?: ErrorBody,
  ) {
    super();
  }
  override pushResponses(): Promise<Answer<PushResult>> {
    this.requests += 1;
    return Promise.resolve({ ok: false, status: this.status, body: this.body });
  }
}

let device: Device | undefined;
afterEach(async () => {
  cleanup();
  if (device) await dropDevice(device);
  device = undefined;
});

describe('a push the server refuses outright', () => {
  it('is the status as data, with no words when the server sent none, and the queue is kept', async () => {
    device = await seedDevice();
    await seedQueued(device.db);
    const engine = new SyncEngine({ db: device.db, transport: new RefusingServer(403), lock: memoryLock() });
    const outcome = await engine.syncNow();
    expect(outcome).toEqual({ kind: 'failed', status: 403 });
    expect(outcome).not.toHaveProperty('message', expect.anything());
    expect(await countByState(device.db, 'queued')).toBe(1);
  });

  it("carries the server's own words when it sent some", async () => {
    device = await seedDevice();
    await seedQueued(device.db);
    const server = new RefusingServer(409, { error: 'device-blocked', message: 'Thiết bị đã bị khoá' });
    const outcome = await new SyncEngine({ db: device.db, transport: server, lock: memoryLock() }).syncNow();
    expect(outcome).toEqual({ kind: 'failed', status: 409, message: 'Thiết bị đã bị khoá' });
  });

  async function panelSays(lang: Lang, server: FakeServer): Promise<string> {
    device = await seedDevice(); // signed in: the start-up trigger syncs
    await seedQueued(device.db);
    render(
      <I18nProvider lang={lang}>
        <DeviceProvider db={device.db} transport={server}>
          <SyncPanel status={{ queued: 1, rosterQueued: 0, rejected: 0, rosterRejected: 0, lastSyncAt: null }} />
        </DeviceProvider>
      </I18nProvider>,
    );
    await act(() => new Promise((r) => setTimeout(r, 0)));
    const toast = await screen.findByText(/lỗi|failed/, {}, { timeout: 4000 });
    return toast.textContent ?? '';
  }

  it('is worded by the sync panel in Vietnamese, with diacritics', async () => {
    expect(await panelSays('vi', new RefusingServer(403))).toBe('Đồng bộ lỗi: Máy chủ trả lời 403');
  });

  it('is worded by the sync panel in English when English is chosen', async () => {
    expect(await panelSays('en', new RefusingServer(403))).toBe('Sync failed: the server answered 403');
  });

  it("shows the server's own words in either language when it sent some", async () => {
    expect(await panelSays('en', new RefusingServer(409, { error: 'device-blocked', message: 'Thiết bị đã bị khoá' }))).toBe(
      'Sync failed: Thiết bị đã bị khoá',
    );
  });
});
