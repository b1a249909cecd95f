import * as z from 'zod/mini';
import { ISO_DATE_MESSAGE, SLUG_MESSAGE, SLUG_PATTERN } from '../schema/patterns';
import { fieldText } from '../problems/field-text';

/*
 * Written with zod/mini, the one schema the surveyor's app parses (the roster form): the app carries no other zod
 * (issue #14, its first screen's size). Every check names its message: the app loads no zod locale.
 */
const slug = z.string().check(z.regex(SLUG_PATTERN, SLUG_MESSAGE));
const idText = z.string().check(z.minLength(1, fieldText('blank')), z.maxLength(64, fieldText('idTooLong', { max: 64 })));

/** A payment-roster entry: who answered, for paying them. Never linked to a response (DESIGN §1). */
export const rosterEntrySchema = z.strictObject({
  id: z.uuid({ message: fieldText('rosterId') }),
  campaignId: slug,
  unitId: slug,
  groupId: slug,
  surveyorId: idText,
  deviceId: idText,
  respondentName: z
    .string()
    .check(z.trim(), z.minLength(1, fieldText('respondentName')), z.maxLength(120, fieldText('nameTooLong', { max: 120 }))),
  /** Organisation or address. */
  organisation: z.optional(z.string().check(z.trim(), z.maxLength(200, fieldText('organisationTooLong', { max: 200 })))),
  phone: z.optional(z.string().check(z.trim(), z.regex(/^[0-9 +().-]{6,20}$/, fieldText('phone')))),
  collectedOn: z.iso.date({ message: ISO_DATE_MESSAGE }),
});

export type RosterEntry = z.infer<typeof rosterEntrySchema>;
