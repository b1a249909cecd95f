import {
  problem,
  type AuditEntry,
  type CampaignIndex,
  type CampaignSettings,
  type ReviewDetail,
  type ReviewItem,
  type ReviewPage,
  type ReviewQuery,
  type ReviewSummary,
} from '../../shared';
import { appendAudit } from '../db/audit';
import type { Db } from '../db/database';
import { duplicateSerials, getForReview, listForReview, reviewSummary, setExcluded } from '../db/review';
import { problemError } from '../http/errors';
import { subjectHistory } from './audit-log';
import type { CampaignRegistry } from './campaign-registry';
import { arrivalKey, decodeCursor, encodeCursor } from './page-cursor';
import { flagRulesOf, flagsOf, type FlagRules } from './review-flags';
import type { WriteQueue } from './write-queue';

type ListedRow = Awaited<ReturnType<typeof listForReview>>[number];

const toItem = (r: ListedRow, rules: FlagRules, duplicates: ReadonlySet<string>): ReviewItem => ({
  id: r.id,
  unitId: r.unit_id,
  groupId: r.group_id,
  questionnaireId: r.questionnaire_id,
  questionnaireVersion: r.questionnaire_version,
  surveyorId: r.surveyor_id,
  surveyorName: r.surveyor_name,
  deviceId: r.device_id,
  mode: r.mode,
  paperSerial: r.paper_serial,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  receivedAt: r.received_at,
  durationSeconds: r.duration_seconds,
  flags: flagsOf(r, rules, duplicates),
  excluded: r.excluded === 1,
  excludedReason: r.excluded_reason,
  reviewedBy: r.reviewed_by,
  reviewedAt: r.reviewed_at,
});

/** The first instant of a Vietnamese calendar day (UTC+7), as stored received_at strings compare. */
const dayStart = (day: string, plusDays = 0): string => new Date(Date.parse(`${day}T00:00:00+07:00`) + plusDays * 86_400_000).toISOString();

export async function reviewPage(db: Db, campaign: CampaignIndex, settings: CampaignSettings, q: ReviewQuery): Promise<ReviewPage> {
  const campaignId = campaign.bundle.campaign.id;
  if (q.unitId && !campaign.units.has(q.unitId)) throw problemError(problem('not-found.unit', { unit: q.unitId }));
  if (q.groupId && !campaign.groups.has(q.groupId)) throw problemError(problem('not-found.group', { group: q.groupId }));
  const rules = flagRulesOf(campaign, settings);
  const rows = await listForReview(db, {
    campaignId,
    unitId: q.unitId,
    groupId: q.groupId,
    surveyorId: q.surveyorId,
    receivedFrom: q.from ? dayStart(q.from) : undefined,
    receivedBefore: q.to ? dayStart(q.to, 1) : undefined,
    flag: q.flag,
    shortSeconds: Math.round(settings.minInterviewMinutes * 60),
    lateAfter: rules.surveyLastDay,
    state: q.state,
    after: q.cursor ? decodeCursor(q.cursor, arrivalKey) : undefined,
    limit: q.limit,
  });
  const duplicates = await duplicateSerials(db, campaignId);
  const last = rows[rows.length - 1];
  return {
    items: rows.map((r) => toItem(r, rules, duplicates)),
    nextCursor: rows.length === q.limit && last ? encodeCursor({ receivedAt: last.received_at, id: last.id }) : null,
  };
}

export async function reviewDetail(db: Db, registry: CampaignRegistry, id: string): Promise<ReviewDetail> {
  const row = await getForReview(db, id);
  const campaign = row && registry.get(row.campaign_id);
  const settings = row && registry.settings(row.campaign_id);
  if (!row || !campaign || !settings) throw problemError(problem('not-found.response'));
  return {
    ...toItem(row, flagRulesOf(campaign, settings), await duplicateSerials(db, row.campaign_id)),
    answers: JSON.parse(row.answers_json),
  };
}

export async function summary(db: Db, campaign: CampaignIndex, settings: CampaignSettings): Promise<ReviewSummary> {
  const rules = flagRulesOf(campaign, settings);
  const s = await reviewSummary(db, campaign.bundle.campaign.id, Math.round(rules.minInterviewMinutes * 60), rules.surveyLastDay);
  return {
    total: s.total,
    excluded: s.excluded,
    flags: {
      'over-quota': s.overQuota,
      'short-interview': s.short,
      'duplicate-serial': s.duplicateSerial,
      'uniform-answers': s.uniform,
      late: s.late,
    },
  };
}

/**
 * Excludes or restores a response, with its reason, in the sync write queue: the quota counts that sync reads move
 * in the same transaction, and the audit entry lands with them or not at all.
 */
export async function setExclusion(
  writes: WriteQueue,
  id: string,
  exclude: boolean,
  reason: string,
  actorId: string,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const outcome = await writes.run(async (trx) => {
    const row = await getForReview(trx, id);
    if (!row) return 'missing' as const;
    if (!(await setExcluded(trx, id, exclude, exclude ? reason : null, actorId, at))) return 'unchanged' as const;
    await appendAudit(trx, {
      at,
      actorId,
      action: exclude ? 'response.exclude' : 'response.restore',
      subject: `response:${id}`,
      detail: { reason, unitId: row.unit_id, groupId: row.group_id },
    });
    return 'done' as const;
  });
  if (outcome === 'missing') throw problemError(problem('not-found.response'));
  if (outcome === 'unchanged') {
    throw problemError(exclude ? problem('review.already-excluded') : problem('review.already-included'));
  }
}

export const responseAudit = (db: Db, id: string): Promise<AuditEntry[]> => subjectHistory(db, `response:${id}`);
