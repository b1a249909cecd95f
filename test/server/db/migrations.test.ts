import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, migrations, openSqlite, type DatabaseHandle } from '../../../src/server/db/database';
import { loadBundle, referenceCampaignDir } from '../../fixtures/campaigns';

let handle: DatabaseHandle | undefined;
let dir: string | undefined;
afterEach(async () => {
  await handle?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  handle = undefined;
});

function open(): DatabaseHandle {
  dir = mkdtempSync(path.join(tmpdir(), 'phieu-mig-'));
  handle = openSqlite(path.join(dir, 'phieu.sqlite'));
  return handle;
}

const tables = async (h: DatabaseHandle) =>
  (
    await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(
      h.db,
    )
  ).rows.map((r) => r.name);

describe('database', () => {
  it('opens with the durability settings of DESIGN §8: WAL, synchronous=FULL, 8 KB pages', async () => {
    const h = open();
    await migrateToLatest(h.db);
    expect(h.pragma('journal_mode')).toBe('wal');
    expect(h.pragma('synchronous')).toBe(2); // FULL
    expect(h.pragma('page_size')).toBe(8192);
    expect(h.pragma('foreign_keys')).toBe(1);
  });

  it('names migrations YYYYMMDD-NN-name, in order', () => {
    const names = Object.keys(migrations);
    for (const n of names) expect(n).toMatch(/^\d{8}-\d{2}-[a-z0-9-]+$/);
    expect([...names].sort()).toEqual(names);
  });
});

const migrator = (h: DatabaseHandle) => new Migrator({ db: h.db, provider: { getMigrations: async () => migrations } });

