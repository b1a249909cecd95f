import { rmSync } from 'node:fs';
import { cleanup, configure, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { knownBackups } from '../../server/backup-helpers';
import { renderAdmin } from './admin-render';
import { startOfficeServer, type OfficeServer } from './real-server';

configure({ asyncUtilTimeout: 5000 });

// 10:00 in Việt Nam.
const clock = new Date('2021-12-20T03:00:00Z');
let server: OfficeServer;
const folders: string[] = [];

beforeAll(async () => {
  server = await startOfficeServer(() => clock);
});
afterAll(async () => {
  await server.close();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});
afterEach(cleanup);

async function overview(opts: Parameters<typeof knownBackups>[1], lang: 'vi' | 'en' = 'vi') {
  folders.push(await knownBackups(server.h.app, opts));
  await server.signInAs('qt');
  renderAdmin(server.ids.admin, '/', lang);
  await screen.findByText(/Toàn kỳ|Campaign:/);
}

describe('the last backup on Home Affairs’ overview (issue 17)', () => {
  it('says when the data was last backed up and how many responses the backup holds', async () => {
    await overview({ intervalHours: 24, last: { finishedAt: '2021-12-20T01:30:00Z', responses: 2745 } });
    const line = await screen.findByText('Sao lưu gần nhất: 20/12/2021 08:30, 2.745 phiếu');
    expect(line.className).toBe('muted');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says there is none, quietly when no backup is scheduled', async () => {
    await overview({});
    expect((await screen.findByText('Chưa có bản sao lưu nào')).className).toBe('muted');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('warns when scheduled backups have made none yet', async () => {
    await overview({ intervalHours: 6 });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Chưa có bản sao lưu nào — máy chủ đặt sao lưu tự động mỗi 6 giờ nhưng chưa có bản nào: hãy kiểm tra nhật ký máy chủ',
    );
  });

  it('warns when the last backup is older than twice the interval, in English too', async () => {
    const late = { intervalHours: 1, last: { finishedAt: '2021-12-20T00:59:00Z', responses: 4 } };
    await overview(late);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Sao lưu gần nhất: 20/12/2021 07:59, 4 phiếu — đã quá 2 giờ, gấp đôi chu kỳ sao lưu: hãy kiểm tra nhật ký máy chủ hoặc chạy npx phieu backup',
    );
    cleanup();
    await overview(late, 'en');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Last backup: 20/12/2021 07:59, 4 responses — more than 2 hours ago, twice the backup interval: check the server log or run npx phieu backup',
    );
  });
});
