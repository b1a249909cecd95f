import type { FastifyInstance } from 'fastify';

/**
 * Bytes of request bodies the server reads and holds at once, over all requests (issue 11). A body is read whole
 * before its route runs and stays in memory, as bytes and then as text and objects, until the answer is sent; the
 * memory the allocator takes for a peak is kept by the process afterwards. Without a bound, eight callers sending a
 * 64 MiB device file each at the same time left the server's RSS 490 MB higher for good.
 */
export class BodyBudget {
  private used = 0;
  private highest = 0;
  private readonly waiting: { bytes: number; grant: () => void }[] = [];

  constructor(readonly capacity: number) {}

  /** Bytes granted now. */
  get inUse(): number {
    return this.used;
  }

  /** The most bytes ever granted at once: never above the capacity. */
  get peak(): number {
    return this.highest;
  }

  /** Requests waiting for their turn. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Waits until `bytes` (at most the whole capacity) fit, first come first served, and resolves with the function
   * that gives them back (calling it again does nothing).
   */
  acquire(bytes: number): Promise<() => void> {
    const weight = Math.max(0, Math.min(bytes, this.capacity));
    return new Promise((resolve) => {
      const grant = () => {
        this.used += weight;
        this.highest = Math.max(this.highest, this.used);
        let given = false;
        resolve(() => {
          if (given) return;
          given = true;
          this.used -= weight;
          this.serve();
        });
      };
      this.waiting.push({ bytes: weight, grant });
      this.serve();
    });
  }

  private serve(): void {
    for (let next = this.waiting[0]; next && this.used + next.bytes <= this.capacity; next = this.waiting[0]) {
      this.waiting.shift();
      next.grant();
    }
  }
}

const SAFE = new Set(['GET', 'HEAD']);

/**
 * Makes every request with a body wait for its share of `budget` before the body is read, and hold it until its
 * answer has been sent (or its connection is gone). Its share is its declared length, or the route's body limit when
 * it declares none (chunked) — the most it can be made to hold. A body declared over the route's limit is refused
 * unread, so it takes nothing. While a request waits its body is not read: the client is held back by TCP.
 */
export function registerBodyBudget(app: FastifyInstance, budget: BodyBudget, defaultLimit: number): void {
  app.addHook('preParsing', async (req, reply, payload) => {
    if (SAFE.has(req.method)) return payload;
    const limit = req.routeOptions.bodyLimit ?? defaultLimit;
    const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    const chunked = req.headers['transfer-encoding'] !== undefined;
    if (!chunked && (declared === undefined || !(declared > 0))) return payload;
    if (declared !== undefined && declared > limit) return payload;
    // Listen before waiting: a client that gives up while queued must not keep its share afterwards.
    const share: { gone: boolean; release?: () => void } = { gone: false };
    reply.raw.once('close', () => {
      share.gone = true;
      share.release?.();
    });
    share.release = await budget.acquire(chunked || declared === undefined ? limit : Math.min(declared, limit));
    if (share.gone) share.release();
    return payload;
  });
}
