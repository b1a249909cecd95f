import { formatPoints, vnDay, type PublicationSummary, type Results, type UnitResult } from '../../shared';
import { vietnameseDate } from './export/format';
import { escapeHtml } from '../../shared/format/html';
import { styleOnlyCsp } from './html-page';

/**
 * The public results pages (DESIGN §2: anyone, with no account, sees the published results and nothing else): the
 * ranking per level and each unit's scorecard, rendered on the server as plain HTML with no script at all, so that a
 * phone on a slow network shows the figures with the first response, and the page prints as it is. Everything comes
 * from a published snapshot; every value is escaped.
 */

const pts = (n: number) => formatPoints(n);
const pct = (n: number) => `${formatPoints(n)}%`;

const STYLE = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 60rem; padding: 0.75rem; line-height: 1.45; color: #1a1a1a; }
h1 { font-size: 1.3rem; margin: 0.25rem 0; }
h2 { font-size: 1.1rem; margin: 1.25rem 0 0.5rem; }
p { margin: 0.25rem 0 0.5rem; }
.muted { color: #555; }
.notice { background: #fff8d6; border: 1px solid #e0c65c; padding: 0.5rem 0.75rem; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.35rem 0.4rem; text-align: left; vertical-align: top; }
th { background: #f2f5f9; }
td.n, th.n { text-align: right; white-space: nowrap; }
meter { width: 6rem; }
td:first-child { min-width: 9rem; }
@media (max-width: 30rem) { meter { width: 3rem; } th, td { padding: 0.3rem 0.25rem; } body { font-size: 0.95rem; } }
nav a, .links a { margin-right: 1rem; }
a { color: #0b5394; }
@media print { nav, .links { display: none; } body { max-width: none; } a { color: inherit; text-decoration: none; } }
`;

export const PUBLIC_PAGE_CSP = styleOnlyCsp(STYLE);

function page(title: string, description: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${escapeHtml(description)}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const base = (r: Results) => `/ket-qua/${encodeURIComponent(r.campaignId)}`;
const versionQuery = (p: PublicationSummary, latest: number) => (p.version === latest ? '' : `?phien-ban=${p.version}`);

function header(r: Results, p: PublicationSummary, latest: number): string {
  const correction = p.reason ? ` · đính chính: ${escapeHtml(p.reason)}` : '';
  const older = p.version === latest ? '' : ` <strong>· Đây là bản cũ; <a href="${base(r)}">xem bản mới nhất (lần ${latest})</a></strong>`;
  return `<header>
<p class="muted">${escapeHtml(r.province)}</p>
<h1>Chỉ số cải cách hành chính năm ${r.year}</h1>
<p class="muted">Công bố lần ${p.version}, ngày ${vietnameseDate(vnDay(p.publishedAt))}${correction}${older}</p>
${r.sampleNotice ? `<p class="notice">Dữ liệu mẫu: ${escapeHtml(r.sampleNotice)}</p>` : ''}
</header>`;
}

const rankingRow = (r: Results, u: UnitResult, q: string) => `<tr>
<td class="n">${u.rank}</td>
<td><a href="${base(r)}/${encodeURIComponent(u.unitId)}${q}">${escapeHtml(u.unitName)}</a></td>
<td class="n">${pts(u.appraisedPoints)}</td>
<td class="n">${pts(u.surveyPoints)}</td>
<td class="n"><strong>${pct(u.percent)}</strong></td>
<td>${escapeHtml(u.band.name)}</td>
</tr>`;

/** The ranking of every level of one published version. */
export function publicResultsPage(r: Results, p: PublicationSummary, versions: PublicationSummary[]): string {
  const latest = Math.max(...versions.map((v) => v.version));
  const q = versionQuery(p, latest);
  const levels = r.levels
    .map(
      (l) => `<section>
<h2>${escapeHtml(l.name)}</h2>
<div class="table"><table>
<thead><tr><th class="n" scope="col">Hạng</th><th scope="col">Cơ quan, đơn vị</th><th class="n" scope="col">Thẩm định</th><th class="n" scope="col">Điều tra XHH</th><th class="n" scope="col">Chỉ số</th><th scope="col">Xếp loại</th></tr></thead>
<tbody>
${l.units.map((u) => rankingRow(r, u, q)).join('\n')}
</tbody>
</table></div>
</section>`,
    )
    .join('\n');
  const bands = r.rules.bands.map((b) => `${escapeHtml(b.name)} từ ${pct(b.minPercent)}`).join(', ');
  const others = versions
    .filter((v) => v.version !== p.version)
    .map((v) => `<a href="${base(r)}${versionQuery(v, latest)}">Lần ${v.version} (${vietnameseDate(vnDay(v.publishedAt))})</a>`);
  return page(
    `Chỉ số CCHC năm ${r.year} - ${r.province}`,
    `Kết quả Chỉ số cải cách hành chính năm ${r.year} của ${r.province}: xếp hạng và điểm từng cơ quan, đơn vị.`,
    `${header(r, p, latest)}
<p>Chỉ số là tổng điểm thẩm định và điểm điều tra xã hội học, tính theo phần trăm điểm tối đa; xếp hạng trong từng cấp. Xếp loại: ${bands}.</p>
<p class="links"><a href="/api/public/campaigns/${encodeURIComponent(r.campaignId)}/results/${p.version}/ket-qua.xlsx">Tải bảng kết quả (XLSX)</a>${others.length > 0 ? ` Các lần công bố khác: ${others.join(' ')}` : ''}</p>
${levels}`,
  );
}

/** One unit's scorecard: its index, rank and band, and its points per field against the maximum. */
export function publicScorecardPage(r: Results, p: PublicationSummary, versions: PublicationSummary[], unit: UnitResult): string {
  const latest = Math.max(...versions.map((v) => v.version));
  const q = versionQuery(p, latest);
  const level = r.levels.find((l) => l.level === unit.level);
  const fields = unit.fields
    .map((f) => {
      const got = f.appraised + f.survey;
      const max = f.appraisedMax + f.surveyMax;
      return `<tr><td>${escapeHtml(f.code)}. ${escapeHtml(f.title)}</td><td class="n">${pts(f.appraised)}/${pts(f.appraisedMax)}</td><td class="n">${pts(f.survey)}/${pts(f.surveyMax)}</td><td class="n">${pts(got)}/${pts(max)}</td><td><meter min="0" max="${max}" value="${got}">${max > 0 ? pct(Math.round((got / max) * 1000) / 10) : ''}</meter></td></tr>`;
    })
    .join('\n');
  const caveats = unit.surveyCaveats.length
    ? `<p class="notice">Một phần điểm điều tra xã hội học dựa trên ít câu trả lời: ${unit.surveyCaveats.map((c) => `${escapeHtml(c.code)} (${c.rule === 'computed' ? 'có nhóm đối tượng dưới mức tối thiểu' : c.rule === 'level-minimum' ? 'không có câu trả lời hợp lệ, lấy mức thấp nhất của cấp' : c.rule === 'level-average' ? 'không có câu trả lời hợp lệ, lấy mức trung bình của cấp' : c.rule === 'zero' ? 'không có câu trả lời hợp lệ, 0 điểm' : 'không có câu trả lời hợp lệ, không tính vào điểm tối đa'})`).join('; ')}.</p>`
    : '';
  return page(
    `${unit.unitName} - Chỉ số CCHC năm ${r.year}`,
    `Chỉ số cải cách hành chính năm ${r.year} của ${unit.unitName}: ${pct(unit.percent)}, hạng ${unit.rank} ${level?.name ?? ''}.`,
    `${header(r, p, latest)}
<nav><a href="${base(r)}${q}">← Bảng xếp hạng</a></nav>
<h2>${escapeHtml(unit.unitName)}</h2>
<p><strong>Chỉ số ${pct(unit.percent)}</strong> · hạng ${unit.rank}/${level?.units.length ?? '?'} ${escapeHtml(level?.name ?? '')} · xếp loại ${escapeHtml(unit.band.name)}</p>
<p>Điểm thẩm định ${pts(unit.appraisedPoints)}/${pts(unit.appraisedMax)} · điểm điều tra xã hội học ${pts(unit.surveyPoints)}/${pts(unit.surveyMax)} · tổng ${pts(unit.totalPoints)}/${pts(unit.maxPoints)}</p>
${caveats}
<div class="table"><table>
<caption class="muted">Điểm theo lĩnh vực</caption>
<thead><tr><th scope="col">Lĩnh vực</th><th class="n" scope="col">Thẩm định</th><th class="n" scope="col">Điều tra XHH</th><th class="n" scope="col">Tổng</th><th scope="col">Tỷ lệ</th></tr></thead>
<tbody>
${fields}
</tbody>
</table></div>`,
  );
}

/** The page for a campaign with nothing published yet (or a unit that is not in the result). */
export function publicNotFoundPage(what: string): string {
  return page('Chưa có kết quả', what, `<h1>Chưa có kết quả</h1>\n<p>${escapeHtml(what)}</p>`);
}
