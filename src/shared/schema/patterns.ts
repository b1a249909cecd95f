import { fieldText } from '../problems/field-text';

/**
 * Patterns and their messages shared by the schemas written with zod (the server, the office) and those written with
 * zod/mini (what the surveyor's app parses), so a rule is stated once whichever zod states it.
 */

/** Identifiers used in campaign data: lowercase ASCII slugs, stable across files and years. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const SLUG_MESSAGE = fieldText('slug');

export const ISO_DATE_MESSAGE = fieldText('isoDate');
