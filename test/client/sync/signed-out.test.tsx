import 'fake-indexeddb/auto';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDeviceDb, type PhieuDb } from '../../../src/client/db/database';
import { savePull } from '../../../src/client/db/meta';
import { DeviceProvider, useDevice } from '../../../src/client/sync/device';
import type { SyncEngine, SyncOutcome } from '../../../src/client/sync/engine';
import { maySyncByItself, setSignedOutState } from '../../../src/client/sync/session';
import { startAutoSync } from '../../../src/client/sync/triggers';
import { buildPull, elapse, fakeAppTimers, OfflineTransport, PULLED_AT, settle } from '../support/app';

/**
 * Issue 14: the device syncs by itself only while someone is signed in on it. On the first sign-in screen (nothing
 * pulled yet) and after "Đăng xuất" it sent a pull that could only be refused, and the browser logged the 401. A
 * sync asked for (after signing in, the button) always runs; after a 401 the triggers wait for a new sign-in.
 */

const DONE: SyncOutcome = {
  kind: 'done',
  accepted: 0,
  duplicates: 0,
  rejected: 0,
  roster: { accepted: 0, duplicates: 0, rejected: 0 },
  pulled: true,
};

function scriptedEngine(outcomes: SyncOutcome[] = []) {
  const engine = { syncNow: vi.fn(async () => outcomes.shift() ?? DONE) };
  return { engine: engine as unknown as SyncEngine, runs: () => engine.syncNow.mock.calls.length };
}

/** Every trigger the app has: the network back, the foreground, the timer. */
async function everyTrigger(intervalMs: number) {
  window.dispatchEvent(new Event('online'));
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
  document.dispatchEvent(new Event('visibilitychange'));
  await vi.advanceTimersByTimeAsync(intervalMs);
}

describe('the triggers ask first whether anyone is signed in', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('nobody signed in: no trigger syncs (start, network back, foreground, timer); a sync asked for does', async () => {
    const { engine, runs } = scriptedEngine();
    const allowed = vi.fn(async () => false);
    const auto = startAutoSync(engine, { intervalMs: 60_000, allowed });
    await vi.advanceTimersByTimeAsync(0);
    await everyTrigger(60_000);
    expect(runs()).toBe(0);
    expect(allowed).toHaveBeenCalledTimes(4); // asked at each one

    await auto.syncNow(); // after signing in
    expect(runs()).toBe(1);
    auto.stop();
  });

  it('someone signed in: every trigger syncs, and a backoff retry asks again first', async () => {
    const { engine, runs } = scriptedEngine([{ kind: 'retry-later', reason: 'network', delayMs: 5_000 }]);
    let signedIn = true;
    const auto = startAutoSync(engine, { intervalMs: 60_000, allowed: async () => signedIn });
    await vi.advanceTimersByTimeAsync(0);
    expect(runs()).toBe(1); // start, then a retry is due in 5 s
    signedIn = false; // signed out meanwhile
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs()).toBe(1);
    signedIn = true;
    await everyTrigger(60_000);
    expect(runs()).toBe(4);
    auto.stop();
  });

  it('after a 401 the triggers wait for a sign-in (a sync asked for) or the same person opening the app offline', async () => {
    const { engine, runs } = scriptedEngine([{ kind: 'auth-required' }]);
    const onStart = vi.fn();
    const auto = startAutoSync(engine, { intervalMs: 60_000, allowed: async () => true, onStart });
    await vi.advanceTimersByTimeAsync(0);
    expect(runs()).toBe(1);
    await everyTrigger(60_000);
    expect(runs()).toBe(1); // each would only be refused again
    expect(onStart).toHaveBeenCalledTimes(1); // and the button never shows "Đang đồng bộ…" for nothing

    auto.resume(); // opened offline by the same person: the next trigger tries the server again
    await everyTrigger(60_000);
    expect(runs()).toBe(4);

    const again = scriptedEngine([{ kind: 'auth-required' }]);
    const auto2 = startAutoSync(again.engine, { intervalMs: 60_000, allowed: async () => true });
    await vi.advanceTimersByTimeAsync(0);
    await auto2.syncNow(); // signed in again: asked for, runs, and the triggers follow
    await everyTrigger(60_000);
    expect(again.runs()).toBe(5);
    auto.stop();
    auto2.stop();
  });
});

