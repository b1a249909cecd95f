import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { SELF_ONLINE_SURVEYOR } from '../../shared/self-fill/code';
import type { Db } from './database';
import { isPostgres } from './dialect';
import { runSql, vnDayOf } from './raw';
import type { DB } from './schema';

/** Which responses a download reads. Every field narrows; none given reads the whole campaign. */
export interface ExportResponseFilter {
  campaignId: string;
  unitIds?: readonly string[];
  groupId?: string;
  questionnaireId?: string;
  /** Days (YYYY-MM-DD, inclusive) on finished_at in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
  finishedFrom?: string;
  finishedTo?: string;
  included: 'all' | 'included' | 'excluded';
}

export interface ExportResponseRow {
  id: string;
  unit_id: string;
  group_id: string;
  questionnaire_id: string;
  questionnaire_version: number;
  surveyor_id: string;
  device_id: string;
  mode: 'interview' | 'self-filled' | 'paper' | 'self-online';
  paper_serial: string | null;
  /** A respondent's own fill with a code (issue 19): its batch. */
  self_fill_batch_id: string | null;
  started_at: string;
  finished_at: string;
  received_at: string;
  duration_seconds: number | null;
  over_quota: number;
  uniform_answers: number;
  excluded: number;
  excluded_reason: string | null;
  answers_json: string;
}

/** What the scoring engine reads of an included response (answers still as stored JSON). */
export interface ScorableRow {
  id: string;
  unit_id: string;
  group_id: string;
  questionnaire_id: string;
  questionnaire_version: number;
  answers_json: string;
}

const EXPORT_COLUMNS = [
  'id',
  'unit_id',
  'group_id',
  'questionnaire_id',
  'questionnaire_version',
  'surveyor_id',
  'device_id',
  'mode',
  'paper_serial',
  'self_fill_batch_id',
  'started_at',
  'finished_at',
  'received_at',
  'duration_seconds',
  'over_quota',
  'uniform_answers',
  'excluded',
  'excluded_reason',
  'answers_json',
] as const;

/**
 * Reads for downloads on a connection of their own. A download can take as long as the slowest client takes to
 * fetch it; on the app's single connection an open cursor would hold Kysely's connection lock all that time and every
 * sync push would wait behind it. A second, read-only connection reads one WAL snapshot (a consistent file) while
 * pushes commit beside it. A database without a file (":memory:") has no second connection: it reads on the app's.
 */
export interface ExportReader {
  /**
   * The responses matching `filter`, in arrival order (the received index: no sort), in batches of at most `batch`
   * rows read synchronously from one cursor: an await per row (Kysely's stream) cost as much as reading the rows.
   */
  responses(filter: ExportResponseFilter, batch?: number): AsyncIterable<ExportResponseRow[]>;
  /**
   * Included responses of a campaign for the scoring engine (services/export/score-rows.ts), in arrival order and in
   * batches read from one cursor, so 100,000 responses are never in memory together.
   */
  scorable(campaignId: string, unitIds?: readonly string[], batch?: number): AsyncIterable<ScorableRow[]>;
  /**
   * For reading in parallel (services/export/export-workers.ts): the SQLite database file, or undefined for one in
   * memory, which no other connection can open.
   */
  file?: string;
  /** For reading in parallel on PostgreSQL: the database's URL, which each export worker connects to (issue 18). */
  databaseUrl?: string;
  /**
   * The responses matching `filter` cut into ranges of `every` rows in arrival order: the key ending each range, then
   * the key of the last response (ending a shorter last range). All keys come from one read snapshot, so a response
   * arriving meanwhile falls after the last key. On SQLite pulled one key at a time (it walks on only when asked); on
   * PostgreSQL read in one statement, then handed out.
   */
  rangeEnds(filter: ExportResponseFilter, every: number): Iterable<ArrivalKey> | AsyncIterable<ArrivalKey>;
  /** The query of `scorable`, for openRangeReader (db/export-ranges.ts) in an export worker. */
  scorableQuery(campaignId: string, unitIds?: readonly string[]): RangeQuery;
  /** The query of the responses matching `filter` after `from` (or from the first) up to `to` included, for openRangeReader. */
  rangeQuery(filter: ExportResponseFilter, from: ArrivalKey | null, to: ArrivalKey): RangeQuery;
  /** Closes the connection, at once or when the reads still running end. */
  close(): Promise<void>;
}

