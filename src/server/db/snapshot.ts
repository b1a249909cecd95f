import Database from 'better-sqlite3';

/**
 * The database as files, for backups (services/backup): a consistent copy of a live database, and what a copy holds.
 * Each function opens its own connection on a file and closes it before it returns: the CLI runs them beside the
 * server's connection (another process), the scheduled backup beside the app's.
 */

/** A page count larger than any database: SQLite's backup copies every remaining page in one step. */
const EVERY_PAGE = 0x7fffffff;

/**
 * Copies the database at `source` into the new file `target` with SQLite's online backup API, in one step: a step
 * holds one read transaction, so the copy is the database as one commit left it. In steps of a few pages (the
 * default), every commit of another connection between two steps restarts the copy, and under a steady sync it might
 * never end. In WAL mode a reader does not block writers: pushes go on committing while the pages are copied. Unlike
 * VACUUM INTO (which rebuilds every table and index, and does not sync its output to disk), the copy is of pages as they
 * are, and the destination is committed (synced) by SQLite.
 */
export async function snapshotDatabase(source: string, target: string): Promise<void> {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target, { progress: () => EVERY_PAGE });
  } finally {
    db.close();
  }
}

/** What a database file holds, read from the file itself. */
export interface SnapshotContents {
  /** Rows per table (Kysely's migration tables included: a restore must match them too). */
  tables: Record<string, number>;
  /** The evidence blobs its rows name (the units' libraries and their signed reports), sorted. */
  evidence: string[];
}

/**
 * Reads a copy's tables and the evidence it references. The copy is left in rollback-journal mode, so that it is one
 * self-contained file (no -wal beside it) whose bytes do not change when it is opened again.
 */
export function snapshotContents(file: string): SnapshotContents {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    return { tables: countRows(db), evidence: referencedEvidence(db) };
  } finally {
    db.close();
  }
}

/** A restored copy checked: SQLite's integrity check ("ok" when sound, else its findings) and its rows per table. */
export function checkDatabase(file: string): { integrity: string; tables: Record<string, number> } {
  const db = new Database(file, { fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const integrity = rows.map((r) => r.integrity_check).join('; ');
    return { integrity, tables: integrity === 'ok' ? countRows(db) : {} };
  } finally {
    db.close();
  }
}

function countRows(db: Database.Database): Record<string, number> {
  const names = db.prepare(`select name from sqlite_master where type = 'table' order by name`).pluck().all() as string[];
  const counts: Record<string, number> = {};
  for (const name of names)
    counts[name] = db
      .prepare(`select count(*) from "${name.replaceAll('"', '""')}"`)
      .pluck()
      .get() as number;
  return counts;
}

function referencedEvidence(db: Database.Database): string[] {
  const has = (table: string) => db.prepare(`select 1 from sqlite_master where type = 'table' and name = ?`).get(table) !== undefined;
  const parts = ['evidence_files', 'sa_signed_reports'].filter(has).map((t) => `select hash from ${t}`);
  if (parts.length === 0) return [];
  return db
    .prepare(`${parts.join(' union ')} order by hash`)
    .pluck()
    .all() as string[];
}
