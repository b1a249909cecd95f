/**
 * A decimal number as an official types it: "1,5" (the Vietnamese decimal comma) and "1.5" both mean 1.5. Thousands
 * separators are not taken: "1.234,5" or "1,2,3" is `grouped` (refused with a message), never read as another number.
 */
export type DecimalText = { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'grouped' } | { kind: 'not-number' };

const ONE_SEPARATOR = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;
const SEVERAL_SEPARATORS = /^[+-]?[\d.,]*\d[\d.,]*$/;

export function parseDecimal(text: string): DecimalText {
  const t = text.trim();
  if (t === '') return { kind: 'empty' };
  if (ONE_SEPARATOR.test(t)) return { kind: 'number', value: Number(t.replace(',', '.')) };
  if (SEVERAL_SEPARATORS.test(t)) return { kind: 'grouped' };
  return { kind: 'not-number' };
}
