import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildServer, root } from '../e2e/helpers/server';

/**
 * Issue 17: the server's start to /api/health answering and its resident memory at rest, built (plain node) against
 * the TypeScript sources under tsx, on the same data folder, alternately, beside node's own start as the floor.
 */
const RUNS = 5;

interface Start {
  ms: number;
  rssMb: number;
}

async function startOnce(args: string[], dataDir: string): Promise<Start> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PHIEU_DATA_DIR: dataDir, PHIEU_SAMPLE_ACCOUNTS: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  try {
    let out = '';
    child.stdout?.on('data', (d) => (out += String(d)));
    const deadline = Date.now() + 60_000;
    let url: string | undefined;
    for (;;) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the server did not answer: ${out}`);
      url ??= /Phiếu đang chạy: (\S+)/.exec(out)?.[1]?.replace(/\/$/, '');
      if (
        url &&
        (await fetch(`${url}/api/health`).then(
          (r) => r.ok,
          () => false,
        ))
      )
        break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const ms = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 2_000)); // at rest: the workers have loaded, nothing is asked
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
    return { ms, rssMb: Number(rss ?? 0) / 1024 };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function startBench(): Promise<void> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'phieu-start-bench-'));
  try {
    const built = path.join(tmp, 'server');
    await buildServer(built);
    symlinkSync(path.join(root, 'node_modules'), path.join(tmp, 'node_modules'), 'dir'); // the packages, as installed
    const dataDir = path.join(tmp, 'data');
    const kinds: [string, string[]][] = [
      ['built, plain node', [path.join(built, 'main.js')]],
      ['sources under tsx', ['--import', 'tsx', 'src/server/main.ts']],
    ];
    await startOnce(kinds[0]?.[1] ?? [], dataDir); // the first start migrates and loads the campaign: not measured
    const floor: number[] = [];
    const figures = new Map<string, Start[]>(kinds.map(([k]) => [k, []]));
    for (let i = 0; i < RUNS; i += 1) {
      const t0 = performance.now();
      spawnSync(process.execPath, ['-e', '0']);
      floor.push(performance.now() - t0);
      for (const [kind, args] of kinds) figures.get(kind)?.push(await startOnce(args, dataDir));
    }
    const floorMs = median(floor);
    console.log(`Server start to /api/health answering, median of ${RUNS} (load ${loadavg()[0]?.toFixed(1)}, 2 cores shared)`);
    console.log(`  floor: node -e 0 ${floorMs.toFixed(0)} ms`);
    for (const [kind, runs] of figures) {
      const ms = median(runs.map((r) => r.ms));
      const rss = median(runs.map((r) => r.rssMb));
      console.log(
        `  ${kind.padEnd(18)} ${ms.toFixed(0).padStart(5)} ms (${(ms / floorMs).toFixed(1)}× floor), RSS at rest ${rss.toFixed(0)} MB`,
      );
    }
    console.log(`  (load at the end ${loadavg()[0]?.toFixed(1)})`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
