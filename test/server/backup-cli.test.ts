// `npx phieu backup` and `npx phieu restore` through the CLI's real entry (src/server/cli/phieu.mjs, what npx runs), in
// a process of their own beside a server that is syncing, as an operator runs them.
import { execFile } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastBackup } from '../../src/server/services/backup/status';
import { devices, keepPushing, push, readDataFolder, tempDir, uploadEvidence, type Device } from './backup-helpers';
import { startHarness, type Harness } from './harness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let h: Harness;
const scratch = tempDir('phieu-cli-backup-');
let both: Device[];
/** The responses acknowledged before the backup began. */
let before: string[];

/** Runs `npx phieu <args>` on the harness's data folder: its exit code and what it printed. */
function phieu(args: string[], dataDir = h.dir): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, PHIEU_DATA_DIR: dataDir, NODE_OPTIONS: '' };
    execFile(process.execPath, ['src/server/cli/phieu.mjs', ...args], { cwd: root, env, timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  h = await startHarness();
  await uploadEvidence(h);
  both = await devices(h, 2);
  before = [...(await push(h, both[0]!, 6)), ...(await push(h, both[1]!, 6))];
});
afterAll(async () => {
  await h.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('npx phieu backup / restore', () => {
  it('backs up a syncing server, restores the copy into an empty folder, and refuses a folder in use', { timeout: 180_000 }, async () => {
    const backups = path.join(scratch, 'sao-luu');
    const syncing = keepPushing(h, both, 5);
    const backup = await phieu(['backup', backups]);
    await syncing.stop();
    expect(backup.stderr).not.toMatch(/Error/);
    expect(backup.code).toBe(0);
    const [name] = readdirSync(backups);
    expect(name).toMatch(/^phieu-\d{4}-\d{2}-\d{2}T\d{4}Z$/);
    const folder = path.join(backups, name!);
    const last = await lastBackup(h.dir);
    expect(last).toMatchObject({ trigger: 'cli', evidenceFiles: 3, folder });
    expect(last!.responses).toBeGreaterThanOrEqual(12);
    const n = last!.responses.toLocaleString('vi-VN');
    expect(backup.stdout).toContain(`Đã sao lưu ${h.dir} vào ${folder}`);
    expect(backup.stdout).toMatch(
      new RegExp(`${n} phiếu, [\\d.]+ dòng trong \\d+ bảng, 3 tệp tài liệu kiểm chứng; tổng [\\d,]+ (KB|MB), trong [\\d,]+ giây`),
    );

    const target = path.join(scratch, 'du-lieu-moi');
    const restore = await phieu(['restore', folder, '--data', target]);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`Đã khôi phục ${folder}`);
    expect(restore.stdout).toContain(`${n} phiếu, 3 tệp tài liệu kiểm chứng`);
    expect(restore.stdout).toMatch(/Đã kiểm tra: mã băm SHA-256 của 4 tệp, số dòng của \d+ bảng, PRAGMA integrity_check: ok/);
    const restored = readDataFolder(target);
    expect(restored.integrity).toBe('ok');
    expect(restored.responses.size).toBe(last!.responses);
    for (const id of before) expect(restored.responses.has(id)).toBe(true);

    // PHIEU_DATA_DIR, the default target, now holds data: refused with exit code 2, and nothing in it changed.
    const files = readdirSync(target).sort();
    const refused = await phieu(['restore', folder], target);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/Thư mục dữ liệu .*du-lieu-moi không trống.*Không thay đổi gì\./);
    expect(readdirSync(target).sort()).toEqual(files);
    expect(readDataFolder(target).responses.size).toBe(last!.responses);
  });

  it('says what is wrong with a folder that is not a backup, with exit code 2', { timeout: 60_000 }, async () => {
    const res = await phieu(['restore', scratch, '--data', path.join(scratch, 'khong-dung')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`${scratch} không phải một bản sao lưu Phiếu`);
  });
});