describe('migration 20261128-01-initial', () => {
  it('creates every table, is idempotent, and rolls back cleanly', async () => {
    const h = open();
    expect((await migrator(h).migrateTo('20261128-01-initial')).error).toBeUndefined();
    expect(await tables(h)).toEqual([
      'accounts',
      'assignments',
      'audit_log',
      'campaigns',
      'questionnaire_versions',
      'responses',
      'roster_entries',
      'sessions',
    ]);
    expect(await migrateToLatest(h.db)).toEqual([
      '20261128-02-cell-counts',
      '20261128-03-surveyor-counts',
      '20261128-04-received-index',
      '20261128-05-review',
      '20261128-06-self-assessment',
      '20261204-01-appraisal',
      '20261205-01-paper-serial-key',
      '20261212-01-signed-report',
      '20261213-01-attach-order',
      '20261213-02-rate-limits',
      '20261213-03-evidence-blobs',
      '20261219-01-self-fill',
    ]);
    expect(await migrateToLatest(h.db)).toEqual([]);
    for (let i = 0; i < 13; i += 1) expect((await migrator(h).migrateDown()).error).toBeUndefined();
    expect(await tables(h)).toEqual([]);
  });

  it('keeps the payment roster unlinkable from responses', async () => {
    const h = open();
    await migrateToLatest(h.db);
    const cols = (await sql<{ name: string }>`select name from pragma_table_info('roster_entries')`.execute(h.db)).rows.map((r) => r.name);
    expect(cols.some((c) => /response/.test(c))).toBe(false);
  });

  it('refuses rows that break its constraints', async () => {
    const h = open();
    await migrateToLatest(h.db);
    const at = new Date().toISOString();
    await expect(
      h.db
        .insertInto('campaigns')
        .values({
          id: 'x',
          name: 'x',
          definition_json: '{}',
          definition_hash: 'h',
          state: 'paused' as never,
          loaded_at: at,
          updated_at: at,
        })
        .execute(),
    ).rejects.toThrow(/CHECK/);
    await expect(
      h.db
        .insertInto('sessions')
        .values({
          id_hash: 'h',
          account_id: 'nobody',
          created_at: at,
          last_seen_at: at,
          expires_at: at,
          revoked_at: null,
          user_agent: null,
        })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
  });
});

describe('migration 20261128-02-cell-counts', () => {
  it('backfills counts per unit × group from the responses already stored', async () => {
    const h = open();
    await migrator(h).migrateTo('20261128-01-initial');
    const at = new Date().toISOString();
    await h.db
      .insertInto('campaigns')
      .values({ id: 'c', name: 'c', definition_json: '{}', definition_hash: 'h', state: 'open', loaded_at: at, updated_at: at })
      .execute();
    const row = (id: string, unit: string, excluded: number) => ({
      id,
      campaign_id: 'c',
      unit_id: unit,
      group_id: 'g',
      questionnaire_id: 'q',
      questionnaire_version: 1,
      surveyor_id: 's',
      device_id: 'd',
      started_at: at,
      finished_at: at,
      app_version: '1',
      mode: 'interview' as const,
      paper_serial: null,
      answers_json: '{}',
      content_hash: id,
      received_at: at,
      over_quota: 0,
      excluded,
    });
    await h.db
      .insertInto('responses')
      .values([row('1', 'u1', 0), row('2', 'u1', 1), row('3', 'u2', 0)])
      .execute();
    await migrateToLatest(h.db);
    const counts = await h.db.selectFrom('cell_counts').selectAll().orderBy('unit_id').execute();
    expect(counts).toEqual([
      { campaign_id: 'c', unit_id: 'u1', group_id: 'g', received: 2, excluded: 1 },
      { campaign_id: 'c', unit_id: 'u2', group_id: 'g', received: 1, excluded: 0 },
    ]);
  });
});

describe('migration 20261128-03-surveyor-counts', () => {
  it('backfills per-surveyor counts and drops the surveyor index it replaces', async () => {
    const h = open();
    await migrator(h).migrateTo('20261128-02-cell-counts');
    const at = '2021-12-10T01:00:00.000Z';
    await h.db
      .insertInto('campaigns')
      .values({ id: 'c', name: 'c', definition_json: '{}', definition_hash: 'h', state: 'open', loaded_at: at, updated_at: at })
      .execute();
    const row = (id: string, surveyor: string, received: string) => ({
      id,
      campaign_id: 'c',
      unit_id: 'u',
      group_id: 'g',
      questionnaire_id: 'q',
      questionnaire_version: 1,
      surveyor_id: surveyor,
      device_id: 'd',
      started_at: at,
      finished_at: at,
      app_version: '1',
      mode: 'interview' as const,
      paper_serial: null,
      answers_json: '{}',
      content_hash: id,
      received_at: received,
      over_quota: 0,
      excluded: 0,
    });
    await h.db
      .insertInto('responses')
      .values([row('1', 's1', at), row('2', 's1', '2021-12-11T01:00:00.000Z'), row('3', 's2', at)])
      .execute();
    await migrateToLatest(h.db);
    expect(await h.db.selectFrom('surveyor_counts').selectAll().orderBy('surveyor_id').execute()).toEqual([
      {
        campaign_id: 'c',
        surveyor_id: 's1',
        unit_id: 'u',
        group_id: 'g',
        received: 2,
        excluded: 0,
        last_received_at: '2021-12-11T01:00:00.000Z',
      },
      { campaign_id: 'c', surveyor_id: 's2', unit_id: 'u', group_id: 'g', received: 1, excluded: 0, last_received_at: at },
    ]);
    const indexes = (
      await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'responses'`.execute(h.db)
    ).rows.map((r) => r.name);
    expect(indexes).not.toContain('responses_surveyor');
  });
});

describe('migration 20261128-04-received-index', () => {
  it('indexes responses by arrival for paging, instead of by cell, and rolls back', async () => {
    const h = open();
    await migrator(h).migrateTo('20261128-04-received-index');
    const indexes = async () =>
      (
        await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'index' and tbl_name = 'responses' and name not like 'sqlite_%' order by name`.execute(
          h.db,
        )
      ).rows.map((r) => r.name);
    expect(await indexes()).toEqual(['responses_received']);
    const plan = (
      await sql<{
        detail: string;
      }>`explain query plan select id from responses where campaign_id = 'c' and received_at > '2021' order by received_at, id limit 10`.execute(
        h.db,
      )
    ).rows
      .map((r) => r.detail)
      .join(' ');
    expect(plan).toMatch(/responses_received/);
    expect((await migrator(h).migrateDown()).error).toBeUndefined();
    expect(await indexes()).toEqual(['responses_cell']);
  });
});

describe('migration 20261128-05-review', () => {
  it('adds the review columns and settings table, backfills duration and straight-lining, and rolls back', async () => {
    const h = open();
    await migrator(h).migrateTo('20261128-04-received-index');
    const bundle = await loadBundle(referenceCampaignDir);
    // (05 is tested alone: the test below rolls back exactly one migration.)
    const q = bundle.questionnaires[0]!;
    const at = '2021-12-10T01:00:00.000Z';
    await h.db
      .insertInto('campaigns')
      .values({ id: 'c', name: 'c', definition_json: '{}', definition_hash: 'h', state: 'open', loaded_at: at, updated_at: at })
      .execute();
    await h.db
      .insertInto('questionnaire_versions')
      .values({
        campaign_id: 'c',
        questionnaire_id: q.id,
        version: q.version,
        definition_json: JSON.stringify(q),
        definition_hash: 'h',
        loaded_at: at,
      })
      .execute();
    const pick = (position: (i: number) => number) => {
      const answers: Record<string, string> = {};
      let i = 0;
      for (const s of q.sections)
        for (const x of s.questions) if (x.kind === 'rating') answers[x.code] = x.choices[position(i++) % x.choices.length]!.code;
      return JSON.stringify(answers);
    };
    const row = (id: string, finished: string, answers: string) => ({
      id,
      campaign_id: 'c',
      unit_id: 'u',
      group_id: 'g',
      questionnaire_id: q.id,
      questionnaire_version: q.version,
      surveyor_id: 's',
      device_id: 'd',
      started_at: at,
      finished_at: finished,
      app_version: '1',
      mode: 'interview' as const,
      paper_serial: null,
      answers_json: answers,
      content_hash: id,
      received_at: at,
      over_quota: 0,
      excluded: 0,
    });
    await h.db
      .insertInto('responses')
      .values([
        row(
          '1',
          '2021-12-10T01:02:30.000Z',
          pick(() => 0),
        ),
        row(
          '2',
          '2021-12-10T00:59:00.000Z',
          pick((i) => i),
        ),
      ])
      .execute();
    await migrator(h).migrateTo('20261128-05-review');
    const rows = await h.db
      .selectFrom('responses')
      .select(['id', 'duration_seconds', 'uniform_answers', 'excluded_reason'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: '1', duration_seconds: 150, uniform_answers: 1, excluded_reason: null },
      { id: '2', duration_seconds: null, uniform_answers: 0, excluded_reason: null },
    ]);
    expect(await tables(h)).toContain('campaign_settings');
    expect((await migrator(h).migrateDown()).error).toBeUndefined();
    expect(await tables(h)).not.toContain('campaign_settings');
    const cols = (await sql<{ name: string }>`select name from pragma_table_info('responses')`.execute(h.db)).rows.map((r) => r.name);
    expect(cols).not.toContain('uniform_answers');
  });
});

