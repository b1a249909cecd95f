import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { openSqlite, type DatabaseHandle, type Db } from './database';
import { openPostgres } from './postgres';

/** The embedded database's file in the data folder. */
export const SQLITE_FILE = 'phieu.sqlite';

/** Where the data lives: PHIEU_DATABASE_URL's PostgreSQL, else the SQLite file in the data folder. */
export interface DatabaseSettings {
  dataDir: string;
  databaseUrl?: string;
}

/** A PostgreSQL database Phiếu cannot run on: what to do about it, for the person starting the server. */
export class UnsuitableDatabaseError extends Error {}

/**
 * Opens the database the settings name (the one storage seam of the server). A PostgreSQL database is checked first:
 * UTF-8, and the C collation, so that text sorts and compares by code point as SQLite's does (the download's arrival
 * ranges, the order of lists); another collation would order the same rows differently on the two databases.
 */
export async function openDatabase(settings: DatabaseSettings): Promise<DatabaseHandle> {
  if (!settings.databaseUrl) {
    mkdirSync(settings.dataDir, { recursive: true });
    return openSqlite(path.join(settings.dataDir, SQLITE_FILE));
  }
  const handle = openPostgres(settings.databaseUrl);
  try {
    await checkPostgres(handle.db);
  } catch (e) {
    await handle.close();
    throw e;
  }
  return handle;
}

/** Where the data is, said to a person (the URL without its password). */
export const describeDatabase = (settings: DatabaseSettings): string =>
  settings.databaseUrl
    ? `PostgreSQL ${settings.databaseUrl.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1@')}`
    : path.join(settings.dataDir, SQLITE_FILE);

async function checkPostgres(db: Db): Promise<void> {
  const row = (
    await sql<{ encoding: string; collate: string; version: number }>`
      select pg_encoding_to_char(encoding) as encoding, datcollate as collate, current_setting('server_version_num')::int as version
      from pg_database where datname = current_database()`.execute(db)
  ).rows[0];
  if (!row) throw new UnsuitableDatabaseError('PostgreSQL: the current database was not found in pg_database');
  const fix = `Create it with: CREATE DATABASE <name> TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C';`;
  if (row.version < 150000) throw new UnsuitableDatabaseError(`Phiếu needs PostgreSQL 15 or newer (this server is ${row.version}).`);
  if (row.encoding !== 'UTF8') throw new UnsuitableDatabaseError(`The database's encoding is ${row.encoding}, not UTF8. ${fix}`);
  if (row.collate !== 'C' && row.collate !== 'POSIX')
    throw new UnsuitableDatabaseError(
      `The database's collation is ${row.collate}, not C (text must sort by code point as on SQLite). ${fix}`,
    );
}
