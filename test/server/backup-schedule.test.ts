// The server's scheduled backup (issue 17): taken shortly after start and then at each interval, logged (start, done
// with counts, size and duration, or failure with the reason), the newest `keep` kept, each recorded for Home Affairs'
// screen. Milliseconds stand for the hours.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackupSchedule, type BackupLogger } from '../../src/server/services/backup/schedule';
import { lastBackup } from '../../src/server/services/backup/status';
import { devices, push, tempDir } from './backup-helpers';
import { startHarness, type Harness } from './harness';

let h: Harness;
const cleanup: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  const [device] = await devices(h, 1);
  await push(h, device!, 7);
});
afterAll(async () => {
  await h.close();
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

/** A logger that keeps what it is told. */
function capture() {
  const lines: { level: string; message: string; details: Record<string, unknown> }[] = [];
  const at = (level: string) => (details: object, message: string) =>
    void lines.push({ level, message, details: details as Record<string, unknown> });
  const log: BackupLogger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines, said: (message: string) => lines.filter((l) => l.message === message) };
}

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the scheduled backup', () => {
  it('runs soon after start and then at each interval, logs each, keeps the newest N and records the last', async () => {
    const dir = tempDir('phieu-scheduled-');
    cleanup.push(dir);
    // Each backup a minute later than the one before, so that each has its own folder name.
    let minute = 0;
    const now = () => new Date(Date.UTC(2026, 11, 5, 6, minute++));
    const { log, lines, said } = capture();
    const schedule = startBackupSchedule({
      source: { dataDir: h.dir, evidenceDir: path.join(h.dir, 'evidence') },
      dir,
      keep: 2,
      intervalMs: 30,
      firstDelayMs: 5,
      log,
      now,
    });
    await until(() => said('backup: done').length >= 3);
    await schedule.stop();
    const done = said('backup: done');
    expect(said('backup: started').length).toBeGreaterThanOrEqual(done.length);
    expect(done[0]!.details).toMatchObject({ responses: 7, evidenceFiles: 0, removed: [] });
    expect(done[0]!.details.bytes).toBeGreaterThan(0);
    expect(done[0]!.details.durationMs).toBeGreaterThanOrEqual(0);
    expect(done[2]!.details.removed).toHaveLength(1);
    expect(lines.filter((l) => l.level !== 'info')).toEqual([]);
    // Only the newest two stay; the last one is the one recorded.
    const kept = readdirSync(dir).sort();
    expect(kept).toHaveLength(2);
    const last = await lastBackup(h.dir);
    expect(last).toMatchObject({ trigger: 'scheduled', responses: 7 });
    expect(path.basename(last!.folder)).toBe(kept[1]);
  });

  it('logs a failure with its reason and goes on', async () => {
    const dir = tempDir('phieu-scheduled-');
    const missing = path.join(dir, 'khong-co-du-lieu');
    cleanup.push(dir);
    const { log, said } = capture();
    const schedule = startBackupSchedule({
      source: { dataDir: missing, evidenceDir: path.join(missing, 'evidence') },
      dir: path.join(dir, 'backups'),
      keep: 2,
      intervalMs: 20,
      firstDelayMs: 5,
      log,
    });
    await until(() => said('backup: failed').length >= 2);
    await schedule.stop();
    expect(said('backup: failed')[0]!.details).toMatchObject({
      code: 'backup.no-database',
      reason: `There is no database (phieu.sqlite) in the data folder ${missing}.`,
    });
    expect(said('backup: done')).toEqual([]);
  });
});
