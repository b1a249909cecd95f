import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  auditEntrySchema,
  dottedCode,
  errorBodySchema,
  saAssignmentsUpdateSchema,
  saItemUpdateSchema,
  saStaffSchema,
  saUnitSummarySchema,
  selfAssessmentSchema,
  slugId,
} from '../../shared';
import { unitStaff } from '../db/self-assessment';
import { notFound } from '../http/errors';
import type { App, Deps } from '../http/deps';
import { allow, requireRole, requireUser } from '../http/session';
import { unitsInView } from '../services/council';
import { saAccess } from '../services/sa-access';
import { listUnitSummaries, readSelfAssessment, saAudit, saveSelfAssessmentItem, setAssignments, submitSelfAssessment } from '../services/self-assessment';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const unitParams = z.object({ campaignId: slugId, unitId: slugId });
const OFFICE = ['coordinator', 'staff', 'admin', 'council'] as const;

/** Self-assessment entry (DESIGN §6): read, save an item, assign, submit. Evidence files are in evidence.ts. */
export function selfAssessmentRoutes(app: App, deps: Deps): void {
  const access = (req: FastifyRequest, campaignId: string, unitId: string) => saAccess(deps.db, requireUser(req), deps.registry.get(campaignId), unitId);

  app.get(
    '/api/campaigns/:campaignId/self-assessments',
    {
      schema: {
        tags: ['self-assessment'],
        summary: 'Every evaluated unit with the state and running total of its self-assessment (Home Affairs, the council’s chair; a member: the units they appraise)',
        params: z.object({ campaignId: slugId }),
        response: { 200: z.array(saUnitSummarySchema), ...errors },
      },
    },
    async (req) => {
      const user = requireRole(req, 'admin', 'council');
      const campaign = deps.registry.get(req.params.campaignId);
      if (!campaign) throw notFound(`kỳ đánh giá "${req.params.campaignId}"`);
      // A council member lists the units they appraise something of; the chair and Home Affairs every unit.
      return listUnitSummaries(deps.db, campaign, user.role === 'council' ? await unitsInView(deps.db, campaign, user) : undefined);
    },
  );

  app.get(
    '/api/self-assessments/:campaignId/:unitId',
    {
      schema: {
        tags: ['self-assessment'],
        summary: "A unit's self-assessment: items, evidence library, assignments, totals and what is missing (staff: their assigned items only)",
        params: unitParams,
        response: { 200: selfAssessmentSchema, ...errors },
      },
    },
    async (req) => {
      requireRole(req, ...OFFICE);
      return readSelfAssessment(deps.db, deps.registry, await access(req, req.params.campaignId, req.params.unitId));
    },
  );

  app.put(
    '/api/self-assessments/:campaignId/:unitId/items/:code',
    {
      onRequest: allow('coordinator', 'staff'),
      schema: {
        tags: ['self-assessment'],
        summary: 'Save the self score, explanation and note of one sub-criterion; 409 when someone saved it since `version`',
        params: unitParams.extend({ code: dottedCode }),
        body: saItemUpdateSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      await saveSelfAssessmentItem(deps.db, await access(req, req.params.campaignId, req.params.unitId), user, req.params.code, req.body, deps.now());
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/self-assessments/:campaignId/:unitId/staff',
    {
      schema: { tags: ['self-assessment'], summary: "The unit's staff accounts a coordinator can assign", params: unitParams, response: { 200: z.array(saStaffSchema), ...errors } },
    },
    async (req) => {
      requireRole(req, 'coordinator');
      await access(req, req.params.campaignId, req.params.unitId);
      return (await unitStaff(deps.db, req.params.campaignId, req.params.unitId)).map((s) => ({ id: s.id, username: s.username, displayName: s.display_name }));
    },
  );

  app.put(
    '/api/self-assessments/:campaignId/:unitId/assignments',
    {
      onRequest: allow('coordinator'),
      schema: {
        tags: ['self-assessment'],
        summary: 'Replace the assignment of fields, criteria or sub-criteria to the unit’s staff (phân công đánh giá)',
        params: unitParams,
        body: saAssignmentsUpdateSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      await setAssignments(deps.db, await access(req, req.params.campaignId, req.params.unitId), user, req.body.assignments, deps.now());
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/self-assessments/:campaignId/:unitId/submit',
    {
      onRequest: allow('coordinator'),
      schema: {
        tags: ['self-assessment'],
        summary: 'Submit to the appraisal council: refused while anything is missing, and after the deadline per the campaign rule; then locked',
        params: unitParams,
        response: { 200: z.object({ late: z.boolean() }), ...errors },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return submitSelfAssessment(deps.db, deps.registry, await access(req, req.params.campaignId, req.params.unitId), user, deps.now());
    },
  );

  app.get(
    '/api/self-assessments/:campaignId/:unitId/audit',
    {
      schema: {
        tags: ['self-assessment'],
        summary: 'Who changed what and when: one item (?code=) or the whole self-assessment',
        params: unitParams,
        querystring: z.object({ code: dottedCode.optional() }),
        response: { 200: z.array(auditEntrySchema), ...errors },
      },
    },
    async (req) => {
      requireRole(req, ...OFFICE);
      return saAudit(deps.db, await access(req, req.params.campaignId, req.params.unitId), req.query.code);
    },
  );
}
