import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run, UsageError } from '../../src/server/cli/commands';
import { findAccountByUsername } from '../../src/server/db/accounts';
import { listAssignments } from '../../src/server/db/assignments';
import { getCampaign } from '../../src/server/db/campaigns';
import { openSqlite } from '../../src/server/db/database';
import { findLiveSession } from '../../src/server/db/sessions';
import { login } from '../../src/server/services/auth';
import { referenceCampaignDir } from '../fixtures/campaigns';

const previous = process.env.PHIEU_DATA_DIR;
const newFolder = () => mkdtempSync(path.join(tmpdir(), 'phieu-cli-'));
/** This test's data folder: empty until the test copies a template into it. */
let dataDir: string;
/** Folders built once that a test starts from: the reference campaign loaded; and that plus the accounts of `addAccounts`. */
const templates = { loaded: '', accounts: '' };
const startFrom = (template: keyof typeof templates) => cpSync(templates[template], dataDir, { recursive: true });

async function phieu(...args: string[]): Promise<string> {
  const lines: string[] = [];
  await run(args, (l) => lines.push(l));
  return lines.join('\n');
}

async function withDb<T>(fn: (db: ReturnType<typeof openSqlite>['db']) => Promise<T>): Promise<T> {
  const h = openSqlite(path.join(dataDir, 'phieu.sqlite'));
  try {
    return await fn(h.db);
  } finally {
    await h.close();
  }
}

/** The surveyor dt5 and the coordinator dm.tuphap (of Sở Tư pháp, password p-p-p-p-p-p), as the second test adds them. */
async function addAccounts(): Promise<void> {
  await phieu('add-account', '--username', 'dt5', '--role', 'surveyor', '--name', 'Điều tra viên 5');
  await phieu('add-account', '--username', 'dm.tuphap', '--role', 'coordinator', '--unit', 'so-tu-phap', '--password', 'p-p-p-p-p-p');
}

