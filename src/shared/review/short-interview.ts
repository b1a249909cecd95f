// Apart from flags.ts (which needs the questionnaire schema, so zod) because the server's export workers need only this.

/**
 * The modes whose duration means something: an interview, and a respondent's own fill with a code (issue 19), both
 * timed from the first answer to the last on one device. Paper forms are transcribed later; a device's self-filled
 * form may be handed over and back.
 */
export const TIMED_MODES = ['interview', 'self-online'] as const;

/** The short-interview rule: a timed response finished in less than the campaign's minimum. */
export function isShortInterview(mode: string, seconds: number | null, minMinutes: number): boolean {
  return (TIMED_MODES as readonly string[]).includes(mode) && minMinutes > 0 && seconds !== null && seconds < minMinutes * 60;
}
