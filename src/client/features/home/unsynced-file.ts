import { exportUnsynced } from '../../db/export';
import type { PhieuDb } from '../../db/database';

/** "Xuất dữ liệu chưa đồng bộ": saves what the server lacks (queued and refused) as a JSON file for Home Affairs. */
export async function saveUnsyncedFile(db: PhieuDb, now = new Date()): Promise<void> {
  const data = await exportUnsynced(db, now);
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `phieu-chua-dong-bo-${data.exportedAt.slice(0, 19).replace(/[:T]/g, '-')}.json`;
  a.click();
  URL.revokeObjectURL(a.href);
}
