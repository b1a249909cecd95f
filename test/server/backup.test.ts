// Backups that restore (issue 17): a backup taken while eight devices push, from its own connection as the CLI takes
// it, restored into a fresh folder and checked; restores refused for a folder in use and for a damaged backup, leaving
// nothing behind; retention.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError } from '../../src/server/services/backup/backup-error';
import { restoreBackup } from '../../src/server/services/backup/restore-backup';
import { listBackups, pruneBackups } from '../../src/server/services/backup/retention';
import { takeBackup, type TakenBackup } from '../../src/server/services/backup/take-backup';
import { problemText, problemTextVi, type ProblemCode } from '../../src/shared';
import { devices, evidenceOnDisk, keepPushing, push, readDataFolder, tempDir, uploadEvidence } from './backup-helpers';
import { startHarness, type Harness } from './harness';

let h: Harness;
let root: string;
let backup: TakenBackup;
let ackedBefore: string[];
let evidence: string[];
const cleanup: string[] = [];

const source = () => ({ dataDir: h.dir, evidenceDir: path.join(h.dir, 'evidence') });
const scratch = (prefix: string) => {
  const dir = tempDir(prefix);
  cleanup.push(dir);
  return dir;
};

beforeAll(async () => {
  h = await startHarness();
  root = scratch('phieu-backups-');
  evidence = await uploadEvidence(h);
  const eight = await devices(h, 8);
  ackedBefore = (await Promise.all(eight.map((d) => push(h, d, 20)))).flat();
  // The devices go on pushing while the backup is taken, on the same database file through another connection.
  const pushing = keepPushing(h, eight, 5);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const before = performance.now();
  ackedBefore.push(...pushing.acked.filter((a) => a.at < before).map((a) => a.id));
  backup = await takeBackup(source(), root);
  const after = performance.now();
  // Sync went on while the backup ran (in WAL mode its read transaction blocks no writer).
  expect(pushing.acked.filter((a) => a.at > before && a.at < after).length).toBeGreaterThan(0);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await pushing.stop();
  expect(pushing.acked.length).toBeGreaterThan(0);
}, 60_000);

