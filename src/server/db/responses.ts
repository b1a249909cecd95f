import { normalisePaperSerial } from '../../shared';
import type { Db } from './database';
import { inList, insertRows, listParam, runSql } from './raw';
import type { NewResponse } from './schema';

/** Content hashes of the responses among `ids` already stored. One statement text whatever the count (inList). */
export async function existingResponseHashes(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await runSql<{ id: string; content_hash: string }>(db, `select id, content_hash from responses where ${inList(db, 'id')}`, [
    listParam(db, ids),
  ]);
  return new Map(rows.map((r) => [r.id, r.content_hash]));
}

const RESPONSE_COLUMNS = [
  'id',
  'campaign_id',
  'unit_id',
  'group_id',
  'questionnaire_id',
  'questionnaire_version',
  'surveyor_id',
  'device_id',
  'started_at',
  'finished_at',
  'app_version',
  'mode',
  'paper_serial',
  'answers_json',
  'content_hash',
  'received_at',
  'over_quota',
  'excluded',
  'duration_seconds',
  'uniform_answers',
  'paper_serial_key',
  'self_fill_batch_id',
] as const satisfies readonly (keyof NewResponse)[];

const CELL_COUNTS_UPSERT =
  'on conflict (campaign_id, unit_id, group_id) do update set received = cell_counts.received + excluded.received, excluded = cell_counts.excluded + excluded.excluded';
const SURVEYOR_COUNTS_UPSERT =
  'on conflict (campaign_id, surveyor_id, unit_id, group_id) do update set received = surveyor_counts.received + excluded.received, ' +
  'excluded = surveyor_counts.excluded + excluded.excluded, last_received_at = excluded.last_received_at';

/**
 * Inserts responses and adds them to cell_counts and surveyor_counts. Call inside a transaction so all land together.
 * Fixed-text statements (raw.ts): sync runs this for every batch, so its loops read each field by name (one shape)
 * rather than by a computed key.
 */
export async function insertResponses(db: Db, rows: NewResponse[]): Promise<void> {
  if (rows.length === 0) return;
  const values: unknown[][] = new Array(rows.length);
  const cells = new Map<string, [campaign: string, unit: string, group: string, received: number, excluded: number]>();
  const surveyors = new Map<
    string,
    [campaign: string, surveyor: string, unit: string, group: string, received: number, excluded: number, last: string]
  >();
  for (let i = 0; i < rows.length; i += 1) {
    const r = rows[i]!;
    const excluded = r.excluded ?? 0;
    // In RESPONSE_COLUMNS order.
    values[i] = [
      r.id,
      r.campaign_id,
      r.unit_id,
      r.group_id,
      r.questionnaire_id,
      r.questionnaire_version,
      r.surveyor_id,
      r.device_id,
      r.started_at,
      r.finished_at,
      r.app_version,
      r.mode,
      r.paper_serial ?? null,
      r.answers_json,
      r.content_hash,
      r.received_at,
      r.over_quota ?? 0,
      excluded,
      r.duration_seconds ?? null,
      r.uniform_answers ?? 0,
      r.paper_serial == null ? null : normalisePaperSerial(r.paper_serial),
      r.self_fill_batch_id ?? null,
    ];
    const cellKey = `${r.campaign_id}\u0000${r.unit_id}\u0000${r.group_id}`;
    const cell = cells.get(cellKey);
    if (cell) {
      cell[3] += 1;
      cell[4] += excluded;
    } else cells.set(cellKey, [r.campaign_id, r.unit_id, r.group_id, 1, excluded]);
    const sKey = `${cellKey}\u0000${r.surveyor_id}`;
    const s = surveyors.get(sKey);
    if (s) {
      s[4] += 1;
      s[5] += excluded;
      if (r.received_at > s[6]) s[6] = r.received_at;
    } else surveyors.set(sKey, [r.campaign_id, r.surveyor_id, r.unit_id, r.group_id, 1, excluded, r.received_at]);
  }
  await insertRows(db, 'responses', RESPONSE_COLUMNS, values);
  await insertRows(
    db,
    'cell_counts',
    ['campaign_id', 'unit_id', 'group_id', 'received', 'excluded'],
    [...cells.values()],
    CELL_COUNTS_UPSERT,
  );
  await insertRows(
    db,
    'surveyor_counts',
    ['campaign_id', 'surveyor_id', 'unit_id', 'group_id', 'received', 'excluded', 'last_received_at'],
    [...surveyors.values()],
    SURVEYOR_COUNTS_UPSERT,
  );
}

export interface CellCountRow {
  unit_id: string;
  group_id: string;
  received: number;
  excluded: number;
}

/** Responses received per unit × group (optionally one unit), with how many were excluded by review. */
export async function cellCounts(db: Db, campaignId: string, unitId?: string): Promise<CellCountRow[]> {
  let q = db.selectFrom('cell_counts').select(['unit_id', 'group_id', 'received', 'excluded']).where('campaign_id', '=', campaignId);
  if (unitId) q = q.where('unit_id', '=', unitId);
  const rows = await q.orderBy('unit_id').orderBy('group_id').execute();
  return rows.map((r) => ({ unit_id: r.unit_id, group_id: r.group_id, received: Number(r.received), excluded: Number(r.excluded) }));
}