/** A response's place in arrival order (the responses_received index): the keys a download is cut on. */
export interface ArrivalKey {
  receivedAt: string;
  id: string;
}

/** SQL text and parameters: plain data, so it crosses to a worker thread. */
export interface RangeQuery {
  sql: string;
  parameters: readonly unknown[];
}

function filtered(db: Db, f: ExportResponseFilter) {
  let q = db.selectFrom('responses').where('campaign_id', '=', f.campaignId);
  if (f.unitIds) q = f.unitIds.length === 0 ? q.where(sql<boolean>`false`) : q.where('unit_id', 'in', f.unitIds);
  if (f.groupId) q = q.where('group_id', '=', f.groupId);
  if (f.questionnaireId) q = q.where('questionnaire_id', '=', f.questionnaireId);
  if (f.finishedFrom) q = q.where(vnDayOf(db, 'finished_at'), '>=', f.finishedFrom);
  if (f.finishedTo) q = q.where(vnDayOf(db, 'finished_at'), '<=', f.finishedTo);
  if (f.included !== 'all') q = q.where('excluded', '=', f.included === 'excluded' ? 1 : 0);
  return q;
}

const responsesQuery = (db: Db, f: ExportResponseFilter) => filtered(db, f).select(EXPORT_COLUMNS).orderBy('received_at').orderBy('id');

function scorableQuery(db: Db, campaignId: string, unitIds?: readonly string[]) {
  let q = db
    .selectFrom('responses')
    .select(['id', 'unit_id', 'group_id', 'questionnaire_id', 'questionnaire_version', 'answers_json'])
    .where('campaign_id', '=', campaignId)
    .where('excluded', '=', 0);
  if (unitIds) q = unitIds.length === 0 ? q.where(sql<boolean>`false`) : q.where('unit_id', 'in', unitIds);
  return q.orderBy('received_at').orderBy('id');
}

/** The file of the app's SQLite database, or undefined for an in-memory one. */
async function databaseFile(db: Db): Promise<string | undefined> {
  const rows = await runSql<{ file: string | null }>(db, "select file from pragma_database_list where name = 'main'");
  const file = rows[0]?.file;
  return file ? file : undefined;
}

/** Rows per batch of `responses` unless the caller says: one turn of the event loop's worth. */
const BATCH = 256;

/**
 * The next batch asked for while the caller works on this one: on PostgreSQL the server reads and sends it meanwhile
 * (its own process), so reading and encoding overlap instead of taking turns.
 */
async function* readAhead<T>(batches: AsyncIterable<T>): AsyncGenerator<T> {
  const it = batches[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done === true) return;
      next = it.next();
      yield r.value;
    }
  } finally {
    // Leaving early (a client gone): let the read in flight settle, then close the cursor.
    await next.catch(() => undefined);
    await it.return?.();
  }
}

