import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Db } from '../db/database';
import { countHit, forgetEndedWindows } from '../db/rate-limits';
import { sha256Hex } from '../services/crypto';

/** Ended windows are swept at most this often, by whichever instance counts a hit then. */
const SWEEP_MS = 10 * 60 * 1000;

/**
 * @fastify/rate-limit's store kept in the database (db/rate-limits.ts), for several server instances on one PostgreSQL
 * (issue 18): an address gets the same number of sign-in attempts whichever instance answers. Each route counts apart
 * (its method and URL prefix the key). The plugin's own store, in memory, serves SQLite's single process.
 */
export function databaseRateLimitStore(db: Db, now: () => number = Date.now): FastifyRateLimitStoreCtor {
  let lastSweep = 0;
  const store = (prefix: string): FastifyRateLimitStore => ({
    incr(key, callback, timeWindow) {
      const at = now();
      const sweep = at - lastSweep > SWEEP_MS;
      if (sweep) lastSweep = at;
      // The address under a hash: the table never holds who called (issue 19's respondents included).
      countHit(db, `${prefix}${sha256Hex(`phieu-address:${key}`)}`, at, timeWindow)
        .then(async (r) => {
          if (sweep) await forgetEndedWindows(db, at);
          callback(null, { current: r.hits, ttl: Math.max(0, r.resetsAt - at) });
        })
        .catch((e: Error) => callback(e));
    },
    child(params) {
      // The plugin passes the route's merged settings, the route itself as routeInfo.
      const route = (params as unknown as { routeInfo?: { method?: unknown; url?: string } }).routeInfo;
      return store(`${String(route?.method ?? '')} ${route?.url ?? ''} `);
    },
  });
  return class {
    constructor() {
      return store('');
    }
  } as unknown as FastifyRateLimitStoreCtor;
}
