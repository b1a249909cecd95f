import pg from 'pg';
import Cursor from 'pg-cursor';
import type { RangeQuery } from './export';

/** PostgreSQL's int8 (count, sum) as a JS number, as the app's pool has it (postgres.ts). */
const INT8 = 20;

/** Rows per read of a range's cursor: one read's worth of records encoded while the next is fetched (read ahead). */
const READ_ROWS = 1024;

/**
 * openRangeReader's PostgreSQL form (issue 18), for an export worker: a connection of its own to the database (kept
 * for the next range), each range read through a server-side cursor a thousand rows at a time, the next thousand
 * fetched while these are encoded, so a range is never all in memory. Loaded by the worker only when a PostgreSQL
 * range arrives: a SQLite server's workers never load pg.
 */
export function openPostgresRangeReader(url: string): { read<T>(query: RangeQuery): AsyncGenerator<T[]>; close(): Promise<void> } {
  let client: Promise<pg.Client> | undefined;
  const connected = (): Promise<pg.Client> =>
    (client ??= (async () => {
      const c = new pg.Client({
        connectionString: url,
        types: {
          getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format)),
        },
      } as pg.ClientConfig);
      // A lost connection is dropped; the next range opens another.
      c.on('error', () => {
        client = undefined;
      });
      await c.connect();
      return c;
    })().catch((e: unknown) => {
      client = undefined;
      throw e;
    }));
  return {
    read: async function* <T>(query: RangeQuery): AsyncGenerator<T[]> {
      const c = await connected();
      const cursor = c.query(new Cursor<T>(query.sql, [...query.parameters]));
      // Read ahead: the database fetches the next rows while this worker encodes the ones it has.
      let next: Promise<T[]> | undefined = cursor.read(READ_ROWS);
      try {
        for (;;) {
          const rows: T[] = await next;
          if (rows.length === 0) return;
          next = rows.length < READ_ROWS ? undefined : cursor.read(READ_ROWS);
          yield rows;
          if (next === undefined) return;
        }
      } finally {
        // A read still in flight (the consumer stopped early) ends before the cursor closes.
        await next?.catch(() => undefined);
        await cursor.close();
      }
    },
    close: async () => {
      const c = await client?.catch(() => undefined);
      client = undefined;
      await c?.end();
    },
  };
}
