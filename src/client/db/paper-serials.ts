import { normalisePaperSerial } from '../../shared/sync/paper-serial';
import type { PhieuDb } from './database';

/**
 * Whether a paper serial is already used on this device for the unit × group, serials compared normalised (shared
 * normalisePaperSerial, as the server compares them): a row stored before serials were normalised still counts.
 * Reads only the cell's rows that have a serial (the [unitId+groupId+paperSerial] index).
 */
export async function paperSerialUsed(db: PhieuDb, unitId: string, groupId: string, serial: string): Promise<boolean> {
  const key = normalisePaperSerial(serial);
  const used = await db.responses
    .where('[unitId+groupId+paperSerial]')
    .between([unitId, groupId, ''], [unitId, groupId, '\uffff'], true, true)
    .filter((r) => r.paperSerial !== undefined && normalisePaperSerial(r.paperSerial) === key)
    .count();
  return used > 0;
}
