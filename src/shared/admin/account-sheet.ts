import type { Role } from '../api/auth';
import type { CampaignIndex } from '../campaign/bundle';
import type { RespondentGroup, Unit } from '../schema/campaign';
import { displayNameSchema, foldText, parseRoleLabel, passwordSchema, ROLE_LABELS, unitRule, usernameSchema } from './accounts';
import { said, type SheetSaid } from './sheet-said';

/**
 * Accounts imported from a sheet (CSV or XLSX) by Home Affairs: which column is which, what a cell may say, and the
 * check of every row before anything is written. Pure: the server reads the file and asks the database which
 * usernames exist; the same check can run in a browser.
 */

export type SheetField =
  'username' | 'displayName' | 'role' | 'unit' | 'password' | 'assignments' | 'council' | 'organisation' | 'appraises';

/**
 * Accounts per sheet. Each new password is hashed with argon2 (about 60 ms on two cores), so 500 accounts take about
 * half a minute: inside a reverse proxy's usual 60 s read timeout. A province's field teams fit in one sheet.
 */
export const MAX_SHEET_ROWS = 500;
export const MAX_ALLOCATION = 100_000;

export const SHEET_COLUMNS: readonly { field: SheetField; header: string; english: string; required: boolean; note: string }[] = [
  {
    field: 'username',
    header: 'Tên đăng nhập',
    english: 'username',
    required: true,
    note: '3–64 ký tự: chữ thường không dấu, số, ".", "_" hoặc "-"',
  },
  { field: 'displayName', header: 'Họ tên', english: 'display_name', required: true, note: 'Tên hiển thị của người dùng' },
  {
    field: 'role',
    header: 'Vai trò',
    english: 'role',
    required: true,
    note: `Mã (admin, coordinator, surveyor, council, staff) hoặc tên: ${Object.values(ROLE_LABELS).join(', ')}`,
  },
  { field: 'unit', header: 'Đơn vị', english: 'unit', required: false, note: 'Bắt buộc với đầu mối và cán bộ đơn vị: mã hoặc tên đơn vị' },
  { field: 'password', header: 'Mật khẩu', english: 'password', required: false, note: 'Ít nhất 10 ký tự; để trống để máy chủ tự tạo' },
  {
    field: 'assignments',
    header: 'Phân công',
    english: 'assignments',
    required: false,
    note: 'Chỉ điều tra viên: đơn vị:đối tượng[:số phiếu], nhiều mục cách nhau bởi ";"',
  },
  {
    field: 'council',
    header: 'Hội đồng',
    english: 'council',
    required: false,
    note: 'Chỉ tài khoản Hội đồng thẩm định: Chủ tịch, Thư ký hoặc Thành viên (để trống: chưa vào Hội đồng)',
  },
  {
    field: 'organisation',
    header: 'Cơ quan',
    english: 'organisation',
    required: false,
    note: 'Cơ quan của thành viên Hội đồng (bắt buộc khi có cột Hội đồng)',
  },
  {
    field: 'appraises',
    header: 'Thẩm định',
    english: 'appraises',
    required: false,
    note: 'Thành viên Hội đồng: cấp:lĩnh vực[,lĩnh vực] hoặc đơn vị:mã đơn vị, nhiều mục cách nhau bởi ";" (ví dụ "Cấp sở: 2, 3; đơn vị: h-minh-hoa")',
  },
];

const HEADER_WORDS: Record<SheetField, string[]> = {
  username: ['tendangnhap', 'username', 'taikhoan', 'dangnhap', 'login', 'user'],
  displayName: ['hoten', 'hovaten', 'displayname', 'name', 'fullname', 'tenhienthi', 'ten'],
  role: ['vaitro', 'role'],
  unit: ['donvi', 'unit', 'madonvi', 'unitid', 'tendonvi'],
  password: ['matkhau', 'password'],
  assignments: ['phancong', 'assignments', 'assignment'],
  council: ['hoidong', 'council', 'chucvuhoidong', 'position'],
  organisation: ['coquan', 'organisation', 'organization', 'body'],
  appraises: ['thamdinh', 'appraises', 'appraisal', 'phancongthamdinh'],
};
const FIELD_BY_HEADER = new Map(Object.entries(HEADER_WORDS).flatMap(([field, words]) => words.map((w) => [w, field as SheetField])));

/** The field a header cell names, in Vietnamese or English, whatever the case, accents, spaces or underscores. */
export function headerField(text: string): SheetField | undefined {
  return FIELD_BY_HEADER.get(foldText(text));
}

