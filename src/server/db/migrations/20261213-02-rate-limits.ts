import type { Kysely } from 'kysely';

/**
 * The per-address request counts of rate-limited routes (sign-in), where every server instance sees them (issue 18):
 * on PostgreSQL the app counts here (http/rate-limit-store.ts); SQLite's single process counts in memory, and leaves
 * this table empty. One row per route and address: hits in the current window and when it ends (ms since the epoch).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('resets_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
}
