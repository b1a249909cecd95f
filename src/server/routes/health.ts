import { z } from 'zod';
import type { App, Deps } from '../http/deps';
import { healthReport } from '../services/health';

export function healthRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        response: {
          200: z.object({ status: z.literal('ok'), time: z.string(), campaigns: z.array(z.object({ id: z.string(), state: z.string() })) }),
        },
      },
    },
    async () => healthReport(deps),
  );
}
