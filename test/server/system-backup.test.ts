// GET /api/system/backup (issue 17): Home Affairs sees the last backup and whether it is late; every other role, and no
// session, is refused, with nothing of the answer in the refusal.
import path from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordBackup, setBackupSettings } from '../../src/server/services/backup/status';
import { takeBackup } from '../../src/server/services/backup/take-backup';
import { backupStatusSchema } from '../../src/shared/api/system';
import { devices, push, tempDir } from './backup-helpers';
import { startHarness, testDatabaseKind, type Harness } from './harness';

let h: Harness;
let clock = new Date('2026-12-05T06:30:00Z');
const cookies: Record<string, string> = {};
const backups = tempDir('phieu-status-');

beforeAll(async () => {
  h = await startHarness({ app: { now: () => clock } });
  await h.account('qt', 'admin');
  await h.account('dm', 'coordinator', { unitId: 'so-tu-phap' });
  await h.account('cb', 'staff', { unitId: 'so-tu-phap' });
  await h.account('hd', 'council');
  const [device] = await devices(h, 1);
  await push(h, device!, 3);
  for (const u of ['qt', 'dm', 'cb', 'hd', 'dtv-0']) cookies[u] = await h.login(u);
});
afterAll(async () => {
  await h.close();
  rmSync(backups, { recursive: true, force: true });
});

const get = (cookie?: string) => h.app.inject({ method: 'GET', url: '/api/system/backup', headers: cookie ? { cookie } : {} });

describe('GET /api/system/backup', () => {
  it('refuses every role but Home Affairs, and no session', async () => {
    for (const u of ['dm', 'cb', 'hd', 'dtv-0']) {
      const res = await get(cookies[u]);
      expect(res.statusCode, u).toBe(403);
      expect(res.body).not.toMatch(/responses|finishedAt/);
    }
    const res = await get();
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toMatch(/responses|finishedAt/);
  });

  it('says there is no backup, and warns only when backups are scheduled', async () => {
    let res = await get(cookies.qt);
    expect(res.statusCode).toBe(200);
    if (testDatabaseKind() === 'postgres') {
      expect(res.json()).toEqual({ database: 'postgres', last: null, schedule: null, overdue: false });
      return; // Phiếu's backups copy the SQLite file: on PostgreSQL there is nothing more to say
    }
    expect(res.json()).toEqual({ database: 'sqlite', last: null, schedule: null, overdue: false });
    setBackupSettings(h.app, { dataDir: h.dir, schedule: { dir: backups, intervalHours: 6, keep: 7 } });
    res = await get(cookies.qt);
    expect(res.json()).toEqual({ database: 'sqlite', last: null, schedule: { intervalHours: 6, keep: 7 }, overdue: true });
  });

  // A backup of the SQLite file (services/backup): on PostgreSQL the answer above says so, and there is none to give.
  it.skipIf(testDatabaseKind() === 'postgres')('gives the last backup, late once it is older than twice the interval', async () => {
    setBackupSettings(h.app, { dataDir: h.dir, schedule: { dir: backups, intervalHours: 6, keep: 7 } });
    const at = () => clock;
    await recordBackup(h.dir, await takeBackup({ dataDir: h.dir, evidenceDir: path.join(h.dir, 'evidence') }, backups, at), 'cli');
    const res = await get(cookies.qt);
    const body = backupStatusSchema.parse(res.json());
    expect(body).toMatchObject({
      last: { finishedAt: '2026-12-05T06:30:00.000Z', trigger: 'cli', responses: 3, evidenceFiles: 0 },
      overdue: false,
    });
    expect(body.last!.bytes).toBeGreaterThan(0);
    clock = new Date('2026-12-05T18:30:00Z'); // twelve hours: not more than twice six
    const later = await h.login('qt'); // the morning's session has run out by now
    expect((await get(later)).json()).toMatchObject({ overdue: false });
    clock = new Date('2026-12-05T18:31:00Z');
    expect((await get(later)).json()).toMatchObject({ overdue: true });
  });
});
