import type { Framework } from '../schema/framework';
import { selfScoreProblem } from './score';
import { appraisedSubCriteria, type ItemFacts } from './tree';

export type ReviewIssueKind = 'no-score' | 'invalid-score' | 'no-evidence-or-explanation';

export interface ReviewIssue {
  code: string;
  kind: ReviewIssueKind;
  message: string;
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
      issues.push({ code: sub.code, kind: 'no-score', message: 'Chưa chấm điểm' });
      continue;
    }
    const problem = selfScoreProblem(sub, item.score);
    if (problem) {
      issues.push({ code: sub.code, kind: 'invalid-score', message: problem });
      continue;
    }
    if (item.score > 0 && item.files === 0 && !item.explanation?.trim()) {
      issues.push({ code: sub.code, kind: 'no-evidence-or-explanation', message: 'Có điểm nhưng chưa có tài liệu kiểm chứng hoặc nội dung giải trình' });
    }
  }
  return issues;
}
