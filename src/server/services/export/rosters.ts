import type { Readable } from 'node:stream';
import { defaultCampaignSettings, type CampaignIndex } from '../../../shared';
import { rosterSurveyors } from '../../db/export';
import { listRosterEntries } from '../../db/roster';
import type { Deps } from '../../http/deps';
import { formatDong, vietnameseDate } from './format';
import { streamWorkbook, type WorkbookWriter } from './xlsx';
import { escapeHtml } from '../../../shared/format/html';
import { styleOnlyCsp } from '../html-page';

export interface RosterRespondent {
  name: string;
  organisation: string | null;
  groupId: string;
  groupName: string;
  collectedOn: string;
  amount: number;
}

export interface RosterSurveyor {
  surveyorId: string;
  name: string;
  /** Responses received for the unit (excluded ones included: `excluded` says how many). */
  questionnaires: number;
  excluded: number;
  /** Questionnaires paid for under the campaign's rule: all received, or only those review kept. */
  paid: number;
  rate: number;
  amount: number;
}

/** The payment roster of one unit (thanh quyết toán kinh phí): who answered, who surveyed, what each is paid. */
export interface UnitRoster {
  unitId: string;
  unitName: string;
  respondents: RosterRespondent[];
  respondentTotal: number;
  surveyors: RosterSurveyor[];
  surveyorQuestionnaires: number;
  surveyorExcluded: number;
  surveyorPaid: number;
  surveyorTotal: number;
  /** The campaign's pay rule (settings.payment.surveyorPaidFor), printed on the roster. */
  paidFor: 'included' | 'received';
  /** Whether Home Affairs has set any rate: with none, every amount is 0 and the roster says why. */
  ratesSet: boolean;
}

/**
 * Rosters of the given units. A respondent is paid the rate of their group (payment.respondentRateByGroup) or the
 * general respondent rate; a surveyor the surveyor rate per response of the unit that the pay rule counts: those
 * review kept, or every one received. (A respondent's entry has no link to any response, so it is paid whatever
 * review decides about the answers.)
 */
export async function unitRosters(deps: Deps, index: CampaignIndex, unitIds: readonly string[]): Promise<UnitRoster[]> {
  const campaignId = index.bundle.campaign.id;
  const { payment } = deps.registry.settings(campaignId) ?? defaultCampaignSettings();
  const ratesSet =
    payment.respondentRate > 0 || payment.surveyorRate > 0 || Object.values(payment.respondentRateByGroup).some((r) => r > 0);
  const out: UnitRoster[] = [];
  for (const unitId of unitIds) {
    const entries = await listRosterEntries(deps.db, campaignId, { unitId });
    const respondents = entries.map((e): RosterRespondent => ({
      name: e.respondent_name,
      organisation: e.organisation,
      groupId: e.group_id,
      groupName: index.groups.get(e.group_id)?.name ?? e.group_id,
      collectedOn: e.collected_on,
      amount: payment.respondentRateByGroup[e.group_id] ?? payment.respondentRate,
    }));
    const surveyors = (await rosterSurveyors(deps.db, campaignId, unitId)).map((s): RosterSurveyor => {
      const paid = payment.surveyorPaidFor === 'included' ? s.received - s.excluded : s.received;
      return {
        surveyorId: s.surveyor_id,
        name: s.display_name ?? s.surveyor_id,
        questionnaires: s.received,
        excluded: s.excluded,
        paid,
        rate: payment.surveyorRate,
        amount: paid * payment.surveyorRate,
      };
    });
    out.push({
      unitId,
      unitName: index.units.get(unitId)?.name ?? unitId,
      respondents,
      respondentTotal: respondents.reduce((a, r) => a + r.amount, 0),
      surveyors,
      surveyorQuestionnaires: surveyors.reduce((a, s) => a + s.questionnaires, 0),
      surveyorExcluded: surveyors.reduce((a, s) => a + s.excluded, 0),
      surveyorPaid: surveyors.reduce((a, s) => a + s.paid, 0),
      surveyorTotal: surveyors.reduce((a, s) => a + s.amount, 0),
      paidFor: payment.surveyorPaidFor,
      ratesSet,
    });
  }
  return out;
}

