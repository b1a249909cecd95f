import { sql, type Kysely } from 'kysely';
import { doubleType } from '../dialect';

/**
 * Self-assessment (issue 6, DESIGN §6): one row per unit with its state, one per sub-criterion the unit scored
 * (optimistic version for concurrent editors), the unit's evidence library (files stored once on disk under their
 * content hash, outside the web root), the links from items to files, and the coordinator's assignments to staff.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('self_assessments')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft', 'submitted')`))
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('self_assessments_pk', ['campaign_id', 'unit_id'])
    .execute();
  await db.schema
    .createTable('sa_items')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('score', doubleType(db))
    .addColumn('explanation', 'text')
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('sa_items_pk', ['campaign_id', 'unit_id', 'code'])
    .addForeignKeyConstraint('sa_items_sa', ['campaign_id', 'unit_id'], 'self_assessments', ['campaign_id', 'unit_id'])
    .execute();
  await db.schema
    .createTable('evidence_files')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addPrimaryKeyConstraint('evidence_files_pk', ['campaign_id', 'unit_id', 'hash'])
    .addForeignKeyConstraint('evidence_files_sa', ['campaign_id', 'unit_id'], 'self_assessments', ['campaign_id', 'unit_id'])
    .execute();
  await db.schema
    .createTable('sa_item_files')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('attached_at', 'text', (c) => c.notNull())
    .addColumn('attached_by', 'text')
    .addPrimaryKeyConstraint('sa_item_files_pk', ['campaign_id', 'unit_id', 'code', 'hash'])
    .addForeignKeyConstraint('sa_item_files_file', ['campaign_id', 'unit_id', 'hash'], 'evidence_files', ['campaign_id', 'unit_id', 'hash'])
    .execute();
  await db.schema
    .createTable('sa_assignments')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('assigned_by', 'text')
    .addPrimaryKeyConstraint('sa_assignments_pk', ['campaign_id', 'unit_id', 'code', 'staff_id'])
    .execute();
  await db.schema.createIndex('sa_assignments_staff').on('sa_assignments').columns(['staff_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['sa_assignments', 'sa_item_files', 'evidence_files', 'sa_items', 'self_assessments'])
    await db.schema.dropTable(table).execute();
}