describe('migration 20261128-06-self-assessment', () => {
  it('creates the self-assessment tables with their keys, and rolls back', async () => {
    const h = open();
    expect((await migrator(h).migrateTo('20261128-06-self-assessment')).error).toBeUndefined();
    const at = '2021-12-01T01:00:00.000Z';
    await h.db
      .insertInto('campaigns')
      .values({ id: 'c', name: 'c', definition_json: '{}', definition_hash: 'h', state: 'open', loaded_at: at, updated_at: at })
      .execute();
    await h.db
      .insertInto('self_assessments')
      .values({ campaign_id: 'c', unit_id: 'u', state: 'draft', submitted_at: null, submitted_by: null, updated_at: at })
      .execute();
    await h.db
      .insertInto('sa_items')
      .values({
        campaign_id: 'c',
        unit_id: 'u',
        code: '1.1.1',
        score: 0.75,
        explanation: null,
        note: null,
        version: 1,
        updated_at: at,
        updated_by: null,
      })
      .execute();
    expect(await h.db.selectFrom('sa_items').select('score').executeTakeFirst()).toEqual({ score: 0.75 });
    // A link to a file the unit never uploaded is refused.
    await expect(
      h.db
        .insertInto('sa_item_files')
        .values({ campaign_id: 'c', unit_id: 'u', code: '1.1.1', hash: 'nope', attached_at: at, attached_by: null })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
    await expect(
      h.db
        .insertInto('self_assessments')
        .values({ campaign_id: 'c', unit_id: 'u2', state: 'sent' as never, submitted_at: null, submitted_by: null, updated_at: at })
        .execute(),
    ).rejects.toThrow(/CHECK/);
    expect((await migrator(h).migrateDown()).error).toBeUndefined();
    expect(await tables(h)).not.toContain('sa_items');
  });
});

describe('migration 20261204-01-appraisal', () => {
  it('widens the states of self_assessments keeping every row and its children, adds the appraisal tables, and rolls back', async () => {
    const h = open();
    expect((await migrator(h).migrateTo('20261128-06-self-assessment')).error).toBeUndefined();
    const at = '2021-12-01T01:00:00.000Z';
    await h.db
      .insertInto('campaigns')
      .values({ id: 'c', name: 'c', definition_json: '{}', definition_hash: 'h', state: 'open', loaded_at: at, updated_at: at })
      .execute();
    await h.db
      .insertInto('self_assessments')
      .values({ campaign_id: 'c', unit_id: 'u', state: 'submitted', submitted_at: at, submitted_by: 'x', updated_at: at })
      .execute();
    await h.db
      .insertInto('sa_items')
      .values({
        campaign_id: 'c',
        unit_id: 'u',
        code: '1.1.1',
        score: 0.75,
        explanation: 'Có',
        note: null,
        version: 1,
        updated_at: at,
        updated_by: null,
      })
      .execute();

    expect((await migrator(h).migrateTo('20261204-01-appraisal')).results?.map((r) => r.migrationName)).toEqual(['20261204-01-appraisal']);
    expect(h.pragma('foreign_keys')).toBe(1);
    expect(await h.db.selectFrom('self_assessments').select(['unit_id', 'state', 'submitted_at', 'appraised_at']).execute()).toEqual([
      { unit_id: 'u', state: 'submitted', submitted_at: at, appraised_at: null },
    ]);
    expect(await h.db.selectFrom('sa_items').select(['code', 'score']).execute()).toEqual([{ code: '1.1.1', score: 0.75 }]);
    expect(await tables(h)).toEqual(
      expect.arrayContaining([
        'council_members',
        'council_assignments',
        'appraisal_items',
        'explanation_rounds',
        'explanation_items',
        'publications',
      ]),
    );
    await h.db.updateTable('self_assessments').set({ state: 'explanation-requested' }).execute();
    await expect(
      h.db
        .updateTable('self_assessments')
        .set({ state: 'sent' as never })
        .execute(),
    ).rejects.toThrow(/CHECK/);
    // The children's foreign keys still point at the rebuilt table.
    await expect(
      h.db
        .insertInto('sa_items')
        .values({
          campaign_id: 'c',
          unit_id: 'khong-co',
          code: '1.1.1',
          score: 0,
          explanation: null,
          note: null,
          version: 1,
          updated_at: at,
          updated_by: null,
        })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
    await expect(
      h.db
        .insertInto('appraisal_items')
        .values({
          campaign_id: 'c',
          unit_id: 'khong-co',
          code: '1.1.1',
          score: 0,
          comment: null,
          version: 1,
          updated_at: at,
          updated_by: null,
        })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/);

    expect((await migrator(h).migrateDown()).error).toBeUndefined();
    expect(await tables(h)).not.toContain('appraisal_items');
    expect(await h.db.selectFrom('self_assessments').select(['unit_id', 'state']).execute()).toEqual([
      { unit_id: 'u', state: 'submitted' },
    ]);
    expect(await h.db.selectFrom('sa_items').select('code').execute()).toEqual([{ code: '1.1.1' }]);
    expect(h.pragma('foreign_keys')).toBe(1);
  });
});
