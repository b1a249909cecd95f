import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  liveResultsSchema,
  problem,
  publicationSchema,
  publicationSummarySchema,
  publishRequestSchema,
  resultsSchema,
  slugId,
  type Results,
} from '../../shared';
import type { App, Deps } from '../http/deps';
import { problemError } from '../http/errors';
import { allow, requireUser } from '../http/session';
import { requireCampaign } from '../services/admin-accounts';
import { PUBLIC_PAGE_CSP, publicNotFoundPage, publicResultsPage, publicScorecardPage } from '../services/public-pages';
import { RESULTS_REPORT_CSP, resultsReportHtml, resultsWorkbook } from '../services/results-files';
import { liveResults, publicationVersions, publishedVersion, publishResults } from '../services/results';
import { campaignParams, downloadHeaders, errorResponses, fileResponse, sendBody, XLSX_TYPE } from './exports-common';

const versionParams = z.object({ campaignId: slugId, version: z.coerce.number().int().min(1).max(1_000_000) });

/** A published version, or 404 (nothing published, or no such version). */
async function published(deps: Deps, campaignId: string, version?: number) {
  const found = await publishedVersion(deps, campaignId, version);
  if (!found) throw problemError(problem('results.not-published'));
  return found;
}

/**
 * The publication as JSON with its snapshot spliced in as stored: the results are served byte for byte as they were
 * frozen, never re-serialised.
 */
function sendPublication(reply: FastifyReply, found: Awaited<ReturnType<typeof published>>, cache: string): FastifyReply {
  const envelope = JSON.stringify(found.summary);
  return reply
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', cache)
    .send(`${envelope.slice(0, -1)},"results":${found.snapshot}}`);
}

const pageQuery = z.object({
  'phien-ban': z.coerce.number().int().min(1).max(1_000_000).optional().describe('An earlier published version (the newest when left out)'),
});

/** A public HTML page: no script, its own strict CSP, cached briefly (a correction shows within a minute). */
function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'public, max-age=60')
    .header('content-security-policy', PUBLIC_PAGE_CSP)
    .send(html);
}

/** The published version a public page shows, with every version's summary, or undefined when none is published. */
async function pageData(deps: Deps, campaignId: string, version?: number) {
  const found = await publishedVersion(deps, campaignId, version);
  if (!found) return undefined;
  return {
    summary: found.summary,
    results: resultsSchema.parse(JSON.parse(found.snapshot)) as Results,
    versions: await publicationVersions(deps, campaignId),
  };
}

