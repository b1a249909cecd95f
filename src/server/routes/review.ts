import { z } from 'zod';
import {
  auditEntrySchema,
  errorBodySchema,
  problem,
  reviewActionSchema,
  reviewDetailSchema,
  reviewPageSchema,
  reviewQuerySchema,
  reviewSummarySchema,
  slugId,
} from '../../shared';
import { problemError } from '../http/errors';
import type { App, Deps } from '../http/deps';
import { allow, requireRole } from '../http/session';
import { responseAudit, reviewDetail, reviewPage, setExclusion, summary } from '../services/review';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const idParams = z.object({ id: z.string().min(1).max(64) });

/** Review of received responses: Home Affairs only (DESIGN §2: nobody else sees answers or who collected which). */
export function reviewRoutes(app: App, deps: Deps): void {
  const campaignOf = (id: string) => {
    const campaign = deps.registry.get(id);
    const settings = deps.registry.settings(id);
    if (!campaign || !settings) throw problemError(problem('campaigns.not-found', { campaign: id }));
    return { campaign, settings };
  };

  app.get(
    '/api/campaigns/:campaignId/review',
    {
      schema: {
        tags: ['review'],
        summary: 'Received responses with their review flags (no answers), oldest arrival first, filtered and paged',
        params: z.object({ campaignId: slugId }),
        querystring: reviewQuerySchema,
        response: { 200: reviewPageSchema, ...errors },
      },
    },
    async (req) => {
      requireRole(req, 'admin');
      const { campaign, settings } = campaignOf(req.params.campaignId);
      return reviewPage(deps.db, campaign, settings, req.query);
    },
  );

  app.get(
    '/api/campaigns/:campaignId/review/summary',
    {
      schema: {
        tags: ['review'],
        summary: 'How many responses were received, excluded, and carry each review flag',
        params: z.object({ campaignId: slugId }),
        response: { 200: reviewSummarySchema, ...errors },
      },
    },
    async (req) => {
      requireRole(req, 'admin');
      const { campaign, settings } = campaignOf(req.params.campaignId);
      return summary(deps.db, campaign, settings);
    },
  );

  app.get(
    '/api/responses/:id/review',
    {
      schema: {
        tags: ['review'],
        summary: 'One response with its answers, flags and exclusion',
        params: idParams,
        response: { 200: reviewDetailSchema, ...errors },
      },
    },
    async (req) => {
      requireRole(req, 'admin');
      return reviewDetail(deps.db, deps.registry, req.params.id);
    },
  );

  app.get(
    '/api/responses/:id/audit',
    {
      schema: {
        tags: ['review'],
        summary: 'Who excluded or restored this response, when and why',
        params: idParams,
        response: { 200: z.array(auditEntrySchema), ...errors },
      },
    },
    async (req) => {
      requireRole(req, 'admin');
      return responseAudit(deps.db, req.params.id);
    },
  );

  for (const action of ['exclude', 'restore'] as const) {
    app.post(
      `/api/responses/:id/${action}`,
      {
        onRequest: allow('admin'),
        schema: {
          tags: ['review'],
          summary:
            action === 'exclude'
              ? 'Exclude a response from counts and scores, with the reason'
              : 'Count an excluded response again, with the reason',
          params: idParams,
          body: reviewActionSchema,
          response: { 204: z.null(), ...errors, 409: errorBodySchema },
        },
      },
      async (req, reply) => {
        const user = requireRole(req, 'admin');
        await setExclusion(deps.writes, req.params.id, action === 'exclude', req.body.reason, user.id, deps.now());
        return reply.code(204).send(null);
      },
    );
  }
}