/** Per surveyor, the newest response the server received from them in this campaign, whatever the unit and group. */
export async function lastReceivedBySurveyor(db: Db, campaignId: string, surveyorIds: readonly string[]): Promise<Map<string, string>> {
  if (surveyorIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('surveyor_counts')
    .select((eb) => ['surveyor_id', eb.fn.max('last_received_at').as('last_received_at')])
    .where('campaign_id', '=', campaignId)
    .where('surveyor_id', 'in', [...new Set(surveyorIds)])
    .groupBy('surveyor_id')
    .execute();
  return new Map(rows.filter((r) => r.last_received_at !== null).map((r) => [r.surveyor_id, String(r.last_received_at)]));
}

/** The same figures computed from the responses themselves: what cell_counts must always equal. */
export async function cellCountsFromResponses(db: Db, campaignId: string): Promise<CellCountRow[]> {
  const rows = await db
    .selectFrom('responses')
    .select((eb) => ['unit_id', 'group_id', eb.fn.countAll<number>().as('received'), eb.fn.sum<number>('excluded').as('excluded')])
    .where('campaign_id', '=', campaignId)
    .groupBy(['unit_id', 'group_id'])
    .orderBy('unit_id')
    .orderBy('group_id')
    .execute();
  return rows.map((r) => ({ unit_id: r.unit_id, group_id: r.group_id, received: Number(r.received), excluded: Number(r.excluded ?? 0) }));
}

export interface SurveyorCountRow {
  surveyor_id: string;
  unit_id: string;
  group_id: string;
  received: number;
  last_received_at: string | null;
}

/** Counted (not excluded) responses per surveyor × cell, with the last receive time. */
export async function surveyorCounts(
  db: Db,
  campaignId: string,
  filter: { unitId?: string; surveyorId?: string } = {},
): Promise<SurveyorCountRow[]> {
  let q = db
    .selectFrom('surveyor_counts')
    .select(['surveyor_id', 'unit_id', 'group_id', 'received', 'excluded', 'last_received_at'])
    .where('campaign_id', '=', campaignId);
  if (filter.unitId) q = q.where('unit_id', '=', filter.unitId);
  if (filter.surveyorId) q = q.where('surveyor_id', '=', filter.surveyorId);
  const rows = await q.orderBy('surveyor_id').orderBy('unit_id').orderBy('group_id').execute();
  return rows.map((r) => ({
    surveyor_id: r.surveyor_id,
    unit_id: r.unit_id,
    group_id: r.group_id,
    received: Number(r.received) - Number(r.excluded),
    last_received_at: r.last_received_at,
  }));
}

/** The same figures computed from the responses themselves: what surveyor_counts must always equal. */
export async function surveyorCountsFromResponses(db: Db, campaignId: string): Promise<SurveyorCountRow[]> {
  const rows = await db
    .selectFrom('responses')
    .select((eb) => [
      'surveyor_id',
      'unit_id',
      'group_id',
      eb.fn.countAll<number>().as('received'),
      eb.fn.max('received_at').as('last_received_at'),
    ])
    .where('campaign_id', '=', campaignId)
    .where('excluded', '=', 0)
    .groupBy(['surveyor_id', 'unit_id', 'group_id'])
    .orderBy('surveyor_id')
    .orderBy('unit_id')
    .orderBy('group_id')
    .execute();
  return rows.map((r) => ({
    surveyor_id: r.surveyor_id,
    unit_id: r.unit_id,
    group_id: r.group_id,
    received: Number(r.received),
    last_received_at: r.last_received_at ?? null,
  }));
}

/** Counted (received − excluded) responses per cell of the given units: the over-quota test runs against these. */
export async function countedInCells(db: Db, campaignId: string, unitIds: string[]): Promise<Map<string, number>> {
  if (unitIds.length === 0) return new Map();
  const rows = await runSql<{ unit_id: string; group_id: string; received: number; excluded: number }>(
    db,
    `select unit_id, group_id, received, excluded from cell_counts where campaign_id = ? and ${inList(db, 'unit_id')}`,
    [campaignId, listParam(db, unitIds)],
  );
  return new Map(rows.map((r) => [`${r.unit_id}\u0000${r.group_id}`, Number(r.received) - Number(r.excluded)]));
}

export interface ResponseFilter {
  campaignId: string;
  unitId?: string;
  groupId?: string;
  surveyorId?: string;
  /** Keyset pagination: responses received after this (received_at, id). */
  after?: { receivedAt: string; id: string };
  limit: number;
}

export async function listResponses(db: Db, f: ResponseFilter) {
  let q = db.selectFrom('responses').selectAll().where('campaign_id', '=', f.campaignId);
  if (f.unitId) q = q.where('unit_id', '=', f.unitId);
  if (f.groupId) q = q.where('group_id', '=', f.groupId);
  if (f.surveyorId) q = q.where('surveyor_id', '=', f.surveyorId);
  if (f.after) {
    const { receivedAt, id } = f.after;
    q = q.where((eb) => eb.or([eb('received_at', '>', receivedAt), eb.and([eb('received_at', '=', receivedAt), eb('id', '>', id)])]));
  }
  return q.orderBy('received_at').orderBy('id').limit(f.limit).execute();
}

export async function getResponse(db: Db, id: string) {
  return db.selectFrom('responses').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countResponses(db: Db, campaignId?: string): Promise<number> {
  let q = db.selectFrom('responses').select((eb) => eb.fn.countAll<number>().as('n'));
  if (campaignId) q = q.where('campaign_id', '=', campaignId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
