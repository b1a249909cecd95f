import path from 'node:path';
import { formatSize } from '../../shared';
import { restoreBackup } from '../services/backup/restore-backup';
import { recordBackup } from '../services/backup/status';
import { takeBackup } from '../services/backup/take-backup';

/**
 * `npx phieu backup <thư mục>` and `npx phieu restore <bản sao lưu>`: the bodies of the two commands (commands.ts
 * dispatches them before it opens the database: a restore must find the data folder empty). Refusals are thrown as
 * BackupError, which commands.ts words in Vietnamese.
 */

const n = (x: number) => x.toLocaleString('vi-VN');
const size = (bytes: number) => formatSize(bytes, ',');

/** Takes a backup of `dataDir` into a new folder inside `root`, records it for Home Affairs' screen, and says what it did. */
export async function backupCommand(dataDir: string, root: string, out: (line: string) => void): Promise<void> {
  const taken = await takeBackup({ dataDir, evidenceDir: path.join(dataDir, 'evidence') }, path.resolve(root));
  await recordBackup(dataDir, taken, 'cli');
  const rows = Object.values(taken.tables).reduce((a, b) => a + b, 0);
  out(`Đã sao lưu ${dataDir} vào ${taken.folder}`);
  out(
    `  ${n(taken.responses)} phiếu, ${n(rows)} dòng trong ${n(Object.keys(taken.tables).length)} bảng, ${n(taken.evidenceFiles)} tệp tài liệu kiểm chứng; ` +
      `tổng ${size(taken.bytes)}, trong ${(taken.durationMs / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} giây`,
  );
  out(`  Mã băm SHA-256 của từng tệp và số dòng từng bảng ghi trong ${path.join(taken.folder, 'manifest.json')}`);
  for (const u of taken.evidenceUnavailable) {
    out(
      `  Cảnh báo: tệp tài liệu kiểm chứng ${u.sha256} ${u.reason === 'missing' ? 'không có' : 'bị hỏng (sai mã băm)'} trong thư mục dữ liệu, không sao lưu được`,
    );
  }
}

/** Restores the backup in `backupDir` into the empty or absent `dataDir`, checked, and says what it did. */
export async function restoreCommand(backupDir: string, dataDir: string, out: (line: string) => void): Promise<void> {
  const r = await restoreBackup(path.resolve(backupDir), dataDir);
  out(`Đã khôi phục ${path.resolve(backupDir)} (sao lưu lúc ${r.manifest.createdAt}) vào ${dataDir}`);
  out(`  ${n(r.responses)} phiếu, ${n(r.evidenceFiles)} tệp tài liệu kiểm chứng; tổng ${size(r.bytes)}`);
  out(`  Đã kiểm tra: mã băm SHA-256 của ${n(r.evidenceFiles + 1)} tệp, số dòng của ${n(r.tables)} bảng, PRAGMA integrity_check: ok`);
  if (r.manifest.evidenceUnavailable.length > 0)
    out(
      `  Cảnh báo: ${n(r.manifest.evidenceUnavailable.length)} tệp tài liệu kiểm chứng đã thiếu hoặc hỏng từ khi sao lưu (xem manifest.json)`,
    );
  out(`  Khởi động máy chủ với PHIEU_DATA_DIR=${dataDir} để dùng dữ liệu này.`);
}