afterAll(async () => {
  await h.close();
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

/** Expects a restore to be refused with this problem, and its words to say `words`. */
async function refused(backupDir: string, target: string, code: ProblemCode, words: RegExp): Promise<void> {
  const err = await restoreBackup(backupDir, target).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BackupError);
  const p = (err as BackupError).problem;
  expect(p.code).toBe(code);
  expect(problemText(problemTextVi, p)).toMatch(words);
}

/** A copy of the good backup to damage. */
function copyOfBackup(): string {
  const dir = path.join(scratch('phieu-damaged-'), backup.name);
  cpSync(backup.folder, dir, { recursive: true });
  return dir;
}

const manifestOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;

describe('a backup taken while 8 devices push', () => {
  it('is a complete folder named by its UTC minute, with a manifest of counts and hashes', () => {
    expect(backup.name).toMatch(/^phieu-\d{4}-\d{2}-\d{2}T\d{4}Z$/);
    expect(readdirSync(root)).toEqual([backup.name]); // no temporary folder left
    const manifest = manifestOf(backup.folder) as {
      appVersion: string;
      database: { sha256: string; size: number; tables: Record<string, number> };
      evidence: { sha256: string; size: number }[];
    };
    expect(manifest.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    const dbBytes = readFileSync(path.join(backup.folder, 'phieu.sqlite'));
    expect(manifest.database.sha256).toBe(createHash('sha256').update(dbBytes).digest('hex'));
    expect(manifest.database.size).toBe(dbBytes.length);
    expect(manifest.database.tables.responses).toBe(backup.responses);
    expect(manifest.evidence.map((e) => e.sha256)).toEqual(evidence);
    expect(backup.evidenceUnavailable).toEqual([]);
  });

  it('restores into a fresh folder with every response acknowledged before it began, sound, and every evidence file intact', async () => {
    const target = path.join(scratch('phieu-restore-'), 'data');
    const restored = await restoreBackup(backup.folder, target);
    expect(restored.responses).toBe(backup.responses);
    const data = readDataFolder(target);
    expect(data.integrity).toBe('ok');
    const missing = ackedBefore.filter((id) => !data.responses.has(id));
    expect(missing).toEqual([]);
    expect(data.responses.size).toBeGreaterThanOrEqual(ackedBefore.length);
    expect(data.evidence).toEqual(evidence);
    const files = evidenceOnDisk(target);
    expect(files.map((f) => f.name)).toEqual(evidence);
    for (const f of files) expect(f.sha256).toBe(f.name);
  });
});

describe('a restore', () => {
  it('refuses a data folder that is not empty, and changes nothing in it', async () => {
    const target = scratch('phieu-in-use-');
    writeFileSync(path.join(target, 'phieu.sqlite'), 'dữ liệu đang dùng');
    await refused(backup.folder, target, 'backup.target-not-empty', /không trống.*Không thay đổi gì/);
    expect(readdirSync(target)).toEqual(['phieu.sqlite']);
    expect(readFileSync(path.join(target, 'phieu.sqlite'), 'utf8')).toBe('dữ liệu đang dùng');
  });

  it('refuses a database with a flipped byte, and leaves nothing behind', async () => {
    const damaged = copyOfBackup();
    const file = path.join(damaged, 'phieu.sqlite');
    const bytes = readFileSync(file);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0x01;
    writeFileSync(file, bytes);
    const target = path.join(scratch('phieu-restore-'), 'data');
    await refused(damaged, target, 'backup.file-altered', /phieu\.sqlite .*không khớp mã băm/);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a backup with a missing or an altered evidence file, and empties the empty folder it was given again', async () => {
    const [first, second] = evidence as [string, string];
    const missing = copyOfBackup();
    rmSync(path.join(missing, 'evidence', first.slice(0, 2), first));
    const target = scratch('phieu-empty-');
    await refused(missing, target, 'backup.file-missing', new RegExp(`thiếu tệp evidence/${first.slice(0, 2)}/${first}`));
    expect(readdirSync(target)).toEqual([]);

    const altered = copyOfBackup();
    writeFileSync(path.join(altered, 'evidence', second.slice(0, 2), second), 'không phải tệp gốc');
    await refused(altered, target, 'backup.file-altered', new RegExp(`evidence/${second.slice(0, 2)}/${second} .*bị sửa`));
    expect(readdirSync(target)).toEqual([]);
  });

  it('refuses an edited manifest, and one whose row counts do not match the database', async () => {
    const edited = copyOfBackup();
    const manifest = manifestOf(edited) as { database: { tables: Record<string, number> }; checksum: string };
    manifest.database.tables.responses! += 1;
    writeFileSync(path.join(edited, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const target = path.join(scratch('phieu-restore-'), 'data');
    await refused(edited, target, 'backup.manifest-invalid', /manifest\.json .*đã bị sửa \(checksum\)/);
    expect(existsSync(target)).toBe(false);

    // Edited with its checksum made again: the rows counted in the restored database say it.
    const { checksum: _, ...unsigned } = manifest;
    manifest.checksum = createHash('sha256').update(JSON.stringify(unsigned)).digest('hex');
    writeFileSync(path.join(edited, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const expected = backup.responses + 1;
    await refused(
      edited,
      target,
      'backup.row-count',
      new RegExp(`Bảng responses có ${backup.responses} dòng, manifest.json ghi ${expected} dòng`),
    );
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a database SQLite finds damaged, even with a manifest made again to match it', async () => {
    const damaged = copyOfBackup();
    const file = path.join(damaged, 'phieu.sqlite');
    const db = new Database(file, { readonly: true });
    const rootPage = db.prepare(`select rootpage from sqlite_master where name = 'responses'`).pluck().get() as number;
    db.close();
    const bytes = readFileSync(file);
    bytes[(rootPage - 1) * 8192] = 0xff; // the page type of the responses table's root page
    writeFileSync(file, bytes);
    const manifest = manifestOf(damaged) as { database: { sha256: string }; checksum?: string };
    manifest.database.sha256 = createHash('sha256').update(bytes).digest('hex');
    delete manifest.checksum;
    const signed = { ...manifest, checksum: createHash('sha256').update(JSON.stringify(manifest)).digest('hex') };
    writeFileSync(path.join(damaged, 'manifest.json'), JSON.stringify(signed, null, 2));
    const target = path.join(scratch('phieu-restore-'), 'data');
    await refused(damaged, target, 'backup.integrity', /không qua kiểm tra toàn vẹn \(PRAGMA integrity_check\): .+/);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a folder that is not a backup', async () => {
    const notBackup = scratch('phieu-not-backup-');
    await refused(notBackup, path.join(notBackup, 'data'), 'backup.not-a-backup', /không phải một bản sao lưu Phiếu/);
    expect(readdirSync(notBackup)).toEqual([]);
  });
});

describe('retention', () => {
  it('keeps the newest N backups and touches nothing else in the folder', async () => {
    const dir = scratch('phieu-retention-');
    mkdirSync(path.join(dir, 'tai-lieu-rieng'));
    mkdirSync(path.join(dir, 'phieu-2020-01-01T0000Z')); // a backup's name, but no manifest: not one
    const names: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const at = new Date(Date.UTC(2026, 11, 5, 6, 30 + i));
      names.push((await takeBackup(source(), dir, () => at)).name);
    }
    // A second one in the same minute gets its own name.
    const again = await takeBackup(source(), dir, () => new Date(Date.UTC(2026, 11, 5, 6, 34, 30)));
    expect(again.name).toBe('phieu-2026-12-05T0634Z-2');
    expect((await listBackups(dir)).map((b) => b.name)).toEqual([...names, again.name]);

    expect(await pruneBackups(dir, 3)).toEqual(names.slice(0, 3));
    expect(readdirSync(dir).sort()).toEqual(['phieu-2020-01-01T0000Z', ...names.slice(3), again.name, 'tai-lieu-rieng'].sort());
  });
});

describe('an evidence file missing from the data folder', () => {
  it('is listed in the manifest, and the backup still completes and restores', async () => {
    const [gone] = evidence as [string];
    rmSync(path.join(h.dir, 'evidence', gone.slice(0, 2), gone));
    const taken = await takeBackup(source(), scratch('phieu-incomplete-'));
    expect(taken.evidenceUnavailable).toEqual([{ sha256: gone, reason: 'missing' }]);
    expect(taken.evidenceFiles).toBe(evidence.length - 1);
    const target = path.join(scratch('phieu-restore-'), 'data');
    const restored = await restoreBackup(taken.folder, target);
    expect(restored.manifest.evidenceUnavailable).toEqual([{ sha256: gone, reason: 'missing' }]);
    expect(evidenceOnDisk(target).map((f) => f.name)).toEqual(evidence.filter((e) => e !== gone));
  });
});
