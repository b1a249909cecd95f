/**
 * Rounds half away from zero at `decimals` places, on the decimal value a person reads
 * (1.005 → 1.01, which plain Math.round(x * 100) / 100 gets wrong).
 */
export function roundHalfUp(n: number, decimals: number): number {
  if (!Number.isFinite(n)) return n;
  const sign = n < 0 ? -1 : 1;
  const abs = Math.abs(n);
  const text = String(abs);
  // Shift by editing the exponent instead of multiplying, so the binary error of x*10^d cannot flip a half.
  const shifted = text.includes('e') ? abs * 10 ** decimals : Number(`${text}e${decimals}`);
  const rounded = Math.round(shifted);
  return sign * Number(`${rounded}e-${decimals}`) || 0;
}

/** Sum of already-rounded figures, rounded again so float noise never shows (0.1 + 0.2). */
export function sumRounded(values: number[], decimals: number): number {
  return roundHalfUp(values.reduce((a, b) => a + b, 0), decimals);
}