/** The index (issue 12): Home Affairs' live results and publication; the published result for everyone. */
export function resultsRoutes(app: App, deps: Deps): void {
  app.get(
    '/ket-qua/:campaignId',
    {
      schema: {
        tags: ['public'],
        summary: 'The public results page (HTML, no script): the published ranking per level, with links to each unit’s scorecard',
        security: [],
        params: campaignParams,
        querystring: pageQuery,
        response: {
          200: fileResponse('text/html', 'The page'),
          404: fileResponse('text/html', 'Nothing published yet'),
          400: errorResponses[400],
        },
      },
    },
    async (req, reply) => {
      const data = await pageData(deps, req.params.campaignId, req.query['phien-ban']);
      const raw = reply as unknown as FastifyReply;
      if (!data) return sendPage(raw, 404, publicNotFoundPage('Kết quả Chỉ số cải cách hành chính của kỳ này chưa được công bố.'));
      return sendPage(raw, 200, publicResultsPage(data.results, data.summary, data.versions));
    },
  );

  app.get(
    '/ket-qua/:campaignId/:unitId',
    {
      schema: {
        tags: ['public'],
        summary: 'A unit’s public scorecard (HTML, no script): its index, rank, band and points per field',
        security: [],
        params: campaignParams.extend({ unitId: slugId }),
        querystring: pageQuery,
        response: {
          200: fileResponse('text/html', 'The page'),
          404: fileResponse('text/html', 'Nothing published, or no such unit'),
          400: errorResponses[400],
        },
      },
    },
    async (req, reply) => {
      const data = await pageData(deps, req.params.campaignId, req.query['phien-ban']);
      const unit = data?.results.levels.flatMap((l) => l.units).find((u) => u.unitId === req.params.unitId);
      const raw = reply as unknown as FastifyReply;
      if (!data || !unit) return sendPage(raw, 404, publicNotFoundPage('Không có kết quả đã công bố của đơn vị này.'));
      return sendPage(raw, 200, publicScorecardPage(data.results, data.summary, data.versions, unit));
    },
  );

  app.get(
    '/api/campaigns/:campaignId/results',
    {
      onRequest: allow('admin'),
      schema: {
        tags: ['results'],
        summary:
          'The index now (not published: "chưa công bố"): per level the ranking, every unit’s breakdown and survey detail; units still to appraise; versions published',
        params: campaignParams,
        response: { 200: liveResultsSchema, ...errorResponses },
      },
    },
    async (req) => liveResults(deps, requireCampaign(deps, req.params.campaignId)),
  );

  app.post(
    '/api/campaigns/:campaignId/publications',
    {
      onRequest: allow('admin'),
      schema: {
        tags: ['results'],
        summary: 'Publish the results as the next numbered version (every unit appraised; a correction needs a reason); frozen for good',
        params: campaignParams,
        body: publishRequestSchema,
        response: { 201: publicationSummarySchema, ...errorResponses, 409: errorResponses[400] },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await publishResults(deps, requireCampaign(deps, req.params.campaignId), requireUser(req), req.body.reason)),
  );

  app.get(
    '/api/campaigns/:campaignId/publications/:version/report.html',
    {
      onRequest: allow('admin'),
      schema: {
        tags: ['results'],
        summary: 'The printable A4 report of a published version, with a draft of the publishing decision (dự thảo Quyết định công bố)',
        params: versionParams,
        response: { 200: fileResponse('text/html', 'The report page'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const found = await published(deps, req.params.campaignId, req.params.version);
      const raw = reply as unknown as FastifyReply;
      raw
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-security-policy', RESULTS_REPORT_CSP);
      return sendBody(raw, resultsReportHtml(resultsSchema.parse(JSON.parse(found.snapshot)) as Results, found.summary));
    },
  );

  // Public: no account (DESIGN §2 "anyone sees only published results"). Nothing here but the published snapshot.
  app.get(
    '/api/public/campaigns/:campaignId/results',
    {
      schema: {
        tags: ['public'],
        summary: 'The latest published result of a campaign: ranking per level and every unit’s scorecard (no account needed)',
        security: [],
        params: campaignParams,
        response: { 200: publicationSchema, 404: errorResponses[404], 400: errorResponses[400] },
      },
    },
    async (req, reply) =>
      sendPublication(reply as unknown as FastifyReply, await published(deps, req.params.campaignId), 'public, max-age=60'),
  );

  app.get(
    '/api/public/campaigns/:campaignId/results/:version',
    {
      schema: {
        tags: ['public'],
        summary: 'One published version (earlier versions stay readable after a correction)',
        security: [],
        params: versionParams,
        response: { 200: publicationSchema, 404: errorResponses[404], 400: errorResponses[400] },
      },
    },
    async (req, reply) =>
      sendPublication(
        reply as unknown as FastifyReply,
        await published(deps, req.params.campaignId, req.params.version),
        'public, max-age=86400, immutable',
      ),
  );

  app.get(
    '/api/public/campaigns/:campaignId/results/:version/ket-qua.xlsx',
    {
      schema: {
        tags: ['public'],
        summary:
          'A published version as XLSX: ranking per level, and every unit × field × sub-criterion with self, appraised and survey points',
        security: [],
        params: versionParams,
        response: { 200: fileResponse(XLSX_TYPE, 'The workbook'), 404: errorResponses[404], 400: errorResponses[400] },
      },
    },
    async (req, reply) => {
      const found = await published(deps, req.params.campaignId, req.params.version);
      const results = resultsSchema.parse(JSON.parse(found.snapshot)) as Results;
      const raw = reply as unknown as FastifyReply;
      downloadHeaders(raw, XLSX_TYPE, `Chỉ số CCHC ${results.year} - ${results.province} - lần ${found.summary.version}.xlsx`);
      raw.header('cache-control', 'public, max-age=86400');
      return raw.send(await resultsWorkbook(results, found.summary));
    },
  );
}
