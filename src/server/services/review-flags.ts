import type { CampaignIndex, CampaignSettings, ReviewFlag } from '../../shared';
import { isShortInterview } from '../../shared/review/short-interview';
import { serialKey } from '../db/review';
import type { ResponseRow } from '../db/schema';
import { vietnamDateTime } from './export/format';

type FlagFacts = Pick<
  ResponseRow,
  'unit_id' | 'group_id' | 'mode' | 'paper_serial' | 'over_quota' | 'duration_seconds' | 'uniform_answers' | 'finished_at'
>;

/** What the flags are judged by besides the row: the campaign's settings and deadline, read once per list or download. */
export interface FlagRules {
  minInterviewMinutes: number;
  /** The survey deadline's last day on time; null when late responses are refused at sync, so none is flagged. */
  surveyLastDay: string | null;
}

export const flagRulesOf = (campaign: CampaignIndex, settings: CampaignSettings): FlagRules => ({
  minInterviewMinutes: settings.minInterviewMinutes,
  surveyLastDay: settings.surveyLate === 'flag' ? campaign.bundle.campaign.deadlines.survey : null,
});

/**
 * The review flags of one stored response (shared/review/flags.ts). `duplicates` comes from db/review.ts
 * duplicateSerials, read once per list or export. db/review.ts flagCondition is the same rules in SQL.
 */
export function flagsOf(row: FlagFacts, rules: FlagRules, duplicates: ReadonlySet<string>): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  if (row.over_quota === 1) flags.push('over-quota');
  if (isShortInterview(row.mode, row.duration_seconds, rules.minInterviewMinutes)) flags.push('short-interview');
  if (row.paper_serial !== null && duplicates.has(serialKey(row.unit_id, row.group_id, row.paper_serial))) flags.push('duplicate-serial');
  if (row.uniform_answers === 1) flags.push('uniform-answers');
  // Vietnam's day of the finishing time, through the downloads' per-hour cache: a Date per row was an eighth of a CSV's time.
  if (rules.surveyLastDay !== null && vietnamDateTime(row.finished_at).slice(0, 10) > rules.surveyLastDay) flags.push('late');
  return flags;
}
