import { auditLogPageSchema, auditQuerySchema, errorBodySchema } from '../../shared';
import type { App, Deps } from '../http/deps';
import { allow } from '../http/session';
import { auditLogPage } from '../services/audit-log';

export function adminAuditRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/audit',
    {
      onRequest: allow('admin'),
      schema: {
        tags: ['admin'],
        summary:
          'The audit log, newest first: who did what, when, to what (never a password); filter by subject and action, paginated by cursor',
        querystring: auditQuerySchema,
        response: { 200: auditLogPageSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema },
      },
    },
    async (req) => {
      return auditLogPage(deps.db, deps.registry, req.query);
    },
  );
}
