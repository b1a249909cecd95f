// What a test reads of a database's own catalogue, on either database (issue 18): SQLite's sqlite_master and
// pragma_table_info, PostgreSQL's information_schema and pg_indexes.
import { sql } from 'kysely';
import type { Db } from '../../../src/server/db/database';
import { isPostgres } from '../../../src/server/db/dialect';

/** The app's tables (not the database's own), by name. */
export async function tableNames(db: Db): Promise<string[]> {
  const q = isPostgres(db)
    ? sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`
    : sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`;
  return (await q.execute(db)).rows.map((r) => r.name);
}

/** A table's columns in their order. */
export async function columnNames(db: Db, table: string): Promise<string[]> {
  const q = isPostgres(db)
    ? sql<{ name: string }>`select column_name as name from information_schema.columns
        where table_schema = current_schema() and table_name = ${table} order by ordinal_position`
    : sql<{ name: string }>`select name from pragma_table_info(${table}) order by cid`;
  return (await q.execute(db)).rows.map((r) => r.name);
}