// Neutral: of a department's 85 respondents 55 are civil servants, of a district's 120 40 are deputies or officials.
export const RESPONDENTS_TITLE = 'DANH SÁCH NGƯỜI TRẢ LỜI PHIẾU KHẢO SÁT';
/** Said on the roster (screen, print and spreadsheet) while no rate is set, so a 0 đồng sheet is never signed unexplained. */
export const RATES_UNSET =
  'Chưa đặt mức chi nên mọi số tiền là 0 đồng. Sở Nội vụ đặt mức chi tại Quản trị → Cài đặt trong kỳ → Mức chi (đồng mỗi phiếu).';
export const SURVEYORS_TITLE = 'DANH SÁCH ĐIỀU TRA VIÊN';
/** The pay rule as the roster prints it, under the surveyors' list. */
export const PAID_FOR: Record<UnitRoster['paidFor'], string> = {
  included: 'Điều tra viên được trả cho số phiếu được tính: phiếu bị loại khi rà soát không được trả.',
  received: 'Điều tra viên được trả cho mọi phiếu máy chủ nhận được, kể cả phiếu bị loại khi rà soát.',
};
const SURVEYOR_HEADINGS = [
  'STT',
  'Họ và tên',
  'Số phiếu nhận',
  'Bị loại khi rà soát',
  'Số phiếu được trả',
  'Đơn giá (đồng/phiếu)',
  'Thành tiền (đồng)',
];
const SIGN = 'Ký nhận';

// ------------------------------------------------------------------------------------------------------------------
// The printable page

/** The page's only style sheet: inline, allowed by its hash in the page's CSP (no script at all). */
const STYLE = `
@page { size: A4 portrait; margin: 15mm 12mm 15mm 15mm; }
* { box-sizing: border-box; }
body { font-family: "Times New Roman", Times, serif; font-size: 13px; color: #000; background: #fff; margin: 0 auto; max-width: 190mm; padding: 8mm 0; }
.note { font-family: system-ui, sans-serif; background: #fff8d6; border: 1px solid #e0c65c; padding: 8px 12px; margin-bottom: 16px; }
.motto { text-align: center; margin: 0 0 10mm; line-height: 1.4; }
.motto strong { display: block; }
.motto span { text-decoration: underline; }
h1 { font-size: 16px; text-align: center; margin: 0 0 4px; }
.sub { text-align: center; margin: 0 0 2px; }
.rate { text-align: center; margin: 0 0 8px; font-style: italic; }
table { width: 100%; border-collapse: collapse; margin: 8px 0 4px; }
th, td { border: 1px solid #000; padding: 4px 5px; vertical-align: top; }
th { font-weight: bold; text-align: center; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
td.n { text-align: right; white-space: nowrap; }
td.c { text-align: center; }
td.sign { width: 24mm; height: 11mm; }
tfoot td { font-weight: bold; }
.foot { margin: 2px 0 0; font-style: italic; }
.signatures { display: flex; justify-content: space-between; margin: 10mm 0 0; text-align: center; page-break-inside: avoid; break-inside: avoid; }
.signatures div { width: 32%; min-height: 30mm; }
.signatures em { display: block; font-weight: normal; }
section + section, .surveyors { page-break-before: always; break-before: page; }
@media print { .note { display: none; } body { padding: 0; max-width: none; } }
`;

export const ROSTER_PAGE_CSP = styleOnlyCsp(STYLE);

const signatures = `<div class="signatures"><div><strong>Người lập biểu</strong><em>(Ký, ghi rõ họ tên)</em></div><div><strong>Kế toán</strong><em>(Ký, ghi rõ họ tên)</em></div><div><strong>Thủ trưởng đơn vị</strong><em>(Ký, đóng dấu)</em></div></div>`;

function rateText(index: CampaignIndex, roster: UnitRoster): string {
  const byGroup = new Map<string, number>();
  for (const r of roster.respondents) byGroup.set(r.groupName, r.amount);
  if (byGroup.size === 0) return '';
  return `Mức chi: ${[...byGroup].map(([g, a]) => (byGroup.size > 1 ? `${escapeHtml(g)}: ${formatDong(a)} đồng/phiếu` : `${formatDong(a)} đồng/phiếu`)).join('; ')}`;
}

