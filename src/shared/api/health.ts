import { z } from 'zod';

/** GET /api/ready: whether this server can take writes now, and why not (issue 17). No account needed, no personal data. */
export const readinessReportSchema = z.object({
  ready: z.boolean().describe('The database takes a committed write and the disk has room above the reserve'),
  time: z.string(),
  database: z.object({ writable: z.boolean() }),
  disk: z.object({
    freeBytes: z.number().describe('Free space of the data folder’s disk'),
    minFreeBytes: z.number().describe('The reserve: writes are refused with 507 below it (PHIEU_MIN_FREE_MB)'),
    writesAllowed: z.boolean(),
  }),
  workers: z.object({
    validation: z.object({ expected: z.int(), running: z.int() }),
    export: z.object({ expected: z.int(), running: z.int() }),
  }),
});
export type ReadinessReport = z.infer<typeof readinessReportSchema>;
