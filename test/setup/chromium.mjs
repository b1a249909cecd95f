// Runs first in `npm test`: the browser tests need Debian's Chromium (Playwright cannot download its own here). Where
// it is missing it is installed when this machine allows it (root with apt-get), or the run stops before any test
// with the one command that installs it, instead of failing later in every browser test with a launch error.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.PHIEU_E2E_CHROMIUM ?? '/usr/bin/chromium';
const install = 'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium';

if (!existsSync(chromium)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (!root || !apt || process.env.PHIEU_E2E_CHROMIUM) {
    console.error(`Chưa có Chromium (${chromium}) cho các kiểm thử trên trình duyệt. Cài bằng:\n  ${install}`);
    console.error(`Chromium (${chromium}) is missing for the browser tests. Install it with the command above.`);
    process.exit(1);
  }
  console.log('Chromium is missing: installing Debian’s package (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (run.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed. Install Chromium with:\n  ${install}`);
      process.exit(1);
    }
  }
  if (!existsSync(chromium)) {
    console.error(`Chromium was installed but is not at ${chromium}; set PHIEU_E2E_CHROMIUM to its path.`);
    process.exit(1);
  }
}
