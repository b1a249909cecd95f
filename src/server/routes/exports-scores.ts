import { problem, scoresExportQuerySchema, scoresExportSchema, type CampaignIndex } from '../../shared';
import { problemError } from '../http/errors';
import type { App, Deps } from '../http/deps';
import { requireRole } from '../http/session';
import { csvRecord, UTF8_BOM } from '../services/export/csv';
import {
  QUESTION_SCORE_HEADER,
  questionScoreRows,
  SUB_CRITERION_SCORE_HEADER,
  subCriterionScoreRows,
  surveyScores,
  UNIT_SCORE_HEADER,
  unitScoreRows,
} from '../services/export/scores';
import { levelList } from '../services/export/plan';
import { addTableSheet, streamWorkbook } from '../services/export/xlsx';
import { campaignOf, campaignParams, downloadHeaders, errorResponses, fileResponse, sendBody, XLSX_TYPE } from './exports-common';

function checkLevel(campaign: CampaignIndex, level: string | undefined): void {
  if (level && !campaign.bundle.campaign.unitLevels.some((l) => l.id === level)) {
    throw problemError(problem('export.unknown-level', { level, levels: levelList(campaign.bundle.campaign) }), ['querystring.level']);
  }
}

const fileName = (campaign: CampaignIndex, level: string | undefined, ext: string) =>
  `Điểm điều tra xã hội học - ${campaign.bundle.campaign.id}${level ? ` - ${campaign.bundle.campaign.unitLevels.find((l) => l.id === level)?.name ?? level}` : ''}.${ext}`;

const description =
  'Per unit and survey-scored sub-criterion: points, ratio, the rule applied, and per respondent group its weight, valid answers, mean coefficient (or why it was left out), computed by the shared engine from the included (not excluded) responses.';

/** Survey scores (DESIGN §5) computed by the shared engine from the included responses: Home Affairs only. */
export function scoresRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/campaigns/:campaignId/exports/scores.json',
    {
      schema: {
        tags: ['exports'],
        summary: 'Survey scores per unit and sub-criterion, with the numbers behind them (Home Affairs only)',
        description,
        params: campaignParams,
        querystring: scoresExportQuerySchema,
        response: { 200: scoresExportSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      requireRole(req, 'admin');
      const campaign = campaignOf(deps, req.params.campaignId);
      checkLevel(campaign, req.query.level);
      reply.header('cache-control', 'no-store');
      return surveyScores(deps, campaign, req.query.level, (m) => req.log.warn(m));
    },
  );

  app.get(
    '/api/campaigns/:campaignId/exports/scores.csv',
    {
      schema: {
        tags: ['exports'],
        summary: 'Survey scores as CSV: one row per unit × sub-criterion × respondent group (Home Affairs only)',
        description: `${description} UTF-8 with BOM.`,
        params: campaignParams,
        querystring: scoresExportQuerySchema,
        response: { 200: fileResponse('text/csv', 'CSV file'), ...errorResponses },
      },
    },
    async (req, reply) => {
      requireRole(req, 'admin');
      const campaign = campaignOf(deps, req.params.campaignId);
      checkLevel(campaign, req.query.level);
      downloadHeaders(reply, 'text/csv; charset=utf-8', fileName(campaign, req.query.level, 'csv'));
      if (req.method === 'HEAD') return sendBody(reply);
      const scores = await surveyScores(deps, campaign, req.query.level, (m) => req.log.warn(m));
      return sendBody(reply, UTF8_BOM + [SUB_CRITERION_SCORE_HEADER, ...subCriterionScoreRows(scores)].map((r) => csvRecord(r)).join(''));
    },
  );

  app.get(
    '/api/campaigns/:campaignId/exports/scores.xlsx',
    {
      schema: {
        tags: ['exports'],
        summary: 'Survey scores as XLSX: units, sub-criteria × groups, questions (Home Affairs only)',
        description,
        params: campaignParams,
        querystring: scoresExportQuerySchema,
        response: { 200: fileResponse(XLSX_TYPE, 'XLSX workbook'), ...errorResponses },
      },
    },
    async (req, reply) => {
      requireRole(req, 'admin');
      const campaign = campaignOf(deps, req.params.campaignId);
      checkLevel(campaign, req.query.level);
      downloadHeaders(reply, XLSX_TYPE, fileName(campaign, req.query.level, 'xlsx'));
      if (req.method === 'HEAD') return sendBody(reply);
      const scores = await surveyScores(deps, campaign, req.query.level, (m) => req.log.warn(m));
      const workbook = streamWorkbook(async (wb) => {
        addTableSheet(wb, 'Đơn vị', UNIT_SCORE_HEADER, unitScoreRows(scores));
        addTableSheet(wb, 'Tiêu chí thành phần', SUB_CRITERION_SCORE_HEADER, subCriterionScoreRows(scores));
        addTableSheet(wb, 'Câu hỏi', QUESTION_SCORE_HEADER, questionScoreRows(scores, campaign));
      });
      return sendBody(reply, workbook);
    },
  );
}
