import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  attachmentDisposition,
  auditEntrySchema,
  dottedCode,
  errorBodySchema,
  lateResultSchema,
  problem,
  saAssignmentsUpdateSchema,
  saItemUpdateSchema,
  saStaffSchema,
  saUnitSummarySchema,
  selfAssessmentSchema,
  signedReportSchema,
  slugId,
  formatSize,
} from '../../shared';
import { catalogueFor, HttpError, problemError } from '../http/errors';
import { multipartRefusal } from '../http/multipart-errors';
import type { App, Deps } from '../http/deps';
import { allow, requireRole, requireUser } from '../http/session';
import { unitsInView } from '../services/council';
import { evidenceStoreOf } from '../services/evidence-store';
import { saAccess } from '../services/sa-access';
import { assignableStaff } from '../services/sa-staff';
import {
  listUnitSummaries,
  readSelfAssessment,
  saAudit,
  saveSelfAssessmentItem,
  setAssignments,
  submitSelfAssessment,
} from '../services/self-assessment';
import {
  requireSignedReportUpload,
  saveSignedReport,
  signedReportFileMissing,
  signedReportForDownload,
  signedReportMultipartRefusals,
  stageSignedReport,
  type UploadPart,
} from '../services/signed-report';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const unitParams = z.object({ campaignId: slugId, unitId: slugId });
const OFFICE = ['coordinator', 'staff', 'admin', 'council'] as const;

