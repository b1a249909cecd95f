import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  attachmentDisposition,
  formatSize,
  INLINE_MEDIA_TYPES,
  dottedCode,
  errorBodySchema,
  problem,
  evidenceUploadResultSchema,
  saAttachSchema,
  saItemFilesSchema,
  slugId,
} from '../../shared';
import { catalogueFor, problemError } from '../http/errors';
import type { App, Deps } from '../http/deps';
import { allow, requireRole } from '../http/session';
import { attachFile, detachFile, notInLibrary } from '../services/evidence-library';
import { evidenceStoreOf } from '../services/evidence-store';
import { MAX_EVIDENCE_FILES, readEvidenceUpload, requireEvidenceUpload, saveEvidenceUpload } from '../services/evidence-upload';
import { requireEditable, saAccess, visibleEvidence, type SaAccess } from '../services/sa-access';

const hashParam = z.string().regex(/^[0-9a-f]{64}$/, 'Mã tệp không hợp lệ (64 ký tự 0–9, a–f)');
const unitParams = z.object({ campaignId: slugId, unitId: slugId });
const fileParams = unitParams.extend({ hash: hashParam });
const itemParams = unitParams.extend({ code: dottedCode });
const itemFileParams = itemParams.extend({ hash: hashParam });

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/**
 * Evidence files of a unit's self-assessment (issue 6): upload into the unit's library (optionally attaching at
 * once), attach a library file to another item, detach, download. Editing follows `saAccess` (the coordinator, or
 * staff within their assignment, until submitted); downloads are for whoever may see the unit's self-assessment.
 */
