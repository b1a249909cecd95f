import { sql, type Kysely } from 'kysely';
import { inOneTransaction, isPostgres } from '../dialect';

/**
 * The order files were attached to an item, kept in a column of its own (issue 18). It was SQLite's rowid, which
 * PostgreSQL has no equivalent of; files attached by one request share their attached_at, so the time alone does not
 * order them. Rising per unit: each attach takes the unit's highest plus one (db/evidence.ts). Existing rows keep
 * the order they had: their rowid on SQLite, their time then hash on PostgreSQL (whose rows all came after this).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await inOneTransaction(db, async (trx) => {
    await trx.schema
      .alterTable('sa_item_files')
      .addColumn('attach_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    if (isPostgres(trx)) {
      await sql`update sa_item_files f set attach_seq = o.n
        from (select ctid as row_id, row_number() over (partition by campaign_id, unit_id order by attached_at, hash) as n from sa_item_files) o
        where f.ctid = o.row_id`.execute(trx);
    } else {
      await sql`update sa_item_files set attach_seq = rowid`.execute(trx);
    }
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sa_item_files').dropColumn('attach_seq').execute();
}
