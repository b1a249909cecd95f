import { describe, expect, it } from 'vitest';
import {
  appraisedSubCriteria,
  assignableCodes,
  coveredSubCriteria,
  problemText,
  problemTextEn,
  problemTextVi,
  selfAssessmentIssues,
  selfAssessmentTotals,
  selfScoreProblem,
  type Framework,
  type ItemFacts,
} from '../../src/shared';
import { loadBundle, referenceCampaignDir } from '../fixtures/campaigns';

const sub = { maxPoints: 1.5, step: 0.25, method: 'appraised' as const };
/** The rule's problem in Vietnamese (the words the server answers with by default), or null. */
const scoreText = (s: typeof sub | (Omit<typeof sub, 'method'> & { method: 'survey' }), score: number) => {
  const p = selfScoreProblem(s, score);
  return p && problemText(problemTextVi, p);
};

describe('self score', () => {
  it('accepts 0..max in the framework’s step and says why anything else is refused', () => {
    for (const ok of [0, 0.25, 0.75, 1.5]) expect(selfScoreProblem(sub, ok)).toBeNull();
    expect(scoreText(sub, -0.25)).toBe('Điểm không được âm');
    expect(scoreText(sub, 1.75)).toBe('Điểm tối đa của tiêu chí này là 1,5');
    expect(scoreText(sub, 0.3)).toMatch(/bội số của 0,25/);
    expect(scoreText(sub, Number.NaN)).toBe('Điểm phải là một số');
    expect(scoreText({ ...sub, method: 'survey' }, 1)).toMatch(/điều tra xã hội học/);
    // Floating point: 0.1 × 3 is a multiple of 0.1.
    expect(selfScoreProblem({ maxPoints: 1, step: 0.1, method: 'appraised' }, 0.1 * 3)).toBeNull();
  });

  it('refuses with a code and the points, which each language writes its own way', () => {
    expect(selfScoreProblem(sub, 1.75)).toEqual({ code: 'score.over-max', params: { maxPoints: 1.5 } });
    const offStep = selfScoreProblem(sub, 0.3);
    expect(offStep).toEqual({ code: 'score.off-step', params: { stepPoints: 0.25, nextPoints: 0.5 } });
    expect(problemText(problemTextVi, offStep!)).toBe('Điểm phải là bội số của 0,25 (ví dụ 0, 0,25, 0,5)');
    expect(problemText(problemTextEn, offStep!)).toBe('The score must be a multiple of 0.25 (for example 0, 0.25 or 0.5)');
    expect(problemText(problemTextEn, selfScoreProblem(sub, 1.75)!)).toBe('The highest score of this sub-criterion is 1.5');
  });
});

describe('self-assessment of the reference department framework', async () => {
  const fw: Framework = (await loadBundle(referenceCampaignDir)).frameworks.find((f) => f.level === 'department')!;
  const appraised = appraisedSubCriteria(fw);

  it('totals the appraised part per field and overall against its declared maximum', () => {
    const empty = selfAssessmentTotals(fw, new Map());
    expect(empty.max).toBe(fw.declaredTotals.appraised);
    expect(empty.surveyMax).toBe(fw.declaredTotals.survey);
    expect(empty.self).toBe(0);
    const full = selfAssessmentTotals(fw, new Map(appraised.map((s) => [s.code, { score: s.maxPoints }])));
    expect(full.self).toBe(fw.declaredTotals.appraised);
    for (const f of full.fields) expect(f.self).toBe(f.max);
    const first = appraised[0]!;
    const one = selfAssessmentTotals(fw, new Map([[first.code, { score: first.maxPoints }]]));
    expect(one.self).toBe(first.maxPoints);
    expect(one.fields.find((f) => first.code.startsWith(`${f.code}.`))!.self).toBe(first.maxPoints);
  });

  it('lists what stops submission: no score, invalid score, a score without evidence or explanation', () => {
    const [a, b, c, d] = appraised;
    const items = new Map<string, ItemFacts>(appraised.map((s) => [s.code, { score: 0, explanation: null, files: 0 }]));
    items.delete(a!.code);
    items.set(b!.code, { score: b!.maxPoints + 1, explanation: null, files: 0 });
    items.set(c!.code, { score: c!.maxPoints, explanation: null, files: 0 });
    items.set(d!.code, { score: d!.maxPoints, explanation: 'Văn bản đang chờ ký ban hành', files: 0 });
    expect(selfAssessmentIssues(fw, items).map((i) => [i.code, i.kind])).toEqual([
      [a!.code, 'no-score'],
      [b!.code, 'invalid-score'],
      [c!.code, 'no-evidence-or-explanation'],
    ]);
    expect(selfAssessmentIssues(fw, items).map((i) => problemText(problemTextVi, i.problem))).toEqual([
      'Chưa chấm điểm',
      `Điểm tối đa của tiêu chí này là ${String(b!.maxPoints).replace('.', ',')}`,
      'Có điểm nhưng chưa có tài liệu kiểm chứng hoặc nội dung giải trình',
    ]);
    expect(selfAssessmentIssues(fw, items).map((i) => i.problem.code)).toEqual([
      'sa-review.no-score',
      'score.over-max',
      'sa-review.no-evidence',
    ]);
    items.set(a!.code, { score: 0, explanation: null, files: 0 });
    items.set(b!.code, { score: 0, explanation: null, files: 0 });
    items.set(c!.code, { score: c!.maxPoints, explanation: null, files: 2 });
    expect(selfAssessmentIssues(fw, items)).toEqual([]);
  });

  it('covers every appraised sub-criterion under an assigned field or criterion, and never a survey-scored one', () => {
    const field = fw.fields[0]!;
    const covered = coveredSubCriteria(fw, [field.code]);
    const expected = field.criteria.flatMap((c) => c.subCriteria.filter((s) => s.method === 'appraised').map((s) => s.code));
    expect([...covered].sort()).toEqual(expected.sort());
    const survey = fw.fields.flatMap((f) => f.criteria.flatMap((c) => c.subCriteria)).find((s) => s.method === 'survey')!;
    expect(assignableCodes(fw).has(survey.code)).toBe(false);
    expect(coveredSubCriteria(fw, [survey.code]).size).toBe(0);
  });
});
