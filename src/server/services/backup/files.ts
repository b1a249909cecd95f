import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A file's SHA-256 (hex) and size in bytes. */
export interface FileDigest {
  sha256: string;
  size: number;
}

/** Reads a file once for its SHA-256 and size. */
export async function digestFile(file: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Copies `from` to the new file `to` (never over an existing one), hashing the bytes as they pass and syncing the copy
 * to disk before this returns: what a backup or a restore says it holds is what reached the disk.
 */
export async function copyHashed(from: string, to: string): Promise<FileDigest> {
  await mkdir(path.dirname(to), { recursive: true });
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform: (chunk: Buffer, _enc, done) => {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(from), meter, createWriteStream(to, { flags: 'wx', flush: true }));
  } catch (err) {
    await rm(to, { force: true });
    throw err;
  }
  return { sha256: hash.digest('hex'), size };
}

/** Syncs a file's bytes to disk. */
export async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
