import { problem, type Problem } from '../problems/problem';
import type { Framework } from '../schema/framework';
import { selfScoreProblem } from './score';
import { appraisedSubCriteria, type ItemFacts } from './tree';

export type ReviewIssueKind = 'no-score' | 'invalid-score' | 'no-evidence-or-explanation';

/** One item that stops the submission: its code, the kind of what is missing, and why as a problem ('sa-review.*' or 'score.*'). */
export interface ReviewIssue {
  code: string;
  kind: ReviewIssueKind;
  problem: Problem;
}

/**
 * What stops a self-assessment from being submitted (rà soát): every appraised sub-criterion scored with a valid
 * score, and every score above zero backed by evidence files or a written explanation (giải trình).
 */
export function selfAssessmentIssues(framework: Framework, items: ReadonlyMap<string, ItemFacts>): ReviewIssue[] {
  const issues: ReviewIssue[] = [];
  for (const sub of appraisedSubCriteria(framework)) {
    const item = items.get(sub.code);
    if (!item || item.score === null) {
      issues.push({ code: sub.code, kind: 'no-score', problem: problem('sa-review.no-score') });
      continue;
    }
    const refused = selfScoreProblem(sub, item.score);
    if (refused) {
      issues.push({ code: sub.code, kind: 'invalid-score', problem: refused });
      continue;
    }
    if (item.score > 0 && item.files === 0 && !item.explanation?.trim()) {
      issues.push({ code: sub.code, kind: 'no-evidence-or-explanation', problem: problem('sa-review.no-evidence') });
    }
  }
  return issues;
}
