import { cleanup, configure, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderAdmin } from './admin-render';
import { startOfficeServer, type OfficeServer } from './real-server';

configure({ asyncUtilTimeout: 5000 });

const clock = new Date('2021-12-20T03:00:00Z');
let server: OfficeServer;

beforeAll(async () => {
  server = await startOfficeServer(() => clock);
});
afterAll(() => server.close());
afterEach(cleanup);

describe('"Đồng bộ lần cuối" on the progress screens', () => {
  it('shows when a surveyor who sent nothing for a cell last synced, and "chưa đồng bộ" only for one who never did', async () => {
    // s9 covers Minh Hóa and has synced (a pull) without a response yet; s10 has never reached the server.
    await server.h.account('s9', 'surveyor', { cells: [['h-minh-hoa', 'huyen-nguoi-dan']] });
    await server.h.account('s10', 'surveyor', { cells: [['h-minh-hoa', 'huyen-nguoi-dan']] });
    const cookie = await server.h.login('s9');
    expect((await server.h.app.inject({ method: 'GET', url: '/api/sync/pull', headers: { cookie } })).statusCode).toBe(200);

    await server.signInAs('qt');
    renderAdmin(server.ids.admin, '/progress/h-minh-hoa');
    expect(await screen.findByRole('heading', { name: /Tiến độ thu phiếu — UBND huyện Minh Hóa/ })).toBeTruthy();
    const table = screen.getAllByRole('table')[1]!;
    const synced = within(table).getByRole('row', { name: /^s9 / });
    expect(within(synced).getAllByRole('cell').at(-1)!.textContent).toMatch(/20\/12\/2021/);
    const never = within(table).getByRole('row', { name: /^s10 / });
    expect(within(never).getAllByRole('cell').at(-1)!.textContent).toBe('chưa đồng bộ');
  });
});
