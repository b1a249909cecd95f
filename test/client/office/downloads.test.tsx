import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderAdmin } from './admin-render';
import { startOfficeServer, type OfficeServer } from './real-server';

configure({ asyncUtilTimeout: 5000 });

const clock = new Date('2021-12-20T03:00:00Z');
let server: OfficeServer;
const saved: { name: string; size: number }[] = [];

beforeAll(async () => {
  server = await startOfficeServer(() => clock);
});
afterAll(() => server.close());
beforeEach(() => {
  saved.length = 0;
  // jsdom has no object URLs and does not save files: record what the screen hands to the browser.
  URL.createObjectURL = (blob: Blob) => {
    saved.push({ name: '', size: blob.size });
    return 'blob:test';
  };
  URL.revokeObjectURL = () => undefined;
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved[saved.length - 1]!.name = this.download;
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const responses = () => screen.getByRole('region', { name: 'Phiếu trả lời' });
const opened = () => screen.findByRole('heading', { name: 'Tải dữ liệu' });

describe('downloads (Home Affairs)', () => {
  it('says what to choose before a CSV, then saves the file under the server’s name', async () => {
    await server.signInAs('qt');
    renderAdmin(server.ids.admin, '/downloads');
    await opened();
    const csv = await within(responses()).findByRole('button', { name: 'Tải CSV' });
    // The default filters match every questionnaire: the button is off and says why, next to it.
    await waitFor(() => expect((csv as HTMLButtonElement).disabled).toBe(true));
    const reason = document.getElementById(csv.getAttribute('aria-describedby')!)!;
    expect(reason.textContent).toMatch(/Tệp CSV chứa một mẫu phiếu: hãy chọn "Mẫu phiếu" trước \(bộ lọc hiện khớp \d+ mẫu phiếu\)/);

    fireEvent.change(within(responses()).getByLabelText('Mẫu phiếu'), { target: { value: 'phieu-03-s' } });
    await waitFor(() => expect((csv as HTMLButtonElement).disabled).toBe(false));
    expect(csv.getAttribute('aria-describedby')).toBeNull();
    fireEvent.click(csv);
    expect(await within(responses()).findByText(/Đã tải tệp "Phiếu đã thu - quang-binh-2021 - phieu-03-s\.csv"/)).toBeTruthy();
    expect(saved).toEqual([{ name: 'Phiếu đã thu - quang-binh-2021 - phieu-03-s.csv', size: expect.any(Number) as number }]);
    expect(saved[0]!.size).toBeGreaterThan(100);
  });

  it('a CSV is ready without choosing when the group narrows to one questionnaire', async () => {
    await server.signInAs('qt');
    renderAdmin(server.ids.admin, '/downloads');
    await opened();
    const csv = await within(responses()).findByRole('button', { name: 'Tải CSV' });
    await waitFor(() => expect((csv as HTMLButtonElement).disabled).toBe(true));
    fireEvent.change(within(responses()).getByLabelText('Đối tượng'), { target: { value: 'so-nguoi-dan' } });
    await waitFor(() => expect((csv as HTMLButtonElement).disabled).toBe(false));
  });

  it('shows the server’s reason for a refused download on screen and saves nothing', async () => {
    await server.signInAs('qt');
    renderAdmin(server.ids.admin, '/downloads');
    await opened();
    const xlsx = await within(responses()).findByRole('button', { name: 'Tải XLSX' });
    // A contradictory range the server refuses: the "from" day after the "to" day.
    fireEvent.change(within(responses()).getByLabelText('Hoàn thành từ ngày'), { target: { value: '2021-12-20' } });
    fireEvent.change(within(responses()).getByLabelText('đến ngày'), { target: { value: '2021-12-01' } });
    fireEvent.click(xlsx);
    const alert = await within(responses()).findByRole('alert');
    expect(alert.textContent).toBe(
      'Không tải được tệp XLSX: Ngày bắt đầu (2021-12-20) sau ngày kết thúc (2021-12-01): hãy đổi lại hai ngày.',
    );
    expect(saved).toEqual([]);
  });

  it('any format: a session that ended shows the reason instead of saving the error', async () => {
    await server.signInAs('qt');
    renderAdmin(server.ids.admin, '/downloads');
    await opened();
    const scores = screen.getByRole('region', { name: 'Điểm điều tra xã hội học' });
    const json = await within(scores).findByRole('button', { name: 'Tải JSON' });
    await server.h.handle.db.updateTable('sessions').set({ revoked_at: clock.toISOString() }).execute();
    fireEvent.click(json);
    expect((await within(scores).findByRole('alert')).textContent).toMatch(/^Không tải được tệp JSON: .+/);
    expect(saved).toEqual([]);
    await server.h.handle.db.updateTable('sessions').set({ revoked_at: null }).execute();
  });
});
