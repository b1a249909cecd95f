import { z } from 'zod';
import { errorBodySchema, problem, slugId } from '../../shared';
import { problemError } from '../http/errors';
import type { App, Deps } from '../http/deps';
import { requireRole } from '../http/session';
import { listStoredResponses, storedResponse, storedResponseSchema } from '../services/stored-responses';

/** Individual answers: Home Affairs only (DESIGN §2). Coordinators never see answers: the unit is the one rated. */
export function responseRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/campaigns/:campaignId/responses',
    {
      schema: {
        tags: ['responses'],
        summary: 'List received responses with answers (Home Affairs only), oldest first, paginated by cursor',
        params: z.object({ campaignId: slugId }),
        querystring: z.object({
          unitId: slugId.optional(),
          groupId: slugId.optional(),
          surveyorId: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          cursor: z.string().max(200).optional().describe('nextCursor from the previous page'),
        }),
        response: {
          200: z.object({ responses: z.array(storedResponseSchema), nextCursor: z.string().nullable() }),
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
          404: errorBodySchema,
        },
      },
    },
    async (req) => {
      requireRole(req, 'admin');
      if (!deps.registry.get(req.params.campaignId))
        throw problemError(problem('campaigns.not-found', { campaign: req.params.campaignId }));
      const { unitId, groupId, surveyorId, cursor, limit } = req.query;
      return listStoredResponses(deps.db, { campaignId: req.params.campaignId, unitId, groupId, surveyorId, cursor, limit });
    },
  );

  app.get(
    '/api/responses/:id',
    {
      schema: {
        tags: ['responses'],
        summary: 'One response with its answers (Home Affairs only)',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: storedResponseSchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (req) => {
      requireRole(req, 'admin');
      return storedResponse(deps.db, req.params.id);
    },
  );
}
