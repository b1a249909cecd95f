// Issue 18: two server instances on one PostgreSQL behave as one. Eight simulated devices push the same items to both
// at random, some again after a lost reply and some to both at once: every response is stored once, each cell's counts
// equal a recount and exactly the responses beyond its quota are flagged. A session made on one instance is good on
// the other; a lockout, the sign-in throttle and a campaign's closing, made on one, are honoured on the other.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { run } from '../../../src/server/cli/commands';
import { migrateToLatest } from '../../../src/server/db/database';
import { openPostgres } from '../../../src/server/db/postgres';
import { CampaignRegistry } from '../../../src/server/services/campaign-registry';
import { loadCampaign } from '../../../src/server/services/campaign-loader';
import { seedSampleAccounts } from '../../../src/server/services/seed';
import { loadBundle, referenceCampaignDir } from '../../fixtures/campaigns';
import { cellCounts, cellCountsFromResponses, surveyorCounts, surveyorCountsFromResponses } from '../../../src/server/db/responses';
import { watchRegistry } from '../../../src/server/services/registry-watch';
import { quotaTarget, type ItemResult, type SurveyResponse } from '../../../src/shared';
import { citizenResponse, ORIGIN, PASSWORD, serve, staffResponse, startHarness, withDatabase, type Harness } from '../harness-core';
import { download, filesOnDisk, pdfOfSize, sha256, upload } from '../evidence-files';
import { startCluster, type Cluster } from './postgres-cluster';

const CAMPAIGN = 'quang-binh-2021';
const CELLS: [string, string][] = [
  ['so-tu-phap', 'so-nguoi-dan'],
  ['so-tu-phap', 'so-cong-chuc-so'],
];
const DEVICES = 8;
const PER_DEVICE = 12;

let cluster: Cluster;
let a: Harness;
let b: Harness;
const unwatch: (() => Promise<void>)[] = [];
const surveyors: string[] = [];

beforeAll(async () => {
  cluster = startCluster();
  a = await startHarness({ postgres: cluster.url() });
  const { campaign } = a.registry.get(CAMPAIGN)!.bundle;
  b = await serve(mkdtempSync(path.join(tmpdir(), 'phieu-test-')), openPostgres(a.postgres!.url, 4), campaign, {});
  for (const h of [a, b]) unwatch.push(await watchRegistry(h.handle, h.registry, (m) => console.warn(m), 60_000));
  for (let d = 0; d < DEVICES; d += 1) surveyors.push(await a.account(`dtv${d}`, 'surveyor', { cells: CELLS }));
  await a.account('qt', 'admin');
}, 60_000);

afterAll(async () => {
  for (const stop of unwatch) await stop();
  await b?.app.close();
  await b?.handle.close();
  await a?.close();
  cluster?.stop();
});

const instance = () => (Math.random() < 0.5 ? a : b);
const push = async (h: Harness, cookie: string, responses: SurveyResponse[]): Promise<ItemResult[]> => {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/sync/responses',
    headers: { cookie, origin: ORIGIN },
    payload: { responses },
  });
  if (res.statusCode !== 200) throw new Error(`push: ${res.statusCode} ${res.body}`);
  return (res.json() as { results: ItemResult[] }).results;
};

