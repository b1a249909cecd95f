import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openSqlite, type DatabaseHandle } from '../../../src/server/db/database';
import { openPostgres } from '../../../src/server/db/postgres';
import { isUniqueViolation } from '../../../src/server/db/errors';
import { probeWrite } from '../../../src/server/db/health';
import { vnDayOf } from '../../../src/server/db/raw';
import { countedInCells, existingResponseHashes, insertResponses } from '../../../src/server/db/responses';
import type { NewResponse } from '../../../src/server/db/schema';
import { createAccount } from '../../../src/server/services/auth';
import { loadCampaign } from '../../../src/server/services/campaign-loader';
import { loadBundle, referenceCampaignDir } from '../../fixtures/campaigns';
import { startCluster, type Cluster } from './postgres-cluster';

// Issue 18: the sync's fixed-text statements (numbered placeholders on PostgreSQL, a list bound as one parameter) and
// the Vietnamese day of an instant give the same answers on both databases.
let cluster: Cluster;
let dir: string;
const handles: Record<'sqlite' | 'postgres', DatabaseHandle> = {} as never;

async function prepare(h: DatabaseHandle): Promise<string> {
  await migrateToLatest(h.db);
  await loadCampaign(h.db, await loadBundle(referenceCampaignDir), new Date('2021-12-01T00:00:00Z'));
  return createAccount(
    h.db,
    { username: 'dt', displayName: 'dt', role: 'surveyor', password: 'mat-khau-thu-nghiem', unitId: null, campaignId: 'quang-binh-2021' },
    new Date(),
  );
}

const row = (surveyorId: string, finishedAt: string, overrides: Partial<NewResponse> = {}): NewResponse => ({
  id: randomUUID(),
  campaign_id: 'quang-binh-2021',
  unit_id: 'so-tu-phap',
  group_id: 'so-nguoi-dan',
  questionnaire_id: 'phieu-03-s',
  questionnaire_version: 1,
  surveyor_id: surveyorId,
  device_id: 'dev',
  started_at: finishedAt,
  finished_at: finishedAt,
  app_version: '0.1.0',
  mode: 'interview',
  paper_serial: null,
  paper_serial_key: null,
  answers_json: '{}',
  content_hash: `hash-${randomUUID()}`,
  received_at: '2021-12-20T00:00:00.000Z',
  over_quota: 0,
  excluded: 0,
  duration_seconds: 0,
  excluded_reason: null,
  reviewed_by: null,
  reviewed_at: null,
  ...overrides,
});

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'phieu-raw-'));
  handles.sqlite = openSqlite(path.join(dir, 'phieu.sqlite'));
  cluster = startCluster();
  const admin = openPostgres(cluster.url());
  await sql`create database phieu_raw`.execute(admin.db);
  await admin.close();
  handles.postgres = openPostgres(cluster.url('phieu_raw'));
}, 60_000);
afterAll(async () => {
  await handles.sqlite?.close();
  await handles.postgres?.close();
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(['sqlite', 'postgres'] as const)('on %s', (kind) => {
  it('stores responses, finds their hashes by id and counts them per cell, with one statement text for any count', async () => {
    const h = handles[kind];
    const surveyor = await prepare(h);
    const rows = [
      row(surveyor, '2021-12-10T08:00:00+07:00'),
      row(surveyor, '2021-12-10T09:00:00+07:00', { excluded: 1 }),
      row(surveyor, '2021-12-11T08:00:00+07:00', { group_id: 'so-cong-chuc-so', questionnaire_id: 'phieu-01-s' }),
    ];
    await h.db.transaction().execute((trx) => insertResponses(trx, rows));
    const found = await existingResponseHashes(h.db, [rows[0]!.id, randomUUID(), rows[2]!.id]);
    expect([...found.entries()].sort()).toEqual(
      [
        [rows[0]!.id, rows[0]!.content_hash],
        [rows[2]!.id, rows[2]!.content_hash],
      ].sort(),
    );
    expect(await existingResponseHashes(h.db, [randomUUID()])).toEqual(new Map());
    const counted = await countedInCells(h.db, 'quang-binh-2021', ['so-tu-phap', 'so-y-te']);
    expect(Object.fromEntries(counted)).toEqual({ 'so-tu-phap\u0000so-nguoi-dan': 1, 'so-tu-phap\u0000so-cong-chuc-so': 1 });
  });

  it('takes the readiness probe’s write, refuses it where the database is read-only, and names a unique failure', async () => {
    const h = handles[kind];
    await h.db.transaction().execute((trx) => probeWrite(trx));
    await expect(
      h.db.transaction().execute(async (trx) => {
        await sql.raw(kind === 'postgres' ? 'set transaction read only' : 'pragma query_only = 1').execute(trx);
        await probeWrite(trx);
      }),
    ).rejects.toThrow(/read.?only/i);
    if (kind === 'sqlite') await sql`pragma query_only = 0`.execute(h.db);
    await h.db.transaction().execute((trx) => probeWrite(trx));
    const failure = await sql`insert into campaigns select * from campaigns limit 1`.execute(h.db).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(failure)).toBe(true);
  });

  it('says the Vietnamese day of an instant given with any offset', async () => {
    const h = handles[kind];
    // the same expression the queries apply to finished_at, over an instant given as text like the stored ones
    const day = async (instant: string) =>
      (
        await h.db
          .selectFrom(sql<{ x: string }>`(select cast(${instant} as text) as x)`.as('t'))
          .select(vnDayOf(h.db, 't.x').as('day'))
          .executeTakeFirst()
      )?.day;
    expect(await day('2021-12-10T16:59:59Z')).toBe('2021-12-10');
    expect(await day('2021-12-10T17:00:00Z')).toBe('2021-12-11');
    expect(await day('2021-12-11T00:30:00+07:00')).toBe('2021-12-11');
    expect(await day('2021-12-10T23:30:00-05:00')).toBe('2021-12-11');
  });
});
