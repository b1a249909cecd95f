import path from 'node:path';
import { readConfig } from './config';
import { generatePassword } from './services/crypto';
import { countAccounts } from './db/accounts';
import { describeDatabase } from './db/open';
import { startBackupSchedule, type BackupSchedule } from './services/backup/schedule';
import { setBackupSettings } from './services/backup/status';
import { seedSampleAccounts } from './services/seed';
import { DefinitionsError, openServer, type OpenServer } from './start';

/**
 * `npm start`: one process serving the API and the built PWA, with an embedded SQLite database in PHIEU_DATA_DIR
 * (or PostgreSQL at PHIEU_DATABASE_URL).
 * An empty database gets the reference campaign and, unless this is a production start, sample accounts (their password
 * is printed once); a production start with no account says how to create the first one.
 */
async function main(): Promise<void> {
  const config = readConfig();
  let opened: OpenServer;
  try {
    opened = await openServer(config);
  } catch (err) {
    if (!(err instanceof DefinitionsError)) throw err;
    for (const line of err.lines) console.error(line);
    process.exit(1);
  }
  const { app, handle, registry } = opened;
  if (opened.loaded) console.log(`Đã nạp kỳ đánh giá ${opened.loaded} từ ${path.relative(process.cwd(), config.definitionsDir)}`);

  const campaign = registry.current();
  const password = config.samplePassword ?? generatePassword();
  const logins = campaign && config.sampleAccounts ? await seedSampleAccounts(handle.db, campaign, password, new Date()) : [];
  const noAccount = !config.sampleAccounts && (await countAccounts(handle.db)) === 0;

  // What Home Affairs' screen says of the backups (routes/system.ts): this data folder's, and the schedule if any.
  setBackupSettings(app, { dataDir: config.dataDir, schedule: config.backup });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const scheme = config.https ? 'https' : 'http';

  console.log(`\nPhiếu đang chạy: ${scheme}://localhost:${port}/`);
  console.log(`  API: ${scheme}://localhost:${port}/api/docs  (OpenAPI: /api/openapi.json)`);
  console.log(`  Dữ liệu: ${describeDatabase(config)}`);
  if (logins.length > 0) {
    console.log('\nTài khoản mẫu (chỉ in một lần, khi tạo):');
    for (const l of logins) console.log(`  ${l.username.padEnd(10)} ${l.role.padEnd(12)} ${l.description}`);
    console.log(config.samplePassword ? '  Mật khẩu: giá trị của PHIEU_SAMPLE_PASSWORD' : `  Mật khẩu chung: ${password}`);
  }
  if (noAccount) console.log('\nChưa có tài khoản nào. Tạo tài khoản Sở Nội vụ đầu tiên: npx phieu init --admin <tên đăng nhập>');

  // Scheduled backups (PHIEU_BACKUP_DIR): the first a minute after start, then one per interval, through the app's log.
  let backups: BackupSchedule | undefined;
  if (config.backup) {
    backups = startBackupSchedule({
      source: { dataDir: config.dataDir, evidenceDir: config.evidenceDir },
      dir: config.backup.dir,
      keep: config.backup.keep,
      intervalMs: config.backup.intervalHours * 60 * 60 * 1000,
      log: app.log,
    });
    console.log(
      `\nSao lưu tự động: mỗi ${config.backup.intervalHours} giờ vào ${config.backup.dir}, giữ ${config.backup.keep} bản gần nhất`,
    );
  }

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    await backups?.stop(); // a backup under way is finished, not cut off
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

await main();
