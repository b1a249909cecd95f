import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDeviceDb, type PhieuDb } from '../../../src/client/db/database';
import { exportUnsynced } from '../../../src/client/db/export';
import { currentPull } from '../../../src/client/db/meta';
import { countByState, createDraft, finalise, requeueRefused, toPayload } from '../../../src/client/db/responses';
import { queueRosterEntry } from '../../../src/client/db/roster';
import { SyncEngine } from '../../../src/client/sync/engine';
import { memoryLock } from '../../../src/client/sync/lock';
import { causeGone } from '../../../src/client/sync/retry';
import { canonicalJson, type PullResult } from '../../../src/shared';
import { FakeServer, pullFixture } from './fake-server';

/** Issue #13: a refusal whose cause can go away is sent again once it has; one that cannot stays, with its reason. */

let db: PhieuDb;
let server: FakeServer;
const clock = new Date('2021-12-10T01:00:00Z');

beforeEach(async () => {
  db = openDeviceDb(`test-${randomUUID()}`);
  await db.open();
  server = new FakeServer();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const engine = (transport = server) =>
  new SyncEngine({ db, transport, lock: memoryLock(), now: () => clock, random: () => 0.5, backoff: { baseMs: 1000, maxMs: 60_000 } });

async function collect(n: number, over: { questionnaireVersion?: number } = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const id = randomUUID();
    await createDraft(
      db,
      {
        id,
        campaignId: 'tiny',
        unitId: 'u1',
        groupId: 'c',
        questionnaireId: 'qc',
        questionnaireVersion: 1,
        surveyorId: 'sv-1',
        deviceId: 'dev-1',
        appVersion: '0.1.0',
        mode: 'interview',
        ...over,
      },
      clock,
    );
    await finalise(db, id, { Q1: 'A' }, clock);
    ids.push(id);
  }
  return ids;
}

const states = async () => (await db.responses.toArray()).map((r) => r.state).sort();
/** How many requests (pushes and pulls) the server has seen since it was called. */
const counter = () => {
  const start = server.requests;
  return () => server.requests - start;
};

describe('refused responses: sent again when the cause is gone', () => {
  it('campaign-closed: kept and not resent while the pull shows the campaign closed; once reopened, the next sync sends them, accepted, counts right', async () => {
    await collect(2);
    server.campaignState = 'closed';
    expect(await engine().syncNow()).toEqual({
      kind: 'done',
      accepted: 0,
      duplicates: 0,
      rejected: 2,
      roster: { accepted: 0, duplicates: 0, rejected: 0 },
      pulled: true,
    });
    expect(await states()).toEqual(['rejected', 'rejected']);
    expect((await db.responses.toArray()).map((r) => r.rejection?.code)).toEqual(['campaign-closed', 'campaign-closed']);

    // Still closed: the pull says so, and nothing is pushed for an answer known in advance.
    const requests = counter();
    expect(await engine().syncNow()).toMatchObject({ kind: 'done', accepted: 0, rejected: 0 });
    expect(requests()).toBe(1); // the pull only
    expect(await states()).toEqual(['rejected', 'rejected']);

    // Home Affairs reopens the campaign: the next sync (whatever started it) sends both, with no action on the phone.
    server.campaignState = 'open';
    const again = counter();
    expect(await engine().syncNow()).toEqual({
      kind: 'done',
      accepted: 2,
      duplicates: 0,
      rejected: 0,
      roster: { accepted: 0, duplicates: 0, rejected: 0 },
      pulled: true,
    });
    expect(again()).toBe(3); // pull (open) → push the two → pull again for counts that include them
    expect(await states()).toEqual(['synced', 'synced']);
    expect((await db.responses.toArray()).every((r) => r.rejection === undefined)).toBe(true);
    expect(server.stored.size).toBe(2);
    expect((await currentPull(db))?.assignments[0]?.cellCount).toBe(2);
    expect((await exportUnsynced(db, clock)).responses).toEqual([]);
  });

  it('campaign reopened between the push and the pull of one sync: sent again in that same sync', async () => {
    await collect(1);
    server.campaignState = 'closed';
    const reopening = new (class extends FakeServer {
      override pull() {
        this.campaignState = 'open'; // Home Affairs reopens it while the phone is syncing
        return super.pull();
      }
    })();
    reopening.campaignState = 'closed';
    expect(await engine(reopening).syncNow()).toMatchObject({ kind: 'done', accepted: 1, rejected: 1 });
    expect(await states()).toEqual(['synced']);
    expect(reopening.stored.size).toBe(1);
  });

  it('payment-roster names refused with campaign-closed are sent again too', async () => {
    await queueRosterEntry(
      db,
      {
        id: randomUUID(),
        campaignId: 'tiny',
        unitId: 'u1',
        groupId: 'c',
        surveyorId: 'sv-1',
        deviceId: 'dev-1',
        respondentName: 'Trần Văn Bình',
        collectedOn: '2021-12-10',
      },
      clock,
    );
    server.campaignState = 'closed';
    expect(await engine().syncNow()).toMatchObject({ roster: { accepted: 0, rejected: 1 } });
    expect((await db.roster.toArray())[0]?.state).toBe('rejected');
    server.campaignState = 'open';
    expect(await engine().syncNow()).toMatchObject({ roster: { accepted: 1, rejected: 0 } });
    expect((await db.roster.toArray())[0]).toMatchObject({ state: 'synced' });
    expect(server.roster.size).toBe(1);
  });

  it('not-assigned: sent again once the pull shows the cell assigned again', async () => {
    await collect(1);
    server.unassigned.add('u1 c');
    expect(await engine().syncNow()).toMatchObject({ kind: 'done', rejected: 1 });
    expect((await db.responses.toArray())[0]?.rejection?.code).toBe('not-assigned');
    const requests = counter();
    await engine().syncNow();
    expect(requests()).toBe(1); // still not assigned: the pull only
    server.unassigned.clear(); // reassigned
    expect(await engine().syncNow()).toMatchObject({ kind: 'done', accepted: 1, rejected: 0 });
    expect(await states()).toEqual(['synced']);
  });

  it('questionnaire-version-unknown: sent again once the pull lists that version', async () => {
    const [id] = await collect(1, { questionnaireVersion: 2 });
    let known = false;
    const versioned = new (class extends FakeServer {
      override pushResponses(items: Parameters<FakeServer['pushResponses']>[0]) {
        if (known) return super.pushResponses(items);
        this.requests += 1;
        return Promise.resolve({
          ok: true as const,
          body: {
            receivedAt: clock.toISOString(),
            results: items.map((r, index) => ({
              id: r.id,
              index,
              status: 'rejected' as const,
              code: 'questionnaire-version-unknown' as const,
              message: 'Không có phiên bản',
              issues: [],
            })),
          },
        });
      }
      override async pull() {
        const answer = await super.pull();
        if (answer.ok && known)
          answer.body.questionnaires = [
            { id: 'qc', version: 1 },
            { id: 'qc', version: 2 },
          ];
        return answer;
      }
    })();
    expect(await engine(versioned).syncNow()).toMatchObject({ rejected: 1 });
    expect((await db.responses.get(id as string))?.rejection?.code).toBe('questionnaire-version-unknown');
    await engine(versioned).syncNow();
    expect((await db.responses.get(id as string))?.state).toBe('rejected'); // the pull does not know version 2 yet
    known = true; // the server is updated
    expect(await engine(versioned).syncNow()).toMatchObject({ accepted: 1 });
    expect((await db.responses.get(id as string))?.state).toBe('synced');
  });
});

describe('refusals that cannot go away', () => {
  it('a conflict and an invalid response stay refused with their reason, are never resent, and are in the unsynced file', async () => {
    const [conflicting, invalid, fine] = (await collect(3)) as [string, string, string];
    server.stored.set(conflicting, 'other content'); // the server holds something else under this id
    server.refuse.add(invalid);
    expect(await engine().syncNow()).toMatchObject({ kind: 'done', accepted: 1, rejected: 2 });

    for (let i = 0; i < 3; i += 1) {
      const requests = counter();
      expect(await engine().syncNow()).toMatchObject({ kind: 'done', accepted: 0, rejected: 0 });
      expect(requests()).toBe(1); // the pull only: neither is pushed again
    }
    expect(await db.responses.get(conflicting)).toMatchObject({
      state: 'rejected',
      rejection: { code: 'conflict', message: 'Khác nội dung' },
    });
    expect(await db.responses.get(invalid)).toMatchObject({
      state: 'rejected',
      rejection: { code: 'invalid', issues: [{ path: 'answers.Q1', message: 'Sai' }] },
    });
    expect((await db.responses.get(fine))?.state).toBe('synced');

    const file = await exportUnsynced(db, clock);
    expect(file.responses.map((r) => r.id).sort()).toEqual([conflicting, invalid].sort());
    expect(file.responses.find((r) => r.id === conflicting)).toEqual(toPayload((await db.responses.get(conflicting))!));
    expect(await db.responses.count()).toBe(3); // nothing was removed
  });

  it('a refused response is in the unsynced file whatever its reason, until accepted', async () => {
    const [id] = (await collect(1)) as [string];
    server.campaignState = 'closed';
    await engine().syncNow();
    expect((await exportUnsynced(db, clock)).responses.map((r) => r.id)).toEqual([id]);
  });
});

describe('"Gửi lại" and the uploaded file', () => {
  it('by hand: a refused response queued again is sent by the sync that follows, even when the pull could not tell', async () => {
    const [id] = (await collect(1)) as [string];
    server.campaignState = 'closed';
    await engine().syncNow();
    // The server reopens, but this phone's stored pull still says closed (its last sync was before).
    server.campaignState = 'open';
    expect(await requeueRefused(db, (r) => r.id === id, clock)).toBe(1);
    expect(await countByState(db, 'queued')).toBe(1);
    expect((await db.responses.get(id))?.rejection?.code).toBe('campaign-closed'); // its last reason is kept until the answer
    expect(await engine().syncNow()).toMatchObject({ kind: 'done', accepted: 1 });
    expect(await states()).toEqual(['synced']);
  });

  it('requeueing changes only refused rows: a synced response is never sent back to the queue', async () => {
    const [id] = (await collect(1)) as [string];
    await engine().syncNow();
    expect(await requeueRefused(db, () => true, clock)).toBe(0);
    expect((await db.responses.get(id))?.state).toBe('synced');
  });

  it('a refused response Home Affairs has uploaded from the file comes back duplicate and is marked synced', async () => {
    const [id] = (await collect(1)) as [string];
    server.campaignState = 'closed';
    await engine().syncNow();
    const file = await exportUnsynced(db, clock);
    // Home Affairs reopens and uploads the file: the server now holds exactly this content.
    server.campaignState = 'open';
    for (const r of file.responses) server.stored.set(r.id, canonicalJson(r));
    expect(await engine().syncNow()).toMatchObject({ kind: 'done', accepted: 0, duplicates: 1, rejected: 0 });
    expect(await db.responses.get(id)).toMatchObject({ state: 'synced' });
    expect(server.stored.size).toBe(1);
  });
});

describe('causeGone', () => {
  const pull = (over: Partial<PullResult['campaign']> = {}, rest: Partial<PullResult> = {}): PullResult => {
    const p = pullFixture(0);
    return { ...p, campaign: { ...p.campaign, ...over }, ...rest };
  };
  const item = (
    code: 'campaign-closed' | 'not-assigned' | 'questionnaire-version-unknown' | 'after-deadline' | 'conflict' | 'invalid',
    over = {},
  ) => ({
    campaignId: 'tiny',
    unitId: 'u1',
    groupId: 'c',
    surveyorId: 'sv-1',
    questionnaireId: 'qc',
    questionnaireVersion: 1,
    rejection: { code, message: '', issues: [] },
    ...over,
  });

  it('is true only for a cause that can go away and that the pull shows gone', () => {
    expect(causeGone(pull(), item('campaign-closed'))).toBe(true);
    expect(causeGone(pull({ state: 'closed' }), item('campaign-closed'))).toBe(false);
    expect(causeGone(pull(), item('not-assigned'))).toBe(true);
    expect(causeGone(pull({}, { assignments: [] }), item('not-assigned'))).toBe(false);
    expect(causeGone(pull({ state: 'closed' }), item('not-assigned'))).toBe(false);
    expect(causeGone(pull({}, { questionnaires: [{ id: 'qc', version: 1 }] }), item('questionnaire-version-unknown'))).toBe(true);
    expect(causeGone(pull({}, { questionnaires: [{ id: 'qc', version: 2 }] }), item('questionnaire-version-unknown'))).toBe(false);
    expect(causeGone(pull(), item('conflict'))).toBe(false);
    expect(causeGone(pull(), item('invalid'))).toBe(false);
  });

  it('after-deadline (issue 15): gone once Home Affairs takes late responses again or moves the deadline past the finishing day', () => {
    // Finished at 00:30 on 30/12 in Vietnam (17:30 UTC on the 29th).
    const late = item('after-deadline', { finishedAt: '2021-12-29T17:30:00Z' });
    expect(causeGone(pull({ deadlines: { survey: '2021-12-29' } }, { surveyLate: 'refuse' }), late)).toBe(false);
    expect(causeGone(pull({ deadlines: { survey: '2021-12-30' } }, { surveyLate: 'refuse' }), late)).toBe(true);
    expect(causeGone(pull({ deadlines: { survey: '2021-12-29' } }, { surveyLate: 'flag' }), late)).toBe(true);
    expect(causeGone(pull({ deadlines: { survey: '2021-12-29' } }, { surveyLate: 'refuse' }), item('after-deadline'))).toBe(false);
    expect(causeGone(pull({ deadlines: { survey: '2021-12-30' }, state: 'closed' }, { surveyLate: 'refuse' }), late)).toBe(false);
  });

  it('is false for another campaign than the one pulled, and for another surveyor than the one signed in (it would come back invalid, for good)', () => {
    expect(causeGone(pull(), item('campaign-closed', { campaignId: 'other' }))).toBe(false);
    expect(causeGone(pull(), item('campaign-closed', { surveyorId: 'sv-2' }))).toBe(false);
  });
});
