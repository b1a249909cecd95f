// Builds the PWA (dist/client) and the server (dist/server, run by plain node) when their sources changed since the
// last build. Plain JavaScript so that it runs before anything is built, without tsx. `npm run build` forces both;
// `npm start` and `npx phieu` build only what is missing or stale.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** What each build reads. A change in any of these files makes that build stale. */
const INPUTS = {
  client: ['src/client', 'src/shared', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'],
  server: ['src/server', 'src/shared', 'vite.config.ts', 'package-lock.json'],
};
const OUTPUT = { client: 'dist/client/index.html', server: 'dist/server/main.js' };
const stampFile = (target, dir = root) => path.join(dir, 'dist', '.stamps', target);

function* files(dir, rel) {
  const full = path.join(dir, rel);
  if (!existsSync(full)) return;
  if (statSync(full).isFile()) {
    yield rel;
    return;
  }
  for (const e of readdirSync(full, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) yield path.relative(dir, path.join(e.parentPath, e.name));
  }
}

/** A hash of the build's input files under `dir`, names and contents, in a stable order. */
export function inputHash(target, dir = root) {
  const hash = createHash('sha256');
  const names = INPUTS[target].flatMap((rel) => [...files(dir, rel)]).sort();
  for (const name of names) hash.update(`${name.split(path.sep).join('/')}\0`).update(readFileSync(path.join(dir, name)));
  return hash.digest('hex');
}

/**
 * Whether the target's build exists and was made from the sources as they are now (true when there are no sources).
 * `hash` is the sources' inputHash when the caller has it already.
 */
export function isFresh(target, dir = root, hash = undefined) {
  if (!existsSync(path.join(dir, OUTPUT[target]))) return false;
  if (!existsSync(path.join(dir, 'src'))) return true; // an installed build without its sources
  return existsSync(stampFile(target, dir)) && readFileSync(stampFile(target, dir), 'utf8') === (hash ?? inputHash(target, dir));
}

/** Records that the target's build in `dir` was made from its sources as they are now. */
export function stamp(target, hash, dir = root) {
  mkdirSync(path.dirname(stampFile(target, dir)), { recursive: true });
  writeFileSync(stampFile(target, dir), hash);
}

/** Runs vite for one target and records the hash of what it was built from. Throws when the build fails. */
export function build(target, hash = inputHash(target)) {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) {
    throw new Error(`Bản dựng ${target} đã cũ hoặc chưa có, và máy này không có công cụ dựng (vite). Chạy npm ci rồi npm run build.`);
  }
  rmSync(stampFile(target), { force: true }); // stale while vite rewrites the folder
  const args = target === 'server' ? [vite, 'build', '--ssr'] : [vite, 'build'];
  const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`vite build (${target}) failed with exit code ${run.status}`);
  stamp(target, hash);
}

/** Builds each target that is missing or stale (every target when `force`); returns the ones it built. */
export function buildStale({ force = false, targets = ['client', 'server'] } = {}) {
  const built = [];
  for (const target of targets) {
    const hash = inputHash(target); // read once: to judge the build, then to stamp the new one
    if (!force && isFresh(target, root, hash)) continue;
    build(target, hash);
    built.push(target);
  }
  return built;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const only = process.argv.slice(2).filter((a) => a === 'client' || a === 'server');
  buildStale({ force: !process.argv.includes('--stale'), targets: only.length > 0 ? only : undefined });
}
