import type { DatabaseHandle } from '../db/database';
import { REGISTRY_CHANNEL } from '../db/notify';
import type { CampaignRegistry } from './campaign-registry';

/** How often an instance on PostgreSQL reloads the campaigns anyway, for a notice its LISTEN connection missed. */
export const REGISTRY_POLL_MS = 60_000;

/**
 * Keeps this instance's campaigns in step with the others on the same PostgreSQL (issue 18): reloaded when another
 * announces a change (CampaignRegistry.changed, the CLI), and every `pollMs` in case a notice was missed. Reloads never
 * overlap; a notice during one reloads once more after it. On SQLite, nothing to do. Returns how to stop.
 */
export async function watchRegistry(
  handle: Pick<DatabaseHandle, 'listen'>,
  registry: CampaignRegistry,
  warn: (message: string) => void,
  pollMs = REGISTRY_POLL_MS,
): Promise<() => Promise<void>> {
  if (!handle.listen) return async () => {};
  let running: Promise<void> | undefined;
  let again = false;
  const reload = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = registry
      .reload()
      .catch((e: unknown) => warn(`campaigns not reloaded: ${String(e)}`))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          reload();
        }
      });
  };
  const unlisten = await handle.listen(REGISTRY_CHANNEL, reload, (e) => warn(`campaign change notices lost for a while: ${e.message}`));
  const timer = setInterval(reload, pollMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await unlisten();
    await running;
  };
}
