import type { Kysely } from 'kysely';
import { inOneTransaction } from '../dialect';

/**
 * Self-fill codes (issue 19). A batch is issued for one unit × respondent group; its codes are kept only as hashes,
 * each with whether it was opened and spent (the batch's counts are read from them; its last day is the survey's).
 * Which code was spent is kept apart from the response: a code row holds no response id and no time, only the hash
 * of the secret the respondent's browser sent with it (so a retry is recognised), and a response holds only its batch.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await inOneTransaction(db, async (trx) => {
    await trx.schema
      .createTable('self_fill_batches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('group_id', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('issued_by', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('revoked_by', 'text')
      .execute();
    await trx.schema
      .createIndex('self_fill_batches_cell')
      .on('self_fill_batches')
      .columns(['campaign_id', 'unit_id', 'group_id'])
      .execute();
    await trx.schema
      .createTable('self_fill_codes')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('batch_id', 'text', (c) => c.notNull().references('self_fill_batches.id'))
      .addColumn('opened', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('spent', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('secret_hash', 'text')
      .execute();
    await trx.schema.createIndex('self_fill_codes_batch').on('self_fill_codes').columns(['batch_id']).execute();
    await trx.schema.alterTable('responses').addColumn('self_fill_batch_id', 'text').execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await inOneTransaction(db, async (trx) => {
    await trx.schema.alterTable('responses').dropColumn('self_fill_batch_id').execute();
    await trx.schema.dropTable('self_fill_codes').execute();
    await trx.schema.dropTable('self_fill_batches').execute();
  });
}
