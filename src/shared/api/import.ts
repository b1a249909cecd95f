import { z } from 'zod';
import { visibleLine } from '../schema/common';
import { itemResultSchema } from '../sync/protocol';
import { fieldText } from '../problems/field-text';

/** The most items one exported file may carry: a phone's whole campaign, with room to spare. */
export const MAX_IMPORT_ITEMS = 20_000;

/**
 * The file a device saves with "Xuất dữ liệu chưa đồng bộ", and that Home Affairs uploads for a phone that will never
 * get online again. Its items are checked one by one exactly like a sync push.
 */
export const unsyncedExportSchema = z.strictObject({
  format: z.literal('phieu-unsynced', { message: fieldText('notPhieuExport') }),
  version: z.literal(1, { message: fieldText('exportVersion') }),
  exportedAt: visibleLine(z.string().max(40)),
  deviceId: visibleLine(z.string().max(64)).nullable(),
  responses: z.array(z.unknown()).max(MAX_IMPORT_ITEMS, fieldText('exportTooManyResponses', { max: MAX_IMPORT_ITEMS })),
  roster: z.array(z.unknown()).max(MAX_IMPORT_ITEMS, fieldText('exportTooManyRosterLines', { max: MAX_IMPORT_ITEMS })),
});

export type UnsyncedExportFile = z.infer<typeof unsyncedExportSchema>;

/** What an upload of such a file did: one result per item, in the order of the file (like a sync push's). */
export const importResultSchema = z.object({ responses: z.array(itemResultSchema), roster: z.array(itemResultSchema) });
export type ImportResult = z.infer<typeof importResultSchema>;
