import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { problem } from '../../../shared';
import { BackupError } from './backup-error';
import { syncFile } from './files';

/**
 * manifest.json, what a backup folder holds: enough to check a copy without the server that made it (hashes, sizes,
 * rows per table), and to tell a Phiếu backup from any other folder. Written last, so a folder with a manifest is
 * whole. Its checksum covers everything else in it: an edited manifest is refused, not trusted.
 */

export const MANIFEST_FILE = 'manifest.json';
export const DATABASE_FILE = 'phieu.sqlite';
export const EVIDENCE_FOLDER = 'evidence';
const FORMAT = 'phieu-backup';
const FORMAT_VERSION = 1;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const size = z.number().int().nonnegative();

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  appVersion: z.string(),
  createdAt: z.iso.datetime(),
  /** The data folder the backup was taken from. */
  sourceDataDir: z.string(),
  database: z.object({ file: z.literal(DATABASE_FILE), sha256, size, tables: z.record(z.string(), size) }),
  /** Every evidence blob the database names, under evidence/<first two hex digits>/<sha256>. */
  evidence: z.array(z.object({ sha256, size })),
  /** Blobs the database names that the evidence folder did not have intact when the backup was taken. */
  evidenceUnavailable: z.array(z.object({ sha256, reason: z.enum(['missing', 'damaged']) })),
  /** SHA-256 of this object's JSON without this field. */
  checksum: sha256,
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestBody = Omit<Manifest, 'format' | 'formatVersion' | 'checksum'>;

const checksumOf = (body: Omit<Manifest, 'checksum'>): string => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/** Writes the manifest into `folder` and syncs it to disk. */
export async function writeManifest(folder: string, body: ManifestBody): Promise<Manifest> {
  const unsigned = { format: FORMAT, formatVersion: FORMAT_VERSION, ...body } as const;
  const manifest: Manifest = { ...unsigned, checksum: checksumOf(unsigned) };
  const file = path.join(folder, MANIFEST_FILE);
  await writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
  await syncFile(file);
  return manifest;
}

/** Whether a parsed JSON value says it is a Phiếu backup's manifest (of any format version). */
export const isPhieuManifest = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && (value as { format?: unknown }).format === FORMAT;

/** Reads and checks a backup folder's manifest; refuses (BackupError) one that is absent, unknown, invalid or edited. */
export async function readManifest(folder: string): Promise<Manifest> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path.join(folder, MANIFEST_FILE), 'utf8'));
  } catch {
    throw new BackupError(problem('backup.not-a-backup', { dir: folder }));
  }
  if (!isPhieuManifest(raw)) throw new BackupError(problem('backup.not-a-backup', { dir: folder }));
  const version = (raw as { formatVersion?: unknown }).formatVersion;
  if (version !== FORMAT_VERSION) throw new BackupError(problem('backup.format-unknown', { version: String(version) }));
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BackupError(problem('backup.manifest-invalid', { detail: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}` }));
  }
  // The checksum is over the fields as they were written, in their order (JSON.parse keeps it).
  const { checksum, ...unsigned } = raw as Manifest;
  if (checksumOf(unsigned) !== checksum) throw new BackupError(problem('backup.manifest-invalid', { detail: 'checksum' }));
  return parsed.data;
}
