import type { ExportWorkerPool } from '../services/export/export-workers';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../db/database';
import type { CampaignRegistry } from '../services/campaign-registry';
import type { DiskSpace } from '../services/disk-space';
import type { ResponseChecker } from '../services/response-check';
import type { AfterCommit } from '../services/sync';
import type { WriteQueue } from '../services/write-queue';

/** What routes need: the database, the campaigns in memory, the clock and a few settings. */
export interface Deps {
  db: Db;
  /** PostgreSQL's URL when the app runs on it (issue 18): export workers connect to it for the ranges they read. */
  databaseUrl?: string;
  /** Serialises (and groups) the sync writes. */
  writes: WriteQueue;
  registry: CampaignRegistry;
  /** Checks pushed responses before the write: in the request thread or in a worker pool. */
  checker: ResponseChecker;
  now: () => Date;
  secureCookies: boolean;
  afterCommit?: AfterCommit;
  evidenceDir: string;
  evidenceMaxBytes: number;
  /** Worker threads for CSV downloads and survey scores; none: both are done in the request thread. */
  exportWorkers?: ExportWorkerPool;
  /** The data folder's free space and the reserve below which writes are refused. */
  disk: DiskSpace;
  /** The origin printed in self-fill links (PHIEU_ORIGINS' first); unset: the origin the issuing request came to. */
  publicOrigin?: string;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
