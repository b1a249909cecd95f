import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import { EVIDENCE_KINDS, problem, type EvidenceKind, type Problem } from '../../shared';
import type { Db } from '../db/database';
import { isPostgres } from '../db/dialect';
import { DatabaseBlobs, FolderBlobs, type BlobBackend, type StoredBlob } from './evidence-blobs';

/**
 * Evidence files on local disk (DESIGN §7): an upload is streamed to a temp file inside the evidence folder while it
 * is hashed (SHA-256) and counted, refused above the size limit, its kind decided from its bytes, and only then moved
 * to `<folder>/<hash[0..2]>/<hash>`. The same content is stored once, whoever uploads it and under whatever name:
 * names people give files never reach the file system. The folder is never under the web root. It also holds the units'
 * signed reports (services/signed-report.ts): evidence_files and sa_signed_reports rows both name its blobs, so any
 * clean-up of unreferenced blobs must look at both.
 */

export type StagedFile = { tempPath: string; hash: string; size: number; kind: EvidenceKind };

/** A staged file, or why it was refused: the reason's kind and the problem to word ('evidence.*', or the sniffer's own). */
export type StageOutcome = { ok: true; file: StagedFile } | { ok: false; reason: 'too-large' | 'empty' | 'type'; problem: Problem };

export type SniffOutcome = { ok: true; kind: EvidenceKind } | { ok: false; problem: Problem };

const HASH = /^[0-9a-f]{64}$/;
const TEMP_SUFFIX = '.part';

const kindOf = (k: EvidenceKind['kind']): EvidenceKind => {
  const found = EVIDENCE_KINDS.find((x) => x.kind === k);
  if (!found) throw new Error(`unknown evidence kind ${k}`);
  return found;
};

export class EvidenceStore {
  /** Where the bytes are kept once staged: this folder unless given (the database on PostgreSQL: evidence-blobs.ts). */
  private readonly blobs: BlobBackend;

  constructor(
    readonly dir: string,
    readonly maxBytes: number,
    blobs?: BlobBackend,
  ) {
    this.blobs = blobs ?? new FolderBlobs((hash) => this.blobPath(hash));
  }

  private get tempDir(): string {
    return path.join(this.dir, 'tmp');
  }

  /** Where the content with this hash lives (the hash is checked: nothing else ever becomes a path). */
  blobPath(hash: string): string {
    if (!HASH.test(hash)) throw new Error('not a SHA-256 hex digest');
    return path.join(this.dir, hash.slice(0, 2), hash);
  }

  /**
   * Streams `source` to a temp file, hashing and counting it, then checks its size and kind (`sniff`: any evidence
   * kind by default; the signed report takes PDF only). Anything refused is deleted before this returns. A source cut
   * off by the multipart parser's own limit says so with `truncated`. Throws only on real faults (the disk, a broken
   * request stream), after deleting the temp file.
   */
  async stage(
    source: Readable & { truncated?: boolean },
    sniff: (file: string) => Promise<SniffOutcome> = sniffEvidence,
  ): Promise<StageOutcome> {
    await mkdir(this.tempDir, { recursive: true });
    const tempPath = path.join(this.tempDir, `${randomUUID()}${TEMP_SUFFIX}`);
    const hash = createHash('sha256');
    let size = 0;
    let over = false;
    // Past the limit the rest is read and dropped (the source is never destroyed, so later parts still arrive).
    const meter = new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        size += chunk.length;
        if (size > this.maxBytes) over = true;
        if (over) return done();
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const out = createWriteStream(tempPath, { flags: 'wx', mode: 0o640, flush: true });
    try {
      await pipeline(source, meter, out);
    } catch (err) {
      // A write stream destroyed before its file was open still creates the file when the open returns: wait until
      // it has closed, then remove it (the hostile-input suite found a cut body leaving a temp file behind).
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      await rm(tempPath, { force: true });
      throw err;
    }
    const refuse = async (reason: 'too-large' | 'empty' | 'type', refused: Problem): Promise<StageOutcome> => {
      await rm(tempPath, { force: true });
      return { ok: false, reason, problem: refused };
    };
    if (over || source.truncated) return refuse('too-large', problem('evidence.file-too-large', { size: this.maxBytes }));
    if (size === 0) return refuse('empty', problem('evidence.empty-file'));
    const sniffed = await sniff(tempPath).catch(async (err: unknown) => {
      await rm(tempPath, { force: true });
      throw err;
    });
    if (!sniffed.ok) return refuse('type', sniffed.problem);
    return { ok: true, file: { tempPath, hash: hash.digest('hex'), size, kind: sniffed.kind } };
  }

  /** Keeps a staged file under its hash; when the same content is already kept, the temp file is simply dropped. */
  async commit(file: StagedFile): Promise<void> {
    if (!HASH.test(file.hash)) throw new Error('not a SHA-256 hex digest');
    await this.blobs.put(file);
    await rm(file.tempPath, { force: true });
  }