/** One row of a sheet as text cells, with its row number as the spreadsheet shows it (1 = first row). */
export interface SheetRow {
  row: number;
  cells: string[];
}

export interface SheetIssue {
  row: number;
  /** The column's header as written in the sheet (or its usual name when the column is missing). */
  column: string | null;
  said: SheetSaid;
}

export interface SheetLayout {
  headerRow: number;
  columns: Map<SheetField, { index: number; header: string }>;
}

const columnName = (layout: SheetLayout | undefined, field: SheetField): string =>
  layout?.columns.get(field)?.header ?? SHEET_COLUMNS.find((c) => c.field === field)?.header ?? field;

/** The header row: the first of the first `scan` rows with a username column (a title row above it is fine). */
export function findHeader(rows: SheetRow[], scan = 10): { layout?: SheetLayout; issues: SheetIssue[] } {
  const candidate = rows.slice(0, scan).find((r) => r.cells.some((c) => headerField(c) === 'username'));
  if (!candidate) {
    const names = SHEET_COLUMNS.filter((c) => c.required)
      .map((c) => `"${c.header}"`)
      .join(', ');
    return { issues: [{ row: rows[0]?.row ?? 1, column: null, said: said('noHeader', { columns: names }) }] };
  }
  const columns = new Map<SheetField, { index: number; header: string }>();
  const issues: SheetIssue[] = [];
  candidate.cells.forEach((cell, index) => {
    const field = headerField(cell);
    if (!field) return;
    const header = cell.trim();
    const first = columns.get(field);
    if (first) issues.push({ row: candidate.row, column: header, said: said('duplicateColumn', { header, first: first.header }) });
    else columns.set(field, { index, header });
  });
  for (const c of SHEET_COLUMNS) {
    if (c.required && !columns.has(c.field))
      issues.push({ row: candidate.row, column: c.header, said: said('missingColumn', { header: c.header, english: c.english }) });
  }
  return { layout: { headerRow: candidate.row, columns }, issues };
}

export interface AssignmentItem {
  unit: string;
  group: string;
  allocation: number | null;
}

/** "unit:group[:allocation]; …" — items split by ";" or new lines; blank items are ignored. */
export function parseAssignmentCell(text: string): { items: AssignmentItem[]; errors: SheetSaid[] } {
  const items: AssignmentItem[] = [];
  const errors: SheetSaid[] = [];
  for (const raw of text.split(/[;\n]/)) {
    const item = raw.trim();
    if (!item) continue;
    const parts = item.split(':').map((p) => p.trim());
    const [unit, group, allocation] = parts;
    if (parts.length < 2 || parts.length > 3 || !unit || !group) {
      errors.push(said('assignmentFormat', { item }));
      continue;
    }
    if (allocation === undefined || allocation === '') {
      items.push({ unit, group, allocation: null });
    } else if (!/^\d+$/.test(allocation) || Number(allocation) > MAX_ALLOCATION) {
      errors.push(said('assignmentAllocation', { item, max: MAX_ALLOCATION }));
    } else {
      items.push({ unit, group, allocation: Number(allocation) });
    }
  }
  return { items, errors };
}

function findByIdOrName<T extends { id: string; name: string; shortName?: string }>(all: Iterable<T>, text: string): T[] {
  const list = [...all];
  const exact = list.find((x) => x.id === text.trim());
  if (exact) return [exact];
  const folded = foldText(text);
  if (!folded) return [];
  return list.filter(
    (x) => foldText(x.name) === folded || (x.shortName !== undefined && foldText(x.shortName) === folded) || foldText(x.id) === folded,
  );
}

/** A unit of the campaign from its id, name or short name. */
export function resolveUnit(campaign: CampaignIndex, text: string): { unit?: Unit; error?: SheetSaid } {
  const found = findByIdOrName(campaign.units.values(), text);
  if (found.length === 1) return { unit: found[0] };
  if (found.length > 1) return { error: said('unitAmbiguous', { text, ids: found.map((u) => u.id).join(', ') }) };
  return { error: said('unitUnknown', { text }) };
}

/** A respondent group of the campaign from its id or name. */
export function resolveGroup(campaign: CampaignIndex, text: string): { group?: RespondentGroup; error?: SheetSaid } {
  const found = findByIdOrName(campaign.groups.values(), text);
  if (found.length === 1) return { group: found[0] };
  if (found.length > 1) return { error: said('groupAmbiguous', { text, ids: found.map((g) => g.id).join(', ') }) };
  return { error: said('groupUnknown', { text }) };
}

