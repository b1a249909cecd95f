import { z } from 'zod';
import {
  errorBodySchema,
  issueBatchRequestSchema,
  issuedBatchSchema,
  problem,
  selfFillBatchListSchema,
  selfFillBatchSchema,
  slugId,
  type CampaignIndex,
} from '../../shared';
import { problemError } from '../http/errors';
import type { App, Deps } from '../http/deps';
import { allow, requireUser } from '../http/session';
import { issueBatch, listSelfFillBatches, revokeSelfFillBatch } from '../services/self-fill';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** Self-fill code batches (issue 19): Home Affairs for any cell, a surveyor for assigned cells (services/self-fill.ts). */
export function selfFillRoutes(app: App, deps: Deps): void {
  const campaignOf = (id: string): CampaignIndex => {
    const campaign = deps.registry.get(id);
    if (!campaign) throw problemError(problem('campaigns.not-found', { campaign: id }));
    return campaign;
  };

  app.post(
    '/api/campaigns/:campaignId/self-fill/batches',
    {
      preHandler: allow('admin', 'surveyor', 'coordinator', 'council', 'staff'),
      schema: {
        tags: ['self-fill'],
        summary:
          'Issue a batch of single-use self-fill codes for one unit × group. The plain codes, links and QR codes are in this answer only.',
        params: z.object({ campaignId: slugId }),
        body: issueBatchRequestSchema,
        response: { 201: issuedBatchSchema, ...errors },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const origin = deps.publicOrigin ?? `${req.protocol}://${req.host}`;
      const issued = await issueBatch(deps, user, campaignOf(req.params.campaignId), req.body, origin);
      return reply.code(201).send(issued);
    },
  );

  app.get(
    '/api/campaigns/:campaignId/self-fill/batches',
    {
      preHandler: allow('admin', 'surveyor', 'coordinator', 'council', 'staff'),
      schema: {
        tags: ['self-fill'],
        summary: "Self-fill batches with their codes' counts: Home Affairs all, a surveyor those of assigned cells.",
        params: z.object({ campaignId: slugId }),
        querystring: z.object({ unitId: slugId.optional(), groupId: slugId.optional() }),
        response: { 200: selfFillBatchListSchema, ...errors },
      },
    },
    async (req) => ({
      batches: await listSelfFillBatches(deps, requireUser(req), campaignOf(req.params.campaignId), req.query),
    }),
  );

  app.post(
    '/api/campaigns/:campaignId/self-fill/batches/:batchId/revoke',
    {
      preHandler: allow('admin', 'surveyor', 'coordinator', 'council', 'staff'),
      schema: {
        tags: ['self-fill'],
        summary: 'Revoke a batch: its unspent codes are refused from now on; what was submitted stays.',
        params: z.object({ campaignId: slugId, batchId: z.uuid() }),
        response: { 200: selfFillBatchSchema, ...errors },
      },
    },
    async (req) => revokeSelfFillBatch(deps, requireUser(req), campaignOf(req.params.campaignId), req.params.batchId),
  );
}
