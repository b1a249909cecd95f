import { sql, type Kysely } from 'kysely';
import { normalisePaperSerial } from '../../../shared';
import { inOneTransaction } from '../dialect';

/**
 * Paper serials are compared normalised (shared/sync/paper-serial.ts: NFC, trimmed, one space, upper case), so
 * " tp-0001 " and "TP-0001" are the same paper form for the duplicate-serial flag. The serial as received stays in
 * paper_serial; its key sits beside it, indexed in place of the serial itself. Responses already stored are
 * backfilled with the same function.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One transaction: a migration stopped half-way leaves the table as it was, and the next start runs it again.
  await inOneTransaction(db, async (trx) => {
    await trx.schema.alterTable('responses').addColumn('paper_serial_key', 'text').execute();
    let after = '';
    for (;;) {
      const rows = (
        await sql<{ id: string; paper_serial: string }>`select id, paper_serial from responses
        where paper_serial is not null and id > ${after} order by id limit 1000`.execute(trx)
      ).rows;
      if (rows.length === 0) break;
      for (const r of rows)
        await sql`update responses set paper_serial_key = ${normalisePaperSerial(r.paper_serial)} where id = ${r.id}`.execute(trx);
      after = rows[rows.length - 1]!.id;
    }
    await trx.schema.dropIndex('responses_paper_serial').execute();
    await trx.schema
      .createIndex('responses_paper_serial_key')
      .on('responses')
      .columns(['campaign_id', 'unit_id', 'group_id', 'paper_serial_key'])
      .where(sql.ref('paper_serial_key'), 'is not', null)
      .execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('responses_paper_serial_key').execute();
  await db.schema
    .createIndex('responses_paper_serial')
    .on('responses')
    .columns(['campaign_id', 'unit_id', 'group_id', 'paper_serial'])
    .where(sql.ref('paper_serial'), 'is not', null)
    .execute();
  await db.schema.alterTable('responses').dropColumn('paper_serial_key').execute();
}
