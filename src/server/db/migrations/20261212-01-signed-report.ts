import type { Kysely } from 'kysely';

/**
 * The unit's signed, stamped self-assessment report (issue 15): one PDF per unit and campaign, its bytes in the evidence
 * store under their content hash (services/evidence-store.ts), this row naming the one in force with its upload time
 * and uploader. A replacement overwrites the row; the audit log keeps every upload (hash, name, size) and the replaced
 * file stays on disk under its hash.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sa_signed_reports')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addPrimaryKeyConstraint('sa_signed_reports_pk', ['campaign_id', 'unit_id'])
    .addForeignKeyConstraint('sa_signed_reports_sa', ['campaign_id', 'unit_id'], 'self_assessments', ['campaign_id', 'unit_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sa_signed_reports').execute();
}
