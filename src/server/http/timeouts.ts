import type { FastifyServerOptions } from 'fastify';

/**
 * How long the server waits on a client, for a server that faces the internet directly (issue 17). Node's defaults
 * suit a server behind a proxy: no request deadline at all, and a minute to send the headers.
 */
export interface ServerTimeouts {
  /** The request line and headers must arrive within this (a slow-headers client holds a socket for nothing). */
  headersMs: number;
  /**
   * The whole request, body included: a 64 MiB device file over a 1 Mbit/s field link takes about nine minutes. Without
   * it a client sending one byte a minute would hold its connection, its part of the body and its body budget for ever.
   */
  requestMs: number;
  /** An idle keep-alive connection between two requests: long enough for a sync's next batch, short for a crowd. */
  keepAliveMs: number;
  /** A socket with no bytes either way (a dead mobile link mid-request) is closed after this. */
  idleMs: number;
  /** How often Node checks the headers and request deadlines (its default, 30 s, would let them slip by as much). */
  checkEveryMs: number;
}

export const SERVER_TIMEOUTS: ServerTimeouts = {
  headersMs: 30_000,
  requestMs: 15 * 60_000,
  keepAliveMs: 15_000,
  idleMs: 2 * 60_000,
  checkEveryMs: 5_000,
};

/** Fastify's server options for these timeouts, on an HTTP or HTTPS listener (Node's own server options either way). */
export function timeoutOptions(t: ServerTimeouts, https?: { cert: Buffer; key: Buffer }): FastifyServerOptions {
  const node = { headersTimeout: t.headersMs, requestTimeout: t.requestMs, connectionsCheckingInterval: t.checkEveryMs };
  const listener = https ? { https: { ...https, ...node } } : { http: node };
  return {
    requestTimeout: t.requestMs,
    keepAliveTimeout: t.keepAliveMs,
    connectionTimeout: t.idleMs,
    ...(listener as unknown as FastifyServerOptions),
  };
}
