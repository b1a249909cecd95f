import type { FastifyInstance } from 'fastify';
import { problem } from '../../shared/problems/problem';
import type { DiskSpace } from '../services/disk-space';
import { sendProblem } from './errors';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses every write with 507 while the data folder's disk is below its reserve, before the body is read: the
 * device keeps its data and retries (a 5xx), nothing is half-written. Reads go on, and so does signing in and out, so
 * that Home Affairs can still see and download everything while space is made.
 */
export function registerDiskGuard(app: FastifyInstance, disk: DiskSpace): void {
  app.addHook('onRequest', async (req, reply) => {
    if (READS.has(req.method) || req.url.startsWith('/api/auth/')) return;
    if (await disk.allowsWrites()) return;
    req.log.warn({ freeBytes: await disk.freeBytes(), minFreeBytes: disk.minFreeBytes }, 'write refused: disk almost full');
    return sendProblem(req, reply, problem('server.disk-full'));
  });
}