/** Whether a group may be assigned in a unit: the group must rate the unit's level. */
export function cellRule(unit: Unit, group: RespondentGroup): SheetSaid | undefined {
  return group.ratesLevel === unit.level ? undefined : said('groupLevel', { group: group.id, unit: unit.id });
}

export type CouncilPosition = 'chair' | 'secretary' | 'member';
const POSITIONS: Record<string, CouncilPosition> = {
  chutich: 'chair',
  chair: 'chair',
  thuky: 'secretary',
  secretary: 'secretary',
  thanhvien: 'member',
  member: 'member',
  uyvien: 'member',
};

/** What a council member appraises, as the sheet says it. */
export type SheetScope = { kind: 'field'; level: string; field: string } | { kind: 'unit'; unitId: string };

/**
 * "level:field[,field]; unit:unit-id; …": a level by its id or name ("department", "Cấp sở") with the codes of its
 * framework's fields, or a unit ("đơn vị" / "unit") by its id or name, appraised whole.
 */
export function parseAppraisesCell(campaign: CampaignIndex, text: string): { scopes: SheetScope[]; errors: SheetSaid[] } {
  const scopes: SheetScope[] = [];
  const errors: SheetSaid[] = [];
  for (const raw of text.split(/[;\n]/)) {
    const item = raw.trim();
    if (!item) continue;
    const at = item.indexOf(':');
    const head = at < 0 ? '' : item.slice(0, at).trim();
    const rest = at < 0 ? '' : item.slice(at + 1).trim();
    if (!head || !rest) {
      errors.push(said('appraisesFormat', { item }));
      continue;
    }
    if (['donvi', 'unit'].includes(foldText(head))) {
      const u = resolveUnit(campaign, rest);
      if (u.error) errors.push(u.error);
      else if (u.unit && !campaign.frameworkByLevel.has(u.unit.level)) errors.push(said('unitNotAppraised', { unit: u.unit.id }));
      else if (u.unit) scopes.push({ kind: 'unit', unitId: u.unit.id });
      continue;
    }
    const level = campaign.bundle.campaign.unitLevels.find((l) => l.id === head || foldText(l.name) === foldText(head));
    const framework = level ? campaign.frameworkByLevel.get(level.id) : undefined;
    if (!level || !framework) {
      errors.push(said('levelUnknown', { level: head, levels: campaign.bundle.campaign.unitLevels.map((l) => `"${l.name}"`).join(', ') }));
      continue;
    }
    for (const code of rest
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean)) {
      if (framework.fields.some((f) => f.code === code)) scopes.push({ kind: 'field', level: level.id, field: code });
      else errors.push(said('fieldUnknown', { framework: level.name, code }));
    }
  }
  return { scopes, errors };
}

export interface SheetAccount {
  row: number;
  username: string;
  displayName: string;
  role: Role | null;
  unitId: string | null;
  /** The password written in the sheet; null means the server generates one. */
  password: string | null;
  assignments: { unitId: string; groupId: string; allocation: number | null }[];
  /** A council account's place on the council, when the sheet gives one. */
  council: { position: CouncilPosition; organisation: string; scopes: SheetScope[] } | null;
  valid: boolean;
}

const cell = (r: SheetRow, layout: SheetLayout, field: SheetField): string => {
  const c = layout.columns.get(field);
  return c === undefined ? '' : (r.cells[c.index] ?? '').trim();
};

