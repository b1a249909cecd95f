import { z } from 'zod';
import { readinessReportSchema } from '../../shared/api/health';
import type { App, Deps } from '../http/deps';
import { healthReport, readinessReport } from '../services/health';

export function healthRoutes(app: App, deps: Deps, expected: { validationWorkers: number; exportWorkers: number }): void {
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

  app.get(
    '/api/ready',
    {
      schema: {
        tags: ['system'],
        summary: 'Readiness: the database takes writes and the disk has room (503 when not)',
        response: { 200: readinessReportSchema, 503: readinessReportSchema },
      },
    },
    async (req, reply) => {
      const report = await readinessReport(deps, expected, (err) => req.log.error({ err }, 'readiness: the database refused a write'));
      return reply.code(report.ready ? 200 : 503).send(report);
    },
  );
}
