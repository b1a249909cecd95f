import { z } from 'zod';
import { pingDatabase } from '../db/health';
import type { App, Deps } from '../http/deps';

export function healthRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        response: { 200: z.object({ status: z.literal('ok'), time: z.string(), campaigns: z.array(z.object({ id: z.string(), state: z.string() })) }) },
      },
    },
    async () => {
      await pingDatabase(deps.db);
      return {
        status: 'ok' as const,
        time: deps.now().toISOString(),
        campaigns: deps.registry.list().map((c) => ({ id: c.bundle.campaign.id, state: c.bundle.campaign.state })),
      };
    },
  );
}
