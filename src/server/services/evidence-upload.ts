import type { Readable } from 'node:stream';
import {
  checkEvidenceFileName,
  dottedCode,
  nameForKind,
  problem,
  problemText,
  problemTextVi,
  type Catalogue,
  type EvidenceUploadResult,
  type Problem,
} from '../../shared';
import type { Db } from '../db/database';
import { HttpError, problemError } from '../http/errors';
import { multipartRefusal } from '../http/multipart-errors';
import { recordUploads } from './evidence-library';
import { drain, type EvidenceStore, type StagedFile } from './evidence-store';
import { requireEditable, type SaAccess } from './sa-access';

/**
 * An upload of evidence files into a unit's library (issue 6): the request checked before its body is read, its parts
 * read and staged (each file refused or kept on its own), then the kept files committed and recorded.
 */

/** At most this many files in one upload request. */
export const MAX_EVIDENCE_FILES = 10;

/** One part of a multipart body, as @fastify/multipart gives it (only what is read here). */
export type EvidencePart =
  { type: 'field'; fieldname: string; value: unknown } | { type: 'file'; filename?: string; file: Readable & { truncated?: boolean } };

/** A file refused: its name as sent, why (a problem of the name check or the store), and the kind of reason. */
type Refused = { name: string; problem: Problem; reason: 'too-large' | 'type' | 'other' };

/** The parts read to their end: files staged, files refused with their reason, the item to attach the kept ones to. */
export interface StagedUpload {
  staged: { name: string; file: StagedFile }[];
  refused: Refused[];
  attachTo: string | null;
}

/**
 * The upload as read; or the answer to a body that could not be taken, and whether it was read to its end (else the
 * connection must close).
 */
export type ReadUpload = { ok: true; upload: StagedUpload } | { ok: false; answer: unknown; bodyRead: boolean };

const notMultipart = () => problemError(problem('upload.evidence-not-multipart'));
const uploadRefusals = {
  tooManyFiles: () => problemError(problem('upload.evidence-too-many-files', { max: MAX_EVIDENCE_FILES })),
  tooManyParts: () => problemError(problem('upload.evidence-too-many-parts', { max: MAX_EVIDENCE_FILES })),
  notMultipart,
};

/** Before the body is read: may this person upload here now, and is the request one that can be taken at all. */
export function requireEvidenceUpload(access: SaAccess, request: { multipart: boolean; declaredBytes: number }, maxBytes: number): void {
  if (access.locked) throw problemError(problem('sa.submitted'));
  if (access.editable.size === 0) throw problemError(problem('evidence.upload-forbidden'));
  if (!request.multipart) throw notMultipart();
  if (request.declaredBytes > MAX_EVIDENCE_FILES * maxBytes + 1024 * 1024) {
    throw problemError(problem('evidence.request-too-large', { files: MAX_EVIDENCE_FILES, size: maxBytes }));
  }
}

/**
 * Reads every part: files are staged in the store (or refused, each with its reason), the one "attachTo" field is
 * checked against the access. On a failure nothing stays staged and the failure tells what to answer.
 */
export async function readEvidenceUpload(store: EvidenceStore, access: SaAccess, parts: AsyncIterable<EvidencePart>): Promise<ReadUpload> {
  const upload: StagedUpload = { staged: [], refused: [], attachTo: null };
  // A refusal found in the middle of the body (a bad field) is kept and the rest of the body is still read and
  // dropped, so that the client gets the answer and the connection stays usable; then nothing is written.
  let refusal: HttpError | undefined;
  const onField = (fieldname: string, value: unknown): void => {
    if (fieldname !== 'attachTo') throw problemError(problem('evidence.unknown-field', { field: fieldname.slice(0, 40) }));
    if (upload.attachTo !== null) throw problemError(problem('evidence.duplicate-field'));
    const code = dottedCode.safeParse(String(value).trim());
    if (!code.success) throw problemError(problem('evidence.invalid-code'));
    requireEditable(access, code.data);
    upload.attachTo = code.data;
  };
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        if (refusal) continue;
        try {
          onField(part.fieldname, part.value);
        } catch (err) {
          if (!(err instanceof HttpError)) throw err;
          refusal = err;
        }
        continue;
      }
      const sent = part.filename ?? '';
      const name = checkEvidenceFileName(sent);
      if (refusal || !name.ok) {
        const bytes = await drain(part.file);
        // An empty file input of a browser form sends a nameless, empty part: that is no file at all.
        if (!refusal && !name.ok && !(bytes === 0 && sent === ''))
          upload.refused.push({ name: sent, problem: name.problem, reason: 'other' });
        continue;
      }
      const outcome = await store.stage(part.file);
      if (outcome.ok) upload.staged.push({ name: nameForKind(name.name, outcome.file.kind), file: outcome.file });
      else upload.refused.push({ name: sent, problem: outcome.problem, reason: outcome.reason === 'empty' ? 'other' : outcome.reason });
    }
    if (refusal) throw refusal;
  } catch (err) {
    await Promise.all(upload.staged.map((s) => store.discard(s.file)));
    const answer = multipartRefusal(err, uploadRefusals);
    // Only a kept refusal comes after the whole body was read.
    return { ok: false, answer, bodyRead: answer === refusal };
  }
  return { ok: true, upload };
}

/**
 * When every file was refused: one 4xx naming each, with the status of what they have in common. One file is refused
 * with its own problem (the status and code of its reason); several with a problem counting them, each file's reason
 * an issue. Either way the words are the request's language.
 */
function allRefused(refused: Refused[]): HttpError {
  const issues = refused.map((r) => ({ path: r.name, problem: r.problem }));
  const first = refused[0];
  if (refused.length === 1 && first) return problemError(first.problem, [first.name]);
  const reasons = new Set(refused.map((r) => r.reason));
  const only = reasons.size === 1 ? [...reasons][0] : undefined;
  const count = refused.length;
  const all =
    only === 'too-large'
      ? problem('evidence.all-too-large', { count })
      : only === 'type'
        ? problem('evidence.all-wrong-type', { count })
        : problem('evidence.all-refused', { count });
  return problemError(all, issues);
}

/**
 * Keeps what was staged: the bytes first (a row never points at a file that is not there), then every row and audit
 * entry at once. The files refused among kept ones are listed with their reasons in the words of `catalogue`.
 */
export async function saveEvidenceUpload(
  db: Db,
  store: EvidenceStore,
  access: SaAccess,
  upload: StagedUpload,
  now: () => Date,
  catalogue: Catalogue = problemTextVi,
): Promise<EvidenceUploadResult> {
  const { staged, refused, attachTo } = upload;
  if (staged.length === 0) {
    if (refused.length === 0) throw problemError(problem('evidence.no-file'));
    throw allRefused(refused);
  }
  try {
    for (const s of staged) await store.commit(s.file);
  } catch (err) {
    await Promise.all(staged.map((s) => store.discard(s.file)));
    throw err;
  }
  const files = await recordUploads(db, access, staged, attachTo, now().toISOString());
  return { files, attachedTo: attachTo, refused: refused.map((r) => ({ name: r.name, message: problemText(catalogue, r.problem) })) };
}
