import { describe, expect, it } from 'vitest';
import { countResponses } from '../../src/server/db/responses';
import { inProcessChecker, ValidationPool } from '../../src/server/services/validation-pool';
import type { ItemResult } from '../../src/shared';
import { citizenResponse, harnessPerTest, ORIGIN, type Harness } from './harness';

/** Sync with its checks in a worker thread: the same answers as in the request thread, and a dead worker loses nothing. */
let h: Harness;
let surveyorId: string;
let cookie: string;

const push = async (responses: unknown[]) => {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/sync/responses',
    headers: { cookie, origin: ORIGIN },
    payload: { responses },
  });
  return { status: res.statusCode, results: (res.json() as { results: ItemResult[] }).results };
};
/** Each worker loads TypeScript through tsx: seconds, not milliseconds, when test files run beside each other on two cores. */
const WORKER_STARTS = 30_000;
const statuses = (results: ItemResult[]) => results.map((x) => (x.status === 'rejected' ? `rejected:${x.code}` : x.status));

harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    surveyorId = await t.account('dt', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
    cookie = await t.login('dt');
  },
  // No execArgv: the pool boots tsx itself for TypeScript sources, whatever flags the test runner has.
  { app: { validationWorkers: 1, validationWorkerExecArgv: [] } },
);

describe('validation workers', () => {
  it(
    'judge every item exactly as the request thread does, bad ones rejected one by one',
    async () => {
      const good = citizenResponse(surveyorId);
      const items: unknown[] = [
        good,
        citizenResponse(surveyorId, { unitId: 'so-y-te' }),
        citizenResponse(surveyorId, { answers: { ...good.answers, Q1: 'Z' } }),
        'not a response',
        { ...citizenResponse(surveyorId), extra: 1 },
        citizenResponse(surveyorId, { questionnaireVersion: 7 }),
        citizenResponse(surveyorId, { campaignId: 'khong-co' }),
        citizenResponse('someone-else'),
      ];
      const pool = new ValidationPool(h.registry, 1, { execArgv: [] });
      try {
        expect(await pool.check(items)).toEqual(await inProcessChecker(h.registry).check(items));
      } finally {
        await pool.close();
      }
      const res = await push(items);
      expect(res.status).toBe(200);
      expect(statuses(res.results)).toEqual([
        'accepted',
        'rejected:not-assigned',
        'rejected:invalid',
        'rejected:invalid',
        'rejected:invalid',
        'rejected:questionnaire-version-unknown',
        'rejected:invalid',
        'rejected:invalid',
      ]);
    },
    WORKER_STARTS,
  );

  it(
    'lose nothing and double nothing when a worker dies holding a batch',
    async () => {
      const pool = new ValidationPool(h.registry, 1, { execArgv: [] });
      try {
        const items = Array.from({ length: 30 }, () => citizenResponse(surveyorId));
        const checking = pool.check(items);
        await pool.kill(0); // dies with the job posted and unanswered
        const judged = await checking;
        expect(judged.map((j) => 'status' in j)).toEqual(items.map(() => false));
        expect(judged).toEqual(await inProcessChecker(h.registry).check(items));
        expect(pool.size).toBe(1); // replaced
        expect(await pool.check([citizenResponse(surveyorId, { unitId: 'khong-co' })])).toMatchObject([
          { status: 'rejected', code: 'invalid' },
        ]);
      } finally {
        await pool.close();
      }
    },
    WORKER_STARTS,
  );

  it(
    'answer in this thread the jobs their workers held when the pool closes, and every job after',
    async () => {
      const pool = new ValidationPool(h.registry, 1, { execArgv: [] });
      const items = [citizenResponse(surveyorId), 'not a response'];
      const here = await inProcessChecker(h.registry).check(items);
      const checking = pool.check(items); // posted while the worker is still loading
      await pool.close();
      expect(await checking).toEqual(here);
      expect(pool.size).toBe(0); // not replaced
      expect(await pool.check(items)).toEqual(here);
    },
    WORKER_STARTS,
  );

  it(
    'answers a batch once through the app when its worker dies mid-push, and the retry is all duplicates',
    async () => {
      const batch = Array.from({ length: 20 }, () => citizenResponse(surveyorId));
      const before = await countResponses(h.handle.db);
      const inFlight = push(batch);
      await killAppWorker();
      const first = await inFlight;
      expect(first.status).toBe(200);
      expect(statuses(first.results)).toEqual(batch.map(() => 'accepted'));
      expect(await countResponses(h.handle.db)).toBe(before + 20);
      expect(statuses((await push(batch)).results)).toEqual(batch.map(() => 'duplicate'));
      expect(await countResponses(h.handle.db)).toBe(before + 20);
    },
    WORKER_STARTS,
  );

  it(
    'check against the campaigns as they are now, after a reload',
    async () => {
      const { setCampaignState } = await import('../../src/server/db/campaigns');
      await setCampaignState(h.handle.db, 'quang-binh-2021', 'closed', new Date().toISOString());
      await h.registry.reload();
      try {
        expect(statuses((await push([citizenResponse(surveyorId)])).results)).toEqual(['rejected:campaign-closed']);
      } finally {
        await setCampaignState(h.handle.db, 'quang-binh-2021', 'open', new Date().toISOString());
        await h.registry.reload();
      }
      expect(statuses((await push([citizenResponse(surveyorId)])).results)).toEqual(['accepted']);
    },
    WORKER_STARTS,
  ); // this test's app starts its own worker, which may still be loading
});

async function killAppWorker(): Promise<void> {
  const { appChecker } = await import('../../src/server/app');
  const checker = appChecker(h.app);
  if (!(checker instanceof ValidationPool)) throw new Error('the app should check in workers');
  await checker.kill(0);
}