/** The usernames a sheet names, normalised as they would be stored: what to ask the database about. */
export function sheetUsernames(rows: SheetRow[], layout: SheetLayout): string[] {
  return [
    ...new Set(
      dataRows(rows, layout)
        .map((r) => cell(r, layout, 'username').toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** Rows below the header that have anything in them. */
export function dataRows(rows: SheetRow[], layout: SheetLayout): SheetRow[] {
  return rows.filter((r) => r.row > layout.headerRow && r.cells.some((c) => c.trim() !== ''));
}

/**
 * Checks every data row; nothing stops at the first problem, so one report lists them all. A row is valid when it
 * has no issue. `taken` holds the usernames that already exist on the server.
 */
export function checkAccountSheet(
  rows: SheetRow[],
  layout: SheetLayout,
  campaign: CampaignIndex,
  taken: ReadonlySet<string>,
): { accounts: SheetAccount[]; errors: SheetIssue[] } {
  const errors: SheetIssue[] = [];
  const accounts: SheetAccount[] = [];
  const firstRowOf = new Map<string, number>();
  for (const r of dataRows(rows, layout)) {
    const before = errors.length;
    const issue = (field: SheetField, what: SheetSaid) => errors.push({ row: r.row, column: columnName(layout, field), said: what });
    const schemaSaid = (e: { issues: { message: string }[] }): SheetSaid => ({ field: e.issues[0]?.message ?? '' });

    const username = usernameSchema.safeParse(cell(r, layout, 'username'));
    const name = username.success ? username.data : cell(r, layout, 'username').toLowerCase();
    if (!username.success) issue('username', cell(r, layout, 'username') ? schemaSaid(username.error) : said('usernameMissing'));
    else if (taken.has(name)) issue('username', said('usernameTaken', { name }));
    else if (firstRowOf.has(name)) issue('username', said('usernameRepeated', { name, row: firstRowOf.get(name) ?? 0 }));
    if (username.success && !firstRowOf.has(name)) firstRowOf.set(name, r.row);

    const displayName = displayNameSchema.safeParse(cell(r, layout, 'displayName'));
    if (!displayName.success) issue('displayName', schemaSaid(displayName.error));

    const roleText = cell(r, layout, 'role');
    const role = roleText ? parseRoleLabel(roleText) : undefined;
    if (!roleText) issue('role', said('roleMissing'));
    else if (!role) issue('role', said('roleUnknown', { text: roleText, labels: Object.values(ROLE_LABELS).join(', ') }));

    const unitText = cell(r, layout, 'unit');
    let unitId: string | null = null;
    if (unitText) {
      const found = resolveUnit(campaign, unitText);
      if (found.error) issue('unit', found.error);
      unitId = found.unit?.id ?? null;
    }
    if (role && (unitId || !unitText)) {
      const rule = unitRule(role, unitId);
      if (rule) issue('unit', { problem: rule });
    }

    const passwordText = cell(r, layout, 'password');
    if (passwordText) {
      const p = passwordSchema.safeParse(passwordText);
      if (!p.success) issue('password', schemaSaid(p.error));
    }

    const assignments: SheetAccount['assignments'] = [];
    const assignmentText = cell(r, layout, 'assignments');
    if (assignmentText) {
      if (role && role !== 'surveyor') issue('assignments', said('assignmentsNotSurveyor'));
      const parsed = parseAssignmentCell(assignmentText);
      for (const e of parsed.errors) issue('assignments', e);
      const seen = new Set<string>();
      for (const item of parsed.items) {
        const u = resolveUnit(campaign, item.unit);
        const g = resolveGroup(campaign, item.group);
        if (u.error) issue('assignments', u.error);
        if (g.error) issue('assignments', g.error);
        if (!u.unit || !g.group) continue;
        const mismatch = cellRule(u.unit, g.group);
        if (mismatch) {
          issue('assignments', mismatch);
          continue;
        }
        const key = `${u.unit.id}:${g.group.id}`;
        if (seen.has(key)) {
          issue('assignments', said('assignmentRepeated', { key }));
          continue;
        }
        seen.add(key);
        assignments.push({ unitId: u.unit.id, groupId: g.group.id, allocation: item.allocation });
      }
    }

    const council = checkCouncilCells(
      campaign,
      role ?? null,
      { position: cell(r, layout, 'council'), organisation: cell(r, layout, 'organisation'), appraises: cell(r, layout, 'appraises') },
      issue,
    );

    accounts.push({
      row: r.row,
      username: name,
      displayName: displayName.success ? displayName.data : cell(r, layout, 'displayName'),
      role: role ?? null,
      unitId,
      password: passwordText || null,
      assignments,
      council,
      valid: errors.length === before,
    });
  }
  return { accounts, errors };
}

/** The council columns of one row: only for council accounts; a position needs the member's body. */
function checkCouncilCells(
  campaign: CampaignIndex,
  role: Role | null,
  text: { position: string; organisation: string; appraises: string },
  issue: (field: SheetField, what: SheetSaid) => void,
): SheetAccount['council'] {
  if (!text.position && !text.organisation && !text.appraises) return null;
  if (role !== null && role !== 'council') {
    issue('council', said('councilNotCouncil'));
    return null;
  }
  const position = POSITIONS[foldText(text.position)];
  if (!text.position) issue('council', said('councilPositionMissing'));
  else if (!position) issue('council', said('councilPositionUnknown', { text: text.position }));
  if (!text.organisation) issue('organisation', said('councilOrganisationMissing'));
  else if (text.organisation.length > 200) issue('organisation', said('councilOrganisationLong'));
  const parsed = parseAppraisesCell(campaign, text.appraises);
  for (const e of parsed.errors) issue('appraises', e);
  return position ? { position, organisation: text.organisation.slice(0, 200), scopes: parsed.scopes } : null;
}
