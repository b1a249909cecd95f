// The bound on request bodies held at once (issue 11: eight 64 MiB uploads at the same time left the server's RSS
// 490 MB higher for good). Deterministic: the tests wait for states of the budget, never for a time.
import { connect, type AddressInfo, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { appBodyBudget, BODY_BUDGET } from '../../src/server/app';
import { BodyBudget } from '../../src/server/http/body-budget';
import { citizenResponse, harnessPerTest, startHarness, type Harness } from './harness';
import { hugeStream } from './hostile/cases';

const MiB = 1024 * 1024;

/** Lets pending callbacks run: one turn of the event loop. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Waits, turn by turn, until `condition` holds (a bounded number of turns: a hang becomes a failure). */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 20_000; i += 1) {
    if (condition()) return;
    await turn();
  }
  throw new Error(`never happened: ${what}`);
}

describe('BodyBudget', () => {
  it('grants up to its capacity, first come first served, and gives each share back once', async () => {
    const budget = new BodyBudget(10);
    const granted: string[] = [];
    const take = (name: string, bytes: number) => budget.acquire(bytes).then((release) => (granted.push(name), release));
    const a = take('a', 6);
    const b = take('b', 6);
    const c = take('c', 1); // would fit, but waits behind b: a large body is never starved by small ones
    await turn();
    expect(granted).toEqual(['a']);
    expect({ inUse: budget.inUse, queued: budget.queued }).toEqual({ inUse: 6, queued: 2 });
    const releaseA = await a;
    releaseA();
    releaseA(); // a second call gives nothing back twice
    const [releaseB, releaseC] = await Promise.all([b, c]);
    expect(granted).toEqual(['a', 'b', 'c']);
    expect(budget.inUse).toBe(7);
    releaseB();
    releaseC();
    expect(budget.inUse).toBe(0);
    expect(budget.peak).toBe(7);
  });

  it('counts a share larger than the capacity as the whole capacity', async () => {
    const budget = new BodyBudget(10);
    const small = await budget.acquire(3);
    let bigGranted = false;
    const big = budget.acquire(1_000).then((release) => ((bigGranted = true), release));
    await turn();
    expect(bigGranted).toBe(false);
    small();
    (await big)();
    expect(bigGranted).toBe(true);
    expect(budget.peak).toBe(10);
    expect(budget.inUse).toBe(0);
  });

  it('never holds more than its capacity, whatever is asked of it', async () => {
    const budget = new BodyBudget(100);
    const shares = Array.from({ length: 500 }, (_, i) => budget.acquire((i * 37) % 130));
    for (const share of shares) (await share)();
    expect(budget.peak).toBeLessThanOrEqual(100);
    expect({ inUse: budget.inUse, queued: budget.queued }).toEqual({ inUse: 0, queued: 0 });
  });
});

