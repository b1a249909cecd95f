import type { BackupStatus } from '../../shared/api/system';
import { lastBackup, type BackupSettings } from './backup/status';

/** The interval a backup is judged by when none is scheduled (PHIEU_BACKUP_INTERVAL_HOURS' default). */
const DEFAULT_INTERVAL_HOURS = 24;

/** Home Affairs' view of the backups: the last one recorded for the data folder, the schedule, and whether to warn. */
export async function backupStatus(settings: BackupSettings | undefined, now: Date): Promise<BackupStatus> {
  const last = settings ? await lastBackup(settings.dataDir) : undefined;
  const schedule = settings?.schedule ? { intervalHours: settings.schedule.intervalHours, keep: settings.schedule.keep } : null;
  const allowedMs = 2 * (schedule?.intervalHours ?? DEFAULT_INTERVAL_HOURS) * 60 * 60 * 1000;
  const overdue = last ? now.getTime() - Date.parse(last.finishedAt) > allowedMs : schedule !== null;
  return {
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
