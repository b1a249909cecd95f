import { z } from 'zod';
import { answerValueSchema, errorBodySchema, slugId } from '../../shared';
import { getResponse, listResponses } from '../db/responses';
import type { ResponseRow } from '../db/schema';
import { HttpError, notFound } from '../http/errors';
import type { App, Deps } from '../http/deps';
import { requireRole } from '../http/session';

const storedResponseSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  unitId: z.string(),
  groupId: z.string(),
  questionnaireId: z.string(),
  questionnaireVersion: z.int(),
  surveyorId: z.string(),
  deviceId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  appVersion: z.string(),
  mode: z.string(),
  paperSerial: z.string().nullable(),
  answers: z.record(z.string(), answerValueSchema),
  receivedAt: z.string(),
  overQuota: z.boolean(),
  excluded: z.boolean(),
});

const toApi = (r: ResponseRow): z.infer<typeof storedResponseSchema> => ({
  id: r.id,
  campaignId: r.campaign_id,
  unitId: r.unit_id,
  groupId: r.group_id,
  questionnaireId: r.questionnaire_id,
  questionnaireVersion: r.questionnaire_version,
  surveyorId: r.surveyor_id,
  deviceId: r.device_id,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  appVersion: r.app_version,
  mode: r.mode,
  paperSerial: r.paper_serial,
  answers: JSON.parse(r.answers_json),
  receivedAt: r.received_at,
  overQuota: r.over_quota === 1,
  excluded: r.excluded === 1,
});

const cursorSchema = z.object({ receivedAt: z.string(), id: z.string() });

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
        response: { 200: z.object({ responses: z.array(storedResponseSchema), nextCursor: z.string().nullable() }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (req) => {
      requireRole(req, 'admin');
      if (!deps.registry.get(req.params.campaignId)) throw notFound(`kỳ đánh giá "${req.params.campaignId}"`);
      let after: z.infer<typeof cursorSchema> | undefined;
      if (req.query.cursor) {
        const decoded = cursorSchema.safeParse(safeJson(Buffer.from(req.query.cursor, 'base64url').toString('utf8')));
        if (!decoded.success) throw new HttpError(400, 'invalid-cursor', 'Con trỏ phân trang không hợp lệ: bắt đầu lại từ trang đầu.');
        after = decoded.data;
      }
      const rows = await listResponses(deps.db, { campaignId: req.params.campaignId, unitId: req.query.unitId, groupId: req.query.groupId, surveyorId: req.query.surveyorId, after, limit: req.query.limit });
      const last = rows[rows.length - 1];
      const nextCursor = rows.length === req.query.limit && last ? Buffer.from(JSON.stringify({ receivedAt: last.received_at, id: last.id })).toString('base64url') : null;
      return { responses: rows.map(toApi), nextCursor };
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
      const row = await getResponse(deps.db, req.params.id);
      if (!row) throw notFound('phiếu này');
      return toApi(row);
    },
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
