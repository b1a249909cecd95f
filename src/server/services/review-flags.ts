import type { CampaignSettings, ReviewFlag } from '../../shared';
import { isShortInterview } from '../../shared/review/short-interview';
import { serialKey } from '../db/review';
import type { ResponseRow } from '../db/schema';

type FlagFacts = Pick<ResponseRow, 'unit_id' | 'group_id' | 'mode' | 'paper_serial' | 'over_quota' | 'duration_seconds' | 'uniform_answers'>;

/**
 * The review flags of one stored response (shared/review/flags.ts). `duplicates` comes from db/review.ts
 * duplicateSerials, read once per list or export; the short-interview threshold from the campaign's settings.
 */
export function flagsOf(row: FlagFacts, settings: CampaignSettings, duplicates: ReadonlySet<string>): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  if (row.over_quota === 1) flags.push('over-quota');
  if (isShortInterview(row.mode, row.duration_seconds, settings.minInterviewMinutes)) flags.push('short-interview');
  if (row.paper_serial !== null && duplicates.has(serialKey(row.unit_id, row.group_id, row.paper_serial))) flags.push('duplicate-serial');
  if (row.uniform_answers === 1) flags.push('uniform-answers');
  return flags;
}
