import type { z } from 'zod';
import { responsesExportQuerySchema, type CampaignIndex } from '../../shared';
import type { App, Deps } from '../http/deps';
import { requireRole } from '../http/session';
import { vietnamDateTime } from '../services/export/format';
import { planResponsesExport, type ResponsesExportPlan } from '../services/export/plan';
import { responsesCsv, responsesXlsx } from '../services/export/responses';
import {
  campaignOf,
  campaignParams,
  DOWNLOAD_COMPRESSION,
  downloadHeaders,
  errorResponses,
  fileResponse,
  sendBody,
  XLSX_TYPE,
} from './exports-common';
import { rosterRoutes } from './exports-rosters';
import { scoresRoutes } from './exports-scores';

function fileStem(campaign: CampaignIndex, plan: ResponsesExportPlan): string {
  const parts = [
    'Phiếu đã thu',
    campaign.bundle.campaign.id,
    plan.questionnaires.length === 1 ? plan.questionnaires[0]?.id : undefined,
    plan.scope || undefined,
  ];
  return parts.filter(Boolean).join(' - ');
}

function describeFilters(deps: Deps, campaign: CampaignIndex, query: z.infer<typeof responsesExportQuerySchema>): [string, string][] {
  const rows: [string, string][] = [['Thời điểm xuất (giờ Việt Nam)', vietnamDateTime(deps.now().toISOString())]];
  const { units, groups } = campaign;
  if (query.level) rows.push(['Cấp', campaign.bundle.campaign.unitLevels.find((l) => l.id === query.level)?.name ?? query.level]);
  if (query.unitId) rows.push(['Đơn vị', units.get(query.unitId)?.name ?? query.unitId]);
  if (query.groupId) rows.push(['Đối tượng', groups.get(query.groupId)?.name ?? query.groupId]);
  if (query.questionnaireId) rows.push(['Loại phiếu', query.questionnaireId]);
  if (query.from) rows.push(['Hoàn thành từ ngày', query.from]);
  if (query.to) rows.push(['Hoàn thành đến ngày', query.to]);
  rows.push(['Phiếu', { all: 'tất cả', included: 'chỉ phiếu được tính', excluded: 'chỉ phiếu bị loại' }[query.included]]);
  rows.push(['Câu trả lời', query.labels === 'labels' ? 'nhãn lựa chọn' : 'mã lựa chọn']);
  return rows;
}

/**
 * Downloads for Home Affairs (DESIGN §2: exports are Home Affairs' alone; coordinators never see answers), streamed
 * from a read connection of their own so 100,000 responses take no more memory than 1,000: responses (CSV, XLSX),
 * survey scores (JSON, CSV, XLSX), and payment rosters (XLSX, printable page; coordinators get their own unit's).
 */
export function exportRoutes(app: App, deps: Deps): void {
  const responsesSchema = (format: 'csv' | 'xlsx') => ({
    tags: ['exports'],
    summary: `Received responses as ${format.toUpperCase()}: one row per response, one column per question (Home Affairs only)`,
    description:
      format === 'csv'
        ? 'UTF-8 with BOM, CRLF, RFC 4180. One questionnaire per file: give questionnaireId when the other filters match several. Metadata columns, flags (0/1), exclusion, then one column per question code (multiple choice: codes joined with ";"). Times in Asia/Ho_Chi_Minh. Text starting with = + - @ is prefixed with an apostrophe (CSV injection).'
        : 'One data sheet per questionnaire (all of those the filters match, or the one named), a Codebook sheet (question, text, kind, choices code=label, coefficients, sub-criterion) and a sheet describing the download.',
    params: campaignParams,
    querystring: responsesExportQuerySchema,
    response: {
      200: fileResponse(format === 'csv' ? 'text/csv' : XLSX_TYPE, format === 'csv' ? 'CSV file' : 'XLSX workbook'),
      ...errorResponses,
    },
  });

  app.get(
    '/api/campaigns/:campaignId/exports/responses.csv',
    { schema: responsesSchema('csv'), compress: DOWNLOAD_COMPRESSION },
    async (req, reply) => {
      requireRole(req, 'admin');
      const campaign = campaignOf(deps, req.params.campaignId);
      const plan = planResponsesExport(campaign, req.query, 'csv');
      downloadHeaders(reply, 'text/csv; charset=utf-8', `${fileStem(campaign, plan)}.csv`);
      if (req.method === 'HEAD') return sendBody(reply);
      return sendBody(reply, await responsesCsv(deps, campaign, plan));
    },
  );

  app.get('/api/campaigns/:campaignId/exports/responses.xlsx', { schema: responsesSchema('xlsx') }, async (req, reply) => {
    requireRole(req, 'admin');
    const campaign = campaignOf(deps, req.params.campaignId);
    const plan = planResponsesExport(campaign, req.query, 'xlsx');
    downloadHeaders(reply, XLSX_TYPE, `${fileStem(campaign, plan)}.xlsx`);
    if (req.method === 'HEAD') return sendBody(reply);
    return sendBody(reply, await responsesXlsx(deps, campaign, plan, describeFilters(deps, campaign, req.query)));
  });

  scoresRoutes(app, deps);
  rosterRoutes(app, deps);
}
