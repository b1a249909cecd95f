import ExcelJS from 'exceljs';
import { formatPoints, vnDay, type PublicationSummary, type Results, type UnitResult } from '../../shared';
import { vietnameseDate } from './export/format';
import { escapeHtml } from '../../shared/format/html';
import { styleOnlyCsp } from './html-page';

/**
 * The published result as files: the workbook anyone may download (ranking per level, every unit × field ×
 * sub-criterion), and Home Affairs' printable report with the draft decision (Kế hoạch 2656 §II.5).
 */

const pct = (n: number) => `${formatPoints(n)} %`;
const thin = { style: 'thin' as const };
const box = { top: thin, left: thin, bottom: thin, right: thin };

/** The workbook of a published version: a ranking sheet per level, then the details of every unit. */
export async function resultsWorkbook(results: Results, publication: PublicationSummary): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Phiếu';
  // Fixed dates: the same version gives the same workbook content whenever it is downloaded.
  wb.created = new Date(publication.publishedAt);
  wb.modified = new Date(publication.publishedAt);
  for (const level of results.levels) {
    const sheet = wb.addWorksheet(`Xếp hạng ${level.name}`.replace(/[:\\/?*[\]]/g, '-').slice(0, 31), {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    sheet.columns = [
      { width: 8 },
      { width: 40 },
      { width: 14 },
      { width: 14 },
      { width: 14 },
      { width: 14 },
      { width: 12 },
      { width: 14 },
      { width: 16 },
    ];
    sheet.addRow([`CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${results.year} — ${level.name.toUpperCase()}`]).font = { bold: true };
    sheet.addRow([
      `${results.province} · công bố lần ${publication.version}, ngày ${vietnameseDate(vnDay(publication.publishedAt))}${publication.reason ? ` · ${publication.reason}` : ''}`,
    ]);
    if (results.sampleNotice) sheet.addRow([`Dữ liệu mẫu: ${results.sampleNotice}`]);
    sheet.addRow([]);
    const head = sheet.addRow([
      'Xếp hạng',
      'Đơn vị',
      'Tự đánh giá',
      'Thẩm định',
      'Điều tra XHH',
      'Tổng điểm',
      'Điểm tối đa',
      'Chỉ số (%)',
      'Xếp loại',
    ]);
    head.font = { bold: true };
    head.eachCell((c) => (c.border = box));
    for (const u of level.units) {
      const row = sheet.addRow([
        u.rank,
        u.unitName,
        u.selfPoints,
        u.appraisedPoints,
        u.surveyPoints,
        u.totalPoints,
        u.maxPoints,
        u.percent,
        u.band.name,
      ]);
      row.eachCell((c) => (c.border = box));
    }
  }
  const detail = wb.addWorksheet('Chi tiết');
  detail.columns = [
    { width: 36 },
    { width: 12 },
    { width: 10 },
    { width: 48 },
    { width: 12 },
    { width: 10 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
  ];
  const head = detail.addRow([
    'Đơn vị',
    'Cấp',
    'Mã',
    'Tiêu chí thành phần',
    'Cách chấm',
    'Điểm tối đa',
    'Tự đánh giá',
    'Thẩm định',
    'Điều tra XHH',
  ]);
  head.font = { bold: true };
  for (const level of results.levels) {
    for (const u of level.units) {
      for (const f of u.fields) {
        detail.addRow([
          u.unitName,
          level.name,
          f.code,
          f.title,
          'Lĩnh vực',
          f.appraisedMax + f.surveyMax,
          f.self,
          f.appraised,
          f.survey,
        ]).font = { bold: true };
        for (const i of u.items.filter((x) => x.code.startsWith(`${f.code}.`))) {
          detail.addRow([
            u.unitName,
            level.name,
            i.code,
            i.title,
            i.method === 'appraised' ? 'Thẩm định' : 'Điều tra XHH',
            i.maxPoints,
            i.self,
            i.appraised,
            i.survey,
          ]);
        }
      }
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The report's only style sheet: inline, allowed by its hash in the page's CSP (no script). */
const STYLE = `
@page { size: A4 portrait; margin: 18mm 15mm 18mm 20mm; }
body { font-family: "Times New Roman", Times, serif; font-size: 13px; color: #000; background: #fff; margin: 0 auto; max-width: 175mm; padding: 8mm 0; }
.note { font-family: system-ui, sans-serif; background: #fff8d6; border: 1px solid #e0c65c; padding: 8px 12px; margin-bottom: 16px; }
.motto { text-align: center; margin: 0 0 8mm; line-height: 1.4; }
.motto strong { display: block; }
h1 { font-size: 16px; text-align: center; margin: 6mm 0 2mm; }
h2 { font-size: 14px; margin: 6mm 0 2mm; }
.sub { text-align: center; margin: 0 0 4mm; font-style: italic; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; }
th, td { border: 1px solid #000; padding: 3px 4px; vertical-align: top; }
th { text-align: center; }
td.n { text-align: right; white-space: nowrap; }
td.c { text-align: center; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.decision { break-before: page; }
.decision p { text-align: justify; line-height: 1.5; }
.draft { text-align: center; font-weight: bold; letter-spacing: 2px; }
@media print { .note { display: none; } body { padding: 0; max-width: none; } }
`;

export const RESULTS_REPORT_CSP = styleOnlyCsp(STYLE);

const rankingTable = (units: UnitResult[]) => `<table>
<thead><tr><th>Xếp hạng</th><th>Đơn vị</th><th>Thẩm định</th><th>Điều tra XHH</th><th>Tổng điểm</th><th>Chỉ số</th><th>Xếp loại</th></tr></thead>
<tbody>
${units.map((u) => `<tr><td class="c">${u.rank}</td><td>${escapeHtml(u.unitName)}</td><td class="n">${formatPoints(u.appraisedPoints)}/${formatPoints(u.appraisedMax)}</td><td class="n">${formatPoints(u.surveyPoints)}/${formatPoints(u.surveyMax)}</td><td class="n">${formatPoints(u.totalPoints)}/${formatPoints(u.maxPoints)}</td><td class="n">${pct(u.percent)}</td><td class="c">${escapeHtml(u.band.name)}</td></tr>`).join('\n')}
</tbody>
</table>`;

/**
 * "Báo cáo kết quả xác định Chỉ số cải cách hành chính năm …" for printing on A4, with the ranking per level and a
 * draft of the publishing decision (dự thảo Quyết định công bố) for the province to sign. Every value is escaped.
 */
export function resultsReportHtml(results: Results, publication: PublicationSummary): string {
  const title = `Báo cáo kết quả xác định Chỉ số cải cách hành chính năm ${results.year}`;
  const levels = results.levels
    .map((l, i) => `<h2>${i + 1}. Kết quả Chỉ số CCHC ${escapeHtml(l.name.toLowerCase())}</h2>\n${rankingTable(l.units)}`)
    .join('\n');
  const bands = results.rules.bands.map((b) => `${escapeHtml(b.name)} (từ ${formatPoints(b.minPercent)} %)`).join(', ');
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<p class="note">Trang in báo cáo (khổ A4): dùng lệnh In của trình duyệt (Ctrl+P). Ghi chú này không được in.${results.sampleNotice ? ` Dữ liệu mẫu: ${escapeHtml(results.sampleNotice)}` : ''}</p>
<p class="motto"><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>Độc lập - Tự do - Hạnh phúc</p>
<h1>${escapeHtml(title.toUpperCase())}</h1>
<p class="sub">${escapeHtml(results.province)} · công bố lần ${publication.version}, ngày ${vietnameseDate(vnDay(publication.publishedAt))}${publication.reason ? ` · ${escapeHtml(publication.reason)}` : ''}</p>
<p>Chỉ số được xác định bằng tổng điểm thẩm định của Hội đồng thẩm định và điểm điều tra xã hội học, tính theo tỷ lệ phần trăm so với điểm tối đa; xếp hạng trong từng cấp, xếp loại: ${bands}.</p>
${levels}
<section class="decision">
<p class="draft">DỰ THẢO</p>
<p class="motto"><strong>QUYẾT ĐỊNH</strong>Về việc công bố Chỉ số cải cách hành chính năm ${results.year} của các sở, ban, ngành và UBND các huyện, thị xã, thành phố thuộc ${escapeHtml(results.province)}</p>
<p>Căn cứ kết quả thẩm định của Hội đồng thẩm định và kết quả điều tra xã hội học xác định Chỉ số cải cách hành chính năm ${results.year};</p>
<p>Theo đề nghị của Giám đốc Sở Nội vụ,</p>
<p class="draft">QUYẾT ĐỊNH:</p>
<p><strong>Điều 1.</strong> Công bố Chỉ số cải cách hành chính năm ${results.year} của ${results.levels.map((l) => escapeHtml(l.name.toLowerCase())).join(' và ')} (chi tiết tại các phụ lục kèm theo).</p>
<p><strong>Điều 2.</strong> Sở Nội vụ có trách nhiệm tổng hợp, báo cáo; các cơ quan, đơn vị căn cứ kết quả Chỉ số để khắc phục những hạn chế, nâng cao hiệu quả công tác cải cách hành chính.</p>
<p><strong>Điều 3.</strong> Quyết định này có hiệu lực kể từ ngày ký.</p>
</section>
</body>
</html>
`;
}
