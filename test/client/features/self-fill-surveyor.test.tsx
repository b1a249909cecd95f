import 'fake-indexeddb/auto';
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { randomUUID } from 'node:crypto';
import { MemoryRouter } from 'react-router-dom';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '../../../src/client/app/App';
import { I18nProvider } from '../../../src/client/i18n/i18n';
import { DeviceProvider } from '../../../src/client/sync/device';
import { NetworkError, type Answer, type SyncTransport } from '../../../src/client/sync/transport';
import type { PullResult } from '../../../src/shared/api/pull';
import type { IssuedBatch, RespondentForm, SelfFillBatch } from '../../../src/shared/api/self-fill';
import type { PushResult } from '../../../src/shared/sync/protocol';
import { SELF_FILL_ALPHABET } from '../../../src/shared/self-fill/code';
import { citizenResponse } from '../../server/harness';
import { startOfficeServer, type OfficeServer } from '../office/real-server';
import { dropDevice, seedDevice, type Device } from '../support/app';

/**
 * A surveyor issues self-fill codes for an assigned cell from the surveyor app (issue 19): the whole app (App.tsx's
 * routes) on a device holding the real server's pull, the screen's calls going to the real server in process as the
 * surveyor `s1` (assigned Sở Tư pháp × người dân and Sở Y tế × người dân). Online only: offline it says so and asks
 * nothing; the server's refusals are said in its words; a 401 brings the sign-in screen.
 */

configure({ asyncUtilTimeout: 8000 });

// 10:00 on 20/12/2021 in Việt Nam; the survey's last day is 29/12/2021.
const CLOCK = new Date('2021-12-20T03:00:00Z');
const CAMPAIGN = 'quang-binh-2021';
const UNIT = 'so-tu-phap';
const GROUP = 'so-nguoi-dan';
const CITIZENS = 'Người dân, doanh nghiệp có giao dịch';
const SCREEN = `/self-fill/${UNIT}/${GROUP}`;
let now = CLOCK;
let server: OfficeServer;
let surveyor: string;
let pull: PullResult;
let device: Device | undefined;
const saved: { name: string; blob: Blob }[] = [];

/**
 * The device's sync: no network (each sync a network failure, so it changes nothing), or, once `expired`, the server's
 * 401 (the session is gone), as the real transport would see it.
 */
class DeviceTransport implements SyncTransport {
  expired = false;
  private answer<T>(): Promise<Answer<T>> {
    if (this.expired) return Promise.resolve({ ok: false, status: 401, body: { error: 'unauthenticated', message: 'Chưa đăng nhập' } });
    return Promise.reject(new NetworkError('offline'));
  }
  pushResponses(): Promise<Answer<PushResult>> {
    return this.answer();
  }
  pushRoster(): Promise<Answer<PushResult>> {
    return this.answer();
  }
  pull(): Promise<Answer<PullResult>> {
    return this.answer();
  }
}

beforeAll(async () => {
  server = await startOfficeServer(() => now);
  surveyor = await server.h.login('s1');
  const res = await server.h.app.inject({ method: 'GET', url: '/api/sync/pull', headers: { cookie: surveyor } });
  expect(res.statusCode, res.body).toBe(200);
  pull = res.json<PullResult>();
}, 60_000);
afterAll(() => server.close());
beforeEach(async () => {
  await server.signInAs('s1');
  // The phone's clock (the batches' "in use" or "expired"): only Date, moving with real time, so that IndexedDB, React
  // and the waits of testing-library run as usual.
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(CLOCK);
  saved.length = 0;
  // jsdom has no object URLs and saves no file: keep what the screen hands to the browser.
  URL.createObjectURL = (blob: Blob) => {
    saved.push({ name: '', blob });
    return 'blob:test';
  };
  URL.revokeObjectURL = () => undefined;
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved[saved.length - 1]!.name = this.download;
  });
});
afterEach(async () => {
  // Unmounted before the database closes (the app's live queries and sync would otherwise outlive it).
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
  localStorage.clear();
  now = CLOCK;
  if (device) await dropDevice(device);
  device = undefined;
});

