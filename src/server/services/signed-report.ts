import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  checkEvidenceFileName,
  EVIDENCE_KINDS,
  MAX_EVIDENCE_NAME_LENGTH,
  nameForKind,
  PDF_MAGIC,
  problem,
  reportSigning,
  signedReportRequired,
  vietnameseDateTime,
  type SaReportSigning,
  type SignedReport,
} from '../../shared';
import { appendAudit } from '../db/audit';
import type { Db } from '../db/database';
import { getSignedReport, putSignedReport, type SignedReportKey } from '../db/signed-report';
import { inTransaction } from '../db/transaction';
import { problemError, type ProblemError } from '../http/errors';
import { drain, type EvidenceStore, type SniffOutcome, type StagedFile } from './evidence-store';
import type { SaAccess } from './sa-access';
import { requireStateUnchanged } from './self-assessment';

/**
 * The unit's signed, stamped self-assessment report (báo cáo tự đánh giá đã ký, đóng dấu; issue 15): one PDF per unit
 * and campaign, uploaded by the unit's coordinator and replaced by a new upload until the self-assessment is submitted,
 * kept with its upload time and uploader. Its bytes live in the evidence store under their content hash; one row names
 * the report in force; every upload is in the audit log. Whoever sees the whole unit may read it (DESIGN §2: its
 * coordinator, Home Affairs, the council's chair, a member who appraises the whole unit): it carries every total, so
 * staff and a member who appraises some fields only do not. Whether submission needs it is campaign data (the unit
 * level's `signedReport`).
 */

const PDF = EVIDENCE_KINDS.find((k) => k.kind === 'pdf')!;

const keyOf = (access: SaAccess): SignedReportKey => ({ campaignId: access.campaign.bundle.campaign.id, unitId: access.unit.id });
const subjectOf = (key: SignedReportKey) => `sa:${key.campaignId}:${key.unitId}`;

/** The report's place and signature block for this unit, from the campaign data. */
export function signingOf(access: SaAccess): SaReportSigning {
  return reportSigning(access.campaign.bundle.campaign, access.unit);
}

/** Whether this unit must upload its signed report before submitting. */
export function requiresSignedReport(access: SaAccess): boolean {
  return signedReportRequired(access.campaign.bundle.campaign, access.unit);
}

type Row = NonNullable<Awaited<ReturnType<typeof getSignedReport>>>;
const toSignedReport = (r: Row): SignedReport => ({
  hash: r.hash,
  name: r.name,
  size: Number(r.size),
  uploadedAt: r.uploaded_at,
  uploadedBy: r.uploaded_by_name ?? null,
});

/**
 * Whether the campaign asks for the signed report and the one in force (or none yet), for who sees the whole unit;
 * null for the others.
 */
export async function readSignedReport(db: Db, access: SaAccess): Promise<{ required: boolean; file: SignedReport | null } | null> {
  if (!access.seesAll) return null;
  const row = await getSignedReport(db, keyOf(access));
  return { required: requiresSignedReport(access), file: row ? toSignedReport(row) : null };
}

/** The signed report to download, or why not: 403 for who does not see the whole unit, 404 when none was uploaded. */
export async function signedReportForDownload(db: Db, access: SaAccess): Promise<Row> {
  if (!access.seesAll) throw problemError(problem('signed-report.read-forbidden'));
  const row = await getSignedReport(db, keyOf(access));
  if (!row) throw problemError(problem('signed-report.not-found', { unit: access.unit.name }));
  return row;
}

// ---------------------------------------------------------------------------------------------------------------
// Upload

/**
 * Refuses, before the body is read, anyone who may not upload now (the unit's coordinator, while a draft), then a
 * request that can't be an upload: not multipart, or declaring more bytes than one PDF at the limit and its headers.
 */
export function requireSignedReportUpload(
  access: SaAccess,
  request: { multipart: boolean; declaredBytes: number },
  maxBytes: number,
): void {
  if (!access.canSubmit) {
    if (access.actor.role === 'coordinator' && access.actor.ownUnit) throw problemError(problem('signed-report.submitted'));
    throw problemError(problem('signed-report.upload-forbidden'));
  }
  if (!request.multipart) throw problemError(problem('signed-report.not-multipart'));
  if (request.declaredBytes > maxBytes + 1024 * 1024) throw problemError(problem('signed-report.request-too-large', { size: maxBytes }));
}

/** What the upload answers when its multipart body is cut off by the parser's limits. */
export const signedReportMultipartRefusals = {
  tooManyFiles: () => problemError(problem('signed-report.one-file-only')),
  tooManyParts: () => problemError(problem('signed-report.one-file-only')),
  notMultipart: () => problemError(problem('signed-report.not-multipart')),
};

/** The stored report's bytes are gone from the disk (a 404 that says to tell the administrator). */
export const signedReportFileMissing = () => problemError(problem('signed-report.file-missing'));

