// `npm test`: the system packages check first (test/setup/system-packages.mjs: Chromium, PostgreSQL), then the
// static checks (lint, typecheck, the campaign definitions) beside vitest instead of before it. Vitest leaves part of the
// two cores idle while its browser files wait on Chromium and the server process; the checks fill it. Their output is
// shown whole when they end, not mixed into vitest's; the run fails if any of them fails.
import { spawn, spawnSync } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const packages = spawnSync(process.execPath, ['test/setup/system-packages.mjs'], { stdio: 'inherit' });
if (packages.status !== 0) process.exit(packages.status ?? 1);

/** Runs an npm script with its output kept; resolves with its exit code and output. */
function quiet(script) {
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ script, code: code ?? 1, out }));
  });
}

const checks = Promise.all(['lint', 'typecheck', 'definitions:check'].map(quiet));
const vitest = await new Promise((resolve) => {
  const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('close', (code) => resolve(code ?? 1));
});
let failed = vitest !== 0;
for (const { script, code, out } of await checks) {
  console.log(`\nnpm run ${script}: ${code === 0 ? 'ok' : `failed (exit ${code})`}`);
  if (code !== 0) console.log(out.trimEnd());
  failed ||= code !== 0;
}
process.exit(failed ? 1 : 0);
