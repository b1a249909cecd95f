import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import type { DatabaseHandle } from './database';
import type { DB } from './schema';

/** PostgreSQL's type of count(*) and sum(): int8, which pg gives as a string; every count here fits a JS number. */
const INT8 = 20;

/**
 * Opens PostgreSQL (issue 18), a pool of at most `max` connections. `synchronous_commit` is on
 * for every connection, the durability promise of DESIGN §4 rule 4 (an answer only after the commit is on disk).
 */
export function openPostgres(url: string, max = 10): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    options: '-c synchronous_commit=on',
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format)) },
  } as pg.PoolConfig);
  // An idle connection the server closes (a restart, a failover, an administrator) is an error event on the pool: without
  // a listener it would end the process. The pool drops that connection; the next query opens a new one.
  pool.on('error', (error) => console.warn(`PostgreSQL: an idle connection was closed (${error.message})`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
  return {
    db,
    file: url.replace(/\/\/[^@/]*@/, '//'),
    pragma: () => {
      throw new Error('pragma is SQLite’s: on PostgreSQL read a setting (current_setting)');
    },
    close: () => db.destroy(),
  };
}
