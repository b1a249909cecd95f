// Issue 18: PHIEU_DATABASE_URL is read strictly, and a PostgreSQL database Phiếu cannot run on is refused at the
// start with the statement that makes a suitable one, before anything is written to it.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/server/config';
import { describeDatabase, openDatabase, UnsuitableDatabaseError } from '../../../src/server/db/open';
import { withDatabase } from '../harness-core';
import { startCluster, type Cluster } from './postgres-cluster';

let cluster: Cluster;
let admin: pg.Client;

beforeAll(async () => {
  cluster = startCluster();
  admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  cluster?.stop();
});

describe('PHIEU_DATABASE_URL', () => {
  it('is PostgreSQL when set to a postgres:// URL, SQLite when unset or empty, and refused otherwise', () => {
    expect(readConfig({ PHIEU_DATABASE_URL: ' postgres://u:p@db/phieu ' }).databaseUrl).toBe('postgres://u:p@db/phieu');
    expect(readConfig({ PHIEU_DATABASE_URL: 'postgresql://db/phieu' }).databaseUrl).toBe('postgresql://db/phieu');
    expect(readConfig({}).databaseUrl).toBeUndefined();
    expect(readConfig({ PHIEU_DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    expect(() => readConfig({ PHIEU_DATABASE_URL: 'mysql://db/phieu' })).toThrow(/PHIEU_DATABASE_URL must be a postgres:\/\/ URL/);
  });

  it('cannot be combined with Phiếu’s own scheduled backups, which copy the SQLite file', () => {
    expect(() => readConfig({ PHIEU_DATABASE_URL: 'postgres://db/phieu', PHIEU_BACKUP_DIR: '/srv/backups' })).toThrow(/pg_dump/);
  });

  it('is shown without its password', () => {
    expect(describeDatabase({ dataDir: '/srv/data', databaseUrl: 'postgres://phieu:bi-mat@db.example/phieu' })).toBe(
      'PostgreSQL postgres://phieu@db.example/phieu',
    );
  });
});

describe('a database Phiếu cannot run on', () => {
  const refused = async (name: string, create: string) => {
    await admin.query(create);
    const url = withDatabase(cluster.url(), name);
    const opened = openDatabase({ dataDir: '/nonexistent', databaseUrl: url });
    await expect(opened).rejects.toBeInstanceOf(UnsuitableDatabaseError);
    await expect(openDatabase({ dataDir: '/nonexistent', databaseUrl: url })).rejects.toThrow(
      /CREATE DATABASE <name> TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'/,
    );
    // Nothing was created in it.
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    try {
      expect((await check.query("select count(*)::int as n from pg_tables where schemaname = 'public'")).rows).toEqual([{ n: 0 }]);
    } finally {
      await check.end();
    }
  };

  it('is refused when its encoding is not UTF-8', async () => {
    await refused('latin', "create database latin template template0 encoding 'LATIN1' locale 'C'");
  });

  it('is refused when its collation is not C (text would sort otherwise than on SQLite)', async () => {
    await refused('cutf8', "create database cutf8 template template0 encoding 'UTF8' locale 'C.UTF-8'");
  });

  it('is opened when it is UTF-8 in the C collation', async () => {
    await admin.query("create database good template template0 encoding 'UTF8' locale 'C'");
    const handle = await openDatabase({ dataDir: '/nonexistent', databaseUrl: withDatabase(cluster.url(), 'good') });
    await handle.close();
  });
});
