import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { READY_LINE } from './child-protocol';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const childScript = path.join(root, 'test', 'server', 'crash', 'server-child.ts');

/** One start of the server (server-child.ts) as a real child process. */
export interface CrashServer {
  /** Which start this is (1 for the first). */
  epoch: number;
  url: string;
  pid: number;
  /** Resolves when the process has ended, however it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What it printed (stdout and stderr). */
  output(): string;
  /** kill -9 from outside. */
  kill(): void;
}

/** Every child started and not yet seen to exit: afterAll (or a failing campaign) kills them. */
const running = new Set<ChildProcess>();

export function killAllCrashServers(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

export interface StartOptions {
  dataDir: string;
  epoch: number;
  /** Chance (0..1) that a sync push SIGKILLs the server right after its commit, before its answer. */
  killAfterCommit: number;
  seed: number;
  /** Extra environment (e.g. PHIEU_VALIDATION_WORKERS). */
  env?: Record<string, string>;
  /** How long a start may take on a busy machine. */
  timeoutMs?: number;
}

/** Starts the server on a free port (PORT=0) over the data folder and resolves once it listens. */
export async function startCrashServer(opts: StartOptions): Promise<CrashServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      PHIEU_DATA_DIR: opts.dataDir,
      PHIEU_CLIENT_DIR: path.join(opts.dataDir, 'no-client'),
      // CSV workers play no part in sync; not starting them keeps each restart short.
      PHIEU_EXPORT_WORKERS: '0',
      LOG_LEVEL: 'warn',
      CRASH_KILL_AFTER_COMMIT: String(opts.killAfterCommit),
      CRASH_SEED: String(opts.seed),
      CRASH_EPOCH: String(opts.epoch),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(
      () => fail(new Error(`server start ${opts.epoch} did not listen within ${opts.timeoutMs ?? 60_000} ms:\n${out}`)),
      opts.timeoutMs ?? 60_000,
    );
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (d: Buffer) => {
      out += String(d);
      const at = out.indexOf(READY_LINE);
      const end = out.indexOf('\n', at);
      if (!settled && at >= 0 && end > at) {
        settled = true;
        clearTimeout(timer);
        resolve(out.slice(at + READY_LINE.length, end).trim());
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (out += String(d)));
    void exited.then(({ code, signal }) =>
      fail(new Error(`server start ${opts.epoch} exited (${code ?? signal}) before listening:\n${out}`)),
    );
  });
  return {
    epoch: opts.epoch,
    url,
    pid: child.pid ?? 0,
    exited,
    output: () => out,
    kill: () => void child.kill('SIGKILL'),
  };
}
