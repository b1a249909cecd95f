// Runs first in `npm test`: the browser tests need Debian's Chromium (Playwright cannot download its own here) and the
// server tests on PostgreSQL need its binaries (issue 18). What is missing is installed when this machine allows it
// (root with apt-get), or the run stops before any test with the one command that installs it, instead of failing
// later in every test that needs it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const chromium = process.env.PHIEU_E2E_CHROMIUM ?? '/usr/bin/chromium';
const postgresBase = process.env.PHIEU_POSTGRES_BASE ?? '/usr/lib/postgresql';
const hasPostgres = () =>
  existsSync(postgresBase) && readdirSync(postgresBase).some((v) => existsSync(path.join(postgresBase, v, 'bin', 'initdb')));

const missing = [...(existsSync(chromium) ? [] : ['chromium']), ...(hasPostgres() ? [] : ['postgresql-15'])];
if (missing.length > 0) {
  const install = `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (!root || !apt || process.env.PHIEU_E2E_CHROMIUM || process.env.PHIEU_POSTGRES_BASE) {
    console.error(`Chưa có ${missing.join(', ')} cho các kiểm thử. Cài bằng:\n  ${install}`);
    console.error(`Missing for the tests: ${missing.join(', ')} (${chromium}, ${postgresBase}). Install with the command above.`);
    process.exit(1);
  }
  console.log(`Missing for the tests: ${missing.join(', ')}; installing Debian's packages (apt-get)…`);
  if (missing.includes('postgresql-15')) {
    // The tests start throwaway clusters of their own: no system cluster, no service left running.
    mkdirSync('/etc/postgresql-common', { recursive: true });
    writeFileSync('/etc/postgresql-common/createcluster.conf', 'create_main_cluster = false\n');
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (run.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed. Install them with:\n  ${install}`);
      process.exit(1);
    }
  }
  if (!existsSync(chromium) || !hasPostgres()) {
    console.error(`Installed, but Chromium is not at ${chromium} or PostgreSQL not under ${postgresBase}; set PHIEU_E2E_CHROMIUM.`);
    process.exit(1);
  }
}
