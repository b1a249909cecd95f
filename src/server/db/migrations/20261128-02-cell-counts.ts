import { sql, type Kysely } from 'kysely';

/**
 * Responses received and excluded per unit × group, kept in the same transaction as every insert or exclusion.
 * Sync reads it to flag over-quota and dashboards read it for progress, in time that does not grow with the
 * number of stored responses. Backfilled from the responses already stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cell_counts')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('received', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('excluded', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('cell_counts_pk', ['campaign_id', 'unit_id', 'group_id'])
    .execute();
  await sql`
    insert into cell_counts (campaign_id, unit_id, group_id, received, excluded)
    select campaign_id, unit_id, group_id, count(*), sum(excluded) from responses group by campaign_id, unit_id, group_id
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cell_counts').execute();
}
