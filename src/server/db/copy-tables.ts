import { sql, type Kysely } from 'kysely';
import type { Db } from './database';

// What services/copy-to-postgres.ts reads and writes of any table, by name.

/** The tables of a SQLite database (not SQLite's own). */
export async function sqliteTableNames(db: Db): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
  return rows.rows.map((r) => r.name);
}

export async function rowCount(db: Db, table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** A table's rows streamed from a cursor, `batch` at a time (100,000 responses are never in memory together). */
export function everyRow(db: Db, table: string, batch: number): AsyncIterable<Record<string, unknown>> {
  return (db as unknown as Kysely<Record<string, Record<string, unknown>>>).selectFrom(table).selectAll().stream(batch);
}

/** After audit_log's rows were copied with their ids (PostgreSQL): its identity goes on after the highest. */
export async function continueAuditIds(db: Db): Promise<void> {
  await sql`select setval(pg_get_serial_sequence('audit_log', 'id'), coalesce((select max(id) from audit_log), 0) + 1, false)`.execute(db);
}

/** Every blob the rows name: evidence files and signed reports. */
export async function namedBlobHashes(db: Db): Promise<string[]> {
  const rows = await sql<{ hash: string }>`select hash from evidence_files union select hash from sa_signed_reports order by hash`.execute(
    db,
  );
  return rows.rows.map((r) => r.hash);
}
