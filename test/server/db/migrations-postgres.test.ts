import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, migrations, openSqlite, type DatabaseHandle } from '../../../src/server/db/database';
import { openPostgres } from '../../../src/server/db/postgres';
import { startCluster, type Cluster } from './postgres-cluster';

// Issue 18, the first step: one set of dated migrations that runs on both databases and makes the same tables.
let cluster: Cluster;
let pg: DatabaseHandle;
beforeAll(async () => {
  cluster = startCluster();
  const admin = openPostgres(cluster.url());
  await sql`create database phieu_migrations`.execute(admin.db);
  await admin.close();
  pg = openPostgres(cluster.url('phieu_migrations'));
}, 60_000);
afterAll(async () => {
  await pg?.close();
  cluster?.stop();
});

const pgColumns = async (h: DatabaseHandle) =>
  (
    await sql<{ t: string; c: string }>`select table_name as t, column_name as c from information_schema.columns
      where table_schema = 'public' and table_name not like 'kysely_%' order by table_name, column_name`.execute(h.db)
  ).rows.map((r) => `${r.t}.${r.c}`);

async function sqliteColumns(): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'phieu-mig-'));
  const h = openSqlite(path.join(dir, 'phieu.sqlite'));
  try {
    await migrateToLatest(h.db);
    return (
      await sql<{ t: string; c: string }>`select m.name as t, p.name as c from sqlite_master m, pragma_table_info(m.name) p
        where m.type = 'table' and m.name not like 'sqlite_%' and m.name not like 'kysely_%' order by m.name, p.name`.execute(h.db)
    ).rows.map((r) => `${r.t}.${r.c}`);
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the migrations on PostgreSQL', () => {
  it('run to the latest and make the tables and columns they make on SQLite', async () => {
    expect(await migrateToLatest(pg.db)).toEqual(Object.keys(migrations));
    const columns = await pgColumns(pg);
    expect(columns.length).toBeGreaterThan(100);
    expect(columns).toEqual(await sqliteColumns());
  });

  it('keep floating-point scores as 8-byte numbers and the audit log’s ids generated', async () => {
    const types = (
      await sql<{ c: string; type: string }>`select table_name || '.' || column_name as c, data_type as type
        from information_schema.columns where column_name in ('score', 'id') and table_name in ('sa_items', 'appraisal_items', 'audit_log')
        order by 1`.execute(pg.db)
    ).rows;
    expect(types).toEqual([
      { c: 'appraisal_items.score', type: 'double precision' },
      { c: 'audit_log.id', type: 'integer' },
      { c: 'sa_items.score', type: 'double precision' },
    ]);
    const ids = await sql<{ id: number }>`insert into audit_log (at, action, subject) values ('2026-12-05T00:00:00Z', 'a', 's'),
      ('2026-12-05T00:00:01Z', 'a', 's') returning id`.execute(pg.db);
    expect(ids.rows.map((r) => r.id)).toEqual([1, 2]);
  });

  it('go down to nothing and up again', async () => {
    const migrator = new Migrator({ db: pg.db, provider: { getMigrations: async () => migrations } });
    for (let i = 0; i < Object.keys(migrations).length; i += 1) expect((await migrator.migrateDown()).error).toBeUndefined();
    expect(await pgColumns(pg)).toEqual([]);
    expect(await migrateToLatest(pg.db)).toEqual(Object.keys(migrations));
  });
});