  async discard(file: StagedFile): Promise<void> {
    await rm(file.tempPath, { force: true });
  }

  /** The stored content with this hash, or undefined when it is not kept. */
  async blob(hash: string): Promise<StoredBlob | undefined> {
    if (!HASH.test(hash)) throw new Error('not a SHA-256 hex digest');
    return this.blobs.get(hash);
  }

  /** Deletes temp files left by a crash or a killed process (older than `olderThanMs`). */
  async sweepTemp(now: Date, olderThanMs = 60 * 60 * 1000): Promise<number> {
    const names = await readdir(this.tempDir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      if (!name.endsWith(TEMP_SUFFIX)) continue;
      const p = path.join(this.tempDir, name);
      const s = await stat(p).catch(() => undefined);
      if (s && now.getTime() - s.mtimeMs > olderThanMs) {
        await rm(p, { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// What a file is, from its bytes.

const EXECUTABLE = new Set(['exe', 'elf', 'macho', 'class', 'wasm', 'dex', 'apk', 'jar', 'deb', 'rpm', 'lnk', 'swf', 'xpi', 'crx', 'msi']);
const ARCHIVE = new Set(['zip', '7z', 'rar', 'gz', 'bz2', 'xz', 'tar', 'zst', 'cab', 'lz', 'lzh', 'Z', 'arj', 'cpio', 'ar']);
const MACRO = new Set(['docm', 'dotm', 'xlsm', 'xltm', 'pptm', 'potm', 'ppsm']);
const PRESENTATION = new Set(['pptx', 'ppsx', 'potx', 'odp', 'key']);
const OTHER_IMAGE = new Set([
  'gif',
  'bmp',
  'heic',
  'heif',
  'avif',
  'jxl',
  'jp2',
  'ico',
  'icns',
  'psd',
  'cr2',
  'cr3',
  'nef',
  'arw',
  'dng',
  'orf',
  'rw2',
  'raf',
]);

const FROM_FILE_TYPE: Record<string, EvidenceKind['kind']> = {
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  odt: 'odt',
  ods: 'ods',
  png: 'png',
  jpg: 'jpeg',
  tif: 'tiff',
  webp: 'webp',
};

/**
 * The kind of an evidence file, decided by its content with `file-type` (signatures, and for zip-based formats the
 * [Content_Types].xml or mimetype entry); an OLE compound file (Word/Excel 97–2003, but also installers) is accepted
 * only when its root holds a WordDocument or Workbook stream. Everything else is refused with a reason ('evidence.*').
 */
export async function sniffEvidence(file: string): Promise<SniffOutcome> {
  let detected: { ext: string; mime: string } | undefined;
  try {
    detected = await fileTypeFromFile(file);
  } catch {
    return { ok: false, problem: problem('evidence.unreadable') };
  }
  if (!detected) {
    return { ok: false, problem: problem('evidence.unknown-type') };
  }
  const { ext } = detected;
  const mapped = FROM_FILE_TYPE[ext];
  if (mapped) return { ok: true, kind: kindOf(mapped) };
  if (ext === 'cfb') {
    const kind = await compoundFileKind(file);
    switch (kind) {
      case 'doc':
      case 'xls':
        return { ok: true, kind: kindOf(kind) };
      case 'encrypted':
        return { ok: false, problem: problem('evidence.encrypted') };
      case 'other':
        return { ok: false, problem: problem('evidence.ole-other') };
      default:
        return { ok: false, problem: problem('evidence.ole-corrupt') };
    }
  }
  if (EXECUTABLE.has(ext)) return { ok: false, problem: problem('evidence.executable', { ext }) };
  if (ARCHIVE.has(ext)) return { ok: false, problem: problem('evidence.archive', { ext }) };
  if (MACRO.has(ext)) return { ok: false, problem: problem('evidence.macro', { ext }) };
  if (PRESENTATION.has(ext)) return { ok: false, problem: problem('evidence.presentation', { ext }) };
  if (OTHER_IMAGE.has(ext)) return { ok: false, problem: problem('evidence.other-image', { ext }) };
  return { ok: false, problem: problem('evidence.wrong-type', { ext }) };
}

// ---------------------------------------------------------------------------------------------------------------
// OLE compound files (MS-CFB): just enough to list the streams at the root.

type CompoundKind = 'doc' | 'xls' | 'encrypted' | 'other' | 'corrupt';

const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const NO_STREAM = 0xffffffff;
const MAX_DIRECTORY_SECTORS = 4096;
const MAX_DIFAT_SECTORS = 4096;

class Corrupt extends Error {}

/**
 * Reads the header, follows the directory chain through the FAT and walks the root's children. Every offset and
 * chain is bounded, so a hostile file can make this fail but never loop or read far.
 */
export async function compoundFileKind(file: string): Promise<CompoundKind> {
  const handle = await open(file, 'r');
  try {
    const fileSize = (await handle.stat()).size;
    const read = async (position: number, length: number): Promise<Buffer> => {
      if (position < 0 || position + length > fileSize) throw new Corrupt('out of bounds');
      const buf = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buf, 0, length, position);
      if (bytesRead !== length) throw new Corrupt('short read');
      return buf;
    };
    const header = await read(0, 512);
    if (header.readUInt16LE(28) !== 0xfffe) throw new Corrupt('byte order');
    const shift = header.readUInt16LE(30);
    if (shift !== 9 && shift !== 12) throw new Corrupt('sector size');
    const sectorSize = 1 << shift;
    const perSector = sectorSize / 4;
    const sectorOffset = (n: number) => (n + 1) * sectorSize;
    const firstDirectory = header.readUInt32LE(48);
    const firstDifat = header.readUInt32LE(68);
    const difatCount = header.readUInt32LE(72);

    const difatCache: number[] = [];
    for (let i = 0; i < 109; i += 1) difatCache.push(header.readUInt32LE(76 + i * 4));
    let difatNext = firstDifat;
    let difatRead = 0;
    /** The sector holding FAT sector number `index`, reading further DIFAT sectors only when needed. */
    const fatSector = async (index: number): Promise<number> => {
      while (index >= difatCache.length) {
        if (difatRead >= difatCount || difatRead >= MAX_DIFAT_SECTORS || difatNext === END_OF_CHAIN || difatNext === FREE)
          throw new Corrupt('difat');
        const sector = await read(sectorOffset(difatNext), sectorSize);
        for (let i = 0; i < perSector - 1; i += 1) difatCache.push(sector.readUInt32LE(i * 4));
        difatNext = sector.readUInt32LE((perSector - 1) * 4);
        difatRead += 1;
      }
      const s = difatCache[index];
      if (s === undefined || s === FREE || s === END_OF_CHAIN) throw new Corrupt('fat sector');
      return s;
    };
    const nextSector = async (n: number): Promise<number> => {
      const fs = await fatSector(Math.floor(n / perSector));
      return (await read(sectorOffset(fs) + (n % perSector) * 4, 4)).readUInt32LE(0);
    };

    // The directory: 128-byte entries, in a chain of sectors.
    const entries: { name: string; type: number; left: number; right: number; child: number }[] = [];
    const seen = new Set<number>();
    for (let s = firstDirectory; s !== END_OF_CHAIN; s = await nextSector(s)) {
      if (seen.has(s) || seen.size >= MAX_DIRECTORY_SECTORS || s === FREE) throw new Corrupt('directory chain');
      seen.add(s);
      const sector = await read(sectorOffset(s), sectorSize);
      for (let off = 0; off < sectorSize; off += 128) {
        const nameBytes = Math.min(sector.readUInt16LE(off + 64), 64);
        const name = sector.toString('utf16le', off, off + Math.max(0, nameBytes - 2));
        entries.push({
          name,
          type: sector.readUInt8(off + 66),
          left: sector.readUInt32LE(off + 68),
          right: sector.readUInt32LE(off + 72),
          child: sector.readUInt32LE(off + 76),
        });
      }
    }
    const root = entries[0];
    if (!root || root.type !== 5) throw new Corrupt('root');

    // The root's children: a tree through left/right siblings.
    const names = new Set<string>();
    const stack = [root.child];
    const visited = new Set<number>();
    while (stack.length > 0) {
      const id = stack.pop() as number;
      if (id === NO_STREAM) continue;
      const entry = entries[id];
      if (!entry || visited.has(id)) throw new Corrupt('tree');
      visited.add(id);
      if (entry.type === 2) names.add(entry.name);
      stack.push(entry.left, entry.right);
    }
    if (names.has('EncryptedPackage')) return 'encrypted';
    if (names.has('WordDocument')) return 'doc';
    if (names.has('Workbook') || names.has('Book')) return 'xls';
    return 'other';
  } catch (err) {
    if (err instanceof Corrupt) return 'corrupt';
    throw err;
  } finally {
    await handle.close();
  }
}

/**
 * Reads an upload part to its end without keeping it (so a refusal is answered on a usable connection), and tells
 * how many bytes it had.
 */
export async function drain(stream: NodeJS.ReadableStream): Promise<number> {
  let n = 0;
  for await (const chunk of stream) n += (chunk as Buffer).length;
  return n;
}

/** The app's evidence store: files staged in the evidence folder, kept there on SQLite and in the database on PostgreSQL. */
export const evidenceStoreOf = (deps: { db: Db; evidenceDir: string; evidenceMaxBytes: number }): EvidenceStore =>
  new EvidenceStore(deps.evidenceDir, deps.evidenceMaxBytes, isPostgres(deps.db) ? new DatabaseBlobs(deps.db) : undefined);
