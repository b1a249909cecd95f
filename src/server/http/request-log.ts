import type { FastifyInstance } from 'fastify';

/**
 * One log line per request, in place of Fastify's two: the method, the route's pattern (never the address itself,
 * which can hold a response id or a search), the status, the time and the size. No client address, no account, no
 * query, no header: a log that leaves the machine (a support ticket, a log service) carries nobody's data.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (req, reply) => {
    const length = Number(reply.getHeader('content-length'));
    req.log.info(
      {
        method: req.method,
        route: req.routeOptions.url ?? '(no route)',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        ...(Number.isFinite(length) ? { bytes: length } : {}),
      },
      'request',
    );
  });
}
