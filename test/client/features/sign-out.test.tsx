import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter } from 'react-router-dom';
import { AppRoutes } from '../../../src/client/app/App';
import { openDeviceDb } from '../../../src/client/db/database';
import { getMeta } from '../../../src/client/db/meta';
import { knownAccount, rememberForOffline, setSignedOutState } from '../../../src/client/features/auth/offline-unlock';
import { I18nProvider } from '../../../src/client/i18n/i18n';
import { DeviceProvider } from '../../../src/client/sync/device';
import { NetworkError, type Answer, type SyncTransport } from '../../../src/client/sync/transport';
import type { PullResult, PushResult, RosterEntry, SurveyResponse } from '../../../src/shared';
import {
  buildPull,
  dropDevice,
  OfflineTransport,
  seedDevice,
  seedDraft,
  seedQueued,
  SURVEYOR_ID,
  PART_ONE,
  type Device,
} from '../support/app';

/**
 * "Đăng xuất" never strands a surveyor (issue 13): the whole surveyor app (App.tsx's routes) on a seeded device, with
 * the browser's network state and the server's answers to /api/auth/* stubbed.
 */

const PASSWORD = 'mat-khau-dung';
const ACCOUNT = { id: SURVEYOR_ID, username: 'dieutra1', displayName: 'Điều tra viên 1' };
const SESSION = {
  account: { ...ACCOUNT, role: 'surveyor', unitId: null, campaignId: 'quang-binh-2021' },
  expiresAt: '2022-01-10T00:00:00Z',
};

let device: Device | undefined;
afterEach(async () => {
  // Unmounted before the database closes (the app's live queries and sync would otherwise outlive it).
  cleanup();
  localStorage.clear();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  if (device) await dropDevice(device);
  device = undefined;
});

/** The browser says online or offline (navigator.onLine), and the matching event fires. */
function browserOnline(online: boolean) {
  vi.spyOn(window.navigator, 'onLine', 'get').mockReturnValue(online);
  window.dispatchEvent(new Event(online ? 'online' : 'offline'));
}

/** The server as fetch meets it: reachable or not; records the auth calls. */
function server(opts: { reachable: boolean; password?: string }) {
  const calls: string[] = [];
  const state = { reachable: opts.reachable };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push(`${init?.method ?? 'GET'} ${url}`);
      if (!state.reachable) throw new TypeError('Failed to fetch');
      if (url === '/api/auth/logout') return new Response(null, { status: 204 });
      if (url === '/api/auth/login') {
        const body = JSON.parse(String(init?.body)) as { username: string; password: string };
        return body.username === ACCOUNT.username && body.password === (opts.password ?? PASSWORD)
          ? Response.json(SESSION)
          : Response.json({ error: 'invalid-credentials', message: 'Sai tên đăng nhập hoặc mật khẩu' }, { status: 401 });
      }
      return Response.json({ error: 'unauthenticated', message: 'Chưa đăng nhập' }, { status: 401 });
    }),
  );
  return { calls, state };
}

function renderWholeApp(d: Device, transport: SyncTransport = new OfflineTransport()) {
  return render(
    <I18nProvider>
      <DeviceProvider db={d.db} transport={transport}>
        <MemoryRouter initialEntries={['/']}>
          <AppRoutes />
        </MemoryRouter>
      </DeviceProvider>
    </I18nProvider>,
  );
}

