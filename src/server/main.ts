import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from './app';
import { readConfig } from './config';
import { migrateToLatest, openSqlite } from './db/database';
import { readCampaignFolder } from './definitions/read-campaign';
import { CampaignRegistry } from './services/campaign-registry';
import { loadCampaign } from './services/campaign-loader';
import { generatePassword } from './services/crypto';
import { seedSampleAccounts } from './services/seed';

/**
 * `npm start`: one process serving the API and the built PWA, with an embedded SQLite database in PHIEU_DATA_DIR.
 * An empty database gets the reference campaign and sample accounts; their password is printed once.
 */
async function main(): Promise<void> {
  const config = readConfig();
  mkdirSync(config.dataDir, { recursive: true });
  const handle = openSqlite(path.join(config.dataDir, 'phieu.sqlite'));
  await migrateToLatest(handle.db);
  const registry = new CampaignRegistry(handle.db);
  await registry.reload();

  if (registry.list().length === 0) {
    const folder = await readCampaignFolder(config.definitionsDir);
    if (!folder.bundle) {
      console.error(`Không nạp được ${config.definitionsDir}:`);
      for (const i of folder.issues) console.error(`  ${i.file} › ${i.path}: ${i.message}\n    → ${i.fix}`);
      process.exit(1);
    }
    await loadCampaign(handle.db, folder.bundle, new Date());
    await registry.reload();
    console.log(`Đã nạp kỳ đánh giá ${folder.bundle.campaign.id} từ ${path.relative(process.cwd(), config.definitionsDir)}`);
  }

  const campaign = registry.current();
  const password = config.samplePassword ?? generatePassword();
  const logins = campaign ? await seedSampleAccounts(handle.db, campaign, password, new Date()) : [];

  const app = await buildApp({
    db: handle.db,
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
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
  });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const scheme = config.https ? 'https' : 'http';

  console.log(`\nPhiếu đang chạy: ${scheme}://localhost:${port}/`);
  console.log(`  API: ${scheme}://localhost:${port}/api/docs  (OpenAPI: /api/openapi.json)`);
  console.log(`  Dữ liệu: ${path.join(config.dataDir, 'phieu.sqlite')}`);
  if (logins.length > 0) {
    console.log('\nTài khoản mẫu (chỉ in một lần, khi tạo):');
    for (const l of logins) console.log(`  ${l.username.padEnd(10)} ${l.role.padEnd(12)} ${l.description}`);
    console.log(config.samplePassword ? '  Mật khẩu: giá trị của PHIEU_SAMPLE_PASSWORD' : `  Mật khẩu chung: ${password}`);
  }

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

await main();
