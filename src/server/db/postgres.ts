import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type { DatabaseHandle } from './database';
import { statementName } from './prepared';
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
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool), cursor: Cursor }) });
  return {
    db,
    listen: (channel, onMessage, onError) => listen(url, channel, onMessage, onError),
    file: url.replace(/\/\/[^@/]*@/, '//'),
    pragma: () => {
      throw new Error('pragma is SQLite’s: on PostgreSQL read a setting (current_setting)');
    },
    close: () => db.destroy(),
  };
}

/** How long a lost LISTEN connection waits before connecting again. */
const RELISTEN_MS = 5_000;

/**
 * LISTEN on a client of its own (a pooled connection would be handed to queries and lose it). A lost connection is
 * reported and opened again after a pause; what it missed meanwhile the caller's own poll makes up for.
 */
async function listen(url: string, channel: string, onMessage: () => void, onError?: (error: Error) => void): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    const lost = (error: Error) => {
      if (stopped || client !== c) return;
      client = undefined;
      onError?.(error);
      void c.end().catch(() => {});
      retry = setTimeout(() => void connect().catch((e: Error) => lost(e)), RELISTEN_MS);
      retry.unref();
    };
    client = c;
    c.on('error', lost);
    c.on('end', () => lost(new Error('the LISTEN connection ended')));
    c.on('notification', (n) => {
      if (n.channel === channel) onMessage();
    });
    try {
      await c.connect();
      await c.query(`listen ${channel}`);
    } catch (e) {
      lost(e as Error); // tried again later; the caller's poll covers the gap
    }
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}

/** The pool as Kysely sees it, whose clients run a marked text as a named (prepared) statement. */
function preparingPool(pool: pg.Pool): PostgresPool {
  const wrap = (client: pg.PoolClient): PostgresPoolClient =>
    ({
      query: (text: unknown, values?: readonly unknown[]) => {
        const name = typeof text === 'string' ? statementName(text) : undefined;
        if (name) return client.query({ name, text: text as string, values: values as unknown[] });
        return typeof text === 'string' ? client.query(text, values as unknown[]) : client.query(text as pg.Submittable);
      },
      release: (destroy?: boolean) => client.release(destroy),
    }) as unknown as PostgresPoolClient;
  return { connect: async () => wrap(await pool.connect()), end: () => pool.end() };
}
