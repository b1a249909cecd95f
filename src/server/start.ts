import { buildApp, type AppOptions } from './app';
import type { ServerConfig } from './config';
import { migrateToLatest, type DatabaseHandle } from './db/database';
import { openDatabase } from './db/open';
import { readCampaignFolder } from './definitions/read-campaign';
import type { App } from './http/deps';
import type { ServerTimeouts } from './http/timeouts';
import { CampaignRegistry } from './services/campaign-registry';
import { loadCampaign } from './services/campaign-loader';
import { DiskSpace } from './services/disk-space';
import { watchRegistry } from './services/registry-watch';

/** The campaign folder of an empty database could not be read: each problem as definitions:check says it. */
export class DefinitionsError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

export interface OpenServer {
  app: App;
  handle: DatabaseHandle;
  registry: CampaignRegistry;
  /** The campaign loaded into an empty database by this start, if any. */
  loaded?: string;
}

/**
 * Behind a reverse proxy an idle connection is the proxy's to close: one that reuses connections (nginx's upstream
 * keepalive, 60 s by default) must never send on a socket this server has just closed, so the server waits longer.
 * Facing the internet directly, idle connections are closed sooner (http/timeouts.ts).
 */
export const timeoutsFor = (config: Pick<ServerConfig, 'trustProxy'>): Partial<ServerTimeouts> | undefined =>
  config.trustProxy ? { keepAliveMs: 65_000 } : undefined;

/**
 * The server as the configuration says, not yet listening: its database (PostgreSQL or the data folder's) migrated, the campaign folder
 * loaded into an empty database, the app built. main.ts listens; a test's child process adds its seams in `extra`.
 */
export async function openServer(config: ServerConfig, extra: Partial<AppOptions> = {}): Promise<OpenServer> {
  const handle = await openDatabase(config);
  await migrateToLatest(handle.db);
  const registry = new CampaignRegistry(handle.db);
  await registry.reload();
  let loaded: string | undefined;
  if (registry.list().length === 0) {
    const folder = await readCampaignFolder(config.definitionsDir);
    if (!folder.bundle)
      throw new DefinitionsError([
        `Không nạp được ${config.definitionsDir}:`,
        ...folder.issues.map((i) => `  ${i.file} › ${i.path}: ${i.message}\n    → ${i.fix}`),
      ]);
    await loadCampaign(handle.db, folder.bundle, new Date());
    await registry.reload();
    loaded = folder.bundle.campaign.id;
  }
  const app = await buildApp({
    db: handle.db,
    databaseUrl: config.databaseUrl,
    registry,
    clientDir: config.clientDir,
    secureCookies: config.secureCookies,
    allowedOrigins: config.allowedOrigins,
    trustProxy: config.trustProxy,
    https: config.https,
    validationWorkers: config.validationWorkers,
    exportWorkers: config.exportWorkers,
    evidenceDir: config.evidenceDir,
    evidenceMaxBytes: config.evidenceMaxBytes,
    disk: new DiskSpace(config.dataDir, config.minFreeBytes),
    timeouts: timeoutsFor(config),
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    ...extra,
  });
  const unwatch = await watchRegistry(handle, registry, (message) => app.log.warn(message));
  app.addHook('onClose', unwatch);
  return { app, handle, registry, loaded };
}
