import type { AssessmentState } from '../../shared';
import type { Db } from './database';

interface UnitKey {
  campaignId: string;
  unitId: string;
}

/** The council's scores and comments of one unit, with who saved each. */
export async function listAppraisalItems(db: Db, key: UnitKey) {
  return db
    .selectFrom('appraisal_items as i')
    .leftJoin('accounts as a', 'a.id', 'i.updated_by')
    .select(['i.code', 'i.score', 'i.comment', 'i.version', 'i.updated_at', 'a.display_name as updated_by_name'])
    .where('i.campaign_id', '=', key.campaignId)
    .where('i.unit_id', '=', key.unitId)
    .execute();
}

/** Every appraised score of a campaign (the index reads them all at once). */
export async function listAllAppraisalScores(db: Db, campaignId: string) {
  return db
    .selectFrom('appraisal_items')
    .select(['unit_id', 'code', 'score'])
    .where('campaign_id', '=', campaignId)
    .where('score', 'is not', null)
    .execute();
}

export async function getAppraisalItem(db: Db, key: UnitKey, code: string) {
  return db
    .selectFrom('appraisal_items')
    .selectAll()
    .where('campaign_id', '=', key.campaignId)
    .where('unit_id', '=', key.unitId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/**
 * Saves one appraised item if it is still at `version` (0: never saved); false when someone saved it in between.
 * The version moves on by one with every save.
 */
export async function saveAppraisalItem(
  db: Db,
  key: UnitKey,
  code: string,
  version: number,
  fields: { score: number | null; comment: string | null },
  by: string,
  at: string,
): Promise<boolean> {
  if (version === 0) {
    const r = await db
      .insertInto('appraisal_items')
      .values({ campaign_id: key.campaignId, unit_id: key.unitId, code, ...fields, version: 1, updated_at: at, updated_by: by })
      .onConflict((oc) => oc.columns(['campaign_id', 'unit_id', 'code']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const r = await db
    .updateTable('appraisal_items')
    .set({ ...fields, version: version + 1, updated_at: at, updated_by: by })
    .where('campaign_id', '=', key.campaignId)
    .where('unit_id', '=', key.unitId)
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Moves the unit's assessment from `from` to `to`; false when it was no longer in `from` (someone acted first). */
export async function moveState(
  db: Db,
  key: UnitKey,
  from: AssessmentState,
  to: AssessmentState,
  at: string,
  extra: { appraised_at?: string | null; appraised_by?: string | null; appraisal_late?: number } = {},
): Promise<boolean> {
  const r = await db
    .updateTable('self_assessments')
    .set({ state: to, updated_at: at, ...extra })
    .where('campaign_id', '=', key.campaignId)
    .where('unit_id', '=', key.unitId)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The explanation rounds of one unit, oldest first, each with its items. */
export async function listRounds(db: Db, key: UnitKey) {
  const rounds = await db
    .selectFrom('explanation_rounds as r')
    .leftJoin('accounts as q', 'q.id', 'r.requested_by')
    .leftJoin('accounts as a', 'a.id', 'r.answered_by')
    .select([
      'r.number',
      'r.message',
      'r.deadline',
      'r.requested_at',
      'r.answered_at',
      'r.answer',
      'r.answered_late',
      'q.display_name as requested_by_name',
      'a.display_name as answered_by_name',
    ])
    .where('r.campaign_id', '=', key.campaignId)
    .where('r.unit_id', '=', key.unitId)
    .orderBy('r.number')
    .execute();
  const items = await db
    .selectFrom('explanation_items')
    .select(['number', 'code'])
    .where('campaign_id', '=', key.campaignId)
    .where('unit_id', '=', key.unitId)
    .orderBy('code')
    .execute();
  return rounds.map((r) => ({ ...r, codes: items.filter((i) => i.number === r.number).map((i) => i.code) }));
}

/** Every open round of a campaign with its items (the work lists read them all at once). */
export async function listOpenRoundItems(db: Db, campaignId: string) {
  return db
    .selectFrom('explanation_items as i')
    .innerJoin('explanation_rounds as r', (j) =>
      j.onRef('r.campaign_id', '=', 'i.campaign_id').onRef('r.unit_id', '=', 'i.unit_id').onRef('r.number', '=', 'i.number'),
    )
    .select(['i.unit_id', 'i.code'])
    .where('i.campaign_id', '=', campaignId)
    .where('r.answered_at', 'is', null)
    .execute();
}

/** Opens round number `number` over `codes`. */
export async function insertRound(
  db: Db,
  key: UnitKey,
  round: { number: number; message: string; deadline: string; by: string; at: string },
  codes: readonly string[],
): Promise<void> {
  await db
    .insertInto('explanation_rounds')
    .values({
      campaign_id: key.campaignId,
      unit_id: key.unitId,
      number: round.number,
      message: round.message,
      deadline: round.deadline,
      requested_at: round.at,
      requested_by: round.by,
      answered_at: null,
      answered_by: null,
      answer: null,
    })
    .execute();
  await db
    .insertInto('explanation_items')
    .values(codes.map((code) => ({ campaign_id: key.campaignId, unit_id: key.unitId, number: round.number, code })))
    .execute();
}

/** Closes the open round with the unit's covering note; false when no round was open. */
export async function answerRound(
  db: Db,
  key: UnitKey,
  answer: { message: string | null; by: string; at: string; late: boolean },
): Promise<boolean> {
  const r = await db
    .updateTable('explanation_rounds')
    .set({ answered_at: answer.at, answered_by: answer.by, answer: answer.message, answered_late: answer.late ? 1 : 0 })
    .where('campaign_id', '=', key.campaignId)
    .where('unit_id', '=', key.unitId)
    .where('answered_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
