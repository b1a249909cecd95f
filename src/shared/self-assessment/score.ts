import { problem, type Problem, type ProblemCode } from '../problems/problem';
import type { SubCriterion } from '../schema/framework';

/** The codes of a refused self score. */
export type ScoreProblemCode = Extract<ProblemCode, `score.${string}`>;

/** A score is a multiple of the step when it is within this of one (0.1 × 3 is 0.30000000000000004). */
const EPSILON = 1e-9;

/**
 * Why a self score is not acceptable for a sub-criterion, as a problem ('score.*', worded from the catalogues for the
 * person typing it or in the server's answer), or null when it is: between 0 and the maximum, in the framework's step
 * (0.25 → 0, 0.25, 0.5 …).
 */
export function selfScoreProblem(
  sub: Pick<SubCriterion, 'maxPoints' | 'step' | 'method'>,
  score: number,
): Problem<ScoreProblemCode> | null {
  if (sub.method !== 'appraised') return problem('score.survey-method');
  if (!Number.isFinite(score)) return problem('score.not-a-number');
  if (score < 0) return problem('score.negative');
  if (score > sub.maxPoints + EPSILON) return problem('score.over-max', { maxPoints: sub.maxPoints });
  const steps = score / sub.step;
  if (Math.abs(steps - Math.round(steps)) > EPSILON * Math.max(1, steps)) {
    return problem('score.off-step', { stepPoints: sub.step, nextPoints: Math.min(sub.maxPoints, sub.step * 2) });
  }
  return null;
}

/** Points the Vietnamese way: a decimal comma, no trailing zeros (1,5 · 0,25 · 2). */
export function formatPoints(n: number): string {
  return String(Math.round(n * 100) / 100).replace('.', ',');
}
