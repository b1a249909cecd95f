import { z } from 'zod';
import { evidenceFileSchema } from '../api/self-assessment';
import { problem, type Problem } from '../problems/problem';

/**
 * Evidence files (tài liệu kiểm chứng) of a self-assessment: the rules for the name a file was uploaded under, the
 * kinds of file accepted, and the answers of the upload and attach routes. The server stores a file under its
 * content hash, never under this name; the name is only shown and given back on download.
 */

export const MAX_EVIDENCE_NAME_LENGTH = 200;

/** What the server accepts, decided by the file's bytes (never by its name or declared type). */
export const EVIDENCE_KINDS = [
  { kind: 'pdf', label: 'PDF', mediaType: 'application/pdf', extensions: ['pdf'] },
  {
    kind: 'docx',
    label: 'Word (.docx)',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  { kind: 'doc', label: 'Word 97–2003 (.doc)', mediaType: 'application/msword', extensions: ['doc'] },
  {
    kind: 'xlsx',
    label: 'Excel (.xlsx)',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
  },
  { kind: 'xls', label: 'Excel 97–2003 (.xls)', mediaType: 'application/vnd.ms-excel', extensions: ['xls'] },
  { kind: 'odt', label: 'OpenDocument văn bản (.odt)', mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  { kind: 'ods', label: 'OpenDocument bảng tính (.ods)', mediaType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'] },
  { kind: 'png', label: 'ảnh PNG', mediaType: 'image/png', extensions: ['png'] },
  { kind: 'jpeg', label: 'ảnh JPEG', mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  { kind: 'tiff', label: 'ảnh TIFF (máy quét)', mediaType: 'image/tiff', extensions: ['tif', 'tiff'] },
  { kind: 'webp', label: 'ảnh WebP', mediaType: 'image/webp', extensions: ['webp'] },
] as const;

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** For a file input's `accept` attribute (a hint only: the server decides by content). */
export const EVIDENCE_ACCEPT = EVIDENCE_KINDS.flatMap((k) => k.extensions.map((e) => `.${e}`)).join(',');

export const EVIDENCE_KINDS_TEXT = 'PDF, Word (.docx, .doc), Excel (.xlsx, .xls), OpenDocument (.odt, .ods) và ảnh (PNG, JPEG, TIFF, WebP)';

/** A name checked: kept (in NFC), or refused with the problem ('file-name.*'). */
export type FileNameCheck = { ok: true; name: string } | { ok: false; problem: Problem };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
/** Embeddings, overrides and isolates: they reorder what is shown ("hoso\u202Efdp.exe" shows as "hosoexe.pdf"). */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/u;

const describeChar = (c: string) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Checks the name a file was uploaded under and returns it in NFC (Vietnamese typed on a Mac arrives decomposed).
 * Refused, each with its reason: empty, longer than 200 characters, a folder path (`/`, `\`, a `..` segment),
 * control characters, and bidirectional overrides that disguise the extension.
 */
export function checkEvidenceFileName(raw: string): FileNameCheck {
  const name = raw.normalize('NFC').replace(/^ +| +$/g, '');
  if (name.length === 0) return { ok: false, problem: problem('file-name.empty') };
  const length = [...name].length;
  if (length > MAX_EVIDENCE_NAME_LENGTH)
    return { ok: false, problem: problem('file-name.too-long', { length, max: MAX_EVIDENCE_NAME_LENGTH }) };
  const control = CONTROL.exec(name);
  if (control) return { ok: false, problem: problem('file-name.control-character', { char: describeChar(control[0]) }) };
  const bidi = BIDI.exec(name);
  if (bidi) return { ok: false, problem: problem('file-name.bidi-character', { char: describeChar(bidi[0]) }) };
  const segments = name.split(/[/\\]/);
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, problem: problem('file-name.dot-segment') };
  if (segments.length > 1) return { ok: false, problem: problem('file-name.folder') };
  return { ok: true, name };
}

/** The extension of a name, lower case, without the dot ('' when there is none). */
export function fileExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * The name under which a file of `kind` is kept: the uploaded name when its extension fits the content, otherwise
 * the right extension appended ("bao-cao.exe" holding a PDF is kept as "bao-cao.exe.pdf"), so that a downloaded
 * file always opens as what it is.
 */
export function nameForKind(name: string, kind: Pick<EvidenceKind, 'extensions'>): string {
  return (kind.extensions as readonly string[]).includes(fileExtension(name)) ? name : `${name}.${kind.extensions[0]}`;
}

/**
 * A plain ASCII stand-in for a name, for the `filename=` of a download (old clients that ignore `filename*`):
 * Vietnamese letters lose their marks ("Báo cáo đợt 1.pdf" → "Bao cao dot 1.pdf"), anything else becomes "_".
 */
export function asciiFileName(name: string): string {
  const plain = name
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return plain.trim().length > 0 ? plain : 'tai-lieu';
}

/** `Content-Disposition: attachment` with the UTF-8 name in RFC 5987 / RFC 6266 form and an ASCII fallback. */
export function attachmentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${asciiFileName(name)}"; filename*=UTF-8''${encoded}`;
}

/** Kinds a browser shows by itself (the appraisal screen opens them in place); every other kind is downloaded. */
export const INLINE_MEDIA_TYPES: readonly string[] = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'];

// ---------------------------------------------------------------------------------------------------------------
// Answers of the evidence routes.

export const evidenceRefusalSchema = z.object({ name: z.string().describe('The name as sent'), message: z.string() });

export const uploadedEvidenceSchema = evidenceFileSchema.extend({
  alreadyThere: z.boolean().describe('The same content was already in the unit’s library: the existing entry (and its name) is kept'),
});

export const evidenceUploadResultSchema = z.object({
  files: z.array(uploadedEvidenceSchema).describe('Accepted files, in the order sent'),
  attachedTo: z.string().nullable().describe('The sub-criterion the accepted files were attached to, when "attachTo" was sent'),
  refused: z.array(evidenceRefusalSchema).describe('Files refused one by one; nothing of them was stored'),
});

/** The files attached to one item after an attach or a detach. */
export const saItemFilesSchema = z.object({
  code: z.string(),
  files: z.array(z.string()).describe('Content hashes, in the order attached'),
});

export type EvidenceRefusal = z.infer<typeof evidenceRefusalSchema>;
export type UploadedEvidence = z.infer<typeof uploadedEvidenceSchema>;
export type EvidenceUploadResult = z.infer<typeof evidenceUploadResultSchema>;
export type SaItemFiles = z.infer<typeof saItemFilesSchema>;