/** The browser says online or offline (navigator.onLine), and the matching event fires. */
function browserOnline(online: boolean) {
  vi.spyOn(window.navigator, 'onLine', 'get').mockReturnValue(online);
  window.dispatchEvent(new Event(online ? 'online' : 'offline'));
}

/** The surveyor app on a device holding `devicePull` (the server's own by default), at `path`. */
async function openApp(path: string, opts: { devicePull?: PullResult; transport?: DeviceTransport; lang?: 'vi' | 'en' } = {}) {
  device = await seedDevice(opts.devicePull ?? pull);
  const transport = opts.transport ?? new DeviceTransport();
  render(
    <I18nProvider lang={opts.lang ?? 'vi'}>
      <DeviceProvider db={device.db} transport={transport}>
        <MemoryRouter initialEntries={[path]}>
          <AppRoutes />
        </MemoryRouter>
      </DeviceProvider>
    </I18nProvider>,
  );
  return transport;
}

const issueForm = () => screen.findByRole('region', { name: 'Phát đợt mã mới' });
const slips = () => [...document.querySelectorAll<HTMLElement>('.sf-slip')];
const batchCard = (at: string) => screen.findByRole('article', { name: `Đợt mã phát lúc ${at}` });

async function issueFromScreen(count: string, note: string) {
  const form = await issueForm();
  fireEvent.change(within(form).getByRole('spinbutton', { name: /^Số mã/ }), { target: { value: count } });
  fireEvent.change(within(form).getByRole('textbox', { name: /^Ghi chú/ }), { target: { value: note } });
  fireEvent.click(within(form).getByRole('button', { name: 'Tạo mã' }));
  return form;
}

