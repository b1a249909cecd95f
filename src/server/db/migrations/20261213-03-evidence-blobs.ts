import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

/**
 * Evidence files' bytes in the database (issue 18): on PostgreSQL every server instance must reach every file, so the
 * bytes live here, not on one instance's disk (services/evidence-blobs.ts). A blob row (its hash, size and number of
 * chunks) is written after its chunks, in one transaction: a blob row means the file is whole. Chunks are 256 KiB,
 * stored uncompressed (evidence is mostly PDF and images, compressed already). SQLite keeps its files in the evidence
 * folder as before, and leaves these tables empty.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('evidence_blobs')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('chunks', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('evidence_chunks')
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('data', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('evidence_chunks_pk', ['hash', 'n'])
    .execute();
  if (isPostgres(db)) await sql`alter table evidence_chunks alter column data set storage external`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('evidence_chunks').execute();
  await db.schema.dropTable('evidence_blobs').execute();
}