/** Kysely's stream (the app's own connection, under its lock) grouped into batches. */
async function* batchesOf<T>(rows: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** A statement's cursor read `size` rows at a time; leaving the loop early closes the cursor. */
async function* cursorBatches<T>(rows: IterableIterator<T>, size: number): AsyncGenerator<T[]> {
  try {
    for (;;) {
      const batch: T[] = [];
      while (batch.length < size) {
        const r = rows.next();
        if (r.done === true) break;
        batch.push(r.value);
      }
      if (batch.length > 0) yield batch;
      if (batch.length < size) return;
    }
  } finally {
    rows.return?.();
  }
}

export async function openExportReader(db: Db, opts: { databaseUrl?: string } = {}): Promise<ExportReader> {
  if (isPostgres(db)) return postgresReader(db, opts.databaseUrl);
  const file = await databaseFile(db);
  if (!file) {
    return {
      responses: (f, batch = BATCH) => readAhead(batchesOf(responsesQuery(db, f).stream(batch), batch)),
      scorable: (campaignId, unitIds, batch = BATCH) => readAhead(batchesOf(scorableQuery(db, campaignId, unitIds).stream(batch), batch)),
      rangeEnds: () => {
        throw new Error('an in-memory database is read on one connection: no ranges for other threads');
      },
      rangeQuery: (f, from, to) => rangeQuery(db, f, from, to),
      scorableQuery: (campaignId, unitIds) => compiled(scorableQuery(db, campaignId, unitIds)),
      close: async () => {},
    };
  }
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const reader = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  // better-sqlite3 refuses to close a connection with a cursor open: close once the last read has ended.
  let reading = 0;
  let closing = false;
  let closed = false;
  const closeWhenIdle = async () => {
    if (closed || !closing || reading > 0) return;
    closed = true;
    await reader.destroy();
  };
  return {
    responses: (f, batch = BATCH) =>
      (async function* () {
        reading += 1;
        try {
          const query = responsesQuery(reader, f).compile();
          yield* cursorBatches(sqlite.prepare<unknown[], ExportResponseRow>(query.sql).iterate(...query.parameters), batch);
        } finally {
          reading -= 1;
          await closeWhenIdle();
        }
      })(),
    scorable: (campaignId, unitIds, batch = BATCH) =>
      (async function* () {
        reading += 1;
        try {
          const query = scorableQuery(reader, campaignId, unitIds).compile();
          yield* cursorBatches(sqlite.prepare<unknown[], ScorableRow>(query.sql).iterate(...query.parameters), batch);
        } finally {
          reading -= 1;
          await closeWhenIdle();
        }
      })(),
    file,
    rangeEnds: (f, every) => ({
      [Symbol.iterator]: function* () {
        reading += 1;
        // One read transaction: the last key and the cut points see the same rows.
        sqlite.exec('begin');
        try {
          yield* rangeEnds(sqlite, reader, f, every);
        } finally {
          sqlite.exec('commit');
          reading -= 1;
          void closeWhenIdle();
        }
      },
    }),
    rangeQuery: (f, from, to) => rangeQuery(reader, f, from, to),
    scorableQuery: (campaignId, unitIds) => compiled(scorableQuery(reader, campaignId, unitIds)),
    close: async () => {
      closing = true;
      await closeWhenIdle();
    },
  };
}

/**
 * PostgreSQL's reader: the app's pool has connections enough, so a download reads on one of its own through a
 * server-side cursor (Kysely's stream over pg-cursor), the next batch read while this one is used. Export workers, given
 * `databaseUrl`, read ranges on connections of their own (db/export-ranges-pg.ts).
 */
function postgresReader(db: Db, databaseUrl: string | undefined): ExportReader {
  return {
    responses: (f, batch = BATCH) => readAhead(batchesOf(responsesQuery(db, f).stream(batch), batch)),
    scorable: (campaignId, unitIds, batch = BATCH) => readAhead(batchesOf(scorableQuery(db, campaignId, unitIds).stream(batch), batch)),
    databaseUrl,
    rangeEnds: (f, every) => postgresRangeEnds(db, f, every),
    rangeQuery: (f, from, to) => rangeQuery(db, f, from, to),
    scorableQuery: (campaignId, unitIds) => compiled(scorableQuery(db, campaignId, unitIds)),
    close: async () => {},
  };
}

/**
 * rangeEnds on PostgreSQL, in arrival order: the last key first (from the index, at once), then the cut points as a
 * cursor passes them, so the workers start on the first range while the rest are still being numbered. (One statement
 * with the total beside every row had to number every row before handing out the first.) Each range is read in its own
 * snapshot anyway, and ranges partition the keys: a response that arrives meanwhile is in one range or none.
 */
async function* postgresRangeEnds(db: Db, f: ExportResponseFilter, every: number): AsyncGenerator<ArrivalKey> {
  if (!Number.isInteger(every) || every < 1) throw new Error(`rows per range must be a positive whole number, got ${every}`);
  const last = await filtered(db, f)
    .select(['received_at', 'id'])
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last) return;
  const numbered = filtered(db, f)
    .select(['received_at', 'id', sql<number>`row_number() over (order by received_at, id)`.as('n')])
    .as('k');
  const cuts = db
    .selectFrom(numbered)
    .select(['k.received_at', 'k.id'])
    .where(sql<boolean>`k.n % ${every} = 0`)
    .orderBy('k.n')
    .stream(64);
  for await (const r of cuts) {
    if (r.received_at > last.received_at || (r.received_at === last.received_at && r.id >= last.id)) break;
    yield { receivedAt: r.received_at, id: r.id };
  }
  yield { receivedAt: last.received_at, id: last.id };
}

