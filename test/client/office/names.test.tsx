import { cleanup, configure, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderAdmin } from './admin-render';
import { startOfficeServer, type OfficeServer } from './real-server';

/** People by name on the office screens (issue 15): the submitter of a self-assessment and the audit log's people. */
configure({ asyncUtilTimeout: 5000 });

const clock = new Date('2021-12-10T03:00:00Z');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
let server: OfficeServer;

beforeAll(async () => {
  server = await startOfficeServer(() => clock);
  const { h, ids } = server;
  for (const [u, n] of Object.entries({ qt: 'Nguyễn Văn Quản', dm: 'Trần Thị Đầu Mối', cb: 'Lê Văn Cán Bộ' })) {
    await h.handle.db.updateTable('accounts').set({ display_name: n }).where('username', '=', u).execute();
  }
  const dm = await h.login('dm');
  const B = '/api/self-assessments/quang-binh-2021/so-tu-phap';
  expect(
    (
      await h.app.inject({
        method: 'PUT',
        url: `${B}/assignments`,
        headers: { cookie: dm },
        payload: { assignments: [{ code: '1.1.1', staffId: ids.staff }] },
      })
    ).statusCode,
  ).toBe(204);
  expect(
    (
      await h.app.inject({
        method: 'PUT',
        url: `${B}/items/1.1.2`,
        headers: { cookie: dm },
        payload: { version: 0, score: 1, explanation: 'x', note: null },
      })
    ).statusCode,
  ).toBe(204);
  // Submitted by the coordinator, as the submit sets it (a whole submission needs every item scored).
  await h.handle.db
    .updateTable('self_assessments')
    .set({ state: 'submitted', submitted_at: clock.toISOString(), submitted_by: ids.coordinator })
    .where('unit_id', '=', 'so-tu-phap')
    .execute();
});
afterAll(() => server.close());
afterEach(cleanup);

describe('names, not ids', { timeout: 20_000 }, () => {
  it('the audit log shows who did it and whom it concerns by name', async () => {
    await server.signInAs('qt');
    renderAdmin(server.ids.admin, '/admin/audit');
    const table = await screen.findByRole('table');
    await within(table).findAllByText('Trần Thị Đầu Mối');
    const assign = [...table.querySelectorAll('tbody tr')].find((r) => /Phân công tự đánh giá/.test(r.textContent ?? ''))!;
    // Who did it, which unit, and the staff member given the item: all by name.
    expect([...assign.querySelectorAll('td')].map((c) => c.textContent)).toEqual([
      '10/12/2021 10:00',
      'Trần Thị Đầu Mối',
      'Phân công tự đánh giá',
      'Sở Tư pháp',
      'assignments: [{"code":"1.1.1","staffName":"Lê Văn Cán Bộ"}]',
    ]);
    expect(table.textContent).not.toMatch(UUID);
    // The start-up load of the campaign has no person behind it.
    expect(within(table).getAllByText('Hệ thống (khởi động hoặc dòng lệnh)').length).toBeGreaterThan(0);
  });

  it('in English, the audit log’s actions and people in words, not codes or ids', async () => {
    await server.signInAs('qt');
    renderAdmin(server.ids.admin, '/admin/audit', 'en');
    const table = await screen.findByRole('table');
    await within(table).findAllByText('Trần Thị Đầu Mối');
    const actions = [...table.querySelectorAll('tbody tr')].map((r) => r.querySelectorAll('td')[2]!.textContent);
    expect(actions).toContain('Self-assessment assigned');
    expect(actions).toContain('Self-assessment of a sub-criterion saved');
    expect(actions.filter((a) => /^[a-z]+(\.[a-z-]+)+$/.test(a ?? ''))).toEqual([]);
    expect(within(table).getAllByText('System (start-up or command line)').length).toBeGreaterThan(0);
    expect(table.textContent).not.toMatch(UUID);
  });

  it('the submitter of a self-assessment, in the list of units and on the unit’s page', async () => {
    await server.signInAs('qt');
    renderAdmin(server.ids.admin, '/self-assessments');
    const row = await screen.findByRole('row', { name: /Sở Tư pháp/ });
    expect(within(row).getByText('Trần Thị Đầu Mối')).toBeTruthy();
    cleanup();
    renderAdmin(server.ids.admin, '/self-assessment/so-tu-phap');
    expect(await screen.findByText(/đã gửi lúc .* \(Trần Thị Đầu Mối\)/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(UUID);
  });
});
