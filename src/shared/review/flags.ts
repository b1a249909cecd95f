import type { Questionnaire } from '../schema/questionnaire';
import { isChoiceQuestion } from '../questionnaire/kinds';
import type { Answers } from '../schema/response';

/**
 * Why a received response may need a reviewer's eye. Computed by the server; none of them excludes by itself. `late`:
 * finished (Vietnamese calendar day of finishedAt) after the survey deadline's last day, under the "flag" late rule.
 */
export const REVIEW_FLAGS = ['over-quota', 'short-interview', 'duplicate-serial', 'uniform-answers', 'late'] as const;
export type ReviewFlag = (typeof REVIEW_FLAGS)[number];

/** Seconds between opening and finalising a response; null when the clock went backwards or a time is unreadable. */
export function interviewSeconds(startedAt: string, finishedAt: string): number | null {
  const s = Date.parse(startedAt);
  const f = Date.parse(finishedAt);
  if (!Number.isFinite(s) || !Number.isFinite(f) || f < s) return null;
  return Math.round((f - s) / 1000);
}

/** Fewer rated answers than this say too little to call a pattern. */
export const UNIFORM_MIN_ANSWERS = 5;

/**
 * Straight-lining: every answered rating question of the questionnaire got the choice at the same position of its
 * scale (all "Rất hài lòng", or all the third choice), over at least UNIFORM_MIN_ANSWERS answers. Profile questions
 * (sex, age, single-choice) are left out: they differ by nature.
 */
export function uniformAnswers(questionnaire: Questionnaire, answers: Answers): boolean {
  let position: number | undefined;
  let count = 0;
  for (const section of questionnaire.sections) {
    for (const q of section.questions) {
      if (!isChoiceQuestion(q) || q.kind !== 'rating') continue;
      const a = answers[q.code];
      if (typeof a !== 'string') continue;
      const at = q.choices.findIndex((c) => c.code === a);
      if (at < 0) continue;
      if (position !== undefined && at !== position) return false;
      position = at;
      count += 1;
    }
  }
  return count >= UNIFORM_MIN_ANSWERS;
}

export { isShortInterview, TIMED_MODES } from './short-interview';
