import type { BackupStatus } from '../../shared/api/system';
import { isPostgres } from '../db/dialect';
import type { Deps } from '../http/deps';
import { lastBackup, type BackupSettings } from './backup/status';

/** The interval a backup is judged by when none is scheduled (PHIEU_BACKUP_INTERVAL_HOURS' default). */
const DEFAULT_INTERVAL_HOURS = 24;

/**
 * Home Affairs' view of the backups: the last one recorded for the data folder, the schedule, and whether to warn. On
 * PostgreSQL, only that its own tools back it up (Phiếu's backups copy the SQLite file).
 */
export async function backupStatus(settings: BackupSettings | undefined, deps: Pick<Deps, 'db' | 'now'>): Promise<BackupStatus> {
  if (isPostgres(deps.db)) return { database: 'postgres', last: null, schedule: null, overdue: false };
  const database = 'sqlite';
  const now = deps.now();
  const last = settings ? await lastBackup(settings.dataDir) : undefined;
  const schedule = settings?.schedule ? { intervalHours: settings.schedule.intervalHours, keep: settings.schedule.keep } : null;
  const allowedMs = 2 * (schedule?.intervalHours ?? DEFAULT_INTERVAL_HOURS) * 60 * 60 * 1000;
  const overdue = last ? now.getTime() - Date.parse(last.finishedAt) > allowedMs : schedule !== null;
  return {
    database,
    last: last
      ? {
          finishedAt: last.finishedAt,
          trigger: last.trigger,
          responses: last.responses,
          evidenceFiles: last.evidenceFiles,
          bytes: last.bytes,
        }
      : null,
    schedule,
    overdue,
  };
}
