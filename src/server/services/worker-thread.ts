import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** A worker module beside `importer` (its import.meta.url), with the importer's extension: .ts from sources, .js built. */
export const workerModule = (importer: string, name: string): URL => new URL(`./${name}${path.extname(fileURLToPath(importer))}`, importer);

/**
 * Starts a worker thread on `file`. Run from TypeScript sources (`npm start` runs under tsx) the worker registers
 * tsx's loader before importing its module: a worker's entry file does not go through the parent's loader. Built to
 * JavaScript it loads directly.
 */
export function startWorker(file: URL, execArgv: string[]): Worker {
  if (!file.pathname.endsWith('.ts')) return new Worker(file, { execArgv });
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(file.href)}); });`;
  return new Worker(boot, { eval: true, execArgv });
}
