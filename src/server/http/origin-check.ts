import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard (DESIGN §7): a state-changing request that a browser marks as coming from another
 * origin is refused. Browsers always send Origin on such requests; tools without a browser send none.
 */
export function registerOriginCheck(app: FastifyInstance, allowedOrigins: string[]): void {
  app.addHook('onRequest', async (req) => {
    if (SAFE.has(req.method)) return;
    const origin = req.headers.origin;
    if (origin !== undefined) {
      const own = `${req.protocol}://${req.host}`;
      if (origin !== own && !allowedOrigins.includes(origin)) {
        throw new HttpError(403, 'bad-origin', 'Yêu cầu đến từ một trang khác nên bị từ chối. Hãy mở Phiếu từ đúng địa chỉ của nó.');
      }
    } else if (req.headers['sec-fetch-site'] === 'cross-site') {
      throw new HttpError(403, 'bad-origin', 'Yêu cầu đến từ một trang khác nên bị từ chối.');
    }
  });
}
