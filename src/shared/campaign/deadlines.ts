import type { DeadlineRule, DeadlineRules, Deadlines } from '../schema/campaign';
import { addDays } from '../quota/schedule';

export const DEADLINE_KEYS = ['selfAssessment', 'survey', 'appraisal', 'publication'] as const satisfies readonly (keyof Deadlines)[];
export type DeadlineKey = (typeof DEADLINE_KEYS)[number];

/** The last Vietnamese calendar day that is still on time: the day itself, or for "trước ngày" the day before. */
export function lastDayOnTime(day: string, rule: DeadlineRule = 'through'): string {
  return rule === 'before' ? addDays(day, -1) : day;
}

/**
 * The campaign file's deadlines as the last day on time of each (its rules applied). Everything past the definition
 * file compares against these, so a "before" deadline is moved once, here, and never twice.
 */
export function deadlinesInForce(days: Deadlines, rules: DeadlineRules | undefined): Deadlines {
  return Object.fromEntries(DEADLINE_KEYS.map((k) => [k, lastDayOnTime(days[k], rules?.[k])])) as Deadlines;
}

export type DeadlineWording = Record<DeadlineKey, { day: string; rule: DeadlineRule }>;

/** Each deadline as the file words it: its day and its rule ("through" when the file says nothing). */
export function deadlineWording(days: Deadlines, rules: DeadlineRules | undefined): DeadlineWording {
  return Object.fromEntries(DEADLINE_KEYS.map((k) => [k, { day: days[k], rule: rules?.[k] ?? 'through' }])) as DeadlineWording;
}
