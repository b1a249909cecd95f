import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { openSqlite } from '../../src/server/db/database';
import { inTransaction } from '../../src/server/db/transaction';
import { CampaignRegistry } from '../../src/server/services/campaign-registry';
import { surveyScores } from '../../src/server/services/export/scores';
import { publicResultsPage, publicScorecardPage } from '../../src/server/services/public-pages';
import { computeResults } from '../../src/server/services/results';
import { appraisedSubCriteria } from '../../src/shared';
import { prng } from '../fixtures/generate-responses';
import { prepareDataDir } from './export/prepare';
import { measure, report } from './measure';

/**
 * The whole result (issue 12: 29 units, 100,000 responses, every appraisal ≤ 2 s): the index of every unit from the
 * council's scores, the units' own and the survey of the included responses, in the request thread. The floor is the
 * survey scoring alone over the same responses (what the index cannot do without), measured in the same run.
 */
export async function resultsBench(): Promise<void> {
  const count = 100_000;
  const dir = await prepareDataDir(count, { seed: 12 });
  const handle = openSqlite(path.join(dir, 'phieu.sqlite'));
  try {
    const registry = new CampaignRegistry(handle.db);
    await registry.reload();
    const index = registry.list()[0]!;
    const campaignId = index.bundle.campaign.id;
    const rnd = prng(12);
    const at = new Date().toISOString();
    // Every unit self-assessed and appraised: a score in its step for every appraised sub-criterion, both sides.
    await inTransaction(handle.db, async (trx) => {
      for (const unit of index.bundle.campaign.units) {
        const framework = index.frameworkByLevel.get(unit.level);
        if (!framework) continue;
        await trx
          .insertInto('self_assessments')
          .values({
            campaign_id: campaignId,
            unit_id: unit.id,
            state: 'appraised',
            submitted_at: at,
            submitted_by: null,
            updated_at: at,
            appraised_at: at,
            appraised_by: null,
          })
          .execute();
        for (const s of appraisedSubCriteria(framework)) {
          const score = () => Math.floor(rnd() * (s.maxPoints / s.step + 1)) * s.step;
          await trx
            .insertInto('sa_items')
            .values({
              campaign_id: campaignId,
              unit_id: unit.id,
              code: s.code,
              score: score(),
              explanation: 'Có',
              note: null,
              version: 1,
              updated_at: at,
              updated_by: null,
            })
            .execute();
          await trx
            .insertInto('appraisal_items')
            .values({
              campaign_id: campaignId,
              unit_id: unit.id,
              code: s.code,
              score: score(),
              comment: null,
              version: 1,
              updated_at: at,
              updated_by: null,
            })
            .execute();
        }
      }
    });
    const deps = { db: handle.db, now: () => new Date(), exportWorkers: undefined };
    const before = loadavg()[0] ?? 0;
    const floor = await measure(() => surveyScores(deps, index), 5);
    const whole = await measure(() => computeResults(deps, index), 5);
    const units = index.bundle.campaign.units.length;
    report(`survey scores alone (floor), ${units} units, ${count.toLocaleString('en')} responses`, floor);
    report(
      `whole result (index, ranks, bands, breakdowns, drill-down), ${units} units, ${count.toLocaleString('en')} responses, every appraisal`,
      whole,
      `${(whole.medianMs / floor.medianMs).toFixed(2)}× the floor; budget (issue 12): ≤ 2 s; load average ${before.toFixed(2)} → ${(loadavg()[0] ?? 0).toFixed(2)} on ${cpus().length} cores`,
    );
    // The public page is server-written HTML with no script: its weight is the page itself. Slow 4G as Lighthouse
    // throttles it (1.6 Mbit/s down, 150 ms round trips): a connection, TLS and the request, then the bytes.
    const results = await computeResults(deps, index);
    const summary = {
      campaignId,
      version: 1,
      publishedAt: new Date().toISOString(),
      publishedBy: 'bench',
      reason: null,
      late: false,
      sha256: '',
    };
    const page = Buffer.from(publicResultsPage(results, summary, [summary]));
    const card = Buffer.from(publicScorecardPage(results, summary, [summary], results.levels[0]!.units[0]!));
    const slow4g = (bytes: number) => 3 * 150 + ((bytes * 8) / 1_600_000) * 1000;
    for (const [name, body] of [
      ['ranking page', page],
      ['scorecard page', card],
    ] as const) {
      const gz = gzipSync(body, { level: 6 }).length;
      console.log(
        `public ${name}: ${(body.length / 1024).toFixed(1)} KB HTML (${(gz / 1024).toFixed(1)} KB gzip), 0 KB JavaScript (budget: ≤ 60 KB gzip JS); ` +
          `at Slow 4G ≈ ${slow4g(body.length).toFixed(0)} ms to the whole page as the server sends it today (uncompressed), ${slow4g(gz).toFixed(0)} ms gzipped`,
      );
    }
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
