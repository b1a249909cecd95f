import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { isPhieuManifest, MANIFEST_FILE } from './manifest';
import { isBackupName, isPartialName } from './names';

/** A backup folder found in a backups folder. */
export interface FoundBackup {
  name: string;
  folder: string;
  createdAt: string;
}

/** A temporary folder this old was left by a backup that was stopped (a crash, a killed process): it is removed. */
const STALE_PARTIAL_MS = 24 * 60 * 60 * 1000;

/**
 * The Phiếu backups in `root`, oldest first: folders with a backup's name and a Phiếu manifest. Anything else there
 * (the operator's own files, another program's backups) is not one, and never touched.
 */
export async function listBackups(root: string): Promise<FoundBackup[]> {
  const found: FoundBackup[] = [];
  for (const entry of await readdir(root, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory() || !isBackupName(entry.name)) continue;
    const folder = path.join(root, entry.name);
    const manifest = await readFile(path.join(folder, MANIFEST_FILE), 'utf8')
      .then((text) => JSON.parse(text) as unknown)
      .catch(() => undefined);
    if (!isPhieuManifest(manifest)) continue;
    const createdAt = (manifest as { createdAt?: unknown }).createdAt;
    found.push({ name: entry.name, folder, createdAt: typeof createdAt === 'string' ? createdAt : '' });
  }
  return found.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name, 'en', { numeric: true }));
}

/**
 * Keeps the newest `keep` backups in `root` and deletes the older ones, and the temporary folders of backups stopped
 * more than a day ago. Returns the names deleted.
 */
export async function pruneBackups(root: string, keep: number, now: Date = new Date()): Promise<string[]> {
  const backups = await listBackups(root);
  const removed: string[] = [];
  for (const old of backups.slice(0, Math.max(0, backups.length - keep))) {
    await rm(old.folder, { recursive: true, force: true });
    removed.push(old.name);
  }
  for (const entry of await readdir(root, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory() || !isPartialName(entry.name)) continue;
    const folder = path.join(root, entry.name);
    const s = await stat(folder).catch(() => undefined);
    if (s && now.getTime() - s.mtimeMs > STALE_PARTIAL_MS) {
      await rm(folder, { recursive: true, force: true });
      removed.push(entry.name);
    }
  }
  return removed;
}
