import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/20261128-01-initial';
import * as cellCounts from './migrations/20261128-02-cell-counts';
import * as surveyorCounts from './migrations/20261128-03-surveyor-counts';
import * as receivedIndex from './migrations/20261128-04-received-index';
import * as review from './migrations/20261128-05-review';
import * as selfAssessment from './migrations/20261128-06-self-assessment';
import * as appraisal from './migrations/20261204-01-appraisal';
import * as paperSerialKey from './migrations/20261205-01-paper-serial-key';
import * as signedReport from './migrations/20261212-01-signed-report';
import * as attachOrder from './migrations/20261213-01-attach-order';
import * as rateLimits from './migrations/20261213-02-rate-limits';
import * as evidenceBlobs from './migrations/20261213-03-evidence-blobs';
import * as selfFill from './migrations/20261219-01-self-fill';
import type { DB } from './schema';

/** Migrations in order, named YYYYMMDD-NN-name. Add new ones at the end; never edit a released one. */
export const migrations: Record<string, Migration> = {
  '20261128-01-initial': initial,
  '20261128-02-cell-counts': cellCounts,
  '20261128-03-surveyor-counts': surveyorCounts,
  '20261128-04-received-index': receivedIndex,
  '20261128-05-review': review,
  '20261128-06-self-assessment': selfAssessment,
  '20261204-01-appraisal': appraisal,
  '20261205-01-paper-serial-key': paperSerialKey,
  '20261212-01-signed-report': signedReport,
  '20261213-01-attach-order': attachOrder,
  '20261213-02-rate-limits': rateLimits,
  '20261213-03-evidence-blobs': evidenceBlobs,
  '20261219-01-self-fill': selfFill,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export type Db = Kysely<DB>;

export interface DatabaseHandle {
  db: Db;
  file: string;
  /** A pragma's value on the connection the app uses (tests check durability settings with it). */
  pragma(name: string): unknown;
  /**
   * PostgreSQL only (issue 18): calls `onMessage` for each NOTIFY on `channel` (from any server instance), on a
   * connection of its own that reconnects when lost; the returned function stops listening. SQLite has one server
   * process, which needs no telling.
   */
  listen?(channel: string, onMessage: () => void, onError?: (error: Error) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) the embedded SQLite database. page_size is set before the first table exists;
 * WAL with synchronous=FULL makes a committed transaction survive a power cut (DESIGN §4 rule 4, §8).
 */
export function openSqlite(file: string): DatabaseHandle {
  const sqlite = new Database(file);
  sqlite.pragma('page_size = 8192');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  // Checkpoint every 64 MiB of WAL instead of 8 MiB: index pages rewritten by many sync commits reach the database
  // file once per checkpoint, so fewer, larger checkpoints write less (durability is the WAL's, unchanged).
  sqlite.pragma('wal_autocheckpoint = 8192');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, file, pragma: (name) => sqlite.pragma(name, { simple: true }), close: () => db.destroy() };
}

/**
 * Kysely prepares every query anew; preparing a 50-row insert costs more than running it. Statements are reused by
 * SQL text (bounded). Safe because Kysely runs one query at a time on this single connection.
 */
function withStatementCache(sqlite: Database.Database, max = 256): Database.Database {
  const cache = new Map<string, Database.Statement>();
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') return Reflect.get(target, prop, receiver);
      return (sql: string) => {
        let stmt = cache.get(sql);
        if (!stmt) {
          stmt = target.prepare(sql);
          if (cache.size >= max) cache.delete(cache.keys().next().value as string);
          cache.set(sql, stmt);
        }
        return stmt;
      };
    },
  });
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