const home = () => screen.findByRole('heading', { level: 1, name: 'Phiếu của tôi' });
const loginScreen = () => screen.findByRole('heading', { level: 1, name: 'Đăng nhập' });
const openSignOut = async () => {
  await home();
  fireEvent.click(await screen.findByRole('button', { name: 'Đăng xuất' }));
  return screen.findByRole('heading', { level: 1, name: 'Đăng xuất' });
};
async function signInWith(username: string, password: string) {
  fireEvent.change(screen.getByLabelText('Tên đăng nhập'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('Mật khẩu'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
}
const alertText = () => screen.getAllByRole('alert').map((a) => a.textContent ?? '');

describe('sign-out guard, online', () => {
  it('says what is on the device and what will happen, offers to send first, then signs out for good (a reload stays signed out)', async () => {
    const { calls } = server({ reachable: true });
    browserOnline(true);
    device = await seedDevice();
    await seedQueued(device.db);
    await seedDraft(device.db, PART_ONE);
    const view = renderWholeApp(device);

    await openSignOut();
    expect(screen.getByText('Đang đăng nhập: Điều tra viên 1 (dieutra1)')).toBeTruthy();
    const list = screen.getByRole('list');
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['1 phiếu đã hoàn thành, chờ gửi', '1 phiếu đang điền dở']);
    expect(screen.getByText(/^Đăng xuất không xoá gì: các phiếu này ở lại trên máy/)).toBeTruthy();
    expect(
      screen.getByText(/chỉ gửi được bằng tài khoản dieutra1: nếu người khác đăng nhập trên máy này, máy chủ sẽ từ chối/),
    ).toBeTruthy();
    expect(screen.getByText('Đang có mạng: nên gửi phiếu trước khi đăng xuất.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Đồng bộ ngay' })).toBeTruthy();
    // This device cannot be opened offline yet (nobody signed in online since this version): that is said plainly.
    expect(screen.getByText('Sau khi đăng xuất, cần có mạng để đăng nhập lại trên máy này.')).toBeTruthy();
    expect(calls).not.toContain('POST /api/auth/logout'); // nothing happens before the surveyor confirms

    fireEvent.click(screen.getByRole('button', { name: 'Đăng xuất' }));
    await loginScreen();
    expect(calls).toContain('POST /api/auth/logout');
    expect(screen.getByText('Đã đăng xuất. Phiếu chưa gửi và phiếu nháp vẫn được giữ trên máy.')).toBeTruthy();
    expect(await getMeta(device.db, 'signedOut')).toMatchObject({ server: 'done' });
    expect((await device.db.responses.toArray()).map((r) => r.state).sort()).toEqual(['draft', 'queued']);

    // Closing and reopening the app (a reload) does not sign the surveyor back in.
    view.unmount();
    renderWholeApp(device);
    await loginScreen();
    expect(screen.queryByRole('heading', { name: 'Phiếu của tôi' })).toBeNull();
  });

  it('"Quay lại" leaves everything as it was', async () => {
    const { calls } = server({ reachable: true });
    browserOnline(true);
    device = await seedDevice();
    renderWholeApp(device);
    await openSignOut();
    expect(screen.getByText('Không còn phiếu nào chưa gửi hay đang điền dở.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Quay lại' }));
    await home();
    expect(calls).not.toContain('POST /api/auth/logout');
    expect(await getMeta(device.db, 'signedOut')).toBeUndefined();
  });

  it('after an online sign-in, tells the surveyor that they alone can get back in without a network', async () => {
    server({ reachable: true });
    browserOnline(true);
    device = await seedDevice();
    await setSignedOutState(device.db, { at: '2021-12-10T01:00:00Z', server: 'done' });
    renderWholeApp(device);
    await loginScreen();
    await signInWith('dieutra1', PASSWORD);
    await home();
    expect(await knownAccount(device.db)).toEqual({ accountId: SURVEYOR_ID, username: 'dieutra1', displayName: 'Điều tra viên 1' });
    expect(await getMeta(device.db, 'signedOut')).toBeNull();
    // The verifier is a salted hash, never the password.
    expect(JSON.stringify(await getMeta(device.db, 'offlineUnlock'))).not.toContain(PASSWORD);

    await openSignOut();
    expect(
      screen.getByText(
        'Đăng nhập lại cần có mạng, trừ khi là chính bạn trên máy này: khi không có mạng, dieutra1 mở lại được bằng tên đăng nhập và mật khẩu của mình.',
      ),
    ).toBeTruthy();
  });
});

