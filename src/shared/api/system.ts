import { z } from 'zod';

/**
 * GET /api/system/backup (Home Affairs): the last backup of the server's data, and its backup schedule. `overdue` says
 * the screen should warn: the last backup is older than twice the interval (24 hours when nothing is scheduled), or
 * backups are scheduled and none has been taken yet.
 */
export const backupStatusSchema = z.object({
  /** Where the data is: Phiếu backs up the embedded SQLite; PostgreSQL is backed up by its own tools (issue 18). */
  database: z.enum(['sqlite', 'postgres']),
  last: z
    .object({
      finishedAt: z.string(),
      trigger: z.enum(['cli', 'scheduled']),
      responses: z.number().int().nonnegative(),
      evidenceFiles: z.number().int().nonnegative(),
      bytes: z.number().int().nonnegative(),
    })
    .nullable(),
  schedule: z.object({ intervalHours: z.number().int().positive(), keep: z.number().int().positive() }).nullable(),
  overdue: z.boolean(),
});

export type BackupStatus = z.infer<typeof backupStatusSchema>;