/** A signed report's content: a PDF, its first bytes "%PDF-" (whatever its name or declared type). */
export async function sniffSignedReport(file: string): Promise<SniffOutcome> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(PDF_MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (bytesRead === head.length && head.toString('latin1') === PDF_MAGIC) return { ok: true, kind: PDF };
  } finally {
    await handle.close();
  }
  return { ok: false, problem: problem('signed-report.not-pdf') };
}

/** One part of a multipart body, as @fastify/multipart gives it (only what is read here). */
export type UploadPart =
  { type: 'field'; fieldname: string } | { type: 'file'; filename?: string; file: Readable & { truncated?: boolean } };

export interface StagedReport {
  name: string;
  file: StagedFile;
}

/**
 * Reads the upload's parts: exactly one file, a PDF within the size limit, with an acceptable name, and no field. The
 * body is always read to its end, so the refusal is answered on a connection that stays usable; the file is streamed
 * to a temp file and hashed (evidence store), and deleted again when anything is refused.
 */
export async function stageSignedReport(store: EvidenceStore, parts: AsyncIterable<UploadPart>): Promise<StagedReport> {
  let staged: StagedReport | undefined;
  let refusal: ProblemError | undefined;
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        refusal ??= problemError(problem('signed-report.unknown-field', { field: part.fieldname.slice(0, 40) }));
        continue;
      }
      const sent = part.filename ?? '';
      const name = checkEvidenceFileName(sent);
      if (refusal || staged || !name.ok) {
        const bytes = await drain(part.file);
        // An empty file input of a browser form sends a nameless, empty part: that is no file at all.
        if (bytes === 0 && sent === '') continue;
        if (!refusal && staged) refusal = problemError(problem('signed-report.one-file-only'));
        else if (!refusal && !name.ok)
          refusal = problemError(problem('signed-report.invalid-file-name', { max: MAX_EVIDENCE_NAME_LENGTH }), [sent]);
        continue;
      }
      const outcome = await store.stage(part.file, sniffSignedReport);
      if (outcome.ok) {
        staged = { name: nameForKind(name.name, PDF), file: outcome.file };
        continue;
      }
      // The store's reason decides the signed report's own problem (its limits are the store's).
      switch (outcome.reason) {
        case 'too-large':
          refusal = problemError(problem('signed-report.file-too-large', { size: store.maxBytes }), [sent]);
          break;
        case 'empty':
          refusal = problemError(problem('signed-report.empty-file'), [sent]);
          break;
        default:
          refusal = problemError(outcome.problem, [sent]);
      }
    }
  } catch (err) {
    if (staged) await store.discard(staged.file);
    throw err;
  }
  if (refusal) {
    if (staged) await store.discard(staged.file);
    throw refusal;
  }
  if (!staged) throw problemError(problem('signed-report.no-file'));
  return staged;
}

const unchanged = (row: Row) =>
  problemError(
    problem('signed-report.unchanged', { at: vietnameseDateTime(row.uploaded_at), by: row.uploaded_by_name ?? '—', name: row.name }),
  );

/**
 * Stores a staged report as the unit's signed report in force (replacing the one before): the bytes first, then the
 * row and its audit entry in one transaction that checks the self-assessment is still a draft. The same content as the
 * report in force is refused (409) and changes nothing. The temp file is gone when this returns, whatever happens.
 */
export async function saveSignedReport(
  db: Db,
  store: EvidenceStore,
  access: SaAccess,
  staged: StagedReport,
  at: string,
): Promise<SignedReport> {
  const key = keyOf(access);
  const current = await getSignedReport(db, key);
  if (current?.hash === staged.file.hash) {
    await store.discard(staged.file);
    throw unchanged(current);
  }
  try {
    await store.commit(staged.file);
  } catch (err) {
    await store.discard(staged.file);
    throw err;
  }
  return inTransaction(db, async (trx) => {
    await requireStateUnchanged(trx, access, at);
    const before = await getSignedReport(trx, key);
    if (before?.hash === staged.file.hash) throw unchanged(before);
    const file = { hash: staged.file.hash, name: staged.name, size: staged.file.size };
    await putSignedReport(trx, key, file, access.userId, at);
    await appendAudit(trx, {
      at,
      actorId: access.userId,
      action: 'sa.signed-report.upload',
      subject: subjectOf(key),
      detail: { ...file, replaced: before?.hash ?? null },
    });
    const row = await getSignedReport(trx, key);
    if (!row) throw new Error('signed report row missing after insert');
    return toSignedReport(row);
  });
}

/** Inside the submission's transaction: refuses (409) when the campaign asks for the signed report and there is none. */
export async function requireSignedReportForSubmission(trx: Db, access: SaAccess): Promise<void> {
  if (!requiresSignedReport(access)) return;
  if (await getSignedReport(trx, keyOf(access))) return;
  throw problemError(problem('signed-report.missing'));
}
