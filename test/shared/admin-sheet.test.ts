import { describe, expect, it } from 'vitest';
import {
  checkAccountSheet,
  createAccountRequestSchema,
  findHeader,
  foldText,
  headerField,
  indexCampaign,
  parseAssignmentCell,
  parseRoleLabel,
  resolveUnit,
  unitRule,
  problemText,
  problemTextEn,
  problemTextVi,
  sheetSaidText,
  type SheetSaid,
  updateAccountRequestSchema,
  usernameSchema,
  type SheetRow,
} from '../../src/shared';
import { tinyIndex } from '../fixtures/tiny-campaign';

/** What the sheet check said, in Vietnamese. */
const vi = (s: SheetSaid | undefined): string => (s ? sheetSaidText(problemTextVi, s) : '');

/** The tiny campaign with a second level: district h1, rated by group "d" only. */
function twoLevels() {
  const { bundle } = tinyIndex();
  const c = bundle.campaign;
  return indexCampaign({
    ...bundle,
    campaign: {
      ...c,
      unitLevels: [...c.unitLevels, { id: 'dist', name: 'Cấp huyện', evaluated: true }],
      units: [...c.units, { id: 'h1', name: 'UBND huyện Một', shortName: 'Huyện Một', level: 'dist' }],
      respondentGroups: [...c.respondentGroups, { id: 'd', name: 'Người dân cấp huyện', ratesLevel: 'dist', description: 'Nhóm D' }],
      quotas: [...c.quotas, { unit: 'h1', group: 'd', target: 20 }],
    },
  });
}

const rows = (...lines: string[][]): SheetRow[] => lines.map((cells, i) => ({ row: i + 1, cells }));

describe('words people type', () => {
  it('folds accents, đ, case and punctuation', () => {
    expect(foldText('Điều tra viên')).toBe('dieutravien');
    expect(foldText('ĐIỀU-TRA  VIÊN')).toBe('dieutravien');
    expect(foldText('Họ và tên')).toBe('hovaten');
  });

  it.each([
    ['surveyor', 'surveyor'],
    ['Điều tra viên', 'surveyor'],
    ['dieu tra vien', 'surveyor'],
    ['ĐTV', 'surveyor'],
    ['Đầu mối', 'coordinator'],
    ['COORDINATOR', 'coordinator'],
    ['Quản trị', 'admin'],
    ['Sở Nội vụ', 'admin'],
    ['Thành viên hội đồng thẩm định', 'council'],
    ['Hội đồng', 'council'],
    ['Cán bộ đơn vị', 'staff'],
    ['staff', 'staff'],
  ])('reads the role %s as %s', (text, role) => {
    expect(parseRoleLabel(text)).toBe(role);
  });

  it('reads no role from anything else', () => {
    for (const text of ['', 'giám đốc', 'superuser', 'admin2']) expect(parseRoleLabel(text)).toBeUndefined();
  });

  it.each([
    ['Tên đăng nhập', 'username'],
    ['username', 'username'],
    ['Họ tên', 'displayName'],
    ['Họ và tên', 'displayName'],
    ['display_name', 'displayName'],
    ['Vai trò', 'role'],
    ['ROLE', 'role'],
    ['Đơn vị', 'unit'],
    ['unit', 'unit'],
    ['Mật khẩu', 'password'],
    ['password', 'password'],
    ['Phân công', 'assignments'],
    ['assignments', 'assignments'],
  ])('reads the header %s as %s', (text, field) => {
    expect(headerField(text)).toBe(field);
  });

  it('normalises usernames to lower case and checks their characters', () => {
    expect(usernameSchema.parse('  DT3 ')).toBe('dt3');
    for (const bad of ['ab', 'có-dấu', 'a b', 'x'.repeat(65), 'dt3!']) expect(usernameSchema.safeParse(bad).success, bad).toBe(false);
  });
});