function* rangeEnds(sqlite: Database.Database, db: Db, f: ExportResponseFilter, every: number): Generator<ArrivalKey> {
  if (!Number.isInteger(every) || every < 1) throw new Error(`rows per range must be a positive whole number, got ${every}`);
  const keys = filtered(db, f).select(['received_at', 'id']).compile();
  const last = sqlite
    .prepare<unknown[], [string, string]>(`select received_at, id from (${keys.sql}) order by received_at desc, id desc limit 1`)
    .raw(true)
    .get(...keys.parameters);
  if (!last) return;
  // row_number() over the index order needs no sort: SQLite hands out each cut point as the scan passes it.
  const cuts = sqlite
    .prepare<unknown[], [string, string]>(
      `select received_at, id from (select received_at, id, row_number() over (order by received_at, id) as n from (${keys.sql})) where n % ${every} = 0`,
    )
    .raw(true);
  for (const [receivedAt, id] of cuts.iterate(...keys.parameters)) {
    if (receivedAt === last[0] && id === last[1]) break;
    yield { receivedAt, id };
  }
  yield { receivedAt: last[0], id: last[1] };
}

function rangeQuery(db: Db, f: ExportResponseFilter, from: ArrivalKey | null, to: ArrivalKey): RangeQuery {
  let q = responsesQuery(db, f).where(sql<boolean>`(received_at, id) <= (${to.receivedAt}, ${to.id})`);
  if (from) q = q.where(sql<boolean>`(received_at, id) > (${from.receivedAt}, ${from.id})`);
  return compiled(q);
}

function compiled(q: { compile(): { sql: string; parameters: readonly unknown[] } }): RangeQuery {
  const { sql: text, parameters } = q.compile();
  return { sql: text, parameters };
}

/** Display names of the accounts (surveyors are few: read once per download). */
export async function accountNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('accounts').select(['id', 'display_name']).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export interface RosterSurveyorRow {
  surveyor_id: string;
  display_name: string | null;
  received: number;
  excluded: number;
}

/** Responses received per surveyor for one unit (from the counts kept on every insert), with their names. */
export async function rosterSurveyors(db: Db, campaignId: string, unitId: string): Promise<RosterSurveyorRow[]> {
  const rows = await db
    .selectFrom('surveyor_counts as c')
    .leftJoin('accounts as a', 'a.id', 'c.surveyor_id')
    .select((eb) => [
      'c.surveyor_id',
      'a.display_name',
      eb.fn.sum<number>('c.received').as('received'),
      eb.fn.sum<number>('c.excluded').as('excluded'),
    ])
    .where('c.campaign_id', '=', campaignId)
    .where('c.unit_id', '=', unitId)
    // A respondent's own fill with a code (issue 19) pays no surveyor.
    .where('c.surveyor_id', '!=', SELF_ONLINE_SURVEYOR)
    .groupBy(['c.surveyor_id', 'a.display_name'])
    .orderBy('a.display_name')
    .orderBy('c.surveyor_id')
    .execute();
  return rows.map((r) => ({
    surveyor_id: r.surveyor_id,
    display_name: r.display_name ?? null,
    received: Number(r.received),
    excluded: Number(r.excluded),
  }));
}
