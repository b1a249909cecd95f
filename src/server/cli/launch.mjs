// `npm start`: builds what is missing or stale (the PWA, the server), then runs the built server in this process with
// plain node. Plain JavaScript so that it runs before anything is built.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildStale, root } from './build.mjs';

try {
  const built = buildStale();
  if (built.length > 0) console.log(`Đã dựng: ${built.join(', ')}`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
process.setSourceMapsEnabled(true); // stack traces name the TypeScript sources
await import(pathToFileURL(path.join(root, 'dist', 'server', 'main.js')).href);
