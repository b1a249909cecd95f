import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { problem } from '../../../shared';
import { APP_VERSION } from '../../../shared/version';
import { snapshotContents, snapshotDatabase } from '../../db/snapshot';
import { EvidenceStore } from '../evidence-store';
import { BackupError } from './backup-error';
import { syncFolder } from '../durable-fs';
import { copyHashed, digestFile } from './files';
import { DATABASE_FILE, EVIDENCE_FOLDER, writeManifest, type Manifest } from './manifest';
import { backupName, partialName } from './names';

/** The live data: the data folder, its database file and its evidence folder (config.ts puts both in the folder). */
export interface BackupSource {
  dataDir: string;
  evidenceDir: string;
}

export interface TakenBackup {
  name: string;
  /** The backup's own folder, complete. */
  folder: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  tables: Record<string, number>;
  responses: number;
  evidenceFiles: number;
  /** The database copy and the evidence files together. */
  bytes: number;
  evidenceUnavailable: Manifest['evidenceUnavailable'];
}

/**
 * Takes a backup of the live data into a new folder inside `root`, named by the UTC minute it started
 * (phieu-2026-12-05T0630Z): the database as one consistent snapshot (db/snapshot.ts), then every evidence blob the
 * snapshot's rows name, each hashed as it is copied, then the manifest. All of it is written under a hidden temporary
 * name and renamed when complete, so that a folder with a backup's name is always a whole backup; on any failure the
 * temporary folder is removed and the error thrown. A blob written after the snapshot is not needed by it and not
 * copied; one the snapshot names but that is missing or damaged on disk is listed in the manifest
 * (evidenceUnavailable), and the backup still completes: the rest of the data is worth keeping.
 */
export async function takeBackup(source: BackupSource, root: string, now: () => Date = () => new Date()): Promise<TakenBackup> {
  const started = now();
  const dbFile = path.join(source.dataDir, DATABASE_FILE);
  if (!existsSync(dbFile)) throw new BackupError(problem('backup.no-database', { dir: source.dataDir }));
  await mkdir(root, { recursive: true });
  const name = freeName(root, backupName(started));
  const temp = path.join(root, partialName(name));
  await mkdir(temp);
  try {
    const dbCopy = path.join(temp, DATABASE_FILE);
    await snapshotDatabase(dbFile, dbCopy);
    const contents = snapshotContents(dbCopy);
    const database = await digestFile(dbCopy);
    const live = new EvidenceStore(source.evidenceDir, 0);
    const copies = new EvidenceStore(path.join(temp, EVIDENCE_FOLDER), 0);
    const evidence: Manifest['evidence'] = [];
    const evidenceUnavailable: Manifest['evidenceUnavailable'] = [];
    for (const sha256 of contents.evidence) {
      const from = live.blobPath(sha256);
      if (!(await stat(from).catch(() => undefined))?.isFile()) {
        evidenceUnavailable.push({ sha256, reason: 'missing' });
        continue;
      }
      const to = copies.blobPath(sha256);
      const copied = await copyHashed(from, to);
      if (copied.sha256 !== sha256) {
        await rm(to);
        evidenceUnavailable.push({ sha256, reason: 'damaged' });
        continue;
      }
      evidence.push({ sha256, size: copied.size });
    }
    for (const folder of new Set(evidence.map((e) => path.dirname(copies.blobPath(e.sha256))))) await syncFolder(folder);
    await writeManifest(temp, {
      appVersion: APP_VERSION,
      createdAt: started.toISOString(),
      sourceDataDir: path.resolve(source.dataDir),
      database: { file: DATABASE_FILE, ...database, tables: contents.tables },
      evidence,
      evidenceUnavailable,
    });
    await syncFolder(temp);
    const folder = path.join(root, name);
    await rename(temp, folder);
    await syncFolder(root);
    const finished = now();
    return {
      name,
      folder,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      tables: contents.tables,
      responses: contents.tables.responses ?? 0,
      evidenceFiles: evidence.length,
      bytes: database.size + evidence.reduce((n, e) => n + e.size, 0),
      evidenceUnavailable,
    };
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
}

/** The name, or with -2, -3… when a backup of the same minute (or one being written) already has it. */
function freeName(root: string, base: string): string {
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!existsSync(path.join(root, name)) && !existsSync(path.join(root, partialName(name)))) return name;
  }
}
