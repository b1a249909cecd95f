import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildClient } from './helpers/server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PWA built once for every Chromium test (helpers/server.ts builtClient); read-only. */
    phieuClientDir: string;
  }
}

/** Builds the PWA once for the whole e2e project, instead of once per file (issue 16: the suite's time). */
export default async function setup(project: TestProject): Promise<() => void> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'phieu-e2e-client-'));
  const dir = path.join(tmp, 'client');
  await buildClient(dir);
  project.provide('phieuClientDir', dir);
  return () => rmSync(tmp, { recursive: true, force: true });
}
