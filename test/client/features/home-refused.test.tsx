import 'fake-indexeddb/auto';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PhieuDb, Rejection } from '../../../src/client/db/database';
import type { PullResult } from '../../../src/shared';
import { FakeServer } from '../sync/fake-server';
import { buildPull, dropDevice, renderApp, resetUi, seedDevice, seedQueued, settle, type Device } from '../support/app';

/** Issue #13 on the home screen: refusals first, in plain words, with what to do; never "all sent" while one is there. */

let device: Device | undefined;
afterEach(async () => {
  resetUi();
  vi.restoreAllMocks();
  if (device) await dropDevice(device);
  device = undefined;
});

const REFUSED_TITLE = 'Phiếu máy chủ từ chối (1)';
const CLOSED_REASON = 'Kỳ đánh giá đang đóng nên máy chủ chưa nhận phiếu.';
const REFUSED_STATUS = '1 phiếu bị máy chủ từ chối, chưa gửi được: xem ở đầu trang';

/** The collection server of the sync tests, answering pulls with the campaign of these screens (open or closed). */
class Server extends FakeServer {
  override async pull() {
    this.requests += 1;
    const pull = buildPull({ cellCount: 28 + this.stored.size, ownCount: 3 + this.stored.size });
    const assignments = pull.assignments.filter((a) => !this.unassigned.has(`${a.unit} ${a.group}`));
    return {
      ok: true as const,
      body: { ...pull, assignments, campaign: { ...pull.campaign, state: this.campaignState } } satisfies PullResult,
    };
  }
}

/** A finalised response the server refused, as the engine leaves it. */
async function seedRefused(db: PhieuDb, rejection: Rejection): Promise<string> {
  const id = await seedQueued(db);
  await db.responses.update(id, { state: 'rejected', rejection });
  return id;
}

const closed: Rejection = {
  code: 'campaign-closed',
  message: 'Kỳ đánh giá không mở nhận dữ liệu. Xuất dữ liệu chưa đồng bộ và liên hệ Sở Nội vụ.',
  issues: [],
};
const conflict: Rejection = {
  code: 'conflict',
  message: 'Máy chủ đã có mục cùng mã nhưng nội dung khác',
  issues: [{ path: 'id', message: 'Giữ dữ liệu trên máy và báo Sở Nội vụ' }],
};

/** Waits for the running sync (started on mount or by a click) to end, and for what follows it (the purge). */
async function syncSettled() {
  await screen.findByRole('button', { name: /^(Đồng bộ ngay|Sync now)$/ });
  await settle();
}

/** True when `a` comes before `b` in the page. */
const before = (a: Element, b: Element) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;