describe('units by role', () => {
  it('needs a unit for coordinators and staff, and none for the others', () => {
    const rule = (...a: Parameters<typeof unitRule>) => {
      const p = unitRule(...a);
      return p && problemText(problemTextVi, p);
    };
    expect(rule('coordinator', null)).toMatch(/cần có đơn vị/);
    expect(rule('staff', 'u1')).toBeUndefined();
    expect(rule('surveyor', 'u1')).toMatch(/phân công/);
    expect(rule('admin', null)).toBeUndefined();
  });

  it('is part of the create request schema', () => {
    const r = createAccountRequestSchema.safeParse({ username: 'dm1', displayName: 'Đầu mối', role: 'coordinator' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['unitId'] });
    expect(
      createAccountRequestSchema.safeParse({ username: 'dm1', displayName: 'Đầu mối', role: 'coordinator', unitId: 'u1', password: 'ngan' })
        .error?.issues[0]?.message,
    ).toMatch(/ít nhất 10/);
    expect(updateAccountRequestSchema.safeParse({}).success).toBe(false);
  });

  it('finds a unit by id, name or short name', () => {
    const c = twoLevels();
    expect(resolveUnit(c, 'h1').unit?.id).toBe('h1');
    expect(resolveUnit(c, 'ubnd huyen mot').unit?.id).toBe('h1');
    expect(resolveUnit(c, 'Huyện Một').unit?.id).toBe('h1');
    expect(vi(resolveUnit(c, 'Huyện Hai').error)).toMatch(/không có đơn vị/);
    expect(sheetSaidText(problemTextEn, resolveUnit(c, 'Huyện Hai').error!)).toBe('The campaign has no unit "Huyện Hai"');
  });
});

describe('assignment cells', () => {
  it('reads unit:group and unit:group:allocation items separated by ; or new lines', () => {
    expect(parseAssignmentCell('u1:b:20; u2:c\nu3 : c : 0;')).toEqual({
      items: [
        { unit: 'u1', group: 'b', allocation: 20 },
        { unit: 'u2', group: 'c', allocation: null },
        { unit: 'u3', group: 'c', allocation: 0 },
      ],
      errors: [],
    });
  });

  it('says what is wrong with a malformed item', () => {
    const r = parseAssignmentCell('u1; u1:b:-3; u1:b:2.5; u1:b:c:d; u1:b:x');
    expect(r.items).toEqual([]);
    expect(r.errors).toHaveLength(5);
    expect(vi(r.errors[0])).toMatch(/đơn vị:đối tượng/);
    expect(vi(r.errors[1])).toMatch(/số nguyên/);
  });
});

describe('the header row', () => {
  it('may sit under a title row, and maps Vietnamese and English headers', () => {
    const { layout, issues } = findHeader(rows(['Danh sách tài khoản'], [], ['Tên đăng nhập', 'Họ tên', 'role', 'Ghi chú', 'Đơn vị']));
    expect(issues).toEqual([]);
    expect(layout?.headerRow).toBe(3);
    expect(layout?.columns.get('role')).toEqual({ index: 2, header: 'role' });
    expect(layout?.columns.get('unit')).toEqual({ index: 4, header: 'Đơn vị' });
  });

  it('reports missing and duplicated columns', () => {
    expect(vi(findHeader(rows(['a', 'b'])).issues[0]?.said)).toMatch(/dòng tiêu đề/);
    const { issues } = findHeader(rows(['username', 'Tên đăng nhập', 'Họ tên']));
    expect(issues.map((i) => vi(i.said))).toEqual([expect.stringMatching(/trùng nghĩa/), expect.stringMatching(/Thiếu cột "Vai trò"/)]);
  });
});

