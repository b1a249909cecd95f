// Apart from flags.ts (which needs the questionnaire schema, so zod) because the server's export workers need only this.

/** The short-interview rule: only interviews have a meaningful duration (paper forms are transcribed later). */
export function isShortInterview(mode: string, seconds: number | null, minMinutes: number): boolean {
  return mode === 'interview' && minMinutes > 0 && seconds !== null && seconds < minMinutes * 60;
}
