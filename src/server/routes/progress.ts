import { z } from 'zod';
import { campaignInfoSchema, errorBodySchema, frameworkSchema, problem, progressReportSchema, slugId } from '../../shared';
import { problemError } from '../http/errors';
import type { App, Deps } from '../http/deps';
import { requireRole, requireUser } from '../http/session';
import { campaignInfo } from '../services/pull';
import { progressReport } from '../services/progress';

export function progressRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/campaigns/current',
    {
      schema: {
        tags: ['progress'],
        summary: "The signed-in person's campaign (or the open one): names of units and groups, deadlines, state. No counts.",
        response: { 200: campaignInfoSchema, 401: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const campaign = (user.campaignId ? deps.registry.get(user.campaignId) : undefined) ?? deps.registry.current();
      if (!campaign) throw problemError(problem('campaigns.none-open'));
      return campaignInfo(campaign);
    },
  );

  app.get(
    '/api/campaigns/:campaignId/questionnaires',
    {
      schema: {
        tags: ['progress'],
        summary: 'Every questionnaire version of the campaign (the texts printed on paper forms: no answers)',
        params: z.object({ campaignId: slugId }),
        response: { 200: z.array(z.unknown()), 401: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (req) => {
      requireUser(req);
      const campaign = deps.registry.get(req.params.campaignId);
      if (!campaign) throw problemError(problem('campaigns.not-found', { campaign: req.params.campaignId }));
      return campaign.bundle.questionnaires;
    },
  );

  app.get(
    '/api/campaigns/:campaignId/frameworks',
    {
      schema: {
        tags: ['progress'],
        summary: 'The frameworks (bộ chỉ số) of the campaign: fields, criteria, sub-criteria with max points, evidence expected and guide',
        params: z.object({ campaignId: slugId }),
        response: { 200: z.array(frameworkSchema), 401: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (req) => {
      requireUser(req);
      const campaign = deps.registry.get(req.params.campaignId);
      if (!campaign) throw problemError(problem('campaigns.not-found', { campaign: req.params.campaignId }));
      return campaign.bundle.frameworks;
    },
  );

  app.get(
    '/api/campaigns/:campaignId/progress',
    {
      schema: {
        tags: ['progress'],
        summary: 'Quota progress (counts only). Home Affairs: all units, or one with ?unitId. Coordinator: own unit only.',
        params: z.object({ campaignId: slugId }),
        querystring: z.object({ unitId: slugId.optional() }),
        response: { 200: progressReportSchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (req) => {
      const user = requireRole(req, 'admin', 'coordinator');
      const campaign = deps.registry.get(req.params.campaignId);
      if (!campaign) throw problemError(problem('campaigns.not-found', { campaign: req.params.campaignId }));
      let unitId = req.query.unitId;
      if (user.role === 'coordinator') {
        if (user.campaignId !== campaign.bundle.campaign.id || !user.unitId) throw problemError(problem('progress.other-campaign'));
        if (unitId && unitId !== user.unitId) throw problemError(problem('progress.other-unit'));
        unitId = user.unitId;
      }
      if (unitId && !campaign.units.has(unitId)) throw problemError(problem('not-found.unit', { unit: unitId }));
      return progressReport(deps.db, campaign, deps.now(), unitId);
    },
  );
}
