/** Why the server refused one item of a sync batch (DESIGN §4 rule 3). */
export const rejectionCodes = [
  'conflict',
  'questionnaire-version-unknown',
  'not-assigned',
  'campaign-closed',
  'after-deadline',
  'invalid',
] as const;

export type RejectionCode = (typeof rejectionCodes)[number];

/** A problem located in a payload: a dotted path and a message a person can act on. */
export interface PayloadIssue {
  path: string;
  message: string;
}
