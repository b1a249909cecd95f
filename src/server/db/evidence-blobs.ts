import type { Db } from './database';

/** A stored blob: its size and how many chunks hold it; undefined when there is none. */
export async function blobInfo(db: Db, hash: string): Promise<{ size: number; chunks: number } | undefined> {
  const row = await db.selectFrom('evidence_blobs').select(['size', 'chunks']).where('hash', '=', hash).executeTakeFirst();
  return row ? { size: Number(row.size), chunks: Number(row.chunks) } : undefined;
}

export async function insertChunk(db: Db, hash: string, n: number, data: Buffer): Promise<void> {
  await db.insertInto('evidence_chunks').values({ hash, n, data }).execute();
}

export async function insertBlob(db: Db, hash: string, size: number, chunks: number): Promise<void> {
  await db.insertInto('evidence_blobs').values({ hash, size, chunks }).execute();
}

export async function readChunk(db: Db, hash: string, n: number): Promise<Buffer | undefined> {
  const row = await db.selectFrom('evidence_chunks').select('data').where('hash', '=', hash).where('n', '=', n).executeTakeFirst();
  return row?.data;
}