function unitSection(index: CampaignIndex, roster: UnitRoster): string {
  const campaign = index.bundle.campaign;
  const motto = '<p class="motto"><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><span>Độc lập - Tự do - Hạnh phúc</span></p>';
  const sub = `<p class="sub">${escapeHtml(campaign.name)}</p><p class="sub">Đơn vị được đánh giá: <strong>${escapeHtml(roster.unitName)}</strong></p>`;
  const respondentRows =
    roster.respondents.length === 0
      ? '<tr><td colspan="7" class="c">Chưa có người trả lời nào trong danh sách.</td></tr>'
      : roster.respondents
          .map(
            (r, i) =>
              `<tr><td class="c">${i + 1}</td><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.organisation ?? '')}</td><td>${escapeHtml(r.groupName)}</td><td class="c">${vietnameseDate(r.collectedOn)}</td><td class="n">${formatDong(r.amount)}</td><td class="sign"></td></tr>`,
          )
          .join('\n');
  const surveyorRows =
    roster.surveyors.length === 0
      ? '<tr><td colspan="8" class="c">Chưa có điều tra viên nào thu phiếu của đơn vị.</td></tr>'
      : roster.surveyors
          .map(
            (s, i) =>
              `<tr><td class="c">${i + 1}</td><td>${escapeHtml(s.name)}</td><td class="n">${formatDong(s.questionnaires)}</td><td class="n">${formatDong(s.excluded)}</td><td class="n">${formatDong(s.paid)}</td><td class="n">${formatDong(s.rate)}</td><td class="n">${formatDong(s.amount)}</td><td class="sign"></td></tr>`,
          )
          .join('\n');
  const rate = rateText(index, roster);
  return `<section>
${motto}
<h1>${RESPONDENTS_TITLE}</h1>
${sub}
${!roster.ratesSet ? `<p class="rate">${RATES_UNSET}</p>` : rate ? `<p class="rate">${rate}</p>` : ''}
<table class="respondents">
<thead><tr><th>STT</th><th>Họ và tên</th><th>Cơ quan, tổ chức / Địa chỉ</th><th>Đối tượng</th><th>Ngày khảo sát</th><th>Số tiền (đồng)</th><th>${SIGN}</th></tr></thead>
<tbody>
${respondentRows}
</tbody>
<tfoot><tr><td colspan="5">Tổng cộng: ${formatDong(roster.respondents.length)} người</td><td class="n">${formatDong(roster.respondentTotal)}</td><td></td></tr></tfoot>
</table>
${signatures}
<div class="surveyors">
${motto}
<h1>${SURVEYORS_TITLE}</h1>
${sub}
<table class="surveyors-table">
<thead><tr>${SURVEYOR_HEADINGS.map((h) => `<th>${h}</th>`).join('')}<th>${SIGN}</th></tr></thead>
<tbody>
${surveyorRows}
</tbody>
<tfoot><tr><td colspan="2">Tổng cộng</td><td class="n">${formatDong(roster.surveyorQuestionnaires)}</td><td class="n">${formatDong(roster.surveyorExcluded)}</td><td class="n">${formatDong(roster.surveyorPaid)}</td><td></td><td class="n">${formatDong(roster.surveyorTotal)}</td><td></td></tr></tfoot>
</table>
<p class="foot">${PAID_FOR[roster.paidFor]}</p>
${signatures}
</div>
</section>`;
}

/**
 * The printable rosters: A4, one unit after another, each list on its own page with repeated table headings, a
 * "Ký nhận" column and totals. Every piece of user data is escaped; the page has no script, so it works under a CSP
 * that allows nothing but its own style sheet.
 */
