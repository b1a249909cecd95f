import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations, openSqlite, type DatabaseHandle } from '../../../src/server/db/database';
import { duplicateSerials } from '../../../src/server/db/review';

let handle: DatabaseHandle | undefined;
let dir: string | undefined;
afterEach(async () => {
  await handle?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  handle = undefined;
});

describe('migration 20261205-01-paper-serial-key', () => {
  it('backfills the normalised serial of the responses already stored, indexes it in place of the serial, and rolls back', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'phieu-mig-serial-'));
    const h = (handle = openSqlite(path.join(dir, 'phieu.sqlite')));
    const migrator = new Migrator({ db: h.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('20261204-01-appraisal')).error).toBeUndefined();
    const at = '2021-12-10T01:00:00.000Z';
    await h.db
      .insertInto('campaigns')
      .values({ id: 'c', name: 'c', definition_json: '{}', definition_hash: 'h', state: 'open', loaded_at: at, updated_at: at })
      .execute();
    const row = (id: string, serial: string | null) => ({
      id,
      campaign_id: 'c',
      unit_id: 'u',
      group_id: 'g',
      questionnaire_id: 'q',
      questionnaire_version: 1,
      surveyor_id: 's',
      device_id: 'd',
      started_at: at,
      finished_at: at,
      app_version: '1',
      mode: serial === null ? ('interview' as const) : ('paper' as const),
      paper_serial: serial,
      answers_json: '{}',
      content_hash: id,
      received_at: at,
      over_quota: 0,
      excluded: 0,
    });
    // Stored before serials were normalised: " tp-0001 " (a sync that did not trim) and "TP-0001" are one paper form.
    await sql`insert into responses (id, campaign_id, unit_id, group_id, questionnaire_id, questionnaire_version, surveyor_id, device_id,
      started_at, finished_at, app_version, mode, paper_serial, answers_json, content_hash, received_at, over_quota, excluded)
      values ('1', 'c', 'u', 'g', 'q', 1, 's', 'd', ${at}, ${at}, '1', 'paper', ' tp-0001 ', '{}', '1', ${at}, 0, 0)`.execute(h.db);
    await h.db
      .insertInto('responses')
      .values([row('2', 'TP-0001'), row('3', 'TP-0002'), row('4', null)])
      .execute();

    expect((await migrator.migrateTo('20261205-01-paper-serial-key')).error).toBeUndefined();
    expect(await h.db.selectFrom('responses').select(['id', 'paper_serial', 'paper_serial_key']).orderBy('id').execute()).toEqual([
      { id: '1', paper_serial: ' tp-0001 ', paper_serial_key: 'TP-0001' },
      { id: '2', paper_serial: 'TP-0001', paper_serial_key: 'TP-0001' },
      { id: '3', paper_serial: 'TP-0002', paper_serial_key: 'TP-0002' },
      { id: '4', paper_serial: null, paper_serial_key: null },
    ]);
    expect([...(await duplicateSerials(h.db, 'c'))]).toEqual(['u\u0000g\u0000TP-0001']);
    const indexes = async () =>
      (
        await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'index' and tbl_name = 'responses' and name like '%serial%'`.execute(h.db)
      ).rows.map((r) => r.name);
    expect(await indexes()).toEqual(['responses_paper_serial_key']);
    const plan = (
      await sql<{
        detail: string;
      }>`explain query plan select count(*) from responses where campaign_id = 'c' and unit_id = 'u' and group_id = 'g' and paper_serial_key = 'TP-0001'`.execute(
        h.db,
      )
    ).rows
      .map((r) => r.detail)
      .join(' ');
    expect(plan).toMatch(/responses_paper_serial_key/);

    expect((await migrator.migrateDown()).error).toBeUndefined();
    expect(await indexes()).toEqual(['responses_paper_serial']);
    const cols = (await sql<{ name: string }>`select name from pragma_table_info('responses')`.execute(h.db)).rows.map((r) => r.name);
    expect(cols).not.toContain('paper_serial_key');
  });
});
