import {
  errorBodySchema,
  problem,
  pullResultSchema,
  pushResponsesRequestSchema,
  pushResultSchema,
  pushRosterRequestSchema,
} from '../../shared';
import { catalogueFor, problemError } from '../http/errors';
import type { App, Deps } from '../http/deps';
import { allow, requireRole } from '../http/session';
import { pullForSurveyor } from '../services/pull';
import { pushJudgedResponses, pushRoster } from '../services/sync';
import { keepJsonBodiesAsBytes, serializeTrusted, SYNC_BODY_LIMIT, validateUnlessBytes } from '../services/sync-body';

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
      if (!campaign) throw problemError(problem('sync.no-campaign'));
      return pullForSurveyor(
        deps.db,
        campaign,
        deps.registry.settings(campaign.bundle.campaign.id),
        { id: user.id, username: user.username, displayName: user.displayName },
        deps.now(),
      );
    },
  );

  // The responses push has its own scope, where a JSON body is kept as bytes for the checker (services/sync-body.ts).
  void app.register(async (scope: App) => {
    const judgeBody = keepJsonBodiesAsBytes(scope, deps.checker);

    scope.post(
      '/api/sync/responses',
      {
        onRequest: allow('surveyor'),
        bodyLimit: SYNC_BODY_LIMIT,
        validatorCompiler: validateUnlessBytes,
        serializerCompiler: serializeTrusted,
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
        const judgements = await judgeBody(req);
        const results = await pushJudgedResponses(deps.writes, deps.registry, user, judgements, now, {
          afterCommit: deps.afterCommit,
          catalogue: catalogueFor(req.headers['accept-language']),
        });
        return { results, receivedAt: now.toISOString() };
      },
    );
  });

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
      const results = await pushRoster(
        deps.writes,
        deps.registry,
        user,
        req.body.entries,
        now,
        catalogueFor(req.headers['accept-language']),
      );
      return { results, receivedAt: now.toISOString() };
    },
  );
}
