import type { TestProject } from 'vitest/node';
import { startCluster } from '../server/db/postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The `node-pg` project's throwaway PostgreSQL cluster (issue 18); the harness makes a database per test on it. */
    phieuPostgres: string;
  }
}

/**
 * One throwaway cluster for the run of the `node-pg` project: every server test file makes its databases there
 * (test/server/harness.ts), named per process, so files running side by side never meet.
 */
export default function setup(project: TestProject): () => void {
  const cluster = startCluster({ maxConnections: 300 });
  project.provide('phieuPostgres', cluster.url());
  return () => cluster.stop();
}
