import { SHEET_COLUMNS } from '../../../shared/admin/account-sheet';
import type { CampaignInfo } from '../../../shared/api/pull';

const quote = (cell: string) => (/[",;\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/**
 * A CSV to fill in: the Vietnamese headers of the account sheet and two example rows (a surveyor assigned to a
 * cell of this campaign, a coordinator of a unit). UTF-8 with a BOM, so that Excel shows the diacritics.
 */
export function sheetTemplate(campaign: CampaignInfo): string {
  const unit = campaign.units[0];
  const group = unit && campaign.groups.find((g) => g.ratesLevel === unit.level);
  const example: Record<string, string>[] = [
    {
      username: 'dtv01',
      displayName: 'Nguyễn Văn An',
      role: 'Điều tra viên',
      unit: '',
      password: '',
      assignments: unit && group ? `${unit.id}:${group.id}:20` : '',
    },
    { username: 'daumoi01', displayName: 'Trần Thị Bình', role: 'Đầu mối', unit: unit?.name ?? '', password: '', assignments: '' },
  ];
  const rows = [SHEET_COLUMNS.map((c) => c.header), ...example.map((e) => SHEET_COLUMNS.map((c) => e[c.field] ?? ''))];
  return `\uFEFF${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}

/** Saves a text as a file through a temporary Blob link (no server round trip). */
export function saveText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
