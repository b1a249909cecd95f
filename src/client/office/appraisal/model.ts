import type { Appraisal, ExplanationRound } from '../../../shared/api/appraisal';
import type { SelfAssessment } from '../../../shared/api/self-assessment';
import { stateOrder, returnTargets, type AssessmentState } from '../../../shared/appraisal/states';
import type { Framework } from '../../../shared/schema/framework';

/** The council's score and comment of one item, as the server sends it. */
export type AppraisalItem = Appraisal['items'][number];

/** An item never appraised: no score, no comment, version 0. */
export const blankItem = (code: string): AppraisalItem => ({
  code,
  score: null,
  comment: null,
  version: 0,
  updatedAt: null,
  updatedBy: null,
});

/** The sub-criteria the council appraises that this person sees, grouped the framework's way (empty groups left out). */
export function appraisedTree(framework: Framework, sa: SelfAssessment) {
  const visible = new Set(sa.visibleCodes);
  return framework.fields
    .map((f) => ({
      ...f,
      criteria: f.criteria
        .map((c) => ({ ...c, subCriteria: c.subCriteria.filter((s) => s.method === 'appraised' && visible.has(s.code)) }))
        .filter((c) => c.subCriteria.length > 0),
    }))
    .filter((f) => f.criteria.length > 0);
}

/** The rounds that asked about each item, oldest first. */
export function roundsByCode(rounds: readonly ExplanationRound[]): Map<string, ExplanationRound[]> {
  const out = new Map<string, ExplanationRound[]>();
  for (const r of rounds) for (const code of r.codes) out.set(code, [...(out.get(code) ?? []), r]);
  return out;
}

/** Where Home Affairs may send a unit back from its state: the return targets before it. */
export const returnOptions = (state: AssessmentState): AssessmentState[] => returnTargets.filter((s) => stateOrder(s) < stateOrder(state));

/** The element id of a sub-criterion's card on the appraisal screen. */
export const apAnchor = (code: string) => `ap-${code}`;
