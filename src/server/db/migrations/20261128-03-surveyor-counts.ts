import { sql, type Kysely } from 'kysely';

/**
 * Responses per surveyor × unit × group, kept with every insert like cell_counts. It replaces the responses index
 * on surveyor: pull and progress read the counts in constant time, and each sync insert updates one index fewer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('surveyor_counts')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('surveyor_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('received', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('excluded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_received_at', 'text')
    .addPrimaryKeyConstraint('surveyor_counts_pk', ['campaign_id', 'surveyor_id', 'unit_id', 'group_id'])
    .execute();
  await sql`
    insert into surveyor_counts (campaign_id, surveyor_id, unit_id, group_id, received, excluded, last_received_at)
    select campaign_id, surveyor_id, unit_id, group_id, count(*), sum(excluded), max(received_at)
    from responses group by campaign_id, surveyor_id, unit_id, group_id
  `.execute(db);
  await db.schema.dropIndex('responses_surveyor').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('responses_surveyor').on('responses').columns(['campaign_id', 'surveyor_id']).execute();
  await db.schema.dropTable('surveyor_counts').execute();
}
