import type { ReadinessReport } from '../../shared/api/health';
import { pingDatabase, probeWrite } from '../db/health';
import type { Deps } from '../http/deps';

/** Liveness: the database answers (or this throws), the time, and the campaigns loaded with their state. */
export async function healthReport(
  deps: Pick<Deps, 'db' | 'registry' | 'now'>,
): Promise<{ status: 'ok'; time: string; campaigns: { id: string; state: string }[] }> {
  await pingDatabase(deps.db);
  return {
    status: 'ok',
    time: deps.now().toISOString(),
    campaigns: deps.registry.list().map((c) => ({ id: c.bundle.campaign.id, state: c.bundle.campaign.state })),
  };
}

/**
 * Readiness: whether this server can take writes now. The database takes a committed write (through the write queue,
 * like a sync), the disk has room above the reserve, and the worker threads running. Ready needs the first two; a
 * missing worker only slows the work down (it is done in the request thread or started again).
 */
export async function readinessReport(
  deps: Pick<Deps, 'writes' | 'disk' | 'checker' | 'exportWorkers' | 'now'>,
  expected: { validationWorkers: number; exportWorkers: number },
  writeFailed: (err: unknown) => void,
): Promise<ReadinessReport> {
  let writable = true;
  try {
    await deps.writes.run(probeWrite);
  } catch (e) {
    writable = false;
    writeFailed(e);
  }
  const freeBytes = await deps.disk.freeBytes();
  const writesAllowed = deps.disk.allows(freeBytes);
  return {
    ready: writable && writesAllowed,
    time: deps.now().toISOString(),
    database: { writable },
    disk: { freeBytes, minFreeBytes: deps.disk.minFreeBytes, writesAllowed },
    workers: {
      validation: { expected: expected.validationWorkers, running: deps.checker.size },
      export: { expected: expected.exportWorkers, running: deps.exportWorkers?.live ?? 0 },
    },
  };
}
