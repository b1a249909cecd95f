import { z } from 'zod';
import {
  campaignListSchema,
  campaignSettingsResultSchema,
  campaignSettingsSchema,
  campaignStateRequestSchema,
  campaignStateResultSchema,
  errorBodySchema,
  slugId,
} from '../../shared';
import type { App, Deps } from '../http/deps';
import { allow, requireRole } from '../http/session';
import { getAdminSettings, listAdminCampaigns, putAdminSettings, setAdminCampaignState } from '../services/admin-campaigns';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const params = z.object({ campaignId: slugId });

export function adminCampaignRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/campaigns',
    {
      onRequest: allow('admin'),
      schema: {
        tags: ['admin'],
        summary: 'Campaigns with their state, deadlines in force and quota totals (Home Affairs only)',
        response: { 200: campaignListSchema, 401: errorBodySchema, 403: errorBodySchema },
      },
    },
    async () => ({ campaigns: await listAdminCampaigns(deps) }),
  );

  app.put(
    '/api/campaigns/:campaignId/state',
    {
      onRequest: allow('admin'),
      schema: {
        tags: ['admin'],
        summary:
          'Open, close or return a campaign to draft. Pushes to a campaign that is not open get campaign-closed; one campaign open at a time',
        params,
        body: campaignStateRequestSchema,
        response: { 200: campaignStateResultSchema, ...errors },
      },
    },
    async (req) => {
      const user = requireRole(req, 'admin');
      return setAdminCampaignState(deps, req.params.campaignId, req.body.state, user.id);
    },
  );

  app.get(
    '/api/campaigns/:campaignId/settings',
    {
      onRequest: allow('admin'),
      schema: {
        tags: ['admin'],
        summary: 'Run-time settings of a campaign (defaults filled in) and the deadlines of its definition file',
        params,
        response: { 200: campaignSettingsResultSchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (req) => getAdminSettings(deps, req.params.campaignId),
  );

  app.put(
    '/api/campaigns/:campaignId/settings',
    {
      onRequest: allow('admin'),
      schema: {
        tags: ['admin'],
        summary:
          "Replace the run-time settings: deadlines (override campaign.json; omit to use the file's), short-interview threshold, payment rates, late self-assessment",
        params,
        body: campaignSettingsSchema,
        response: { 200: campaignSettingsResultSchema, ...errors },
      },
    },
    async (req) => {
      const user = requireRole(req, 'admin');
      return putAdminSettings(deps, req.params.campaignId, req.body, user.id);
    },
  );
}