export function evidenceRoutes(app: App, deps: Deps): void {
  const store = evidenceStoreOf(deps);
  const access = (user: Parameters<typeof saAccess>[1], p: { campaignId: string; unitId: string }): Promise<SaAccess> =>
    saAccess(deps.db, user, deps.registry.get(p.campaignId), p.unitId);

  void app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    await scope.register(multipart, {
      // preservePath: the name arrives as sent, so that "../x.pdf" or "a/b.pdf" is refused rather than quietly cut.
      preservePath: true,
      limits: { fileSize: deps.evidenceMaxBytes, files: MAX_EVIDENCE_FILES, fields: 10, fieldSize: 1024, parts: 20, headerPairs: 100 },
    });
    scope.addHook('onReady', async () => {
      await store.sweepTemp(deps.now()).catch(() => 0);
    });

    scope.post(
      '/api/self-assessments/:campaignId/:unitId/files',
      {
        onRequest: allow('coordinator', 'staff'),
        schema: {
          tags: ['self-assessment'],
          summary: 'Upload evidence files into the unit’s library, optionally attaching them to a sub-criterion at once',
          description:
            `multipart/form-data: one to ${MAX_EVIDENCE_FILES} file parts (any field name), each at most ${formatSize(deps.evidenceMaxBytes, '.')}, and optionally a field ` +
            '"attachTo" with a sub-criterion code. The kind of each file is decided by its content: PDF, DOCX, DOC, XLSX, XLS, ODT, ODS, PNG, JPEG, TIFF, WebP. ' +
            'A file refused (size, kind, name) writes nothing and is listed in "refused"; the others go through. Content already in the library keeps its ' +
            'entry ("alreadyThere"). When every file is refused: 413 (all too large), 415 (all of a refused kind) or 400, with each reason in "issues". ' +
            'The coordinator, or staff for an "attachTo" within their assignment (staff need at least one assigned sub-criterion); 409 once submitted.',
          consumes: ['multipart/form-data'],
          params: unitParams,
          response: { 200: evidenceUploadResultSchema, ...errors, 413: errorBodySchema, 415: errorBodySchema },
        },
      },
      async (req, reply) => {
        const user = requireRole(req, 'coordinator', 'staff');
        const acc = await access(user, req.params);
        requireEvidenceUpload(
          acc,
          { multipart: req.isMultipart(), declaredBytes: Number(req.headers['content-length'] ?? 0) },
          deps.evidenceMaxBytes,
        );
        // Without throwFileSizeLimit a part cut at the limit ends as `truncated` and the parts after it still arrive.
        const read = await readEvidenceUpload(store, acc, req.parts({ throwFileSizeLimit: false } as Parameters<typeof req.parts>[0]));
        if (!read.ok) {
          if (!read.bodyRead) reply.header('connection', 'close');
          throw read.answer;
        }
        return saveEvidenceUpload(deps.db, store, acc, read.upload, deps.now, catalogueFor(req.headers['accept-language']));
      },
    );
  });

  app.post(
    '/api/self-assessments/:campaignId/:unitId/items/:code/files',
    {
      onRequest: allow('coordinator', 'staff'),
      schema: {
        tags: ['self-assessment'],
        summary: 'Attach a file of the unit’s library to a sub-criterion (no second upload); attaching it again changes nothing',
        params: itemParams,
        body: saAttachSchema,
        response: { 200: saItemFilesSchema, ...errors },
      },
    },
    async (req) => {
      const user = requireRole(req, 'coordinator', 'staff');
      const { code } = req.params;
      const acc = await access(user, req.params);
      requireEditable(acc, code);
      return { code, files: await attachFile(deps.db, acc, code, req.body.hash, deps.now().toISOString()) };
    },
  );

  app.delete(
    '/api/self-assessments/:campaignId/:unitId/items/:code/files/:hash',
    {
      onRequest: allow('coordinator', 'staff'),
      schema: {
        tags: ['self-assessment'],
        summary: 'Detach a file from a sub-criterion; the file stays in the unit’s library (and attached to other items)',
        params: itemFileParams,
        response: { 200: saItemFilesSchema, ...errors },
      },
    },
    async (req) => {
      const user = requireRole(req, 'coordinator', 'staff');
      const { code, hash } = req.params;
      const acc = await access(user, req.params);
      requireEditable(acc, code);
      return { code, files: await detachFile(deps.db, acc, code, hash, deps.now().toISOString()) };
    },
  );

  app.get(
    '/api/self-assessments/:campaignId/:unitId/files/:hash',
    {
      onRequest: allow('admin', 'council', 'coordinator', 'staff'),
      schema: {
        tags: ['self-assessment'],
        summary: 'Download an evidence file of the unit (as an attachment, with its original name)',
        description:
          'For whoever may see the unit’s self-assessment: its coordinator, Home Affairs, the council; staff only a file attached to one of their ' +
          'items or uploaded by them. 404 for a hash that is not in this unit’s library (or not visible to the caller), even when another unit has the same file. Content-Type is the type sniffed at upload; X-Content-Type-Options: nosniff.',
        params: fileParams,
        querystring: z.object({
          view: z
            .enum(['inline'])
            .optional()
            .describe('inline: shown in the browser (PDF, PNG, JPEG, WebP only; other kinds stay attachments), in a sandbox'),
        }),
        response: {
          200: {
            description: 'The file',
            content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }).describe('The file as uploaded') } },
          },
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const user = requireRole(req, 'admin', 'council', 'coordinator', 'staff');
      const row = await visibleEvidence(deps.db, await access(user, req.params), req.params.hash);
      if (!row) throw notInLibrary();
      const blob = await store.blob(row.hash);
      if (!blob) {
        req.log.error({ hash: row.hash, unitId: req.params.unitId }, 'evidence file missing on disk');
        throw problemError(problem('evidence.file-missing'));
      }
      const inline = req.query.view === 'inline' && INLINE_MEDIA_TYPES.includes(row.media_type);
      const raw = reply as unknown as FastifyReply;
      raw
        .header('content-type', row.media_type)
        .header('content-length', blob.size)
        .header('content-disposition', attachmentDisposition(row.name, inline ? 'inline' : 'attachment'))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        // Chrome's PDF viewer does not run in a sandboxed document: an inline PDF (its kind checked by its bytes, nosniff)
        // gets no sandbox but still may load nothing; everything else stays sandboxed.
        .header(
          'content-security-policy',
          inline && row.media_type === 'application/pdf' ? "default-src 'none'; object-src 'self'" : "default-src 'none'; sandbox",
        );
      return raw.send(blob.open());
    },
  );
}
