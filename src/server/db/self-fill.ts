import { sql } from 'kysely';
import type { Db } from './database';
import { runSql } from './raw';
import type { SelfFillBatchTable } from './schema';

/** A batch with its codes' fate, counted from the codes. */
export interface BatchRow extends SelfFillBatchTable {
  issued_by_name: string | null;
  issued: number;
  opened: number;
  submitted: number;
  revoked_codes: number;
}

/** A new batch and its codes (hashes) in one go; call inside a transaction. */
export async function insertBatch(db: Db, batch: SelfFillBatchTable, codeHashes: readonly string[]): Promise<void> {
  await db.insertInto('self_fill_batches').values(batch).execute();
  // 500 codes at most (MAX_CODES_PER_BATCH); 100 rows a statement keeps well within both databases' parameter limits.
  for (let i = 0; i < codeHashes.length; i += 100) {
    await db
      .insertInto('self_fill_codes')
      .values(codeHashes.slice(i, i + 100).map((code_hash) => ({ code_hash, batch_id: batch.id, opened: 0, spent: 0, secret_hash: null })))
      .execute();
  }
}

/** Batches of a campaign, newest first, narrowed to a unit, a group or one batch; their codes counted in one pass. */
export async function listBatches(
  db: Db,
  campaignId: string,
  filter: { unitId?: string; groupId?: string; batchId?: string } = {},
): Promise<BatchRow[]> {
  let q = db
    .selectFrom('self_fill_batches as b')
    .innerJoin('self_fill_codes as c', 'c.batch_id', 'b.id')
    .leftJoin('accounts as a', 'a.id', 'b.issued_by')
    .select((eb) => [
      'b.id',
      'b.campaign_id',
      'b.unit_id',
      'b.group_id',
      'b.note',
      'b.issued_by',
      'b.issued_at',
      'b.revoked_at',
      'b.revoked_by',
      'a.display_name as issued_by_name',
      eb.fn.countAll<number>().as('issued'),
      eb.fn.sum<number>('c.opened').as('opened'),
      eb.fn.sum<number>('c.spent').as('submitted'),
      sql<number>`sum(case when b.revoked_at is not null and c.spent = 0 then 1 else 0 end)`.as('revoked_codes'),
    ])
    .where('b.campaign_id', '=', campaignId);
  if (filter.unitId) q = q.where('b.unit_id', '=', filter.unitId);
  if (filter.groupId) q = q.where('b.group_id', '=', filter.groupId);
  if (filter.batchId) q = q.where('b.id', '=', filter.batchId);
  const rows = await q
    .groupBy([
      'b.id',
      'b.campaign_id',
      'b.unit_id',
      'b.group_id',
      'b.note',
      'b.issued_by',
      'b.issued_at',
      'b.revoked_at',
      'b.revoked_by',
      'a.display_name',
    ])
    .orderBy('b.issued_at', 'desc')
    .orderBy('b.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    issued: Number(r.issued),
    opened: Number(r.opened),
    submitted: Number(r.submitted),
    revoked_codes: Number(r.revoked_codes),
  }));
}

/** Revokes a batch not revoked yet; false when it already was (or does not exist). */
export async function revokeBatch(db: Db, batchId: string, at: string, by: string): Promise<boolean> {
  const result = await db
    .updateTable('self_fill_batches')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', batchId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A code by its hash, with what deciding about it needs from its batch. */
export interface CodeRow {
  code_hash: string;
  batch_id: string;
  opened: number;
  spent: number;
  secret_hash: string | null;
  campaign_id: string;
  unit_id: string;
  group_id: string;
  revoked_at: string | null;
}

export async function findCode(db: Db, codeHash: string): Promise<CodeRow | undefined> {
  const rows = await runSql<CodeRow>(
    db,
    'select c.code_hash, c.batch_id, c.opened, c.spent, c.secret_hash, b.campaign_id, b.unit_id, b.group_id, b.revoked_at ' +
      'from self_fill_codes c join self_fill_batches b on b.id = c.batch_id where c.code_hash = ?',
    [codeHash],
  );
  const row = rows[0];
  return row && { ...row, opened: Number(row.opened), spent: Number(row.spent) };
}

export async function markOpened(db: Db, codeHash: string): Promise<void> {
  await runSql(db, 'update self_fill_codes set opened = 1 where code_hash = ? and opened = 0', [codeHash]);
}

/** Spends an unspent code, keeping the hash of the secret that spent it; false if it was spent meanwhile. */
export async function spendCode(db: Db, codeHash: string, secretHash: string): Promise<boolean> {
  const result = await db
    .updateTable('self_fill_codes')
    .set({ spent: 1, opened: 1, secret_hash: secretHash })
    .where('code_hash', '=', codeHash)
    .where('spent', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Per unit × group with any batch: batches, codes issued, opened, submitted, and left unspent by a revocation. */
export async function selfFillCells(
  db: Db,
  campaignId: string,
  unitId?: string,
): Promise<{ unit_id: string; group_id: string; batches: number; issued: number; opened: number; submitted: number; revoked: number }[]> {
  const rows = await runSql<{
    unit_id: string;
    group_id: string;
    batches: number;
    issued: number;
    opened: number;
    submitted: number;
    revoked: number;
  }>(
    db,
    'select b.unit_id, b.group_id, count(distinct b.id) as batches, count(c.code_hash) as issued, ' +
      'coalesce(sum(c.opened), 0) as opened, coalesce(sum(c.spent), 0) as submitted, ' +
      'coalesce(sum(case when b.revoked_at is not null and c.spent = 0 then 1 else 0 end), 0) as revoked ' +
      'from self_fill_batches b join self_fill_codes c on c.batch_id = b.id ' +
      `where b.campaign_id = ?${unitId ? ' and b.unit_id = ?' : ''} group by b.unit_id, b.group_id order by b.unit_id, b.group_id`,
    unitId ? [campaignId, unitId] : [campaignId],
  );
  return rows.map((r) => ({
    unit_id: r.unit_id,
    group_id: r.group_id,
    batches: Number(r.batches),
    issued: Number(r.issued),
    opened: Number(r.opened),
    submitted: Number(r.submitted),
    revoked: Number(r.revoked),
  }));
}