describe('the server holds at most its body budget', () => {
  const CAPACITY = 1 * MiB;
  let h: Harness;
  let admin: string;
  let surveyor: string;
  let surveyorId: string;
  const budget = () => {
    const b = appBodyBudget(h.app);
    if (!b) throw new Error('no body budget');
    return b;
  };

  // Each test a server of its own, so each starts with an empty budget and its own peak.
  harnessPerTest(
    (fresh) => (h = fresh),
    async (t) => {
      await t.account('qt-ngan-sach', 'admin');
      surveyorId = await t.account('dtv-ngan-sach', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
      admin = await t.login('qt-ngan-sach');
      surveyor = await t.login('dtv-ngan-sach');
    },
    { app: { bodyBudgetBytes: CAPACITY } },
  );

  it('uses the documented budget by default', async () => {
    const other = await startHarness();
    try {
      expect(appBodyBudget(other.app)?.capacity).toBe(BODY_BUDGET);
    } finally {
      await other.close();
    }
  });

  it('reads a second large body only once the first has been answered', async () => {
    const first = new Readable({ read() {} });
    const chunked = { 'content-type': 'application/json', 'transfer-encoding': 'chunked' };
    first.push('{"format":"phieu-unsynced","pad":"');
    const a = h.app.inject({
      method: 'POST',
      url: '/api/campaigns/quang-binh-2021/import',
      headers: { cookie: admin, ...chunked },
      payload: first,
    });
    // The import route's limit is 64 MiB: a chunked body there takes the whole (test) budget.
    await until(() => budget().inUse === CAPACITY, 'the first body holds the budget');
    let secondAnswered = false;
    const b = h.app
      .inject({
        method: 'POST',
        url: '/api/campaigns/quang-binh-2021/import',
        headers: { cookie: admin, ...chunked },
        payload: Readable.from(['{"responses":[]}']),
      })
      .then((res) => ((secondAnswered = true), res));
    await until(() => budget().queued === 1, 'the second body waits');
    expect(secondAnswered).toBe(false);
    first.push(`${'x'.repeat(1000)}"}`);
    first.push(null);
    expect((await a).statusCode).toBe(400);
    expect((await b).statusCode).toBe(400);
    expect(budget().peak).toBeLessThanOrEqual(CAPACITY);
    expect({ inUse: budget().inUse, queued: budget().queued }).toEqual({ inUse: 0, queued: 0 });
  });

  it('after twenty oversized bodies at once, each refused, never held more than the budget and holds nothing', async () => {
    const headers = { cookie: surveyor, 'content-type': 'application/json', 'transfer-encoding': 'chunked' };
    // A body that has not finished arriving holds the budget while the twenty are sent.
    const slow = new Readable({ read() {} });
    slow.push('{"responses":[');
    const first = h.app.inject({ method: 'POST', url: '/api/sync/responses', headers, payload: slow });
    await until(() => budget().inUse === CAPACITY, 'the slow body holds the budget');
    const sent = Promise.all(
      Array.from({ length: 20 }, () =>
        h.app.inject({
          method: 'POST',
          url: '/api/sync/responses',
          headers,
          payload: hugeStream({ kind: 'huge', bytes: 4 * MiB + 1024, declared: false }),
        }),
      ),
    );
    // Each chunked body may reach the route's 4 MiB, more than the whole budget: they are read one after the other.
    await until(() => budget().queued === 20, 'the twenty wait their turn');
    slow.push(']}');
    slow.push(null);
    expect((await first).statusCode).toBe(400);
    expect((await sent).map((r) => r.statusCode)).toEqual(Array(20).fill(413));
    expect(budget().peak).toBeLessThanOrEqual(CAPACITY);
    expect({ inUse: budget().inUse, queued: budget().queued }).toEqual({ inUse: 0, queued: 0 });
  });

  it('refuses a body declared over its route limit at once, without waiting for the budget', async () => {
    const held = await budget().acquire(CAPACITY);
    try {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json', 'content-length': String(300 * 1024) },
        payload: 'x'.repeat(300 * 1024),
      });
      expect(res.statusCode).toBe(413);
      // A request without a body does not wait either.
      expect((await h.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      held();
    }
  });

  it('lets small sync pushes through side by side (their declared length is their share)', async () => {
    const pushes = await Promise.all(
      Array.from({ length: 5 }, () =>
        h.app.inject({
          method: 'POST',
          url: '/api/sync/responses',
          headers: { cookie: surveyor },
          payload: { responses: [citizenResponse(surveyorId)] },
        }),
      ),
    );
    expect(pushes.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect({ inUse: budget().inUse, queued: budget().queued }).toEqual({ inUse: 0, queued: 0 });
  });

  it('gives the share back when the client goes away, holding it or waiting for it', async () => {
    const address = await h.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = h.app.server.address() as AddressInfo;
    expect(address).toContain(String(port));
    const open = (): Socket => {
      const s = connect(port, '127.0.0.1');
      s.on('error', () => {});
      s.write(
        `POST /api/campaigns/quang-binh-2021/import HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${admin}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"a":\r\n`,
      );
      return s;
    };
    const holding = open();
    await until(() => budget().inUse === CAPACITY, 'the first connection holds the budget');
    const waiting = open();
    await until(() => budget().queued === 1, 'the second connection waits');
    waiting.destroy();
    holding.destroy();
    await until(() => budget().inUse === 0 && budget().queued === 0, 'both shares are given back');
    expect(budget().peak).toBeLessThanOrEqual(CAPACITY);
  });
});
