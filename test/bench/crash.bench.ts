import { loadavg } from 'node:os';
import { failuresOf, runCrashCampaign } from '../server/crash/campaign';
import { killAllCrashServers } from '../server/crash/server';

/**
 * The crash campaign of issue 11 at full size (test/server/crash/campaign.ts): 10,000 responses from 8 devices in
 * batches of up to 100 (the client's batch), the server SIGKILLed from outside and right after commits, restarted on
 * the same data folder, the devices retrying. Prints figures; asserts nothing, times nothing against a budget.
 * Alone: npx tsx -e "import('./test/bench/crash.bench.ts').then(m => m.crashBench())"  (PHIEU_CRASH_SEED=n replays).
 */
export async function crashBench(): Promise<void> {
  const seed = Number(process.env.PHIEU_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const loadBefore = loadavg()[0] ?? 0;
  try {
    const r = await runCrashCampaign({
      seed,
      devices: 8,
      responses: 10_000,
      maxBatch: 100,
      maxKills: 12,
      killAfterCommit: 0.1,
      outsideKillAfter: [3, 20],
      outsideKillJitterMs: 30,
      backoff: { baseMs: 50, maxMs: 1_000 },
    });
    console.log(
      `crash campaign (seed ${seed}): ${r.responses.toLocaleString('en')} responses from ${r.devices} devices, ${r.batches} batches, ${r.pushes} pushes ` +
        `(${r.unanswered} died under a kill, ${r.refused} refused while down); ${r.kills.outside + r.kills.afterCommit} kills ` +
        `(${r.kills.outside} from outside, ${r.kills.afterCommit} right after a commit), ${r.starts - 1} restarts; ${r.seconds.toFixed(1)} s ` +
        `(${r.startSeconds.toFixed(1)} s of it starting servers)`,
    );
    console.log(
      `  ${r.committedUnanswered.batches} committed-but-unanswered batches (${r.committedUnanswered.items} responses) answered duplicate on retry, ` +
        `${r.uncommittedRetried.batches} unanswered batches had not committed; ${r.stored.toLocaleString('en')} stored, ${r.overQuota.toLocaleString('en')} over quota; ` +
        `lost ${r.lost.length}, doubled ${r.doubled.length}, changed ${r.changed.length}, rejected ${r.rejected.length}, wrong answers ${r.wrongAnswers.length}, ` +
        `count mismatches ${r.countMismatches.length}, left open ${r.ambiguous}, last_received_at differing ${r.lastReceivedDiffers}; machine load ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after`,
    );
    const failures = failuresOf(r);
    if (failures.length > 0) console.log(`  FAILED, replay with PHIEU_CRASH_SEED=${seed}:\n  ${failures.join('\n  ')}`);
  } finally {
    killAllCrashServers();
  }
}
