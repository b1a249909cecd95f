import { errorBodySchema, pullResultSchema, pushResponsesRequestSchema, pushResultSchema, pushRosterRequestSchema } from '../../shared';
import { HttpError } from '../http/errors';
import type { App, Deps } from '../http/deps';
import { allow, requireRole } from '../http/session';
import { pullForSurveyor } from '../services/pull';
import { pushResponses, pushRoster } from '../services/sync';

/** 100 responses of a few KB each fit well inside this; a larger body is refused before it is parsed. */
const SYNC_BODY_LIMIT = 4 * 1024 * 1024;

export function syncRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/sync/pull',
    {
      schema: {
        tags: ['sync'],
        summary: "Everything a surveyor's device needs to work offline",
        response: { 200: pullResultSchema, 401: errorBodySchema, 403: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (req) => {
      const user = requireRole(req, 'surveyor');
      const campaign = (user.campaignId ? deps.registry.get(user.campaignId) : undefined) ?? deps.registry.current();
      if (!campaign) throw new HttpError(409, 'no-campaign', 'Chưa có kỳ đánh giá nào trên máy chủ.');
      return pullForSurveyor(deps.db, campaign, { id: user.id, username: user.username, displayName: user.displayName }, deps.now());
    },
  );

  app.post(
    '/api/sync/responses',
    {
      onRequest: allow('surveyor'),
      bodyLimit: SYNC_BODY_LIMIT,
      schema: {
        tags: ['sync'],
        summary: 'Push finalised responses; per-item accepted / duplicate / rejected, answered after commit',
        body: pushResponsesRequestSchema,
        response: { 200: pushResultSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 413: errorBodySchema },
      },
    },
    async (req) => {
      const user = requireRole(req, 'surveyor');
      const now = deps.now();
      const results = await pushResponses(deps.writes, deps.registry, user, req.body.responses, now, { afterCommit: deps.afterCommit, checker: deps.checker });
      return { results, receivedAt: now.toISOString() };
    },
  );

  app.post(
    '/api/sync/roster',
    {
      onRequest: allow('surveyor'),
      bodyLimit: SYNC_BODY_LIMIT,
      schema: {
        tags: ['sync'],
        summary: 'Push payment-roster entries (stored apart from responses, never linked to them)',
        body: pushRosterRequestSchema,
        response: { 200: pushResultSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 413: errorBodySchema },
      },
    },
    async (req) => {
      const user = requireRole(req, 'surveyor');
      const now = deps.now();
      const results = await pushRoster(deps.writes, deps.registry, user, req.body.entries, now);
      return { results, receivedAt: now.toISOString() };
    },
  );
}
