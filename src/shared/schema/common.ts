import { z } from 'zod';
import { ISO_DATE_MESSAGE, SLUG_MESSAGE, SLUG_PATTERN } from './patterns';
import { fieldText } from '../problems/field-text';

/**
 * Built-in zod messages in Vietnamese: the people reading them are Vietnamese. Run here for the server, the CLI and
 * the tests (every side that imports the schemas in Node); the office's chunk calls it itself, since the client
 * build keeps no module's side effects in src/shared (vite.config.ts) and the surveyor's app carries no zod locale.
 */
export function setVietnameseZodMessages(): void {
  z.config(z.locales.vi());
}
setVietnameseZodMessages();

/** Identifiers used in campaign data: lowercase ASCII slugs, stable across files and years. */
export const slugId = z.string().regex(SLUG_PATTERN, SLUG_MESSAGE);

/** A calendar date, YYYY-MM-DD. */
export const isoDate = z.iso.date({ message: ISO_DATE_MESSAGE });

/** A moment with an explicit offset, e.g. 2021-12-01T08:30:00+07:00. */
export const isoDateTime = z.iso.datetime({ offset: true, message: fieldText('isoDateTime') });

// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
const LINE_BREAKS = /[\t\n\r]/u;
const hiddenMessage = fieldText('hiddenCharacters');

/** Typed text, several lines allowed: no NUL or other control character, no bidirectional override (they hide or reorder what is shown). */
export const visibleText = (s: z.ZodString) => s.refine((v) => !HIDDEN.test(v), hiddenMessage);

/** One line of typed text (a name, a body): the same, and no line break or tab. */
export const visibleLine = (s: z.ZodString) => s.refine((v) => !HIDDEN.test(v) && !LINE_BREAKS.test(v), hiddenMessage);

/** Human text that must not be blank. */
export const text = z.string().trim().min(1, fieldText('blank'));

/** Points in a framework: non-negative, at most two decimals. */
export const points = z
  .number()
  .nonnegative(fieldText('pointsNegative'))
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-9, fieldText('pointsDecimals'));

/** A coefficient for a choice: 0 (worst) … 1 (best). */
export const coefficient = z.number().min(0, fieldText('coefficientRange')).max(1, fieldText('coefficientRange'));

/** Lets definition files name their JSON Schema for editor autocompletion. */
export const schemaRef = { $schema: z.string().optional() };
