import type { Kysely } from 'kysely';

/**
 * Replaces the responses index on (campaign, unit, group) with one on (campaign, received_at, id). Counts now come
 * from cell_counts, so the old index only served filtered lists, while every sync insert landed at ~87 scattered
 * places in it. The new one grows at its end as responses arrive, and serves the lists' keyset pagination.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('responses_cell').execute();
  await db.schema.createIndex('responses_received').on('responses').columns(['campaign_id', 'received_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('responses_received').execute();
  await db.schema.createIndex('responses_cell').on('responses').columns(['campaign_id', 'unit_id', 'group_id']).execute();
}
