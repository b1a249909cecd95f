/**
 * Rounds half away from zero at `decimals` places, on the decimal value a person reads: 1.005 → 1.01, and
 * 3 × 0.075 (0.22499999999999998 in binary floating point) → 0.23. Float noise is first cut off at 12
 * significant digits, far beyond any point or percentage shown, so sums in any order round the same.
 */
export function roundHalfUp(n: number, decimals: number): number {
  // Beyond 2^53 there are no decimals left to round.
  if (!Number.isFinite(n) || Math.abs(n) >= Number.MAX_SAFE_INTEGER) return n;
  const sign = n < 0 ? -1 : 1;
  const abs = Number(Math.abs(n).toPrecision(12));
  const text = String(abs);
  // Shift by editing the exponent instead of multiplying, so the binary error of x*10^d cannot flip a half.
  const shifted = text.includes('e') ? abs * 10 ** decimals : Number(`${text}e${decimals}`);
  const rounded = Math.round(shifted);
  return sign * Number(`${rounded}e-${decimals}`) || 0;
}

/** Sum of already-rounded figures, rounded again so float noise never shows (0.1 + 0.2). */
export function sumRounded(values: number[], decimals: number): number {
  return roundHalfUp(
    values.reduce((a, b) => a + b, 0),
    decimals,
  );
}
