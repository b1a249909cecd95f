#!/usr/bin/env node
// `npx phieu …`, from any working directory: the built CLI when the server build is fresh (plain node), else the
// TypeScript sources through tsx (a development checkout, which has it); it never builds, so commands stay quick.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isFresh, root } from './build.mjs';

if (isFresh('server')) {
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(path.join(root, 'dist', 'server', 'cli.js')).href);
} else {
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    console.error('Chưa có bản dựng của máy chủ (dist/server). Chạy npm run build trên máy có đủ gói phát triển (npm ci).');
    process.exit(1);
  }
  tsx.register();
  await import('./main.ts');
}
