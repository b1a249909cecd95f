import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { takeBackup } from '../../src/server/services/backup/take-backup';
import { devices, keepPushing, push, tempDir, type Device } from '../server/backup-helpers';
import { startHarness, type Harness } from '../server/harness-core';

/**
 * Issue 17: how long a push waits while a backup is taken, on a database of 10,000 responses. Devices push one
 * response at a time back to back: with no backup (the floor, same run), while three backups run in the server's own
 * process (the scheduled ones: the snapshot step holds the event loop), and while `npx phieu backup` runs in a process
 * of its own.
 */
const ms = (x: number) => `${Math.round(x)} ms`;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

async function pushesDuring(h: Harness, pushers: Device[], during: () => Promise<unknown>) {
  const pushing = keepPushing(h, pushers, 1);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const from = pushing.waits.length;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const t0 = performance.now();
  await during();
  const took = performance.now() - t0;
  loop.disable();
  await pushing.stop();
  const waits = pushing.waits.slice(from);
  return {
    took,
    count: waits.length,
    median: quantile(waits, 0.5),
    p95: quantile(waits, 0.95),
    max: Math.max(...waits),
    loopMax: loop.max / 1e6,
  };
}

export async function backupBench(): Promise<void> {
  const h = await startHarness();
  const backups = tempDir('phieu-backup-bench-');
  try {
    const [filler] = await devices(h, 1);
    if (!filler) throw new Error('no device');
    for (let i = 0; i < 100; i += 1) await push(h, filler, 100);
    const pushers = await devices(h, 4, 'day');
    const cliBackup = () =>
      new Promise<void>((resolve, reject) =>
        execFile(
          process.execPath,
          ['src/server/cli/phieu.mjs', 'backup', backups],
          { env: { ...process.env, PHIEU_DATA_DIR: h.dir, NODE_OPTIONS: '' } },
          (err) => (err ? reject(err) : resolve()),
        ),
      );
    const idle = await pushesDuring(h, pushers, () => new Promise((resolve) => setTimeout(resolve, 1500)));
    const taken: number[] = [];
    const inProcess = await pushesDuring(h, pushers, async () => {
      for (let i = 0; i < 3; i += 1) {
        const at = new Date(Date.UTC(2026, 11, 5, 6, i));
        taken.push((await takeBackup({ dataDir: h.dir, evidenceDir: path.join(h.dir, 'evidence') }, backups, () => at)).responses);
      }
    });
    const cli = await pushesDuring(h, pushers, cliBackup);
    const line = (label: string, r: Awaited<ReturnType<typeof pushesDuring>>, extra = '') =>
      `  ${label.padEnd(22)} ${r.count} pushes, median ${ms(r.median)} (${(r.median / idle.median).toFixed(1)}× floor), p95 ${ms(r.p95)}, ` +
      `longest ${ms(r.max)}, event loop held at most ${ms(r.loopMax)}${extra}`;
    console.log(`A push during a backup of ${taken[0] ?? 0} responses (4 devices, 1 response a push; load ${loadavg()[0]?.toFixed(1)})`);
    console.log(line('no backup (floor)', idle));
    console.log(line('3 in-process backups', inProcess, ` (they took ${ms(inProcess.took)})`));
    console.log(line('npx phieu backup', cli, ` (the command took ${ms(cli.took)})`));
  } finally {
    await h.close();
    rmSync(backups, { recursive: true, force: true });
  }
}
