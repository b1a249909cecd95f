/**
 * The states of a unit's assessment (DESIGN §6), in their order: the unit enters and submits, the council
 * appraises (asking for explanations in rounds), the appraisal is closed, the index is published.
 */
export const assessmentStates = [
  'draft',
  'submitted',
  'in-appraisal',
  'explanation-requested',
  'explained',
  'appraised',
  'published',
] as const;

export type AssessmentState = (typeof assessmentStates)[number];

/** Where Home Affairs may send a unit back to, with a reason: before the appraisal, or back into it. */
export const returnTargets: readonly AssessmentState[] = ['draft', 'submitted', 'in-appraisal'];

export const stateOrder = (s: AssessmentState): number => assessmentStates.indexOf(s);