describe('checking every row of a sheet', () => {
  const c = twoLevels();
  const header = ['Tên đăng nhập', 'Họ tên', 'Vai trò', 'Đơn vị', 'Mật khẩu', 'Phân công'];
  const check = (lines: string[][], taken: string[] = []) => {
    const sheet = rows(header, ...lines);
    const { layout } = findHeader(sheet);
    if (!layout) throw new Error('no header');
    return checkAccountSheet(sheet, layout, c, new Set(taken));
  };

  it('accepts good rows, whatever the role label, and resolves units and cells', () => {
    const r = check([
      ['DT1', 'Nguyễn Văn A', 'Điều tra viên', '', '', 'u1:b:20; Huyện Một:d'],
      ['dm1', 'Trần Thị B', 'Đầu mối', 'Đơn vị u2', 'mat-khau-dai-10', ''],
      [],
      ['hd1', 'Lê C', 'council', '', '', ''],
    ]);
    expect(r.errors).toEqual([]);
    expect(r.accounts.map((a) => [a.row, a.username, a.role, a.unitId, a.password, a.valid])).toEqual([
      [2, 'dt1', 'surveyor', null, null, true],
      [3, 'dm1', 'coordinator', 'u2', 'mat-khau-dai-10', true],
      [5, 'hd1', 'council', null, null, true],
    ]);
    expect(r.accounts[0]?.assignments).toEqual([
      { unitId: 'u1', groupId: 'b', allocation: 20 },
      { unitId: 'h1', groupId: 'd', allocation: null },
    ]);
  });

  it('reports every problem with its row and column, and goes on after the first', () => {
    const r = check(
      [
        ['ton-tai', 'Đã có', 'surveyor', '', '', ''],
        ['x', '', 'giám đốc', '', 'ngan', ''],
        ['dm2', 'Đầu mối', 'coordinator', '', '', ''],
        ['dm3', 'Đầu mối', 'staff', 'khong-co', '', ''],
        ['dt2', 'DTV', 'surveyor', 'u1', '', 'u1:d; u9:b; u1:b:abc'],
        ['hd2', 'Hội đồng', 'council', '', '', 'u1:b'],
        ['DT4', 'Một', 'surveyor', '', '', 'u1:b; u1:b'],
        ['dt4', 'Hai', 'surveyor', '', '', ''],
      ],
      ['ton-tai'],
    );
    const at = (row: number) => r.errors.filter((e) => e.row === row).map((e) => `${e.column}: ${vi(e.said)}`);
    expect(at(2)).toEqual([expect.stringMatching(/^Tên đăng nhập: .*đã có trên máy chủ/)]);
    expect(at(3)).toEqual([
      expect.stringMatching(/^Tên đăng nhập: /),
      expect.stringMatching(/^Họ tên: Nhập họ tên/),
      expect.stringMatching(/^Vai trò: Không hiểu vai trò "giám đốc"/),
      expect.stringMatching(/^Mật khẩu: .*ít nhất 10/),
    ]);
    expect(at(4)).toEqual([expect.stringMatching(/^Đơn vị: Đầu mối cần có đơn vị/)]);
    expect(at(5)).toEqual([expect.stringMatching(/^Đơn vị: .*không có đơn vị "khong-co"/)]);
    expect(at(6)).toEqual([
      expect.stringMatching(/^Đơn vị: Điều tra viên không gắn/),
      expect.stringMatching(/^Phân công: Số phiếu/),
      expect.stringMatching(/^Phân công: Đối tượng "d" không đánh giá cấp của đơn vị "u1"/),
      expect.stringMatching(/^Phân công: .*không có đơn vị "u9"/),
    ]);
    expect(at(7)).toEqual([expect.stringMatching(/^Phân công: Chỉ điều tra viên/)]);
    expect(at(8)).toEqual([expect.stringMatching(/^Phân công: .*lặp lại/)]);
    expect(at(9)).toEqual([expect.stringMatching(/^Tên đăng nhập: .*trùng với dòng 8/)]);
    expect(r.accounts.every((a) => !a.valid)).toBe(true);
  });
});
