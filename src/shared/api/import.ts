import { z } from 'zod';
import { visibleLine } from '../schema/common';

/** The most items one exported file may carry: a phone's whole campaign, with room to spare. */
export const MAX_IMPORT_ITEMS = 20_000;

/**
 * The file a device saves with "Xuất dữ liệu chưa đồng bộ", and that Home Affairs uploads for a phone that will never
 * get online again. Its items are checked one by one exactly like a sync push.
 */
export const unsyncedExportSchema = z.strictObject({
  format: z.literal('phieu-unsynced', { message: 'Không phải tệp xuất dữ liệu của Phiếu' }),
  version: z.literal(1, { message: 'Phiên bản tệp không được hỗ trợ' }),
  exportedAt: visibleLine(z.string().max(40)),
  deviceId: visibleLine(z.string().max(64)).nullable(),
  responses: z.array(z.unknown()).max(MAX_IMPORT_ITEMS, `Tối đa ${MAX_IMPORT_ITEMS} phiếu mỗi tệp`),
  roster: z.array(z.unknown()).max(MAX_IMPORT_ITEMS, `Tối đa ${MAX_IMPORT_ITEMS} dòng mỗi tệp`),
});

export type UnsyncedExportFile = z.infer<typeof unsyncedExportSchema>;
