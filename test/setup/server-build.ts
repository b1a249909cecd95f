import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildServer, root } from '../e2e/helpers/server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server built once per run as `npm run build` makes it (its main.js), for the tests that start server processes. */
    phieuServerMain: string;
  }
}

/**
 * Builds the server once for the project's test files that start it as a process (issue 17: the built server is what
 * runs). Under node_modules, so that the bundle's imports find the installed packages; a folder of its own per run, so
 * that a run never clobbers another's. A process started from it loads plain JavaScript: about a third of the CPU of
 * the sources under tsx, whose three worker threads each compile the TypeScript again.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const cache = path.join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(path.join(cache, 'phieu-test-server-'));
  await buildServer(dir);
  project.provide('phieuServerMain', path.join(dir, 'main.js'));
  return () => rmSync(dir, { recursive: true, force: true });
}
