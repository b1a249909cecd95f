import 'fake-indexeddb/auto';
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDeviceDb, type PhieuDb } from '../../../src/client/db/database';
import { exportUnsynced } from '../../../src/client/db/export';
import { currentPull } from '../../../src/client/db/meta';
import { createDraft, finalise } from '../../../src/client/db/responses';
import { SyncEngine } from '../../../src/client/sync/engine';
import { memoryLock } from '../../../src/client/sync/lock';
import { fetchTransport } from '../../../src/client/sync/transport';
import { citizenResponse } from '../../server/harness';
import { renderAdmin } from './admin-render';
import { startOfficeServer, type OfficeServer } from './real-server';

/**
 * Issue #13: Home Affairs uploads a phone's "Xuất dữ liệu chưa đồng bộ" file from the office screens, against the
 * real server in process; the phone (its device database and its sync engine, over real HTTP) then shows what was
 * received as sent (duplicate = success), and what the server refused stays refused, with its reason.
 */

configure({ asyncUtilTimeout: 8000 });

const clock = new Date('2021-12-20T03:00:00Z');
const CAMPAIGN = 'quang-binh-2021';
const realFetch = globalThis.fetch; // before startOfficeServer points fetch at the server as Home Affairs
let server: OfficeServer;
let db: PhieuDb;
let admin: string;
/** The phone: its database and its sync engine, signed in as surveyor s1, talking HTTP to the server. */
let phone: SyncEngine;

beforeAll(async () => {
  server = await startOfficeServer(() => clock);
  await server.signInAs('qt');
  admin = await server.h.login('qt');
  const surveyor = await server.h.login('s1');
  const { port } = server.h.app.server.address() as AddressInfo;
  db = openDeviceDb(`office-import-${randomUUID()}`);
  await db.open();
  await db.meta.put({ key: 'deviceId', value: 'dev-phone-7' });
  const transport = fetchTransport(`http://127.0.0.1:${port}`, (input, init) =>
    realFetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie: surveyor } }),
  );
  phone = new SyncEngine({ db, transport, lock: memoryLock(), now: () => new Date(), random: () => 0.5 });
}, 60_000);
afterAll(async () => {
  db.close();
  await db.delete();
  await server.close();
});
afterEach(cleanup);

