import { pingDatabase } from '../db/health';
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
