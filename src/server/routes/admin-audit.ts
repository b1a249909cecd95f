import { auditLogPageSchema, auditQuerySchema, errorBodySchema } from '../../shared';
import { HttpError } from '../http/errors';
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
        summary: 'The audit log, newest first: who did what, when, to what (never a password); filter by subject and action, paginated by cursor',
        querystring: auditQuerySchema,
        response: { 200: auditLogPageSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema },
      },
    },
    async (req) => {
      const { subject, action, limit, cursor } = req.query;
      if (cursor !== undefined && !/^[1-9]\d{0,15}$/.test(cursor)) throw new HttpError(400, 'invalid-cursor', 'Con trỏ phân trang không hợp lệ: bắt đầu lại từ trang đầu.');
      const entries = await auditLogPage(deps.db, deps.registry, { subject, action, beforeId: cursor === undefined ? undefined : Number(cursor), limit });
      const last = entries[entries.length - 1];
      return {
        entries,
        nextCursor: entries.length === limit && last ? String(last.id) : null,
      };
    },
  );
}