/** How many responses the server holds (its database, read directly). */
const countResponses = async () =>
  Number(
    (
      await server.h.handle.db
        .selectFrom('responses')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const setState = async (state: 'open' | 'closed') => {
  const res = await server.h.app.inject({
    method: 'PUT',
    url: `/api/campaigns/${CAMPAIGN}/state`,
    headers: { cookie: admin },
    payload: { state },
  });
  expect(res.statusCode).toBe(200);
};

/** A response collected on the phone by s1 and finalised (queued). */
async function collect(over: { id?: string; unitId?: string; answers?: Record<string, string> } = {}): Promise<string> {
  const { startedAt: _s, finishedAt: _f, answers, ...draft } = citizenResponse(server.ids.surveyor, { deviceId: 'dev-phone-7', ...over });
  await createDraft(db, draft, new Date());
  await finalise(db, draft.id, over.answers ?? answers, new Date());
  return draft.id;
}

/** Chooses a file in the upload's file input. */
function choose(json: unknown, name = 'phieu-chua-dong-bo.json') {
  const file = new File([typeof json === 'string' ? json : JSON.stringify(json)], name, { type: 'application/json' });
  fireEvent.change(screen.getByLabelText('Tệp dữ liệu (.json)'), { target: { files: [file] } });
}

const row = (table: HTMLElement, text: RegExp) => within(table).getByRole('row', { name: text });

describe("uploading a phone's unsynced file", () => {
  it('is in the Home Affairs navigation and warns while the campaign is closed', async () => {
    await setState('closed');
    try {
      renderAdmin(server.ids.admin, '/');
      fireEvent.click(await screen.findByRole('link', { name: 'Nhập tệp từ máy' }));
      expect(await screen.findByRole('heading', { level: 1, name: 'Nhập dữ liệu chưa đồng bộ từ điện thoại' })).toBeTruthy();
      expect(await screen.findByText(/Kỳ đánh giá đang đóng: máy chủ sẽ từ chối mọi phiếu trong tệp/)).toBeTruthy();
    } finally {
      await setState('open');
    }
  });

  it('refuses a file that is not a Phiếu export before sending anything', async () => {
    renderAdmin(server.ids.admin, '/device-import');
    await screen.findByRole('heading', { level: 1, name: 'Nhập dữ liệu chưa đồng bộ từ điện thoại' });
    choose('{ not json');
    expect(await screen.findByText('Không đọc được tệp: đây không phải tệp JSON.')).toBeTruthy();
    choose({ hello: 'world' });
    expect(await screen.findByText(/Đây không phải tệp "Xuất dữ liệu chưa đồng bộ" của Phiếu\./)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Tải lên và nhập' })).toBeNull();
  });

  it("says the file's problems in English when the office is in English", async () => {
    renderAdmin(server.ids.admin, '/device-import', 'en');
    await screen.findByRole('heading', { level: 1, name: 'Upload unsynced data from a phone' });
    const file = new File(
      [
        JSON.stringify({
          format: 'phieu-unsynced',
          version: 2,
          exportedAt: '2021-12-20T03:00:00Z',
          deviceId: null,
          responses: [],
          roster: [],
        }),
      ],
      'old.json',
      { type: 'application/json' },
    );
    fireEvent.change(screen.getByLabelText('Data file (.json)'), { target: { files: [file] } });
    expect(await screen.findByText(/This is not a Phiếu "Export unsynced data" file\./)).toBeTruthy();
    expect(screen.getByText('version: This version of the file is not supported')).toBeTruthy(); // the schema's words, in English
    expect(screen.queryByText(/Phiên bản tệp không được hỗ trợ/)).toBeNull();
  });

  it(
    'shows each item received, already there or refused with its reason; the phone then shows them sent, and the refused one stays refused',
    { timeout: 30_000 },
    async () => {
      // A conflict: the server already holds this id (Sở Y tế) with other content.
      const clash = citizenResponse(server.ids.surveyor, { unitId: 'so-y-te' });
      const pushed = await server.h.app.inject({
        method: 'POST',
        url: '/api/sync/responses',
        headers: { cookie: await server.h.login('s1') },
        payload: { responses: [clash] },
      });
      expect(pushed.statusCode).toBe(200);
      const conflicting = await collect({ id: clash.id, unitId: 'so-y-te', answers: { ...clash.answers, Q1: 'B' } });
      expect(await phone.syncNow()).toMatchObject({ kind: 'done', rejected: 1 });

      // Two responses finalised while the campaign was open, synced after Home Affairs closed it.
      const a = await collect();
      const b = await collect();
      await setState('closed');
      expect(await phone.syncNow()).toMatchObject({ kind: 'done', accepted: 0, rejected: 2 });
      expect((await db.responses.get(a))?.rejection?.code).toBe('campaign-closed');
      const file = await exportUnsynced(db, new Date());
      expect(file.responses.map((r) => r.id).sort()).toEqual([a, b, conflicting].sort());

      // Home Affairs reopens the campaign and uploads the phone's file.
      await setState('open');
      const before = await countResponses();
      renderAdmin(server.ids.admin, '/device-import');
      await screen.findByRole('heading', { level: 1, name: 'Nhập dữ liệu chưa đồng bộ từ điện thoại' });
      choose(file);
      expect(await screen.findByText(/^Tệp của máy dev-phone-7, xuất lúc .+: 3 phiếu, 0 tên trong danh sách nhận tiền\.$/)).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: 'Tải lên và nhập' }));

      expect(await screen.findByText('Đã nhập tệp: 2 mục mới được nhận, 0 mục máy chủ đã có từ trước, 1 mục bị từ chối.')).toBeTruthy();
      expect(screen.getByText(/Khi điện thoại đồng bộ lại, các phiếu đã nhận .* sẽ hiện là đã gửi trên máy\./)).toBeTruthy();
      const table = screen.getByRole('table', { name: 'Phiếu trong tệp' });
      expect(within(table).getAllByRole('row')).toHaveLength(1 + 3);
      const refused = row(table, /Sở Y tế/);
      expect(within(refused).getByText('Bị từ chối: máy chủ đã có một phiếu cùng mã nhưng nội dung khác')).toBeTruthy();
      expect(within(refused).getByText('Máy chủ đã có mục cùng mã nhưng nội dung khác')).toBeTruthy(); // the server's words
      const received = within(table).getAllByRole('row', { name: /Sở Tư pháp — Người dân, doanh nghiệp có giao dịch/ });
      expect(received).toHaveLength(2);
      for (const r of received) {
        expect(within(r).getByText('Đã nhận')).toBeTruthy();
        expect(await within(r).findByText('s1 (s1)')).toBeTruthy(); // the surveyor by name
      }
      expect(await countResponses()).toBe(before + 2);

      // The same file again: nothing doubles, the two come back as already there.
      choose(file);
      fireEvent.click(await screen.findByRole('button', { name: 'Tải lên và nhập' }));
      expect(await screen.findByText('Đã nhập tệp: 0 mục mới được nhận, 2 mục máy chủ đã có từ trước, 1 mục bị từ chối.')).toBeTruthy();
      expect(within(screen.getByRole('table', { name: 'Phiếu trong tệp' })).getAllByText('Máy chủ đã có (coi như đã nhận)')).toHaveLength(
        2,
      );
      expect(await countResponses()).toBe(before + 2);

      // The phone syncs again: the campaign is open, so its two refusals are sent again and come back duplicate.
      expect(await phone.syncNow()).toMatchObject({ kind: 'done', accepted: 0, duplicates: 2, rejected: 0 }); // the conflict is not sent again
      expect((await db.responses.get(a))?.state).toBe('synced');
      expect((await db.responses.get(b))?.state).toBe('synced');
      expect(await db.responses.get(conflicting)).toMatchObject({ state: 'rejected', rejection: { code: 'conflict' } });
      expect((await exportUnsynced(db, new Date())).responses.map((r) => r.id)).toEqual([conflicting]);
      // Counts as the phone shows them: the two are on the server, once.
      const cell = (await currentPull(db))?.assignments.find((x) => x.unit === 'so-tu-phap' && x.group === 'so-nguoi-dan');
      expect(cell?.cellCount).toBe(3 + 2);
      expect(await countResponses()).toBe(before + 2);
      await waitFor(async () => expect(await db.responses.count()).toBe(3)); // nothing removed from the phone
    },
  );
});
