import type { SubCriterion } from '../../../shared/schema/framework';
import { selfScoreProblem } from '../../../shared/self-assessment/score';
import { parseScore, scoreHasSeparators } from '../self-assessment/model';

export type ScoreProblem = 'not-number' | 'separators' | 'negative' | 'over-max' | 'step';

/**
 * Why a typed appraised score cannot be saved, or null. Whether it may be sent is the shared rule the server applies
 * (0..max in the framework's step); the kind is only for saying it in the person's language. Empty is "no score";
 * "1,5" and "1.5" are both 1.5; thousands separators ("1.234,5") are refused as such.
 */
export function appraisedScoreProblem(sub: SubCriterion, text: string): ScoreProblem | null {
  const n = parseScore(text);
  if (n === null) return null;
  if (selfScoreProblem(sub, n) === null) return null;
  if (scoreHasSeparators(text)) return 'separators';
  if (!Number.isFinite(n)) return 'not-number';
  if (n < 0) return 'negative';
  if (n > sub.maxPoints) return 'over-max';
  return 'step';
}
