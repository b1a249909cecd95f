import type { IssuedBatch } from '../../../shared/api/self-fill';
import { escapeHtml } from '../../../shared/format/html';
import { vietnameseDay } from '../../../shared/format/vietnamese-date';
import { vnDay } from '../../../shared/quota/schedule';
import { cleanQrSvg } from './qr';

/**
 * The A4 sheet of cut-out slips of a batch of self-fill codes, as one piece of markup used twice: on the screen (to
 * print) and in the HTML file saved to print later, so that both are the same slips. Always in Vietnamese: the slips
 * go to respondents, whatever language the office screen is in.
 */

export const SLIPS_PER_PAGE = 8;

/** What each slip says beside the names, link, code and QR. */
const SLIP = {
  title: 'Khảo sát ý kiến về chất lượng phục vụ của cơ quan hành chính nhà nước',
  unit: 'Đơn vị được đánh giá:',
  group: 'Đối tượng:',
  open: 'Quét mã QR hoặc mở đường dẫn:',
  code: 'Mã trả lời',
  deadline: 'Hạn trả lời:',
  anonymous: 'Phiếu khảo sát ẩn danh: không ghi tên, không lưu địa chỉ; câu trả lời chỉ dùng để tính chỉ số.',
  qr: 'Mã QR của đường dẫn trên phiếu',
} as const;

/** The slips' QR drawings, cleaned (qr.ts); null where the server's drawing was not a clean QR. */
export const cleanQrs = (issued: IssuedBatch): (string | null)[] => issued.codes.map((c) => cleanQrSvg(c.qrSvg));

/** The pages of slips, eight to an A4 page (two columns, four rows), as HTML. */
export function slipsMarkup(issued: IssuedBatch, qrs: readonly (string | null)[]): string {
  const head =
    `<p class="sf-slip-campaign">${escapeHtml(issued.campaignName)}</p>` + `<p class="sf-slip-title">${escapeHtml(SLIP.title)}</p>`;
  const cell =
    `<p>${escapeHtml(SLIP.unit)} <strong>${escapeHtml(issued.unitName)}</strong></p>` +
    `<p>${escapeHtml(SLIP.group)} <strong>${escapeHtml(issued.groupName)}</strong></p>`;
  const tail = `<p class="sf-slip-deadline">${escapeHtml(SLIP.deadline)} <strong>${escapeHtml(vietnameseDay(issued.batch.lastDay))}</strong></p>`;
  const anonymous = `<p class="sf-slip-anonymous">${escapeHtml(SLIP.anonymous)}</p>`;
  const slips = issued.codes.map((c, i) => {
    const qr = qrs[i];
    return (
      `<article class="sf-slip" aria-label="${escapeHtml(`${SLIP.code} ${c.code}`)}">` +
      head +
      `<div class="sf-slip-body"><div class="sf-slip-text">${cell}` +
      `<p class="sf-slip-open">${escapeHtml(SLIP.open)}</p>` +
      `<p class="sf-slip-link">${escapeHtml(c.link)}</p>${tail}</div>` +
      (qr ? `<div class="sf-slip-qr" role="img" aria-label="${escapeHtml(SLIP.qr)}">${qr}</div>` : '') +
      `</div>` +
      `<p class="sf-slip-code"><span class="sf-slip-code-label">${escapeHtml(SLIP.code)}</span> ` +
      `<span class="sf-slip-code-value">${escapeHtml(c.code)}</span></p>` +
      anonymous +
      `</article>`
    );
  });
  const pages: string[] = [];
  for (let i = 0; i < slips.length; i += SLIPS_PER_PAGE) {
    pages.push(`<section class="sf-page">${slips.slice(i, i + SLIPS_PER_PAGE).join('')}</section>`);
  }
  return pages.join('');
}

export const pageCount = (codes: number): number => Math.ceil(codes / SLIPS_PER_PAGE);