describe('refused responses on the home screen', () => {
  it('sit at the top, above the sync status and the cells, with the reason in plain words, what to do and "Gửi lại"; collecting stays possible', async () => {
    device = await seedDevice(buildPull({ cellCount: 28 }));
    await seedRefused(device.db, closed);
    renderApp(device, '/');

    const title = await screen.findByRole('heading', { level: 2, name: REFUSED_TITLE });
    const panel = title.closest('section') as HTMLElement;
    // First after the title bar: before the sync status, the campaign and every cell. The sync started on mount may
    // still be running (its button says so until it ends): waited for, on a busy machine it outlasts the first render.
    expect(before(title, await screen.findByRole('button', { name: 'Đồng bộ ngay' }))).toBe(true);
    expect(before(title, await screen.findByRole('heading', { level: 2, name: 'Chỉ số CCHC tỉnh Quảng Bình năm 2021' }))).toBe(true);
    expect(before(title, screen.getAllByRole('link', { name: 'Thu phiếu mới' })[0] as HTMLElement)).toBe(true);

    expect(within(panel).getByText(/vẫn được giữ an toàn trên máy/)).toBeTruthy();
    const group = within(panel).getByText(CLOSED_REASON).closest('.card') as HTMLElement;
    expect(within(group).getByText(/khi Sở Nội vụ mở lại kỳ đánh giá, phiếu sẽ tự được gửi lại/)).toBeTruthy();
    expect(within(group).getByText('Sở Tư pháp — Người dân, doanh nghiệp có giao dịch')).toBeTruthy();
    expect(within(group).getByText(closed.message)).toBeTruthy(); // the server's own words too
    expect(within(group).getByRole('button', { name: 'Gửi lại' })).toBeTruthy();
    // A warning, never a block: every cell still offers a new response.
    expect(screen.getAllByRole('link', { name: 'Thu phiếu mới' })).toHaveLength(2);
    await syncSettled();
  });

  it('never says "all sent" or "sync succeeded" while a response is refused or waiting', async () => {
    device = await seedDevice(buildPull({ cellCount: 28 }));
    const refused = await seedRefused(device.db, closed);
    renderApp(device, '/');

    expect(await screen.findByText(REFUSED_STATUS)).toBeTruthy();
    expect(screen.queryByText('Đã gửi hết phiếu')).toBeNull();
    expect(screen.queryByText(/Đồng bộ thành công/)).toBeNull();
    expect(screen.getByText(/^Lần cuối kết nối được máy chủ: /)).toBeTruthy();

    // Waiting too (finalised in another tab): both lines, still not "all sent".
    const queued = await seedQueued(device.db);
    expect(await screen.findByText('1 phiếu chờ gửi')).toBeTruthy();
    expect(screen.getByText(REFUSED_STATUS)).toBeTruthy();
    expect(screen.queryByText('Đã gửi hết phiếu')).toBeNull();

    // A refused payment-roster name alone is enough to withhold "all sent".
    await device.db.responses.bulkDelete([refused, queued]);
    await device.db.roster.add({
      id: crypto.randomUUID(),
      campaignId: 'quang-binh-2021',
      unitId: 'so-tu-phap',
      groupId: 'so-nguoi-dan',
      surveyorId: 'sv-1',
      deviceId: 'dev-test-1',
      respondentName: 'Nguyễn Văn A',
      collectedOn: '2021-12-10',
      state: 'rejected',
      queuedAt: '2021-12-10T02:00:00.000Z',
      rejection: closed,
    });
    expect(await screen.findByText('1 tên trong danh sách nhận tiền bị máy chủ từ chối')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Tên trong danh sách nhận tiền bị từ chối (1)' })).toBeTruthy();
    expect(screen.queryByText('Đã gửi hết phiếu')).toBeNull();

    // Only when nothing waits and nothing is refused.
    await device.db.roster.clear();
    expect(await screen.findByText('Đã gửi hết phiếu')).toBeTruthy();
    expect(screen.getByText(/^Đồng bộ thành công lần cuối: /)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /từ chối/ })).toBeNull();
    await syncSettled();
  });

  it('a conflict keeps its reason, offers no "Gửi lại", and its export holds the response', async () => {
    device = await seedDevice(buildPull({ cellCount: 28 }));
    const id = await seedRefused(device.db, conflict);
    let saved: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved = blob as Blob;
      return 'blob:phieu';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderApp(device, '/');

    const group = (await screen.findByText('Máy chủ đã có một phiếu cùng mã nhưng nội dung khác.')).closest('.card') as HTMLElement;
    expect(within(group).getByText(/Phiếu này không gửi lại được\. Bấm "Xuất tệp gửi Sở Nội vụ"/)).toBeTruthy();
    expect(within(group).getByRole('listitem').textContent).toBe('id: Giữ dữ liệu trên máy và báo Sở Nội vụ');
    expect(within(group).queryByRole('button', { name: 'Gửi lại' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Xuất tệp gửi Sở Nội vụ' }));
    await waitFor(() => expect(saved).toBeDefined());
    const file = JSON.parse(await (saved as Blob).text()) as { format: string; responses: { id: string }[] };
    expect(file.format).toBe('phieu-unsynced');
    expect(file.responses.map((r) => r.id)).toEqual([id]);
    await syncSettled();
    expect((await device.db.responses.get(id))?.state).toBe('rejected'); // the sync on start did not send it
  });

  it('refused because the campaign was closed; reopened: the next sync (the network coming back) sends it with no tap, counts right', async () => {
    const server = new Server();
    server.campaignState = 'closed';
    device = await seedDevice(buildPull({ cellCount: 28 }));
    const id = await seedQueued(device.db);
    renderApp(device, '/', server);

    // The sync on start meets the closed campaign.
    expect(await screen.findByRole('heading', { name: REFUSED_TITLE })).toBeTruthy();
    expect(screen.getByText(CLOSED_REASON)).toBeTruthy();
    await syncSettled();
    expect(screen.getByText('Đã thu 28/30 · còn 2')).toBeTruthy();

    server.campaignState = 'open'; // Home Affairs reopens it
    act(() => void window.dispatchEvent(new Event('online')));
    await waitFor(() => expect(screen.queryByRole('heading', { name: REFUSED_TITLE })).toBeNull());
    expect(await screen.findByText('Đã gửi hết phiếu')).toBeTruthy();
    expect(await screen.findByText('Đã thu 29/30 · còn 1')).toBeTruthy();
    expect(await screen.findByText('trên máy chủ 29 · chưa đồng bộ 0')).toBeTruthy();
    expect(server.stored.has(id)).toBe(true);
    expect(server.stored.size).toBe(1);
    await syncSettled();
  });

  it('"Gửi lại" sends a refused response again at once', async () => {
    const server = new Server();
    server.unassigned.add('so-tu-phap so-nguoi-dan');
    device = await seedDevice(buildPull({ cellCount: 28 }));
    const id = await seedQueued(device.db);
    renderApp(device, '/', server);
    const reason = 'Bạn không (hoặc không còn) được phân công thu phiếu cho đơn vị và đối tượng này.';
    await screen.findByText(reason);
    await syncSettled();
    const group = screen.getByText(reason).closest('.card') as HTMLElement;
    expect(within(group).getByText(/Khi đã được phân công, phiếu sẽ tự được gửi lại/)).toBeTruthy();
    const pushes = server.requests;

    server.unassigned.clear(); // assigned again; the phone has not synced since, so only a tap sends it now
    fireEvent.click(within(group).getByRole('button', { name: 'Gửi lại' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: REFUSED_TITLE })).toBeNull());
    expect(await screen.findByText('Đã gửi hết phiếu')).toBeTruthy();
    expect((await device.db.responses.get(id))?.state).toBe('synced');
    expect(server.requests - pushes).toBe(2); // the push, then the pull
    await syncSettled();
  });

  it('speaks English from the en catalogue', async () => {
    localStorage.setItem('phieu.lang', 'en');
    device = await seedDevice(buildPull({ cellCount: 28 }));
    await seedRefused(device.db, closed);
    renderApp(device, '/');
    expect(await screen.findByRole('heading', { name: 'Responses refused by the server (1)' })).toBeTruthy();
    expect(screen.getByText('The campaign is closed, so the server did not take the response.')).toBeTruthy();
    expect(screen.getByText(/when Home Affairs reopens the campaign, the response is sent again by the next sync/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Send again' })).toBeTruthy();
    expect(await screen.findByText('1 responses refused by the server, not sent: see the top of the page')).toBeTruthy();
    expect(screen.queryByText('All responses sent')).toBeNull();
    await syncSettled();
  });
});
