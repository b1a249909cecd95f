import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL cluster for a test file (issue 18): Debian's postgresql-15 (or newer) binaries, initdb into a
 * temp folder with the C collation (byte order, as SQLite compares), listening on a Unix socket in that folder only (no
 * port to clash with), stopped and removed by `stop()`. As root, it runs as the `postgres` user (initdb refuses root).
 */
export interface Cluster {
  /** A connection URL to the cluster's `postgres` database; `url(name)` for another. */
  url(database?: string): string;
  stop(): void;
}

/** The newest installed PostgreSQL's bin folder, or undefined. */
export function postgresBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], 'bin') : undefined;
}

/**
 * `fsync`: off by default (a test cluster is thrown away; the durability under test is the connection's
 * synchronous_commit); on for a bench, whose commits must cost what they cost in production.
 */
export function startCluster(opts: { maxConnections?: number; fsync?: boolean } = {}): Cluster {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed: apt-get install -y --no-install-recommends postgresql-15');
  const dir = mkdtempSync(path.join(tmpdir(), 'phieu-pg-'));
  const root = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    root
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(bin, cmd), args, { stdio: 'pipe' });
  if (root) {
    const postgres = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    chownSync(dir, postgres, Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  }
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'phieu', '--auth=trust', '--locale=C', '--encoding=UTF8', '-N']);
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    path.join(dir, 'log'),
    '-w',
    'start',
    '-o',
    `-c listen_addresses='' -k ${dir} -c fsync=${opts.fsync ? 'on' : 'off'} -c max_connections=${opts.maxConnections ?? 100}`,
  ]);
  return {
    url: (database = 'postgres') => `postgres://phieu@/${database}?host=${encodeURIComponent(dir)}`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
