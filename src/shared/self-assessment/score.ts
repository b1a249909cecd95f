import type { SubCriterion } from '../schema/framework';

/** A score is a multiple of the step when it is within this of one (0.1 × 3 is 0.30000000000000004). */
const EPSILON = 1e-9;

/**
 * Why a self score is not acceptable for a sub-criterion, in words for the person typing it, or null when it is:
 * between 0 and the maximum, in the framework's step (0.25 → 0, 0.25, 0.5 …).
 */
export function selfScoreProblem(sub: Pick<SubCriterion, 'maxPoints' | 'step' | 'method'>, score: number): string | null {
  if (sub.method !== 'appraised') return 'Tiêu chí này được chấm qua điều tra xã hội học, đơn vị không tự chấm';
  if (!Number.isFinite(score)) return 'Điểm phải là một số';
  if (score < 0) return 'Điểm không được âm';
  if (score > sub.maxPoints + EPSILON) return `Điểm tối đa của tiêu chí này là ${formatPoints(sub.maxPoints)}`;
  const steps = score / sub.step;
  if (Math.abs(steps - Math.round(steps)) > EPSILON * Math.max(1, steps)) {
    return `Điểm phải là bội số của ${formatPoints(sub.step)} (ví dụ 0, ${formatPoints(sub.step)}, ${formatPoints(Math.min(sub.maxPoints, sub.step * 2))})`;
  }
  return null;
}

/** Points the Vietnamese way: a decimal comma, no trailing zeros (1,5 · 0,25 · 2). */
export function formatPoints(n: number): string {
  return String(Math.round(n * 100) / 100).replace('.', ',');
}
