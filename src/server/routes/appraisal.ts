import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  appraisalItemUpdateSchema,
  appraisalSchema,
  appraisalWorkListSchema,
  dottedCode,
  errorBodySchema,
  explanationAnswerSchema,
  explanationRequestResultSchema,
  explanationRequestSchema,
  lateResultSchema,
  returnRequestSchema,
  slugId,
} from '../../shared';
import type { App, Deps } from '../http/deps';
import { allow, requireUser } from '../http/session';
import { requireCampaign } from '../services/admin-accounts';
import {
  appraisalWorkList,
  closeAppraisal,
  readAppraisal,
  requestExplanation,
  returnAssessment,
  saveAppraisalItem,
  sendExplanation,
} from '../services/appraisal';
import { saAccess } from '../services/sa-access';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const unitParams = z.object({ campaignId: slugId, unitId: slugId });
const tags = ['appraisal'];

/**
 * The appraisal council's work (DESIGN §6, issue 12): work lists, appraised scores, explanation rounds, closing,
 * and Home Affairs returning a unit. Who may do what in which state is decided per request by the workflow.
 */
export function appraisalRoutes(app: App, deps: Deps): void {
  const access = (req: FastifyRequest, p: { campaignId: string; unitId: string }) =>
    saAccess(deps.db, requireUser(req), deps.registry.get(p.campaignId), p.unitId);

  app.get(
    '/api/campaigns/:campaignId/appraisal-tasks',
    {
      onRequest: allow('council', 'admin'),
      schema: {
        tags,
        summary: 'The work list: each unit × the items the caller appraises there, with progress (Home Affairs and the chair: every unit)',
        params: z.object({ campaignId: slugId }),
        response: { 200: appraisalWorkListSchema, ...errors },
      },
    },
    async (req) => appraisalWorkList(deps.db, requireCampaign(deps, req.params.campaignId), requireUser(req)),
  );

  app.get(
    '/api/self-assessments/:campaignId/:unitId/appraisal',
    {
      onRequest: allow('council', 'admin', 'coordinator', 'staff'),
      schema: {
        tags,
        summary:
          "A unit's appraisal: the council's scores and comments (council and Home Affairs only), explanation rounds, what the caller may do",
        params: unitParams,
        response: { 200: appraisalSchema, ...errors },
      },
    },
    async (req) => readAppraisal(deps.db, await access(req, req.params)),
  );

  app.put(
    '/api/self-assessments/:campaignId/:unitId/appraisal/items/:code',
    {
      onRequest: allow('council'),
      schema: {
        tags,
        summary:
          'Save the appraised score and comment of one item (a score other than the self score needs a comment); 409 when someone saved it since `version`',
        params: unitParams.extend({ code: dottedCode }),
        body: appraisalItemUpdateSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await saveAppraisalItem(
        deps.db,
        deps.registry,
        await access(req, req.params),
        requireUser(req),
        req.params.code,
        req.body,
        deps.now(),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/self-assessments/:campaignId/:unitId/explanation-requests',
    {
      onRequest: allow('council'),
      schema: {
        tags,
        summary:
          'Ask the unit to explain or add evidence on some items by a day (yêu cầu giải trình): only those items reopen for the unit',
        params: unitParams,
        body: explanationRequestSchema,
        response: { 200: explanationRequestResultSchema, ...errors },
      },
    },
    async (req) => requestExplanation(deps.db, deps.registry, await access(req, req.params), requireUser(req), req.body, deps.now()),
  );

  app.post(
    '/api/self-assessments/:campaignId/:unitId/explanation-requests/answer',
    {
      onRequest: allow('coordinator'),
      schema: {
        tags,
        summary: "The unit's coordinator sends the answers of the open round back to the council",
        params: unitParams,
        body: explanationAnswerSchema,
        response: { 200: lateResultSchema, ...errors },
      },
    },
    async (req) => sendExplanation(deps.db, deps.registry, await access(req, req.params), requireUser(req), req.body.message, deps.now()),
  );

  app.post(
    '/api/self-assessments/:campaignId/:unitId/appraisal/close',
    {
      onRequest: allow('council', 'admin'),
      schema: {
        tags,
        summary: 'Close the appraisal of a unit (the chair or Home Affairs) once every appraised item has a score: locked',
        params: unitParams,
        response: { 200: lateResultSchema, ...errors },
      },
    },
    async (req) => closeAppraisal(deps.db, deps.registry, await access(req, req.params), requireUser(req), deps.now()),
  );

  app.post(
    '/api/self-assessments/:campaignId/:unitId/return',
    {
      onRequest: allow('admin'),
      schema: {
        tags,
        summary: 'Return a unit to an earlier state (draft, submitted or in appraisal) with a reason the unit reads (Home Affairs)',
        params: unitParams,
        body: returnRequestSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await returnAssessment(deps.db, await access(req, req.params), requireUser(req), req.body.to, req.body.reason, deps.now());
      return reply.code(204).send(null);
    },
  );
}
