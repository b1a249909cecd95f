import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { problem, rosterExportQuerySchema, type CampaignIndex } from '../../shared';
import { problemError } from '../http/errors';
import type { App, Deps } from '../http/deps';
import { requireRole } from '../http/session';
import { ROSTER_PAGE_CSP, rostersHtml, rostersWorkbook, unitRosters } from '../services/export/rosters';
import { campaignOf, campaignParams, downloadHeaders, errorResponses, fileResponse, sendBody, XLSX_TYPE } from './exports-common';

/**
 * The units a caller may have the roster of (DESIGN §2 "payment roster: own unit" for coordinators, all for Home
 * Affairs). A coordinator naming another unit, or of another campaign, is refused; an unknown unit is a 400.
 */
function rosterUnits(req: FastifyRequest, campaign: CampaignIndex, unitId: string | undefined): string[] {
  const user = requireRole(req, 'admin', 'coordinator');
  if (user.role === 'coordinator') {
    if (user.campaignId !== campaign.bundle.campaign.id || !user.unitId) throw problemError(problem('export.roster-other-campaign'));
    if (unitId && unitId !== user.unitId) throw problemError(problem('export.roster-other-unit'));
    return [user.unitId];
  }
  if (unitId && !campaign.units.has(unitId)) throw problemError(problem('export.unknown-unit', { unit: unitId }), ['querystring.unitId']);
  return unitId ? [unitId] : campaign.bundle.campaign.units.map((u) => u.id);
}

const fileName = (campaign: CampaignIndex, units: string[], ext: string) =>
  `Danh sách thanh toán - ${units.length === 1 ? (campaign.units.get(units[0] as string)?.name ?? units[0]) : campaign.bundle.campaign.id}.${ext}`;

const summary = (what: string) =>
  `Payment rosters (thanh quyết toán kinh phí) ${what}: Home Affairs for any unit (all when unitId is left out), a coordinator for their own unit`;
const description =
  'Per unit: the respondents (name, organisation or address, group, date, amount = the group rate or the respondent rate) and the surveyors (name, responses received for the unit, amount = count × surveyor rate), each with totals and a "Ký nhận" signature column. Rates are the campaign settings (payment).';

/** Payment rosters: Home Affairs for every unit, a coordinator for their own (DESIGN §2). */
export function rosterRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/campaigns/:campaignId/exports/rosters.xlsx',
    {
      schema: {
        tags: ['exports'],
        summary: summary('as XLSX, one sheet per unit'),
        description,
        params: campaignParams,
        querystring: rosterExportQuerySchema,
        response: { 200: fileResponse(XLSX_TYPE, 'XLSX workbook'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const campaign = campaignOf(deps, req.params.campaignId);
      const units = rosterUnits(req, campaign, req.query.unitId);
      downloadHeaders(reply, XLSX_TYPE, fileName(campaign, units, 'xlsx'));
      if (req.method === 'HEAD') return sendBody(reply);
      return sendBody(reply, rostersWorkbook(campaign, await unitRosters(deps, campaign, units)));
    },
  );

  app.get(
    '/api/campaigns/:campaignId/exports/rosters.html',
    {
      schema: {
        tags: ['exports'],
        summary: summary('as a printable A4 page'),
        description: `${description} The page has no script and is served with a CSP that allows only its own style sheet.`,
        params: campaignParams,
        querystring: rosterExportQuerySchema,
        response: {
          200: { description: 'HTML page', content: { 'text/html': { schema: z.string().describe('HTML page') } } },
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const campaign = campaignOf(deps, req.params.campaignId);
      const units = rosterUnits(req, campaign, req.query.unitId);
      reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-security-policy', ROSTER_PAGE_CSP);
      if (req.method === 'HEAD') return sendBody(reply);
      return sendBody(reply, rostersHtml(campaign, await unitRosters(deps, campaign, units)));
    },
  );
}
