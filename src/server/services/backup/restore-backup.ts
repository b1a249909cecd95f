import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { problem } from '../../../shared';
import { checkDatabase } from '../../db/snapshot';
import { EvidenceStore } from '../evidence-store';
import { BackupError } from './backup-error';
import { syncFolder } from '../durable-fs';
import { copyHashed } from './files';
import { DATABASE_FILE, EVIDENCE_FOLDER, readManifest, type Manifest } from './manifest';

export interface RestoredBackup {
  manifest: Manifest;
  dataDir: string;
  responses: number;
  evidenceFiles: number;
  bytes: number;
  tables: number;
}

/**
 * Puts a backup back into a data folder that is empty or absent (never over data in use: anything else is refused and
 * left as it was). Every file is hashed as it is copied and compared with the manifest, then the database passes
 * SQLite's integrity check and its rows per table are those the manifest counted. On any failure what was written is
 * removed (the folder too, when this made it) and the reason thrown (BackupError).
 */
export async function restoreBackup(backupDir: string, dataDir: string): Promise<RestoredBackup> {
  const manifest = await readManifest(backupDir);
  const existing = await stat(dataDir).catch(() => undefined);
  if (existing && (!existing.isDirectory() || (await readdir(dataDir)).length > 0))
    throw new BackupError(problem('backup.target-not-empty', { dir: dataDir }));
  // The first folder this made (the data folder, or a parent of it), removed again on failure.
  const made = await mkdir(dataDir, { recursive: true });
  try {
    const dbFile = path.join(dataDir, DATABASE_FILE);
    await copyChecked(path.join(backupDir, DATABASE_FILE), dbFile, manifest.database, DATABASE_FILE);
    const from = new EvidenceStore(path.join(backupDir, EVIDENCE_FOLDER), 0);
    const to = new EvidenceStore(path.join(dataDir, EVIDENCE_FOLDER), 0);
    for (const file of manifest.evidence) {
      const name = path.relative(backupDir, from.blobPath(file.sha256));
      await copyChecked(from.blobPath(file.sha256), to.blobPath(file.sha256), file, name);
    }
    for (const folder of new Set(manifest.evidence.map((e) => path.dirname(to.blobPath(e.sha256))))) await syncFolder(folder);
    await syncFolder(dataDir);
    const checked = checkedDatabase(dbFile);
    const names = new Set([...Object.keys(manifest.database.tables), ...Object.keys(checked.tables)]);
    for (const table of [...names].sort()) {
      const expected = manifest.database.tables[table] ?? 0;
      const actual = checked.tables[table] ?? 0;
      if (expected !== actual) throw new BackupError(problem('backup.row-count', { table, expected, actual }));
    }
    return {
      manifest,
      dataDir,
      responses: checked.tables.responses ?? 0,
      evidenceFiles: manifest.evidence.length,
      bytes: manifest.database.size + manifest.evidence.reduce((n, e) => n + e.size, 0),
      tables: names.size,
    };
  } catch (err) {
    // The folder was empty or absent before: everything in it now is this restore's.
    if (made) await rm(made, { recursive: true, force: true });
    else for (const entry of await readdir(dataDir)) await rm(path.join(dataDir, entry), { recursive: true, force: true });
    throw err;
  }
}

/** The restored database's check; one SQLite cannot even read ("malformed") fails it the same way. */
function checkedDatabase(file: string): ReturnType<typeof checkDatabase> {
  let checked: ReturnType<typeof checkDatabase>;
  try {
    checked = checkDatabase(file);
  } catch (err) {
    throw new BackupError(problem('backup.integrity', { detail: err instanceof Error ? err.message : String(err) }));
  }
  if (checked.integrity !== 'ok') throw new BackupError(problem('backup.integrity', { detail: checked.integrity.slice(0, 500) }));
  return checked;
}

/** Copies one file of the backup, refusing it when it is missing or its bytes are not those the manifest hashed. */
async function copyChecked(from: string, to: string, expected: { sha256: string; size: number }, name: string): Promise<void> {
  if (!existsSync(from)) throw new BackupError(problem('backup.file-missing', { file: name }));
  const copied = await copyHashed(from, to);
  if (copied.sha256 !== expected.sha256 || copied.size !== expected.size)
    throw new BackupError(problem('backup.file-altered', { file: name }));
}