/** The batches of the cell as the server has them (as Home Affairs would read them). */
async function serverBatches(): Promise<SelfFillBatch[]> {
  const res = await server.h.app.inject({
    method: 'GET',
    url: `/api/campaigns/${CAMPAIGN}/self-fill/batches?unitId=${UNIT}&groupId=${GROUP}`,
    headers: { cookie: surveyor },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ batches: SelfFillBatch[] }>().batches;
}

describe('issuing codes for an assigned cell', () => {
  it('is reached from the cell on the home screen, offers the remaining quota, and prints one slip per code with its link and QR', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    await openApp('/');
    const card = (await screen.findAllByRole('article')).find((a) => within(a).queryByRole('heading', { name: 'Sở Tư pháp' }));
    fireEvent.click(within(card!).getByRole('link', { name: 'Mã tự điền' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Phát mã tự điền' })).toBeTruthy();
    const cell = pull.assignments.find((a) => a.unit === UNIT && a.group === GROUP)!;
    const remaining = cell.target - cell.cellCount;
    expect(screen.getByText(`Chỉ tiêu ${cell.target} phiếu · đã thu ${cell.cellCount} · còn thiếu ${remaining}`)).toBeTruthy();
    const form = await issueForm();
    expect((within(form).getByRole('spinbutton', { name: /^Số mã/ }) as HTMLInputElement).value).toBe(String(remaining));
    expect(await screen.findByText('Chưa có đợt mã nào cho ô này.')).toBeTruthy();

    await issueFromScreen('10', 'Bộ phận một cửa, tầng 1');
    const title = await screen.findByRole('heading', { name: `Tờ mã: Sở Tư pháp × ${CITIZENS}` });
    await waitFor(() => expect(document.activeElement).toBe(title));
    expect(screen.getByText('10 mã · dùng được đến hết ngày 29/12/2021')).toBeTruthy();
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContainEqual(
      expect.stringMatching(/^Đây là lần duy nhất các mã này được hiển thị/),
    );
    expect(screen.queryByRole('region', { name: 'Phát đợt mã mới' })).toBeNull();
    // No way back while the codes are shown, but closing the sheet (asked twice).
    expect(screen.queryByRole('link', { name: 'Quay lại' })).toBeNull();

    const sheet = screen.getByRole('region', { name: 'Bản xem trước tờ mã' });
    expect([...sheet.querySelectorAll('.sf-page')].map((p) => p.querySelectorAll('.sf-slip').length)).toEqual([8, 2]);
    const part = `[${SELF_FILL_ALPHABET}]{4}`;
    const codes = slips().map((slip) => {
      const code = slip.querySelector('.sf-slip-code-value')!.textContent!;
      expect(code).toMatch(new RegExp(`^${part}-${part}-${part}$`));
      expect(slip.querySelector('.sf-slip-link')!.textContent).toMatch(new RegExp(`^https?://[^/]+/p/${code}$`));
      expect(slip.querySelector('.sf-slip-qr svg')).not.toBeNull();
      expect(slip.textContent).toContain('Đơn vị được đánh giá: Sở Tư pháp');
      expect(slip.textContent).toContain(`Đối tượng: ${CITIZENS}`);
      expect(slip.textContent).toContain('Hạn trả lời: 29/12/2021');
      return code;
    });
    expect(new Set(codes).size).toBe(10);

    fireEvent.click(screen.getByRole('button', { name: 'In tờ mã' }));
    expect(print).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Tải tờ mã (HTML)' }));
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toMatch(/^ma-tu-dien-so-tu-phap-so-nguoi-dan-2021-12-20-[0-9a-f]{8}\.html$/);
    const html = await saved[0]!.blob.text();
    for (const code of codes) expect(html).toContain(`<span class="sf-slip-code-value">${code}</span>`);

    // The batch is the surveyor's, on the server, and in the cell's list with its counts.
    const [batch] = await serverBatches();
    expect(batch).toMatchObject({ issued: 10, note: 'Bộ phận một cửa, tầng 1', issuedBy: server.ids.surveyor });
    const listed = await batchCard('20/12/2021 10:00');
    expect(within(listed).getByText('10 mã · đã mở 0 · đã gửi 0 · thu hồi 0')).toBeTruthy();
    expect(within(listed).getByText('Đang dùng, đến hết ngày 29/12/2021')).toBeTruthy();
    expect(within(listed).getByText(/Ghi chú: Bộ phận một cửa, tầng 1/)).toBeTruthy();
    expect(await screen.findByText('Mã đã phát cho ô này còn chưa dùng: 10')).toBeTruthy();

    // Closing asks first; after it, the form is back and the codes are gone from the screen.
    const leave = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leave);
    expect(leave.defaultPrevented).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Đóng tờ mã' }));
    fireEvent.click(screen.getByRole('button', { name: 'Đã in hoặc tải, đóng tờ mã' }));
    expect(await issueForm()).toBeTruthy();
    expect(slips()).toHaveLength(0);
    expect(screen.getByRole('link', { name: 'Quay lại' })).toBeTruthy();
  }, 15_000);

  it('checks the count before asking the server', async () => {
    await openApp(SCREEN);
    const form = await issueFromScreen('501', 'Quá nhiều');
    const count = within(form).getByRole('spinbutton', { name: /^Số mã/ });
    expect(count.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('Số mã phải là số nguyên từ 1 đến 500.')).toBeTruthy();
    expect((await serverBatches()).map((b) => b.note)).not.toContain('Quá nhiều');
  });

  it('says that issuing needs a network when the phone has none, and asks the server nothing', async () => {
    browserOnline(false);
    const calls = vi.spyOn(globalThis, 'fetch');
    await openApp(SCREEN);
    const form = await issueForm();
    expect(screen.getByText(/^Cần có mạng để phát mã\./)).toBeTruthy();
    const submit = within(form).getByRole('button', { name: 'Tạo mã' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    expect(calls.mock.calls.map(([url]) => String(url)).filter((u) => u.includes('self-fill'))).toEqual([]);

    // The network back: the list is read, and codes can be issued.
    browserOnline(true);
    expect(await screen.findByRole('button', { name: 'Tải lại' })).toBeTruthy();
    expect(calls.mock.calls.map(([url]) => String(url)).filter((u) => u.includes('self-fill'))).toHaveLength(1);
    expect(screen.queryByText(/^Cần có mạng để phát mã\./)).toBeNull();
    expect(submit.disabled).toBe(false);
  });

  it('says so when the phone believes it is online but the server cannot be reached', async () => {
    await openApp(SCREEN);
    const form = await issueForm();
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    await issueFromScreen('3', 'Không tới được');
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'Không tạo được mã: Không kết nối được máy chủ. Cần có mạng để phát mã.',
    );
    expect(slips()).toHaveLength(0);
  });

  it('says the server’s refusal (403) for a cell the device still lists but the server no longer assigns', async () => {
    // The device's pull is older than a change of assignments: it still lists Sở Nội vụ × người dân.
    const stale: PullResult = { ...pull, assignments: [...pull.assignments, { ...pull.assignments[0]!, unit: 'so-noi-vu' }] };
    await openApp(`/self-fill/so-noi-vu/${GROUP}`, { devicePull: stale });
    const form = await issueFromScreen('5', 'Không được giao');
    expect((await within(form).findByRole('alert')).textContent).toBe(
      `Không tạo được mã: Bạn chỉ phát được mã tự điền cho đơn vị và đối tượng được phân công (ở đây: Sở Nội vụ × ${CITIZENS}).`,
    );
    expect(slips()).toHaveLength(0);
  });

  it('offers nothing for a cell that is not the surveyor’s on the device', async () => {
    await openApp(`/self-fill/so-noi-vu/${GROUP}`);
    expect(await screen.findByText('Đơn vị × đối tượng này không được giao cho bạn, nên bạn không phát mã cho ô này được.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Tạo mã' })).toBeNull();
  });

  it('says the server’s refusal after the survey’s last day (409), and keeps the form as it was', async () => {
    now = new Date('2021-12-31T03:00:00Z');
    await openApp(SCREEN);
    const form = await issueFromScreen('5', 'Sau hạn');
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'Không tạo được mã: Đã quá hạn điều tra (29/12/2021) nên không phát thêm mã tự điền được.',
    );
    expect((within(form).getByRole('spinbutton', { name: /^Số mã/ }) as HTMLInputElement).value).toBe('5');
  });

  it('sends the surveyor to sign in again when the session has ended (401)', async () => {
    const transport = await openApp(SCREEN);
    await issueForm();
    // The session the screen calls with ends (as after its expiry), and the device's sync now meets a 401 too.
    const out = await fetch('/api/auth/logout', { method: 'POST' });
    expect(out.status).toBeLessThan(300);
    transport.expired = true;
    await issueFromScreen('3', 'Phiên hết hạn');
    expect(await screen.findByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeTruthy();
    expect(screen.getByText('Phiên đăng nhập đã hết hạn. Đăng nhập lại để tiếp tục đồng bộ; phiếu trên máy vẫn được giữ.')).toBeTruthy();
  });

  it('is in English too', async () => {
    await openApp(SCREEN, { lang: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Issue self-fill codes' })).toBeTruthy();
    const form = await screen.findByRole('region', { name: 'Issue a new batch' });
    expect(within(form).getByRole('button', { name: 'Create codes' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Reload' })).toBeTruthy();
  });
});

describe('the cell’s batches', () => {
  /** A batch issued straight on the server by the surveyor; a respondent opens two of its codes and sends one. */
  async function issuedAndUsed(note: string): Promise<IssuedBatch> {
    const res = await server.h.app.inject({
      method: 'POST',
      url: `/api/campaigns/${CAMPAIGN}/self-fill/batches`,
      headers: { cookie: surveyor },
      payload: { unitId: UNIT, groupId: GROUP, count: 4, note },
    });
    expect(res.statusCode, res.body).toBe(201);
    const issued = res.json<IssuedBatch>();
    for (const [i, submit] of [true, false].entries()) {
      const code = issued.codes[i]!.code;
      const opened = await server.h.app.inject({ method: 'GET', url: `/api/p/${code}` });
      expect(opened.statusCode, opened.body).toBe(200);
      if (!submit) continue;
      const q = opened.json<RespondentForm>().questionnaire as { id: string; version: number };
      const sent = await server.h.app.inject({
        method: 'POST',
        url: `/api/p/${code}/submit`,
        payload: {
          responseId: randomUUID(),
          secret: randomUUID().replaceAll('-', ''),
          questionnaireId: q.id,
          questionnaireVersion: q.version,
          startedAt: '2021-12-20T09:00:00+07:00',
          finishedAt: '2021-12-20T09:12:00+07:00',
          answers: citizenResponse('x').answers,
        },
      });
      expect(sent.statusCode, sent.body).toBe(200);
    }
    return issued;
  }

  it('show what became of their codes, and a revoke asked twice stops those not sent', async () => {
    now = new Date('2021-12-20T02:00:00Z');
    const issued = await issuedAndUsed('Đợt để thu hồi');
    now = CLOCK;
    await openApp(SCREEN);
    const card = await batchCard('20/12/2021 09:00');
    expect(within(card).getByText('4 mã · đã mở 2 · đã gửi 1 · thu hồi 0')).toBeTruthy();

    // Asked, then not: nothing changes.
    fireEvent.click(within(card).getByRole('button', { name: 'Thu hồi đợt mã phát lúc 20/12/2021 09:00' }));
    expect(
      within(card).getByText(
        'Thu hồi đợt mã phát lúc 20/12/2021 09:00? 3 mã chưa gửi sẽ không dùng được nữa; 1 phiếu đã gửi vẫn được giữ và tính.',
      ),
    ).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Huỷ' }));
    expect((await serverBatches()).find((b) => b.id === issued.batch.id)?.revokedAt).toBeNull();

    fireEvent.click(within(card).getByRole('button', { name: 'Thu hồi đợt mã phát lúc 20/12/2021 09:00' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Thu hồi đợt mã' }));
    expect(await screen.findByText('Đã thu hồi đợt mã phát lúc 20/12/2021 09:00: 3 mã chưa gửi không còn dùng được.')).toBeTruthy();
    await waitFor(async () =>
      expect(within(await batchCard('20/12/2021 09:00')).getByText('Đã thu hồi lúc 20/12/2021 10:00')).toBeTruthy(),
    );
    const after = await batchCard('20/12/2021 09:00');
    expect(within(after).getByText('4 mã · đã mở 2 · đã gửi 1 · thu hồi 3')).toBeTruthy();
    expect(within(after).queryByRole('button')).toBeNull();
    // The code not sent is refused from now on.
    expect((await server.h.app.inject({ method: 'GET', url: `/api/p/${issued.codes[2]!.code}` })).statusCode).toBe(410);
  });

  it('say the server’s refusal of a batch revoked meanwhile (409), and show it revoked', async () => {
    now = new Date('2021-12-20T01:00:00Z');
    const issued = await issuedAndUsed('Đợt thu hồi nơi khác');
    now = CLOCK;
    await openApp(SCREEN);
    const card = await batchCard('20/12/2021 08:00');
    const elsewhere = await server.h.app.inject({
      method: 'POST',
      url: `/api/campaigns/${CAMPAIGN}/self-fill/batches/${issued.batch.id}/revoke`,
      headers: { cookie: surveyor },
    });
    expect(elsewhere.statusCode).toBe(200);
    fireEvent.click(within(card).getByRole('button', { name: /^Thu hồi đợt mã phát lúc/ }));
    fireEvent.click(within(card).getByRole('button', { name: 'Thu hồi đợt mã' }));
    const list = screen.getByRole('region', { name: 'Các đợt mã của ô này' });
    expect((await within(list).findByRole('alert')).textContent).toBe('Không thu hồi được đợt mã: Đợt mã này đã bị thu hồi trước đó.');
    await waitFor(async () => expect(within(await batchCard('20/12/2021 08:00')).getByText(/^Đã thu hồi lúc /)).toBeTruthy());
  });
});