beforeAll(async () => {
  templates.loaded = newFolder();
  process.env.PHIEU_DATA_DIR = templates.loaded;
  await phieu('load-campaign', referenceCampaignDir);
  templates.accounts = newFolder();
  cpSync(templates.loaded, templates.accounts, { recursive: true });
  process.env.PHIEU_DATA_DIR = templates.accounts;
  await addAccounts();
});
beforeEach(() => {
  dataDir = newFolder();
  process.env.PHIEU_DATA_DIR = dataDir;
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));
afterAll(() => {
  // Not `= previous` when there was none: Node would store the string "undefined" for the next files of this worker.
  if (previous === undefined) delete process.env.PHIEU_DATA_DIR;
  else process.env.PHIEU_DATA_DIR = previous;
  for (const dir of Object.values(templates)) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npx phieu', () => {
  it('loads a campaign, and loading it again changes nothing', async () => {
    expect(await phieu('load-campaign', referenceCampaignDir)).toMatch(/Đã tạo kỳ đánh giá quang-binh-2021 \(12 phiếu điều tra\)/);
    expect(await phieu('load-campaign', referenceCampaignDir)).toMatch(/định nghĩa không đổi, phiếu mới: không/);
  });

  it('adds accounts, with a generated password printed once', async () => {
    startFrom('loaded');
    const out = await phieu('add-account', '--username', 'dt5', '--role', 'surveyor', '--name', 'Điều tra viên 5');
    const password = /mật khẩu: (\S+)/.exec(out)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(await withDb(async (db) => (await login(db, 'dt5', password ?? '', new Date(), null)).ok)).toBe(true);
    await expect(phieu('add-account', '--username', 'dt5', '--role', 'surveyor')).rejects.toThrow(/đã có/);
    await expect(phieu('add-account', '--username', 'dm1', '--role', 'coordinator')).rejects.toThrow(/--unit/);
    await expect(phieu('add-account', '--username', 'dm1', '--role', 'coordinator', '--unit', 'so-khong-co')).rejects.toThrow(UsageError);
    await expect(phieu('add-account', '--username', 'x', '--role', 'king')).rejects.toThrow(/--role/);
    // The API's rule holds on the command line too: a short password is refused and no account is made.
    await expect(phieu('add-account', '--username', 'dt.ngan', '--role', 'surveyor', '--password', 'ngan')).rejects.toThrow(
      /--password: Mật khẩu cần ít nhất 10 ký tự/,
    );
    expect(await withDb((db) => findAccountByUsername(db, 'dt.ngan'))).toBeUndefined();
    expect(
      await phieu('add-account', '--username', 'dm.tuphap', '--role', 'coordinator', '--unit', 'so-tu-phap', '--password', 'p-p-p-p-p-p'),
    ).toMatch(/Đã tạo tài khoản dm.tuphap \(coordinator\)$/);
  });

  it('assigns surveyors to unit × group cells with an allocation, and refuses a cell that does not exist', async () => {
    startFrom('accounts');
    expect(await phieu('assign', '--username', 'dt5', '--unit', 'h-minh-hoa', '--group', 'huyen-nguoi-dan', '--allocation', '25')).toMatch(
      /25 phiếu/,
    );
    await phieu('assign', '--username', 'dt5', '--unit', 'h-minh-hoa', '--group', 'huyen-nguoi-dan', '--allocation', '30');
    await expect(phieu('assign', '--username', 'dt5', '--unit', 'h-minh-hoa', '--group', 'so-nguoi-dan')).rejects.toThrow(
      /không đánh giá cấp/,
    );
    await expect(phieu('assign', '--username', 'dm.tuphap', '--unit', 'so-tu-phap', '--group', 'so-nguoi-dan')).rejects.toThrow(
      /không phải điều tra viên/,
    );
    const rows = await withDb(async (db) => listAssignments(db, 'quang-binh-2021', { unitId: 'h-minh-hoa' }));
    expect(rows.map((r) => [r.username, r.group_id, r.allocation])).toEqual([['dt5', 'huyen-nguoi-dan', 30]]);
    await phieu('unassign', '--username', 'dt5', '--unit', 'h-minh-hoa', '--group', 'huyen-nguoi-dan');
    expect(await withDb(async (db) => listAssignments(db, 'quang-binh-2021', { unitId: 'h-minh-hoa' }))).toEqual([]);
  });

  it('resets a password and signs the account out everywhere', async () => {
    startFrom('accounts');
    const session = await withDb(async (db) => login(db, 'dm.tuphap', 'p-p-p-p-p-p', new Date(), null));
    if (!session.ok) throw new Error('login failed');
    await expect(phieu('reset-password', '--username', 'dm.tuphap', '--password', 'moi')).rejects.toThrow(/--password/);
    expect(await phieu('reset-password', '--username', 'dm.tuphap', '--password', 'moi-moi-moi')).toMatch(/thu hồi 1 phiên/);
    await withDb(async (db) => {
      expect(await findLiveSession(db, session.user.sessionIdHash, new Date().toISOString())).toBeUndefined();
      expect((await login(db, 'dm.tuphap', 'p-p-p-p-p-p', new Date(), null)).ok).toBe(false);
      expect((await login(db, 'dm.tuphap', 'moi-moi-moi', new Date(), null)).ok).toBe(true);
    });
  });

  it('disables and enables an account, and closes a campaign', async () => {
    startFrom('accounts');
    await phieu('disable-account', '--username', 'dt5');
    expect(await withDb(async (db) => (await findAccountByUsername(db, 'dt5'))?.disabled_at)).toBeTruthy();
    await phieu('enable-account', '--username', 'dt5');
    expect(await withDb(async (db) => (await findAccountByUsername(db, 'dt5'))?.disabled_at)).toBeNull();
    await phieu('campaign-state', 'quang-binh-2021', 'closed');
    expect(await withDb(async (db) => (await getCampaign(db, 'quang-binh-2021'))?.state)).toBe('closed');
    await expect(phieu('campaign-state', 'quang-binh-2021', 'paused')).rejects.toThrow(UsageError);
    expect(await phieu('list-accounts')).toMatch(/dm\.tuphap\s+coordinator\s+so-tu-phap/);
    await expect(phieu('fly')).rejects.toThrow(/Không có lệnh/);
  });
});
