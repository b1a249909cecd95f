import { sql, type Kysely } from 'kysely';
import { doubleType, isPostgres } from '../dialect';

const STATES = "('draft', 'submitted', 'in-appraisal', 'explanation-requested', 'explained', 'appraised', 'published')";

/**
 * Appraisal, the index and its publication (issue 12, DESIGN §6): the self-assessment states after "submitted",
 * the council (members, chair, secretary, who appraises what), the council's score and comment per item, the
 * explanation rounds with the items each reopens, and the numbered snapshots of the published result.
 *
 * self_assessments is rebuilt to allow the new states (see rebuildSelfAssessments).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await rebuildSelfAssessments(db, STATES, true);
  await db.schema
    .createTable('council_members')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('position', 'text', (c) => c.notNull().check(sql`position in ('chair', 'secretary', 'member')`))
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('council_members_pk', ['campaign_id', 'account_id'])
    .execute();
  // Who appraises what: a field for every unit of a level (scope_kind 'field', scope = the field code), or every
  // item of one unit (scope_kind 'unit', scope = the unit id).
  await db.schema
    .createTable('council_assignments')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('scope_kind', 'text', (c) => c.notNull().check(sql`scope_kind in ('field', 'unit')`))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('council_assignments_pk', ['campaign_id', 'account_id', 'level', 'scope_kind', 'scope'])
    .addForeignKeyConstraint(
      'council_assignments_member',
      ['campaign_id', 'account_id'],
      'council_members',
      ['campaign_id', 'account_id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('appraisal_items')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('score', doubleType(db))
    .addColumn('comment', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('appraisal_items_pk', ['campaign_id', 'unit_id', 'code'])
    .addForeignKeyConstraint('appraisal_items_sa', ['campaign_id', 'unit_id'], 'self_assessments', ['campaign_id', 'unit_id'])
    .execute();

  // Explanation rounds, numbered per unit from 1; a round is open until the unit answers it.
  await db.schema
    .createTable('explanation_rounds')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answer', 'text')
    .addColumn('answered_late', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('explanation_rounds_pk', ['campaign_id', 'unit_id', 'number'])
    .addForeignKeyConstraint('explanation_rounds_sa', ['campaign_id', 'unit_id'], 'self_assessments', ['campaign_id', 'unit_id'])
    .execute();
  await db.schema
    .createTable('explanation_items')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('explanation_items_pk', ['campaign_id', 'unit_id', 'number', 'code'])
    .addForeignKeyConstraint('explanation_items_round', ['campaign_id', 'unit_id', 'number'], 'explanation_rounds', [
      'campaign_id',
      'unit_id',
      'number',
    ])
    .execute();

  // Published results: every figure frozen as canonical JSON with its hash; a correction is the next version.
  await db.schema
    .createTable('publications')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('publications_pk', ['campaign_id', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'publications',
    'explanation_items',
    'explanation_rounds',
    'appraisal_items',
    'council_assignments',
    'council_members',
  ])
    await db.schema.dropTable(table).execute();
  // Back to two states: whatever went past "submitted" stays submitted (locked), as it was before this migration.
  await sql`update self_assessments set state = 'submitted' where state not in ('draft', 'submitted')`.execute(db);
  await rebuildSelfAssessments(db, "('draft', 'submitted')", false);
}

/**
 * self_assessments again with the given states (and the appraisal's columns or not), its rows kept (SQLite cannot change a CHECK
 * constraint: the 12-step procedure of its documentation, with the foreign keys checked before the commit).
 */
async function rebuildSelfAssessments(db: Kysely<unknown>, states: string, appraisal: boolean): Promise<void> {
  if (isPostgres(db)) return alterSelfAssessments(db, states, appraisal);
  const common = ['campaign_id', 'unit_id', 'state', 'late', 'submitted_at', 'submitted_by', 'updated_at'];
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      let table = trx.schema
        .createTable('self_assessments_new')
        .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull().check(sql.raw(`state in ${states}`)))
        .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('submitted_at', 'text')
        .addColumn('submitted_by', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull());
      if (appraisal) {
        // When the appraisal was closed and by whom; closed after the appraisal deadline under the "flag" rule.
        table = table
          .addColumn('appraised_at', 'text')
          .addColumn('appraised_by', 'text')
          .addColumn('appraisal_late', 'integer', (c) => c.notNull().defaultTo(0));
      }
      await table.addPrimaryKeyConstraint('self_assessments_pk', ['campaign_id', 'unit_id']).execute();
      const columns = sql.raw(common.join(', '));
      await sql`insert into self_assessments_new (${columns}) select ${columns} from self_assessments`.execute(trx);
      await trx.schema.dropTable('self_assessments').execute();
      await trx.schema.alterTable('self_assessments_new').renameTo('self_assessments').execute();
      const broken = await sql`PRAGMA foreign_key_check`.execute(trx);
      if (broken.rows.length > 0)
        throw new Error(`foreign keys broken by the rebuild of self_assessments: ${JSON.stringify(broken.rows.slice(0, 3))}`);
    });
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

/** PostgreSQL changes a CHECK constraint and the columns in place (the rows and the keys that point at them stay). */
async function alterSelfAssessments(db: Kysely<unknown>, states: string, appraisal: boolean): Promise<void> {
  await sql`alter table self_assessments drop constraint self_assessments_state_check`.execute(db);
  await sql.raw(`alter table self_assessments add constraint self_assessments_state_check check (state in ${states})`).execute(db);
  if (appraisal) {
    await db.schema
      .alterTable('self_assessments')
      .addColumn('appraised_at', 'text')
      .addColumn('appraised_by', 'text')
      .addColumn('appraisal_late', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  } else {
    await db.schema
      .alterTable('self_assessments')
      .dropColumn('appraised_at')
      .dropColumn('appraised_by')
      .dropColumn('appraisal_late')
      .execute();
  }
}
