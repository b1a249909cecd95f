import * as z from 'zod/mini';
import { ISO_DATE_MESSAGE, SLUG_MESSAGE, SLUG_PATTERN } from '../schema/patterns';

/*
 * Written with zod/mini, the one schema the surveyor's app parses (the roster form): the app carries no other zod
 * (issue #14, its first screen's size). Every check names its message: the app loads no zod locale.
 */
const slug = z.string().check(z.regex(SLUG_PATTERN, SLUG_MESSAGE));
const idText = z.string().check(z.minLength(1, 'Không được để trống'), z.maxLength(64, 'Tối đa 64 ký tự'));

/** A payment-roster entry: who answered, for paying them. Never linked to a response (DESIGN §1). */
export const rosterEntrySchema = z.strictObject({
  id: z.uuid({ message: 'Mã dòng danh sách phải là UUID' }),
  campaignId: slug,
  unitId: slug,
  groupId: slug,
  surveyorId: idText,
  deviceId: idText,
  respondentName: z.string().check(z.trim(), z.minLength(1, 'Cần họ tên người trả lời'), z.maxLength(120, 'Họ tên tối đa 120 ký tự')),
  /** Organisation or address. */
  organisation: z.optional(z.string().check(z.trim(), z.maxLength(200, 'Cơ quan, địa chỉ tối đa 200 ký tự'))),
  phone: z.optional(z.string().check(z.trim(), z.regex(/^[0-9 +().-]{6,20}$/, 'Số điện thoại chỉ gồm chữ số, dấu cách, +, (, ), . hoặc -'))),
  collectedOn: z.iso.date({ message: ISO_DATE_MESSAGE }),
});

export type RosterEntry = z.infer<typeof rosterEntrySchema>;
