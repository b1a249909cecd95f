import { problemText, problemTextEn } from '../../../shared';
import { BackupError } from './backup-error';
import { pruneBackups } from './retention';
import { recordBackup } from './status';
import { takeBackup, type BackupSource } from './take-backup';

/** The logger calls a scheduled backup makes (the app's pino logger has them). */
export interface BackupLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface BackupScheduleOptions {
  source: BackupSource;
  /** Where backups go, how many to keep. */
  dir: string;
  keep: number;
  /** Time between two backups (config: PHIEU_BACKUP_INTERVAL_HOURS). */
  intervalMs: number;
  /** Time from start to the first backup: a minute by default, once the server has settled. */
  firstDelayMs?: number;
  log: BackupLogger;
  now?: () => Date;
}

export interface BackupSchedule {
  /** Takes one backup now, as the timer would (never two at once: a second call waits for the first). */
  runOnce(): Promise<void>;
  /** No further backup starts; waits for the one running, if any. */
  stop(): Promise<void>;
}

/**
 * The server's scheduled backup: one shortly after start, then one per interval, each logged (start; done with its
 * counts, size and time; or failed with the reason), the newest `keep` kept. The next one is timed from the end of the
 * last, so two never overlap; a failure is logged and the schedule goes on. The timer does not keep the process alive.
 */
export function startBackupSchedule(opts: BackupScheduleOptions): BackupSchedule {
  const now = opts.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const once = async (): Promise<void> => {
    opts.log.info({ backupDir: opts.dir }, 'backup: started');
    try {
      const taken = await takeBackup(opts.source, opts.dir, now);
      await recordBackup(opts.source.dataDir, taken, 'scheduled');
      const removed = await pruneBackups(opts.dir, opts.keep, now());
      opts.log.info(
        {
          folder: taken.folder,
          responses: taken.responses,
          evidenceFiles: taken.evidenceFiles,
          bytes: taken.bytes,
          durationMs: taken.durationMs,
          removed,
        },
        'backup: done',
      );
      if (taken.evidenceUnavailable.length > 0)
        opts.log.warn(
          { folder: taken.folder, evidenceUnavailable: taken.evidenceUnavailable },
          'backup: evidence files missing or damaged',
        );
    } catch (err) {
      const reason =
        err instanceof BackupError ? problemText(problemTextEn, err.problem) : err instanceof Error ? err.message : String(err);
      const code = err instanceof BackupError ? err.problem.code : undefined;
      opts.log.error({ backupDir: opts.dir, code, reason }, 'backup: failed');
    }
  };
  const runOnce = (): Promise<void> => {
    running = running.then(once);
    return running;
  };
  const plan = (delay: number): void => {
    if (stopped) return;
    timer = setTimeout(() => void runOnce().then(() => plan(opts.intervalMs)), delay);
    timer.unref();
  };
  plan(opts.firstDelayMs ?? 60_000);
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
