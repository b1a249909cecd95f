import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { App } from '../../http/deps';
import type { TakenBackup } from './take-backup';

/**
 * The backups taken of a data folder (by `npx phieu backup` and by the scheduled backup), newest last, in a small
 * file in that folder, for Home Affairs' screen. A file rather than a table: a new table needs a migration, and the
 * record is about the folder (the CLI knows its path, not the server's state); it is written whole under another name
 * and renamed, so a reader never sees half of it. A restored folder starts without it: the backups were of another.
 */
export const STATUS_FILE = 'backup-status.json';
/** Enough history for a look back; the screen shows the last one. */
const KEPT = 30;

const recordSchema = z.object({
  folder: z.string(),
  trigger: z.enum(['cli', 'scheduled']),
  startedAt: z.string(),
  finishedAt: z.string(),
  responses: z.number().int().nonnegative(),
  evidenceFiles: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
});
const statusSchema = z.object({ backups: z.array(recordSchema) });

export type BackupRecord = z.infer<typeof recordSchema>;

async function readRecords(dataDir: string): Promise<BackupRecord[]> {
  const text = await readFile(path.join(dataDir, STATUS_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  try {
    const parsed = statusSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.backups : [];
  } catch {
    return []; // an unreadable file says nothing; the next backup writes a good one
  }
}

/** Adds a finished backup to the data folder's record. */
export async function recordBackup(dataDir: string, taken: TakenBackup, trigger: BackupRecord['trigger']): Promise<void> {
  const record: BackupRecord = {
    folder: taken.folder,
    trigger,
    startedAt: taken.startedAt,
    finishedAt: taken.finishedAt,
    responses: taken.responses,
    evidenceFiles: taken.evidenceFiles,
    bytes: taken.bytes,
  };
  const backups = [...(await readRecords(dataDir)), record].slice(-KEPT);
  const file = path.join(dataDir, STATUS_FILE);
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify({ backups }, null, 2)}\n`);
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** The last backup recorded for the data folder, if any. */
export async function lastBackup(dataDir: string): Promise<BackupRecord | undefined> {
  return (await readRecords(dataDir)).reduce<BackupRecord | undefined>(
    (last, r) => (!last || r.finishedAt > last.finishedAt ? r : last),
    undefined,
  );
}

/** What the server knows of its backups: its data folder, and its schedule when PHIEU_BACKUP_DIR is set. */
export interface BackupSettings {
  dataDir: string;
  schedule?: { dir: string; intervalHours: number; keep: number };
}

const settings = new WeakMap<App, BackupSettings>();

/** Set by main.ts (and tests) for the app it runs; an app without them (tools, most tests) knows of no backup. */
export const setBackupSettings = (app: App, s: BackupSettings): void => void settings.set(app, s);

export const backupSettings = (app: App): BackupSettings | undefined => settings.get(app);