describe('maySyncByItself: what the device knows of its session', () => {
  let db: PhieuDb;
  beforeEach(async () => {
    db = openDeviceDb(`test-${randomUUID()}`);
    await db.open();
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('no before anyone signed in here, yes once a pull is there, no once signed out, yes while the server is still to be told', async () => {
    expect(await maySyncByItself(db)).toBe(false); // the first sign-in screen (and the office's accounts, which never pull)
    await savePull(db, buildPull(), PULLED_AT);
    expect(await maySyncByItself(db)).toBe(true);
    await setSignedOutState(db, { at: PULLED_AT.toISOString(), server: 'done' });
    expect(await maySyncByItself(db)).toBe(false);
    // Signed out offline: the waiting responses still go out with the open session, then the server is told.
    await setSignedOutState(db, { at: PULLED_AT.toISOString(), server: 'pending' });
    expect(await maySyncByItself(db)).toBe(true);
    await setSignedOutState(db, null); // signed in again
    expect(await maySyncByItself(db)).toBe(true);
  });
});

describe('the device on the sign-in screen', () => {
  let db: PhieuDb;
  // The engine's chunk, which the first sync loads (sync/device.tsx), loaded beforehand: `settle` waits for syncs, not imports.
  beforeAll(() => import('../../../src/client/sync/device-engine'));
  beforeEach(async () => {
    db = openDeviceDb(`test-${randomUUID()}`);
    await db.open();
  });
  afterEach(async () => {
    cleanup();
    db.close();
    await db.delete();
  });

  function SyncButton() {
    const { syncNow } = useDevice();
    return (
      <button type="button" onClick={() => void syncNow()}>
        sync
      </button>
    );
  }
  // The triggers' regular sync (sync/triggers.ts), plus a little: the start-up sync and the timer's both had their turn.
  const SYNC_INTERVAL_MS = 5 * 60_000 + 1_000;
  beforeEach(() => fakeAppTimers());

  it('sends nothing before the first sign-in, and syncs when asked to after it', async () => {
    const transport = new OfflineTransport();
    render(
      <DeviceProvider db={db} transport={transport}>
        <SyncButton />
      </DeviceProvider>,
    );
    await elapse(SYNC_INTERVAL_MS);
    await act(async () => void window.dispatchEvent(new Event('online')));
    await settle();
    expect(transport.calls).toBe(0);
    await act(async () => screen.getByRole('button', { name: 'sync' }).click());
    await waitFor(() => expect(transport.calls).toBeGreaterThan(0));
    await settle();
    expect(transport.calls).toBe(1);
  });

  it('sends nothing once the surveyor signed out, and syncs by itself while signed in', async () => {
    await savePull(db, buildPull(), PULLED_AT);
    await setSignedOutState(db, { at: PULLED_AT.toISOString(), server: 'done' });
    const transport = new OfflineTransport();
    const view = render(
      <DeviceProvider db={db} transport={transport}>
        {null}
      </DeviceProvider>,
    );
    await elapse(SYNC_INTERVAL_MS);
    expect(transport.calls).toBe(0);
    view.unmount();

    await setSignedOutState(db, null);
    const signedIn = new OfflineTransport();
    render(
      <DeviceProvider db={db} transport={signedIn}>
        {null}
      </DeviceProvider>,
    );
    await waitFor(() => expect(signedIn.calls).toBeGreaterThan(0));
    await settle();
    expect(signedIn.calls).toBe(1); // the start-up sync (its push found nothing; the pull failed offline)
  });
});
