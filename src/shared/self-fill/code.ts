/**
 * Self-fill codes (issue 19): what a respondent types from a printed slip, or what the slip's QR link carries.
 * Twelve characters of an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V): about 55 bits, shown in
 * groups of four. Upper or lower case, spaces and dashes are all taken as typed.
 */
export const SELF_FILL_ALPHABET = '34679ACDEFGHJKMNPQRTWXY';
export const SELF_FILL_CODE_LENGTH = 12;

/** The most codes one batch holds. */
export const MAX_CODES_PER_BATCH = 500;

/** The surveyor column of a self-filled response: no account, and no surveyor paid or counted for it. */
export const SELF_ONLINE_SURVEYOR = '~self-online';

/** The path of a code's link on the server's public origin. */
export const selfFillPath = (code: string): string => `/p/${formatSelfFillCode(code)}`;

/** A code as typed or read from a link (any case, spaces or dashes), as stored before hashing; null if it cannot be one. */
export function normaliseSelfFillCode(input: string): string | null {
  if (input.length > 64) return null;
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== SELF_FILL_CODE_LENGTH) return null;
  for (const ch of code) if (!SELF_FILL_ALPHABET.includes(ch)) return null;
  return code;
}

/** How many characters of what was typed can be part of a code: for "you entered N valid characters". */
export const validCodeCharacters = (typed: string): number =>
  [...typed.toUpperCase()].filter((ch) => SELF_FILL_ALPHABET.includes(ch)).length;

/** "ACDE-FGHJ-KMNP": groups of four, as printed. */
export function formatSelfFillCode(code: string): string {
  const plain = code.replace(/[\s-]/g, '').toUpperCase();
  return plain.match(/.{1,4}/g)?.join('-') ?? plain;
}