/**
 * The sheet's layout, on screen and in print, in the office and in the saved file. A4 with 8 mm margins: 194 × 281 mm
 * of slips, each 97 × 70 mm with a QR of 30 mm. It replaces the office's own page margins while a sheet is shown.
 */
export const SLIP_CSS = `
@page { size: A4; margin: 8mm; }
.sf-sheet { color: #000; font-family: "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif; }
.sf-page {
  box-sizing: border-box; width: 194mm; height: 280mm; margin: 0 auto 10mm; background: #fff;
  display: grid; grid-template-columns: 1fr 1fr; grid-template-rows: repeat(4, 1fr);
  border-top: 0.3mm dashed #666; border-left: 0.3mm dashed #666;
  box-shadow: 0 1px 6px rgba(0, 0, 0, 0.25);
}
.sf-slip {
  box-sizing: border-box; overflow: hidden; padding: 3mm 4mm 2.5mm;
  border-right: 0.3mm dashed #666; border-bottom: 0.3mm dashed #666;
  display: flex; flex-direction: column; gap: 0.8mm; font-size: 8pt; line-height: 1.25;
}
.sf-slip p { margin: 0; }
.sf-slip-campaign { font-size: 6.5pt; }
.sf-slip-title { font-size: 8.5pt; font-weight: 700; }
.sf-slip-body { display: flex; gap: 3mm; align-items: flex-start; }
.sf-slip-text { flex: 1 1 auto; min-width: 0; display: flex; flex-direction: column; gap: 0.5mm; }
.sf-slip-open { margin-top: 0.4mm; }
.sf-slip-link { font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace; font-size: 7.5pt; overflow-wrap: anywhere; }
.sf-slip-qr { flex: 0 0 30mm; width: 30mm; height: 30mm; }
.sf-slip-qr svg { display: block; width: 100%; height: 100%; }
.sf-slip-code { display: flex; align-items: baseline; justify-content: center; gap: 3mm; }
.sf-slip-code-label { font-size: 7.5pt; }
.sf-slip-code-value {
  font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace; font-size: 15pt; font-weight: 700; letter-spacing: 0.06em;
}
.sf-slip-anonymous { font-size: 7pt; font-style: italic; margin-top: auto !important; }
.sf-sheet-wrap { overflow-x: auto; background: #e9ecef; padding: 10mm 4mm 0; margin: 12px 0; border-radius: 8px; }
@media print {
  .sf-sheet-wrap { overflow: visible; background: none; padding: 0; margin: 0; }
  .sf-page { margin: 0; box-shadow: none; break-after: page; }
  .sf-page:last-child { break-after: auto; }
  .sf-slip { break-inside: avoid; }
}
`;

/** The saved sheet: a page of its own (no script, no outside resource) that prints the same slips. */
export function sheetDocument(issued: IssuedBatch, qrs: readonly (string | null)[], warning: string): string {
  const title = `Mã tự điền — ${issued.unitName} × ${issued.groupName}`;
  return (
    '<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">' +
    `<title>${escapeHtml(title)}</title>` +
    `<style>${SLIP_CSS}\nbody { margin: 0; padding: 8mm 0; background: #eee; }\n` +
    '.sf-file-note { max-width: 194mm; margin: 0 auto 6mm; font: 11pt sans-serif; }\n' +
    '@media print { body { padding: 0; background: #fff; } .sf-file-note { display: none; } }</style>' +
    '</head><body>' +
    `<p class="sf-file-note"><strong>${escapeHtml(title)}</strong><br>${escapeHtml(warning)}</p>` +
    `<div class="sf-sheet">${slipsMarkup(issued, qrs)}</div>` +
    '</body></html>\n'
  );
}

/** The saved sheet's file name: ASCII, with the cell and the day it was issued. */
export function sheetFileName(issued: IssuedBatch): string {
  const day = vnDay(issued.batch.issuedAt);
  return `ma-tu-dien-${issued.batch.unitId}-${issued.batch.groupId}-${day}-${issued.batch.id.slice(0, 8)}.html`.replace(
    /[^A-Za-z0-9._-]/g,
    '-',
  );
}