describe('sign-out guard, offline', () => {
  it('refuses to sign out when the same person could not get back in without a network, and says why', async () => {
    const { calls } = server({ reachable: false });
    browserOnline(false);
    device = await seedDevice();
    await seedQueued(device.db);
    renderWholeApp(device);
    await openSignOut();

    expect(alertText()).toContain(
      'Không có mạng nên chưa đăng xuất: nếu đăng xuất bây giờ, bạn sẽ không đăng nhập lại được cho đến khi có mạng (máy này chưa lưu cách mở lại khi không có mạng). Hãy đăng xuất khi có mạng. Phiếu trên máy vẫn an toàn.',
    );
    expect(screen.queryByRole('button', { name: 'Đăng xuất' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Đồng bộ ngay' })).toBeNull(); // no network: not offered
    fireEvent.click(screen.getByRole('button', { name: 'Quay lại' }));
    await home();
    expect(calls).not.toContain('POST /api/auth/logout');
    expect(await getMeta(device.db, 'signedOut')).toBeUndefined();
  });

  it('refuses too when the browser says online but the server cannot be reached, and lets the surveyor try again', async () => {
    const net = server({ reachable: false });
    browserOnline(true);
    device = await seedDevice();
    renderWholeApp(device);
    await openSignOut();
    fireEvent.click(screen.getByRole('button', { name: 'Đăng xuất' }));
    expect(await screen.findByText(/^Không có mạng nên chưa đăng xuất/)).toBeTruthy();
    expect(await getMeta(device.db, 'signedOut')).toBeUndefined();

    net.state.reachable = true;
    fireEvent.click(screen.getByRole('button', { name: 'Thử đăng xuất lại' }));
    await loginScreen();
    expect(await getMeta(device.db, 'signedOut')).toMatchObject({ server: 'done' });
  });

  it('locks the device only, and the same person opens it again without a network; other accounts are told they need one', async () => {
    const { calls } = server({ reachable: false });
    browserOnline(false);
    device = await seedDevice();
    await rememberForOffline(device.db, ACCOUNT, PASSWORD, 1_000);
    const draft = await seedDraft(device.db, PART_ONE);
    renderWholeApp(device);
    await openSignOut();
    expect(alertText().join(' ')).toContain(
      'Không có mạng: đăng xuất bây giờ chỉ khoá ứng dụng trên máy này. Khi có mạng, máy gửi các phiếu chờ gửi rồi báo máy chủ. dieutra1 mở lại được bằng mật khẩu, không cần mạng',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Đăng xuất' }));
    await loginScreen();
    expect(await getMeta(device.db, 'signedOut')).toMatchObject({ server: 'pending' });
    // The sign-in screen's offline message is true for them: no "first sign-in" here.
    expect(screen.getByText(/^Không có mạng\. Điều tra viên 1 \(dieutra1\) đã đăng nhập trên máy này/)).toBeTruthy();
    expect(screen.queryByText(/lần đầu/)).toBeNull();
    expect((screen.getByLabelText('Tên đăng nhập') as HTMLInputElement).value).toBe('dieutra1');

    await signInWith('dieutra1', 'sai-mat-khau');
    expect(await screen.findByText(/^Sai mật khẩu\. \(Không có mạng/)).toBeTruthy();
    await signInWith('dieutra2', PASSWORD);
    expect(
      await screen.findByText(
        'Không có mạng. Khi không có mạng, máy này chỉ mở lại được cho Điều tra viên 1 (dieutra1); tài khoản khác cần có mạng để đăng nhập.',
      ),
    ).toBeTruthy();

    await signInWith('dieutra1', PASSWORD);
    await home();
    expect(await getMeta(device.db, 'signedOut')).toBeNull();
    expect((await screen.findByRole('link', { name: 'Điền tiếp' })).getAttribute('href')).toBe(`/fill/${draft}`); // back to work
    expect(calls.filter((c) => c === 'POST /api/auth/login')).toHaveLength(3); // the server is always tried first
  });

  it('signed out offline: once the network is back, the waiting response is sent, then the server is told', async () => {
    const net = server({ reachable: false });
    browserOnline(false);
    const backend = new SwitchableServer(buildPull());
    device = await seedDevice();
    await rememberForOffline(device.db, ACCOUNT, PASSWORD, 1_000);
    const queued = await seedQueued(device.db);
    renderWholeApp(device, backend);
    await openSignOut();
    fireEvent.click(screen.getByRole('button', { name: 'Đăng xuất' }));
    await loginScreen();
    expect(net.calls).toEqual(['POST /api/auth/logout']);

    net.state.reachable = true;
    backend.up = true;
    await act(async () => browserOnline(true)); // the 'online' event starts a sync
    await waitFor(async () => expect(await getMeta(device!.db, 'signedOut')).toMatchObject({ server: 'done' }));
    expect(backend.received).toEqual([queued]);
    expect(net.calls).toEqual(['POST /api/auth/logout', 'POST /api/auth/logout']);
    expect(screen.getByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeTruthy(); // still signed out
  });
});

describe('the sign-in screen without a network says what is true', () => {
  it('on a device that never signed in: a first sign-in needs a network', async () => {
    server({ reachable: false });
    browserOnline(false);
    const name = `test-${crypto.randomUUID()}`;
    device = { name, db: openDeviceDb(name) };
    renderWholeApp(device);
    await loginScreen();
    expect(await screen.findByText('Cần có mạng để đăng nhập lần đầu. Dữ liệu đã lưu trên máy vẫn an toàn.')).toBeTruthy();
    await signInWith('dieutra1', PASSWORD);
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(alertText()).toEqual(['Cần có mạng để đăng nhập lần đầu. Dữ liệu đã lưu trên máy vẫn an toàn.']);
  });

  it('to someone who signed in here before, never "lần đầu", even when the device cannot be opened offline yet', async () => {
    server({ reachable: false });
    browserOnline(false);
    device = await seedDevice();
    await setSignedOutState(device.db, { at: '2021-12-10T01:00:00Z', server: 'done' });
    renderWholeApp(device);
    await loginScreen();
    const notice =
      'Không có mạng. Máy này chưa lưu cách mở lại khi không có mạng (được lưu ở lần đăng nhập có mạng tiếp theo), nên cần có mạng để đăng nhập lại. Phiếu đã lưu trên máy vẫn an toàn.';
    expect(await screen.findByText(notice)).toBeTruthy();
    await signInWith('dieutra1', PASSWORD);
    await waitFor(() => expect(alertText()).toEqual([notice]));
    expect(screen.queryByText(/lần đầu/)).toBeNull();
  });
});

/** A collection server that is unreachable until `up`, then accepts everything and answers the pull. */
class SwitchableServer implements SyncTransport {
  up = false;
  received: string[] = [];
  constructor(private readonly pullResult: PullResult) {}
  private async answer<T>(body: () => T): Promise<Answer<T>> {
    if (!this.up) throw new NetworkError('offline');
    return { ok: true, body: body() };
  }
  pushResponses(items: SurveyResponse[]): Promise<Answer<PushResult>> {
    return this.answer(() => {
      this.received.push(...items.map((i) => i.id));
      return {
        results: items.map((i) => ({ id: i.id, status: 'accepted' as const, overQuota: false })),
        receivedAt: new Date().toISOString(),
      };
    });
  }
  pushRoster(items: RosterEntry[]): Promise<Answer<PushResult>> {
    return this.answer(() => ({
      results: items.map((i) => ({ id: i.id, status: 'accepted' as const, overQuota: false })),
      receivedAt: new Date().toISOString(),
    }));
  }
  pull(): Promise<Answer<PullResult>> {
    return this.answer(() => this.pullResult);
  }
}