/** Self-assessment entry (DESIGN §6): read, save an item, assign, the signed report, submit. Evidence files are in evidence.ts. */
export function selfAssessmentRoutes(app: App, deps: Deps): void {
  const access = (req: FastifyRequest, campaignId: string, unitId: string) =>
    saAccess(deps.db, requireUser(req), deps.registry.get(campaignId), unitId);
  signedReportRoutes(app, deps);

  app.get(
    '/api/campaigns/:campaignId/self-assessments',
    {
      schema: {
        tags: ['self-assessment'],
        summary:
          'Every evaluated unit with the state and running total of its self-assessment (Home Affairs, the council’s chair; a member: the units they appraise)',
        params: z.object({ campaignId: slugId }),
        response: { 200: z.array(saUnitSummarySchema), ...errors },
      },
    },
    async (req) => {
      const user = requireRole(req, 'admin', 'council');
      const campaign = deps.registry.get(req.params.campaignId);
      if (!campaign) throw problemError(problem('campaigns.not-found', { campaign: req.params.campaignId }));
      // A council member lists the units they appraise something of; the chair and Home Affairs every unit.
      return listUnitSummaries(deps.db, campaign, user.role === 'council' ? await unitsInView(deps.db, campaign, user) : undefined);
    },
  );

  app.get(
    '/api/self-assessments/:campaignId/:unitId',
    {
      schema: {
        tags: ['self-assessment'],
        summary:
          "A unit's self-assessment: items, evidence library, assignments, totals and what is missing (staff: their assigned items only)",
        params: unitParams,
        response: { 200: selfAssessmentSchema, ...errors },
      },
    },
    async (req) => {
      requireRole(req, ...OFFICE);
      return readSelfAssessment(
        deps.db,
        deps.registry,
        await access(req, req.params.campaignId, req.params.unitId),
        catalogueFor(req.headers['accept-language']),
      );
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
      await saveSelfAssessmentItem(
        deps.db,
        await access(req, req.params.campaignId, req.params.unitId),
        user,
        req.params.code,
        req.body,
        deps.now(),
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/self-assessments/:campaignId/:unitId/staff',
    {
      schema: {
        tags: ['self-assessment'],
        summary: "The unit's staff accounts a coordinator can assign",
        params: unitParams,
        response: { 200: z.array(saStaffSchema), ...errors },
      },
    },
    async (req) => {
      requireRole(req, 'coordinator');
      await access(req, req.params.campaignId, req.params.unitId);
      return assignableStaff(deps.db, req.params.campaignId, req.params.unitId);
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
        summary:
          'Submit to the appraisal council: refused while anything is missing, and after the deadline per the campaign rule; then locked',
        params: unitParams,
        response: { 200: lateResultSchema, ...errors },
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

/**
 * The unit's signed, stamped self-assessment report (issue 15): upload or replace (the coordinator, until submitted),
 * and download (whoever sees the whole unit). The upload parses multipart in its own scope, one file at most.
 */
function signedReportRoutes(app: App, deps: Deps): void {
  const store = evidenceStoreOf(deps);
  const access = (req: FastifyRequest, p: { campaignId: string; unitId: string }) =>
    saAccess(deps.db, requireUser(req), deps.registry.get(p.campaignId), p.unitId);

  void app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    // Two files and a field are let through to be refused with their reason (one file only, no fields); more is cut off.
    await scope.register(multipart, {
      preservePath: true,
      limits: { fileSize: deps.evidenceMaxBytes, files: 2, fields: 2, fieldSize: 1024, parts: 4, headerPairs: 100 },
    });
    scope.put(
      '/api/self-assessments/:campaignId/:unitId/signed-report',
      {
        onRequest: allow('coordinator'),
        schema: {
          tags: ['self-assessment'],
          summary: 'Upload (or replace) the unit’s signed, stamped self-assessment report: one PDF, until the self-assessment is submitted',
          description:
            `multipart/form-data with one file part (any field name), a PDF (its content starts with "%PDF-") of at most ${formatSize(deps.evidenceMaxBytes, '.')}. ` +
            'The unit’s coordinator only; replaces the report in force. 409 once submitted, or when the same content is already the report in force; ' +
            '413 too large, 415 not a PDF, 400 empty, two files, a field or a bad name. Nothing is written on a refusal.',
          consumes: ['multipart/form-data'],
          params: unitParams,
          response: { 200: signedReportSchema, ...errors, 413: errorBodySchema, 415: errorBodySchema },
        },
      },
      async (req, reply) => {
        requireRole(req, 'coordinator');
        const acc = await access(req, req.params);
        requireSignedReportUpload(
          acc,
          { multipart: req.isMultipart(), declaredBytes: Number(req.headers['content-length'] ?? 0) },
          deps.evidenceMaxBytes,
        );
        let staged;
        try {
          // Without throwFileSizeLimit a file cut at the limit ends as `truncated` and is refused with its reason.
          staged = await stageSignedReport(
            store,
            req.parts({ throwFileSizeLimit: false } as Parameters<typeof req.parts>[0]) as AsyncIterable<UploadPart>,
          );
        } catch (err) {
          const answer = multipartRefusal(err, signedReportMultipartRefusals);
          // A refusal of the service comes after the whole body was read; any other: do not reuse this connection.
          if (!(err instanceof HttpError)) reply.header('connection', 'close');
          throw answer;
        }
        return saveSignedReport(deps.db, store, acc, staged, deps.now().toISOString());
      },
    );
  });

  app.get(
    '/api/self-assessments/:campaignId/:unitId/signed-report',
    {
      onRequest: allow('admin', 'council', 'coordinator', 'staff'),
      schema: {
        tags: ['self-assessment'],
        summary: 'Download the unit’s signed self-assessment report (PDF, as an attachment)',
        description:
          'For whoever sees the whole unit: its coordinator, Home Affairs, the council’s chair, a member who appraises the whole unit (403 for staff and ' +
          'members who appraise some fields only: the report carries every total). 404 when the unit has uploaded none. X-Content-Type-Options: nosniff.',
        params: unitParams,
        querystring: z.object({ view: z.enum(['inline']).optional().describe('inline: shown in the browser’s PDF viewer') }),
        response: {
          200: {
            description: 'The PDF',
            content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }).describe('The signed report as uploaded') } },
          },
          ...errors,
        },
      },
    },
    async (req, reply) => {
      requireRole(req, 'admin', 'council', 'coordinator', 'staff');
      const row = await signedReportForDownload(deps.db, await access(req, req.params));
      const blob = await store.blob(row.hash);
      if (!blob) {
        req.log.error({ hash: row.hash, unitId: req.params.unitId }, 'signed report missing on disk');
        throw signedReportFileMissing();
      }
      const inline = req.query.view === 'inline';
      const raw = reply as unknown as FastifyReply;
      raw
        .header('content-type', 'application/pdf')
        .header('content-length', blob.size)
        .header('content-disposition', attachmentDisposition(row.name, inline ? 'inline' : 'attachment'))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        // As for an evidence PDF shown in place: Chrome's PDF viewer does not run in a sandboxed document.
        .header('content-security-policy', inline ? "default-src 'none'; object-src 'self'" : "default-src 'none'; sandbox");
      return raw.send(blob.open());
    },
  );
}
