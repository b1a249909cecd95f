import { z } from 'zod';
import { errorBodySchema, progressReportSchema, slugId } from '../../shared';
import { forbidden, notFound } from '../http/errors';
import type { App, Deps } from '../http/deps';
import { requireRole } from '../http/session';
import { progressReport } from '../services/progress';

export function progressRoutes(app: App, deps: Deps): void {
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
      if (!campaign) throw notFound(`kỳ đánh giá "${req.params.campaignId}"`);
      let unitId = req.query.unitId;
      if (user.role === 'coordinator') {
        if (user.campaignId !== campaign.bundle.campaign.id || !user.unitId) throw forbidden('tiến độ của kỳ đánh giá này');
        if (unitId && unitId !== user.unitId) throw forbidden('tiến độ của đơn vị khác');
        unitId = user.unitId;
      }
      if (unitId && !campaign.units.has(unitId)) throw notFound(`đơn vị "${unitId}"`);
      return progressReport(deps.db, campaign, deps.now(), unitId);
    },
  );
}
