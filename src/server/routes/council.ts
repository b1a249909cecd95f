import { z } from 'zod';
import { councilMemberSchema, councilMemberUpdateSchema, errorBodySchema, slugId } from '../../shared';
import type { App, Deps } from '../http/deps';
import { allow, requireUser } from '../http/session';
import { requireCampaign } from '../services/admin-accounts';
import { readCouncil, removeCouncilMember, setCouncilMember } from '../services/council';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const params = z.object({ campaignId: slugId, accountId: z.string().min(1).max(64) });

/** The appraisal council of a campaign: Home Affairs sets it up; the council reads who is on it. */
export function councilRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/campaigns/:campaignId/council',
    {
      onRequest: allow('admin', 'council'),
      schema: {
        tags: ['appraisal'],
        summary: 'The council: members, chair and secretary, their bodies, and what each appraises',
        params: z.object({ campaignId: slugId }),
        response: { 200: z.array(councilMemberSchema), ...errors },
      },
    },
    async (req) => readCouncil(deps.db, requireCampaign(deps, req.params.campaignId)),
  );

  app.put(
    '/api/campaigns/:campaignId/council/:accountId',
    {
      onRequest: allow('admin'),
      schema: {
        tags: ['appraisal'],
        summary:
          'Put a council account on the council, or change its position, body and what it appraises (fields of a level, or whole units), as a whole',
        params,
        body: councilMemberUpdateSchema,
        response: { 200: councilMemberSchema, ...errors },
      },
    },
    async (req) =>
      setCouncilMember(deps.db, requireCampaign(deps, req.params.campaignId), req.params.accountId, req.body, requireUser(req), deps.now()),
  );

  app.delete(
    '/api/campaigns/:campaignId/council/:accountId',
    {
      onRequest: allow('admin'),
      schema: {
        tags: ['appraisal'],
        summary: 'Take an account off the council (what it saved stays)',
        params,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await removeCouncilMember(deps.db, requireCampaign(deps, req.params.campaignId), req.params.accountId, requireUser(req), deps.now());
      return reply.code(204).send(null);
    },
  );
}
