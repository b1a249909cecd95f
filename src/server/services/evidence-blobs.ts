import { createReadStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Db } from '../db/database';
import { blobInfo, insertBlob, insertChunk, readChunk } from '../db/evidence-blobs';
import { lockKeys } from '../db/locks';
import { inTransaction } from '../db/transaction';
import { syncFolder } from './durable-fs';

/** A stored file: its size, and its bytes as a stream opened on demand. */
export interface StoredBlob {
  size: number;
  open(): Readable;
}

/**
 * Where evidence bytes are kept under their hash (services/evidence-store.ts stages an upload, this keeps it): the
 * evidence folder on SQLite's single server, the database on PostgreSQL, where every instance must reach every file
 * (issue 18). `put` keeps a file's bytes once (the same content again is dropped); the file it read from may have been
 * moved into place, and whatever is left of it is the caller's to remove (EvidenceStore.commit does).
 */
export interface BlobBackend {
  put(file: { tempPath: string; hash: string; size: number }): Promise<void>;
  get(hash: string): Promise<StoredBlob | undefined>;
}

/** The evidence folder: `<dir>/<hash[0..2]>/<hash>`, moved into place whole and its folder synced. */
export class FolderBlobs implements BlobBackend {
  constructor(private readonly pathOf: (hash: string) => string) {}

  async put(file: { tempPath: string; hash: string; size: number }): Promise<void> {
    const target = this.pathOf(file.hash);
    // The temp file is moved into place (or, the content being there already, left for commit to remove).
    const folder = path.dirname(target);
    await mkdir(folder, { recursive: true });
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isFile() && existing.size === file.size) return;
    await rename(file.tempPath, target);
    await syncFolder(folder);
  }

  async get(hash: string): Promise<StoredBlob | undefined> {
    const p = this.pathOf(hash);
    const s = await stat(p).catch(() => undefined);
    return s?.isFile() ? { size: s.size, open: () => createReadStream(p) } : undefined;
  }
}

/** Bytes per chunk row: small enough to read one at a time while a download streams, large enough to be few. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * The database (PostgreSQL): chunks, then the blob row that says the file is whole, in one transaction under the
 * hash's lock, so two instances storing the same file store it once. A download reads one chunk at a time.
 */
export class DatabaseBlobs implements BlobBackend {
  constructor(private readonly db: Db) {}

  async put(file: { tempPath: string; hash: string; size: number }): Promise<void> {
    // In the caller's transaction when it has one (copy-to-postgres copies everything in one), else in one of its own.
    const run = <T>(fn: (trx: Db) => Promise<T>): Promise<T> => (this.db.isTransaction ? fn(this.db) : inTransaction(this.db, fn));
    await run(async (trx) => {
      await lockKeys(trx, [`blob/${file.hash}`]);
      if (await blobInfo(trx, file.hash)) return;
      let n = 0;
      let size = 0;
      for await (const chunk of chunksOf(createReadStream(file.tempPath, { highWaterMark: CHUNK_BYTES }), CHUNK_BYTES)) {
        await insertChunk(trx, file.hash, n, chunk);
        n += 1;
        size += chunk.length;
      }
      if (size !== file.size) throw new Error(`evidence ${file.hash}: read ${size} bytes of ${file.size}`);
      await insertBlob(trx, file.hash, size, n);
    });
  }

  async get(hash: string): Promise<StoredBlob | undefined> {
    const info = await blobInfo(this.db, hash);
    if (!info) return undefined;
    const { db } = this;
    return {
      size: info.size,
      open: () =>
        Readable.from(
          (async function* () {
            for (let n = 0; n < info.chunks; n += 1) {
              const chunk = await readChunk(db, hash, n);
              if (!chunk) throw new Error(`evidence ${hash}: chunk ${n} missing`);
              yield chunk;
            }
          })(),
          { objectMode: false },
        ),
    };
  }
}

/** A byte stream cut into buffers of exactly `size` bytes (the last shorter). */
async function* chunksOf(source: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  for await (const piece of source) {
    pending.push(piece);
    length += piece.length;
    while (length >= size) {
      const all = Buffer.concat(pending, length);
      yield all.subarray(0, size);
      pending = [all.subarray(size)];
      length -= size;
    }
  }
  if (length > 0) yield Buffer.concat(pending, length);
}