export function rostersHtml(index: CampaignIndex, rosters: UnitRoster[]): string {
  const title =
    rosters.length === 1 ? `Danh sách thanh toán - ${rosters[0]?.unitName}` : `Danh sách thanh toán - ${index.bundle.campaign.name}`;
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<p class="note">Trang in danh sách thanh toán kinh phí. Dùng lệnh In của trình duyệt (Ctrl+P), khổ A4; ghi chú này không được in.</p>
${rosters.map((r) => unitSection(index, r)).join('\n')}
</body>
</html>
`;
}

// ------------------------------------------------------------------------------------------------------------------
// The workbook

const thin = { style: 'thin' as const };
const box = { top: thin, left: thin, bottom: thin, right: thin };
const MONEY = '#,##0';

function uniqueSheetNames(rosters: UnitRoster[], index: CampaignIndex): string[] {
  const seen = new Set<string>();
  return rosters.map((r) => {
    const unit = index.units.get(r.unitId);
    const base = (unit?.shortName ?? r.unitName).replace(/[:\\/?*[\]]/g, '-').slice(0, 28);
    let name = base;
    for (let i = 2; seen.has(name.toLowerCase()); i += 1) name = `${base} ${i}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

function writeRosterSheet(workbook: WorkbookWriter, name: string, index: CampaignIndex, roster: UnitRoster): void {
  const sheet = workbook.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  // Both lists share the columns: the respondents' has 7, the surveyors' 8.
  sheet.columns = [{ width: 6 }, { width: 26 }, { width: 30 }, { width: 24 }, { width: 13 }, { width: 15 }, { width: 14 }, { width: 14 }];
  let r = 0;
  const title = (text: string, bold = true) => {
    r += 1;
    const row = sheet.getRow(r);
    row.getCell(1).value = text;
    row.getCell(1).font = { bold, size: bold ? 13 : 11 };
    row.getCell(1).alignment = { horizontal: 'center' };
    sheet.mergeCells(r, 1, r, 8);
    row.commit();
  };
  const table = (cells: (string | number | null)[], opts: { bold?: boolean; money?: number[] } = {}) => {
    r += 1;
    const row = sheet.getRow(r);
    cells.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = v;
      cell.border = box;
      if (opts.bold) cell.font = { bold: true };
      if (opts.money?.includes(i + 1)) cell.numFmt = MONEY;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
    row.commit();
  };
  const blank = () => {
    r += 1;
    sheet.getRow(r).commit();
  };
  const campaign = index.bundle.campaign;
  title(RESPONDENTS_TITLE);
  title(campaign.name, false);
  title(`Đơn vị được đánh giá: ${roster.unitName}`, false);
  if (!roster.ratesSet) title(RATES_UNSET, false);
  blank();
  table(['STT', 'Họ và tên', 'Cơ quan, tổ chức / Địa chỉ', 'Đối tượng', 'Ngày khảo sát', 'Số tiền (đồng)', SIGN], { bold: true });
  roster.respondents.forEach((p, i) =>
    table([i + 1, p.name, p.organisation, p.groupName, vietnameseDate(p.collectedOn), p.amount, null], { money: [6] }),
  );
  table([null, `Tổng cộng: ${roster.respondents.length} người`, null, null, null, roster.respondentTotal, null], {
    bold: true,
    money: [6],
  });
  blank();
  blank();
  title(SURVEYORS_TITLE);
  title(`Đơn vị được đánh giá: ${roster.unitName}`, false);
  blank();
  table([...SURVEYOR_HEADINGS, SIGN], { bold: true });
  roster.surveyors.forEach((s, i) =>
    table([i + 1, s.name, s.questionnaires, s.excluded, s.paid, s.rate, s.amount, null], { money: [3, 4, 5, 6, 7] }),
  );
  table(
    [null, 'Tổng cộng', roster.surveyorQuestionnaires, roster.surveyorExcluded, roster.surveyorPaid, null, roster.surveyorTotal, null],
    { bold: true, money: [3, 4, 5, 7] },
  );
  r += 1;
  const rule = sheet.getRow(r);
  rule.getCell(2).value = PAID_FOR[roster.paidFor];
  rule.getCell(2).font = { italic: true };
  rule.commit();
  sheet.commit();
}

/** The rosters as a workbook: one sheet per unit holding both lists, A4, with borders, totals and money formats. */
export function rostersWorkbook(index: CampaignIndex, rosters: UnitRoster[]): Readable {
  const names = uniqueSheetNames(rosters, index);
  return streamWorkbook(
    async (workbook) => {
      rosters.forEach((roster, i) => writeRosterSheet(workbook, names[i] as string, index, roster));
    },
    { useStyles: true },
  );
}
