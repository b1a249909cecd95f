import { afterAll, describe, expect, it } from 'vitest';
import { failuresOf, runCrashCampaign, summaryOf, type CrashCampaignReport } from './crash/campaign';
import { killAllCrashServers } from './crash/server';
import { startCluster } from './db/postgres-cluster';

// A failure prints its seed; PHIEU_CRASH_SEED=<seed> npx vitest run test/server/crash-campaign.test.ts replays the
// same devices, batches and kill plan (the exact moments still depend on the machine's timing).
const seed = Number(process.env.PHIEU_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

afterAll(() => killAllCrashServers());

describe('the crash campaign (issue 11, DESIGN §4)', () => {
  let report: CrashCampaignReport;

  it('loses nothing, doubles nothing and changes nothing while the server is SIGKILLed mid-push and restarted', async () => {
    report = await runCrashCampaign({
      seed,
      devices: 6,
      responses: 900,
      maxBatch: 25,
      // Three units: 290 quota places, so most cells go over quota and the flags are checked too.
      units: ['so-tu-phap', 'so-noi-vu', 'h-minh-hoa'],
      maxKills: 6,
      killAfterCommit: 0.2,
      outsideKillAfter: [2, 10],
      outsideKillJitterMs: 15,
      backoff: { baseMs: 20, maxMs: 400 },
    });
    console.log(summaryOf(report));
    const at = `seed ${seed} (replay: PHIEU_CRASH_SEED=${seed})`;
    expect(failuresOf(report), at).toEqual([]);
    expect(report.stored, at).toBe(900);
    // Enough crashes of both kinds that the campaign cannot pass without crashing.
    expect(report.kills.outside + report.kills.afterCommit, at).toBeGreaterThanOrEqual(4);
    expect(report.kills.outside, at).toBeGreaterThanOrEqual(1);
    expect(report.kills.afterCommit, at).toBeGreaterThanOrEqual(1);
    // A kill right after a commit leaves at least the killing batch stored and unanswered; its retry said duplicate.
    expect(report.committedUnanswered.batches, at).toBeGreaterThanOrEqual(1);
    expect(report.unanswered, at).toBeGreaterThan(0);
  }, 180_000);
});

describe('the crash campaign on PostgreSQL (issue 18)', () => {
  it('loses nothing, doubles nothing and changes nothing while the server is SIGKILLed mid-push and restarted', async () => {
    // fsync on: the database must keep what it acknowledged, as a real one does (the server is killed, not PostgreSQL).
    const cluster = startCluster({ fsync: true });
    try {
      const report = await runCrashCampaign({
        seed,
        devices: 4,
        responses: 400,
        maxBatch: 25,
        units: ['so-tu-phap', 'h-minh-hoa'],
        maxKills: 4,
        killAfterCommit: 0.2,
        outsideKillAfter: [2, 8],
        outsideKillJitterMs: 15,
        backoff: { baseMs: 20, maxMs: 400 },
        databaseUrl: cluster.url(),
      });
      console.log(summaryOf(report));
      const at = `seed ${seed} (replay: PHIEU_CRASH_SEED=${seed})`;
      expect(failuresOf(report), at).toEqual([]);
      expect(report.stored, at).toBe(400);
      expect(report.kills.outside, at).toBeGreaterThanOrEqual(1);
      expect(report.kills.afterCommit, at).toBeGreaterThanOrEqual(1);
      expect(report.committedUnanswered.batches, at).toBeGreaterThanOrEqual(1);
    } finally {
      killAllCrashServers();
      cluster.stop();
    }
  }, 180_000);
});
