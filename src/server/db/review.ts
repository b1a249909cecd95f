import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { normalisePaperSerial, TIMED_MODES, type ReviewFlag } from '../../shared';
import type { Db } from './database';
import { vnDayOf } from './raw';
import type { DB } from './schema';

/**
 * "unit\0group\0serial" of every paper serial used by more than one response of the campaign's cell, serials
 * compared normalised (paper_serial_key: " tp-0001 " and "TP-0001" are one paper form).
 */
export async function duplicateSerials(db: Db, campaignId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('responses')
    .select(['unit_id', 'group_id', 'paper_serial_key'])
    .where('campaign_id', '=', campaignId)
    .where('paper_serial_key', 'is not', null)
    .groupBy(['unit_id', 'group_id', 'paper_serial_key'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  return new Set(rows.map((r) => `${r.unit_id}\u0000${r.group_id}\u0000${r.paper_serial_key ?? ''}`));
}

/** The key of a response's paper serial in duplicateSerials' set: the serial as received, normalised the same way. */
export const serialKey = (unit: string, group: string, serial: string | null): string =>
  `${unit}\u0000${group}\u0000${serial === null ? '' : normalisePaperSerial(serial)}`;

export interface ReviewFilter {
  campaignId: string;
  unitId?: string;
  groupId?: string;
  surveyorId?: string;
  /** received_at bounds, ISO instants: from inclusive, to exclusive. */
  receivedFrom?: string;
  receivedBefore?: string;
  flag?: ReviewFlag | 'any';
  /** Interviews shorter than this many seconds are short (0: none are). */
  shortSeconds: number;
  /** Responses finished after this Vietnamese calendar day are late (null: none are). */
  lateAfter: string | null;
  state: 'all' | 'included' | 'excluded';
  after?: { receivedAt: string; id: string };
  limit: number;
}

const REVIEW_COLUMNS = [
  'r.id',
  'r.unit_id',
  'r.group_id',
  'r.questionnaire_id',
  'r.questionnaire_version',
  'r.surveyor_id',
  'r.device_id',
  'r.mode',
  'r.paper_serial',
  'r.started_at',
  'r.finished_at',
  'r.received_at',
  'r.duration_seconds',
  'r.over_quota',
  'r.uniform_answers',
  'r.excluded',
  'r.excluded_reason',
  'r.reviewed_by',
  'r.reviewed_at',
] as const;

/** Responses for review, oldest arrival first, without answers; paged by (received_at, id). */
export async function listForReview(db: Db, f: ReviewFilter) {
  let q = db
    .selectFrom('responses as r')
    .leftJoin('accounts as a', 'a.id', 'r.surveyor_id')
    .select([...REVIEW_COLUMNS, 'a.display_name as surveyor_name'])
    .where('r.campaign_id', '=', f.campaignId);
  if (f.unitId) q = q.where('r.unit_id', '=', f.unitId);
  if (f.groupId) q = q.where('r.group_id', '=', f.groupId);
  if (f.surveyorId) q = q.where('r.surveyor_id', '=', f.surveyorId);
  if (f.receivedFrom) q = q.where('r.received_at', '>=', f.receivedFrom);
  if (f.receivedBefore) q = q.where('r.received_at', '<', f.receivedBefore);
  if (f.state !== 'all') q = q.where('r.excluded', '=', f.state === 'excluded' ? 1 : 0);
  if (f.flag) q = q.where((eb) => flagCondition(db, eb, f.flag!, f.shortSeconds, f.lateAfter));
  if (f.after) {
    const { receivedAt, id } = f.after;
    q = q.where((eb) => eb.or([eb('r.received_at', '>', receivedAt), eb.and([eb('r.received_at', '=', receivedAt), eb('r.id', '>', id)])]));
  }
  return q.orderBy('r.received_at').orderBy('r.id').limit(f.limit).execute();
}

type ReviewEb = ExpressionBuilder<DB & { r: DB['responses'] }, 'r'>;

/** services/review-flags.ts flagsOf in SQL. */
function flagCondition(
  db: Db,
  eb: ReviewEb,
  flag: ReviewFlag | 'any',
  shortSeconds: number,
  lateAfter: string | null,
): Expression<SqlBool> {
  const duplicate = eb.and([
    eb('r.paper_serial_key', 'is not', null),
    eb.exists(
      eb
        .selectFrom('responses as d')
        .select('d.id')
        .whereRef('d.campaign_id', '=', 'r.campaign_id')
        .whereRef('d.unit_id', '=', 'r.unit_id')
        .whereRef('d.group_id', '=', 'r.group_id')
        .whereRef('d.paper_serial_key', '=', 'r.paper_serial_key')
        .whereRef('d.id', '<>', 'r.id'),
    ),
  ]);
  const short =
    shortSeconds > 0 ? eb.and([eb('r.mode', 'in', [...TIMED_MODES]), eb('r.duration_seconds', '<', shortSeconds)]) : eb.lit(false);
  const conditions: Record<ReviewFlag, Expression<SqlBool>> = {
    'over-quota': eb('r.over_quota', '=', 1),
    'uniform-answers': eb('r.uniform_answers', '=', 1),
    late: lateAfter === null ? eb.lit(false) : eb(vnDayOf(db, 'r.finished_at'), '>', lateAfter),
    'short-interview': short,
    'duplicate-serial': duplicate,
  };
  return flag === 'any' ? eb.or(Object.values(conditions)) : conditions[flag];
}

/** One response for review, with its answers and the surveyor's name. */
export async function getForReview(db: Db, id: string) {
  return db
    .selectFrom('responses as r')
    .leftJoin('accounts as a', 'a.id', 'r.surveyor_id')
    .select([...REVIEW_COLUMNS, 'r.campaign_id', 'r.answers_json', 'a.display_name as surveyor_name'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** Campaign-wide counts per flag for the review screen's tabs. */
export async function reviewSummary(db: Db, campaignId: string, shortSeconds: number, lateAfter: string | null) {
  const row = await db
    .selectFrom('responses')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>('excluded').as('excluded'),
      eb.fn.sum<number>('over_quota').as('over_quota'),
      eb.fn.sum<number>('uniform_answers').as('uniform'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('mode', 'in', [...TIMED_MODES]), eb('duration_seconds', '<', shortSeconds)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('short'),
      eb.fn
        .sum<number>(lateAfter === null ? eb.lit(0) : eb.case().when(vnDayOf(db, 'finished_at'), '>', lateAfter).then(1).else(0).end())
        .as('late'),
    ])
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  const duplicates = await db
    .selectFrom('responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId)
    .where('paper_serial_key', 'is not', null)
    .groupBy(['unit_id', 'group_id', 'paper_serial_key'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  return {
    total: Number(row.total),
    excluded: Number(row.excluded ?? 0),
    overQuota: Number(row.over_quota ?? 0),
    uniform: Number(row.uniform ?? 0),
    short: shortSeconds > 0 ? Number(row.short ?? 0) : 0,
    late: Number(row.late ?? 0),
    duplicateSerial: duplicates.reduce((n, d) => n + Number(d.n), 0),
  };
}

/**
 * Sets a response's exclusion and moves it between the counted and excluded tallies of its cell and surveyor, in
 * the caller's transaction. Returns false when it already was in that state (nothing changed).
 */
export async function setExcluded(db: Db, id: string, excluded: boolean, reason: string | null, by: string, at: string): Promise<boolean> {
  const changed = await db
    .updateTable('responses')
    .set({ excluded: excluded ? 1 : 0, excluded_reason: excluded ? reason : null, reviewed_by: by, reviewed_at: at })
    .where('id', '=', id)
    .where('excluded', '=', excluded ? 0 : 1)
    .returning(['campaign_id', 'unit_id', 'group_id', 'surveyor_id'])
    .executeTakeFirst();
  if (!changed) return false;
  const delta = excluded ? 1 : -1;
  await db
    .updateTable('cell_counts')
    .set((eb) => ({ excluded: eb('excluded', '+', delta) }))
    .where('campaign_id', '=', changed.campaign_id)
    .where('unit_id', '=', changed.unit_id)
    .where('group_id', '=', changed.group_id)
    .execute();
  await db
    .updateTable('surveyor_counts')
    .set((eb) => ({ excluded: eb('excluded', '+', delta) }))
    .where('campaign_id', '=', changed.campaign_id)
    .where('surveyor_id', '=', changed.surveyor_id)
    .where('unit_id', '=', changed.unit_id)
    .where('group_id', '=', changed.group_id)
    .execute();
  return true;
}
