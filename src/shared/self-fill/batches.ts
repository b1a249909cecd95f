import type { SelfFillBatch } from '../api/self-fill';

/**
 * Self-fill batches' counts (issue 19) read one way in the office and on the surveyor's phone alike. No runtime schema
 * here (types only): the surveyor's bundle carries no zod.
 */

/** A batch's or a cell's codes not used: issued, neither sent nor revoked (an expired batch's count them too). */
export const unusedCodes = (c: Pick<SelfFillBatch, 'issued' | 'submitted' | 'revoked'>): number =>
  Math.max(0, c.issued - c.submitted - c.revoked);

/**
 * Whether a batch's codes still work: not revoked, and `today` (YYYY-MM-DD, Việt Nam) is not past its last day. With
 * `today` not known yet (undefined), only revoking decides.
 */
export const isUsable = (b: Pick<SelfFillBatch, 'revokedAt' | 'lastDay'>, today: string | undefined): boolean =>
  !b.revokedAt && (today === undefined || today <= b.lastDay);

/** "Codes issued for this cell and not used yet": the unused codes of its usable batches, the ones that may still come back. */
export const outstandingCodes = (batches: readonly SelfFillBatch[], today: string): number =>
  batches.reduce((n, b) => n + (isUsable(b, today) ? unusedCodes(b) : 0), 0);

/** Batches newest first (by when issued; the id between batches issued at the same instant). */
export const newestFirst = <B extends Pick<SelfFillBatch, 'issuedAt' | 'id'>>(batches: readonly B[]): B[] =>
  [...batches].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt) || a.id.localeCompare(b.id));