describe('two instances on one PostgreSQL', () => {
  it('store every response once whichever instance takes it, with counts and quota flags as one server would', async () => {
    const made: SurveyResponse[] = [];
    await Promise.all(
      surveyors.map(async (surveyorId, d) => {
        const cookie = await instance().login(`dtv${d}`);
        const mine = Array.from({ length: PER_DEVICE }, (_, i) =>
          (i % 2 === 0 ? citizenResponse : staffResponse)(surveyorId, { id: randomUUID(), deviceId: `dev-${d}` }),
        );
        made.push(...mine);
        for (let i = 0; i < mine.length; i += 3) {
          const batch = mine.slice(i, i + 3);
          const roll = Math.random();
          if (roll < 0.25) {
            // The reply was lost: the device sends the same batch again, to whichever instance answers.
            await push(instance(), cookie, batch);
            expect((await push(instance(), cookie, batch)).map((r) => r.status)).toEqual(batch.map(() => 'duplicate'));
          } else if (roll < 0.5) {
            // Sent twice at once (a retry racing the first try), one to each instance: one takes it, the other sees it.
            const [x, y] = await Promise.all([push(a, cookie, batch), push(b, cookie, batch)]);
            for (let k = 0; k < batch.length; k += 1) expect([x[k]!.status, y[k]!.status].sort()).toEqual(['accepted', 'duplicate']);
          } else {
            expect((await push(instance(), cookie, batch)).map((r) => r.status)).toEqual(batch.map(() => 'accepted'));
          }
        }
      }),
    );
    const db = a.handle.db;
    const stored = await db.selectFrom('responses').select(['id', 'unit_id', 'group_id', 'over_quota']).execute();
    expect(stored.length).toBe(made.length);
    expect(new Set(stored.map((r) => r.id))).toEqual(new Set(made.map((r) => r.id)));
    expect(await cellCounts(db, CAMPAIGN)).toEqual(await cellCountsFromResponses(db, CAMPAIGN));
    expect(await surveyorCounts(db, CAMPAIGN)).toEqual(await surveyorCountsFromResponses(db, CAMPAIGN));
    const index = a.registry.get(CAMPAIGN)!;
    for (const [unit, group] of CELLS) {
      const inCell = stored.filter((r) => r.unit_id === unit && r.group_id === group);
      const target = quotaTarget(index, unit, group);
      expect(inCell.filter((r) => r.over_quota === 1).length, `${unit} × ${group}`).toBe(Math.max(0, inCell.length - target));
    }
  }, 120_000);

  it('started together on an empty database, load the campaign once and seed the sample accounts once', async () => {
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('create database empty_start');
    await admin.end();
    const url = withDatabase(cluster.url(), 'empty_start');
    const [x, y] = [openPostgres(url, 2), openPostgres(url, 2)];
    try {
      await migrateToLatest(x.db);
      const bundle = await loadBundle(referenceCampaignDir);
      const loads = await Promise.all([x, y].map((h) => loadCampaign(h.db, bundle, new Date())));
      // One created it; the other, waiting on its lock, found the same definition and changed nothing.
      expect(loads.map((l) => [l.created, l.definitionChanged]).sort()).toEqual([
        [false, false],
        [true, true],
      ]);
      const registry = new CampaignRegistry(x.db);
      await registry.reload();
      const seeded = await Promise.all(
        [x, y].map((h) => seedSampleAccounts(h.db, registry.get(CAMPAIGN)!, 'mat-khau-mau-12345', new Date())),
      );
      expect(seeded.map((s) => s.length).sort()).toEqual([0, 7]); // one seeded, the other found them
      expect(await x.db.selectFrom('campaigns').select('id').execute()).toEqual([{ id: CAMPAIGN }]);
      expect((await x.db.selectFrom('accounts').select('username').execute()).length).toBe(7);
    } finally {
      await x.close();
      await y.close();
    }
  }, 60_000);

  it('share sessions: signed in on one, known on the other, and signed out on both', async () => {
    const cookie = await a.login('qt');
    expect((await b.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    await b.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin: ORIGIN } });
    expect((await a.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('share a lockout and the per-address sign-in count', async () => {
    const login = (h: Harness, password: string) =>
      h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dtv7', password } });
    for (let i = 0; i < 4; i += 1) expect((await login(i % 2 === 0 ? a : b, 'sai-mat-khau-1234')).statusCode).toBe(401);
    expect((await login(b, 'sai-mat-khau-1234')).statusCode).toBe(429); // the fifth, wherever it lands, locks
    const locked = await login(a, PASSWORD); // even the right password, on either instance
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ error: 'account-locked' });
    const counted = await a.handle.db
      .selectFrom('rate_limits')
      .select(['key', 'hits'])
      .where('key', 'like', 'POST /api/auth/login %')
      .execute();
    expect(counted.map((r) => r.hits).reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(6);
  });

  it('keep evidence where every instance reaches it: uploaded on both at once, stored once, downloaded whole from either', async () => {
    await a.account('dm', 'coordinator', { unitId: 'so-tu-phap' });
    const bytes = pdfOfSize(600 * 1024); // three chunks of 256 KiB
    const [onA, onB] = await Promise.all([
      upload(a, await a.login('dm'), [{ name: 'bao-cao.pdf', bytes }]),
      upload(b, await b.login('dm'), [{ name: 'bao-cao.pdf', bytes }]),
    ]);
    expect([onA.statusCode, onB.statusCode]).toEqual([200, 200]);
    const hash = sha256(bytes);
    for (const h of [a, b]) {
      const res = await download(h, await h.login('dm'), hash);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(bytes)).toBe(true);
    }
    const db = a.handle.db;
    expect(await db.selectFrom('evidence_blobs').selectAll().execute()).toEqual([{ hash, size: bytes.length, chunks: 3 }]);
    expect((await db.selectFrom('evidence_chunks').select('n').where('hash', '=', hash).orderBy('n').execute()).map((c) => c.n)).toEqual([
      0, 1, 2,
    ]);
    expect(await db.selectFrom('evidence_files').select('name').where('hash', '=', hash).execute()).toEqual([{ name: 'bao-cao.pdf' }]);
    // Nothing of it on either instance's disk: only the staging folder, empty.
    for (const h of [a, b]) expect(filesOnDisk(h)).toEqual([]);
  });

  it('honour a campaign closed on one instance at once on the other, whose copy then follows', async () => {
    const cookie = await b.login('dtv0');
    const admin = await a.login('qt');
    const closed = await a.app.inject({
      method: 'PUT',
      url: `/api/campaigns/${CAMPAIGN}/state`,
      headers: { cookie: admin, origin: ORIGIN },
      payload: { state: 'closed' },
    });
    expect(closed.statusCode).toBe(200);
    // b's copy may still say open for a moment: its push reads the state committed now, inside the write.
    const [result] = await push(b, cookie, [citizenResponse(surveyors[0]!, { deviceId: 'dev-0' })]);
    expect(result).toMatchObject({ status: 'rejected', code: 'campaign-closed' });
    await expect.poll(() => b.registry.get(CAMPAIGN)?.bundle.campaign.state, { timeout: 10_000 }).toBe('closed');
  });
});

describe('the phieu command on PostgreSQL', () => {
  it('reopens the campaign with PHIEU_DATABASE_URL set, and the running instances follow at once', async () => {
    const before = process.env.PHIEU_DATABASE_URL;
    process.env.PHIEU_DATABASE_URL = a.postgres!.url;
    try {
      const said: string[] = [];
      await run(['campaign-state', CAMPAIGN, 'open'], (l) => said.push(l));
      expect(said).toEqual([`Kỳ đánh giá ${CAMPAIGN}: open`]);
    } finally {
      if (before === undefined) delete process.env.PHIEU_DATABASE_URL;
      else process.env.PHIEU_DATABASE_URL = before;
    }
    for (const h of [a, b]) await expect.poll(() => h.registry.get(CAMPAIGN)?.bundle.campaign.state, { timeout: 10_000 }).toBe('open');
    const cookie = await b.login('dtv1');
    const [result] = await push(b, cookie, [citizenResponse(surveyors[1]!, { deviceId: 'dev-1' })]);
    expect(result).toMatchObject({ status: 'accepted' });
  });
});
