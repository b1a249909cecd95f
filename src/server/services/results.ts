import { createHash } from 'node:crypto';
import {
  buildResults,
  canonicalJson,
  problem,
  vnDay,
  type AppraisedScores,
  type CampaignIndex,
  type LiveResults,
  type PublicationSummary,
  type Results,
} from '../../shared';
import { listAllAppraisalScores } from '../db/appraisal';
import { appendAudit } from '../db/audit';
import { getPublication, insertPublication, listPublications, markPublished } from '../db/publications';
import { listAllItems, listSelfAssessments } from '../db/self-assessment';
import { inTransaction } from '../db/transaction';
import type { Deps } from '../http/deps';
import { problemError } from '../http/errors';
import type { SessionUser } from './auth';
import { surveyScores } from './export/scores';

/** Scores per unit from rows of (unit, code, score), keeping only the appraised sub-criteria of each unit's framework. */
function byUnit(index: CampaignIndex, rows: readonly { unit_id: string; code: string; score: number | null }[]): AppraisedScores[] {
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const unit = index.units.get(r.unit_id);
    const sub = unit ? index.subCriteria.get(unit.level)?.get(r.code) : undefined;
    if (r.score === null || sub?.method !== 'appraised') continue;
    const points = out.get(r.unit_id) ?? {};
    points[r.code] = r.score;
    out.set(r.unit_id, points);
  }
  return [...out].map(([unitId, points]) => ({ unitId, points }));
}

/** The results now, from the council's scores, the units' own and the survey of the included responses. */
export async function computeResults(deps: Pick<Deps, 'db' | 'now' | 'exportWorkers'>, index: CampaignIndex): Promise<Results> {
  const campaignId = index.bundle.campaign.id;
  const [appraised, self, survey, states] = [
    byUnit(index, await listAllAppraisalScores(deps.db, campaignId)),
    byUnit(index, await listAllItems(deps.db, campaignId)),
    await surveyScores(deps, index),
    new Map((await listSelfAssessments(deps.db, campaignId)).map((r) => [r.unit_id, r.state])),
  ];
  return buildResults({ index, appraised, self, survey, states, computedAt: deps.now().toISOString() });
}

const summaryOf = (campaignId: string, p: Awaited<ReturnType<typeof listPublications>>[number]): PublicationSummary => ({
  campaignId,
  version: p.version,
  publishedAt: p.published_at,
  publishedBy: p.published_by_name,
  reason: p.reason,
  late: p.late === 1,
  sha256: p.sha256,
});

/** Home Affairs' results screen: the live figures ("chưa công bố"), the units still to appraise, the versions published. */
export async function liveResults(deps: Pick<Deps, 'db' | 'now' | 'exportWorkers'>, index: CampaignIndex): Promise<LiveResults> {
  const results = await computeResults(deps, index);
  const notAppraised = results.levels
    .flatMap((l) => l.units)
    .filter((u) => u.state !== 'appraised' && u.state !== 'published')
    .map((u) => ({ unitId: u.unitId, state: u.state }));
  const publications = (await listPublications(deps.db, index.bundle.campaign.id)).map((p) => summaryOf(index.bundle.campaign.id, p));
  return { results, notAppraised, publications };
}

/**
 * Publishes the results as the next numbered version: every figure frozen as canonical JSON with its hash, never
 * changed afterwards. Every unit must be appraised (or published before); a correction needs its reason; after the
 * publication deadline the campaign's rule refuses or flags it.
 */
export async function publishResults(
  deps: Pick<Deps, 'db' | 'now' | 'exportWorkers' | 'registry'>,
  index: CampaignIndex,
  user: SessionUser,
  reason: string | null,
): Promise<PublicationSummary> {
  const campaignId = index.bundle.campaign.id;
  const now = deps.now();
  const deadline = index.bundle.campaign.deadlines.publication;
  const late = vnDay(now) > deadline;
  if (late && (deps.registry.settings(campaignId)?.publicationLate ?? 'refuse') === 'refuse')
    throw problemError(problem('results.deadline-passed', { deadline: deadline.split('-').reverse().join('/') }));
  const results = await computeResults(deps, index);
  const waiting = results.levels.flatMap((l) => l.units).filter((u) => u.state !== 'appraised' && u.state !== 'published');
  if (waiting.length > 0)
    throw problemError(
      problem('results.not-appraised', {
        count: waiting.length,
        units: waiting
          .slice(0, 5)
          .map((u) => u.unitName)
          .join(', '),
      }),
    );
  const previous = await listPublications(deps.db, campaignId);
  if (previous.length > 0 && !reason) throw problemError(problem('results.reason-needed'));
  const text = canonicalJson(results);
  const sha256 = createHash('sha256').update(text).digest('hex');
  const at = now.toISOString();
  const version = (previous[0]?.version ?? 0) + 1;
  await inTransaction(deps.db, async (trx) => {
    await insertPublication(trx, {
      campaign_id: campaignId,
      version,
      published_at: at,
      published_by: user.id,
      reason: reason || null,
      late: late ? 1 : 0,
      snapshot_json: text,
      sha256,
    });
    await markPublished(trx, campaignId, at);
    await appendAudit(trx, {
      at,
      actorId: user.id,
      action: 'results.publish',
      subject: `results:${campaignId}`,
      detail: { version, reason: reason || null, sha256, late },
    });
  });
  return { campaignId, version, publishedAt: at, publishedBy: user.displayName, reason: reason || null, late, sha256 };
}

/** Every published version of a campaign, newest first. */
export async function publicationVersions(deps: Pick<Deps, 'db'>, campaignId: string): Promise<PublicationSummary[]> {
  return (await listPublications(deps.db, campaignId)).map((p) => summaryOf(campaignId, p));
}

/**
 * A published version as stored: the envelope and the snapshot text exactly as frozen (served byte for byte), or
 * undefined when nothing (or not that version) was published.
 */
export async function publishedVersion(deps: Pick<Deps, 'db'>, campaignId: string, version?: number) {
  const row = await getPublication(deps.db, campaignId, version);
  if (!row) return undefined;
  return { summary: summaryOf(campaignId, row), snapshot: row.snapshot_json };
}
