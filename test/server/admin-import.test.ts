// Accounts imported from a CSV or XLSX sheet: type decided by the bytes, size-limited, every row checked and
// reported with its row number and column, and all or nothing.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { listAssignments } from '../../src/server/db/assignments';
import { listAudit } from '../../src/server/db/audit';
import { MAX_SHEET_ROWS, type AccountImportReport, type CouncilMember } from '../../src/shared';
import { api, CAMPAIGN, countRows, expectError, loginAs, multipart, upload } from './admin-helpers';
import { harnessPerTest, type Harness } from './harness';

let h: Harness;
let admin: string;

const BOM = '\uFEFF';
const state = async () => ({
  accounts: await countRows(h, 'accounts'),
  assignments: await countRows(h, 'assignments'),
  audit: await countRows(h, 'audit_log'),
});
const report = (res: { json: () => unknown }) => res.json() as AccountImportReport;

async function xlsx(rows: (string | number | null)[][], sheetName = 'Tài khoản'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A zip of one stored file, CRC left at zero: enough for a central directory to read. */
function zipOf(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const cdOffset = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    await t.account('qt', 'admin');
    await t.account('da-co', 'surveyor');
    admin = (await loginAs(t, 'qt')).cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  },
);

describe('a good CSV', () => {
  const csv =
    `${BOM}Tên đăng nhập,Họ tên,Vai trò,Đơn vị,Mật khẩu,Phân công,Ghi chú\r\n` +
    'dtv01,Nguyễn Văn An,Điều tra viên,,,"so-tu-phap:so-nguoi-dan:20; so-tu-phap:so-cong-chuc-so",đội 1\r\n' +
    'DTV02,"Trần Thị Bình, Đội 2",dieu tra vien,,,Sở Tư pháp:so-nguoi-dan:15,\r\n' +
    ',,,,,,\r\n' +
    'dm.tuphap,Lê Văn Cường,Đầu mối,Sở Tư pháp,mat-khau-dau-moi,,\r\n' +
    'cb.tuphap,Phạm Thị Dung,staff,so-tu-phap,,,\r\n';

  it('is checked by a dry run that writes nothing and returns no password', async () => {
    const before = await state();
    const res = await upload(h, admin, 'tai-khoan.csv', csv, '?dryRun=true');
    expect(res.statusCode, res.body).toBe(200);
    const r = report(res);
    expect(r).toMatchObject({ format: 'csv', dryRun: true, committed: false, rows: 4, errors: [] });
    expect(r.accounts.map((a) => [a.row, a.username, a.role, a.unitId, a.valid, a.passwordGenerated, a.password])).toEqual([
      [2, 'dtv01', 'surveyor', null, true, true, null],
      [3, 'dtv02', 'surveyor', null, true, true, null],
      [5, 'dm.tuphap', 'coordinator', 'so-tu-phap', true, false, null],
      [6, 'cb.tuphap', 'staff', 'so-tu-phap', true, true, null],
    ]);
    // The cell's target is 30: 20 + 15 allocated is worth a warning, never a refusal. The unknown column is said.
    expect(r.warnings).toEqual([
      { row: 1, column: 'Ghi chú', message: expect.stringContaining('bỏ qua') },
      { row: 2, column: 'Phân công', message: expect.stringMatching(/tổng phân bổ 35 phiếu vượt chỉ tiêu 30/) },
    ]);
    expect(await state()).toEqual(before);
  });

  it('creates every account and assignment in one go, with the generated passwords shown once', async () => {
    const before = await state();
    const res = await upload(h, admin, 'tai-khoan.csv', csv);
    expect(res.statusCode, res.body).toBe(200);
    const r = report(res);
    expect(r).toMatchObject({ committed: true, dryRun: false, errors: [] });
    expect(r.message).toMatch(/Đã tạo 4 tài khoản/);
    const generated = r.accounts.filter((a) => a.passwordGenerated);
    expect(generated.map((a) => a.username)).toEqual(['dtv01', 'dtv02', 'cb.tuphap']);
    for (const a of generated) expect(a.password).toMatch(/^[A-Za-z2-9]{12}$/);
    expect(r.accounts.find((a) => a.username === 'dm.tuphap')?.password).toBeNull();
    expect(res.body).not.toContain('mat-khau-dau-moi');

    expect(await state()).toEqual({ accounts: before.accounts + 4, assignments: before.assignments + 3, audit: before.audit + 5 });
    expect((await loginAs(h, 'dtv01', generated[0]?.password ?? '')).statusCode).toBe(200);
    expect((await loginAs(h, 'dm.tuphap', 'mat-khau-dau-moi')).statusCode).toBe(200);
    const cells = (await listAssignments(h.handle.db, CAMPAIGN, { unitId: 'so-tu-phap' })).map((a) => [
      a.username,
      a.group_id,
      a.allocation,
    ]);
    expect(cells).toEqual(
      expect.arrayContaining([
        ['dtv01', 'so-nguoi-dan', 20],
        ['dtv01', 'so-cong-chuc-so', null],
        ['dtv02', 'so-nguoi-dan', 15],
      ]),
    );
    const accounts = (await api(h, 'GET', `/api/campaigns/${CAMPAIGN}/accounts?q=tran thi binh`, { cookie: admin })).json().accounts;
    expect(accounts).toMatchObject([
      { username: 'dtv02', displayName: 'Trần Thị Bình, Đội 2', role: 'surveyor', campaignId: CAMPAIGN, assignments: 1 },
    ]);
    const audit = await listAudit(h.handle.db);
    expect(audit.filter((e) => e.action === 'account.import')).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('mat-khau-dau-moi');
    for (const a of generated) expect(JSON.stringify(audit)).not.toContain(a.password as string);
  });

  it('reports the same sheet again as taken usernames, and writes nothing', async () => {
    const first = await upload(h, admin, 'tai-khoan.csv', csv);
    expect(first.statusCode, first.body).toBe(200);
    const before = await state();
    const res = await upload(h, admin, 'tai-khoan.csv', csv);
    expectError(res, 422, 'import-invalid');
    expect(report(res).errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'Tên đăng nhập'],
      [3, 'Tên đăng nhập'],
      [5, 'Tên đăng nhập'],
      [6, 'Tên đăng nhập'],
    ]);
    expect(await state()).toEqual(before);
  });

  it('reads semicolon-separated CSV without a byte-order mark, as Excel writes it in Vietnamese settings', async () => {
    const res = await upload(h, admin, 'ds.csv', 'username;display_name;role\ndtv-cham-phay;Hoàng Văn Em;surveyor\n', '?dryRun=true');
    expect(res.statusCode, res.body).toBe(200);
    expect(report(res).accounts).toMatchObject([{ username: 'dtv-cham-phay', displayName: 'Hoàng Văn Em', valid: true }]);
  });
});

describe('a good XLSX', () => {
  it('is read from the first sheet, under a title row, with English headers and number cells', async () => {
    const file = await xlsx([
      ['Danh sách tài khoản đợt 2'],
      ['username', 'display_name', 'role', 'unit', 'password', 'assignments'],
      ['dtv-x1', 'Võ Thị Giang', 'Điều tra viên', null, 1234567890, 'h-minh-hoa:huyen-nguoi-dan:10'],
      ['hd-x1', 'Đặng Văn Hùng', 'Thành viên hội đồng thẩm định', null, null, null],
    ]);
    expect(file.subarray(0, 2).toString()).toBe('PK');
    const before = await state();
    const res = await upload(h, admin, 'tai-khoan.xlsx', file);
    expect(res.statusCode, res.body).toBe(200);
    const r = report(res);
    expect(r).toMatchObject({ format: 'xlsx', committed: true, rows: 2, errors: [], warnings: [] });
    expect(r.accounts.map((a) => [a.row, a.username, a.role, a.passwordGenerated])).toEqual([
      [3, 'dtv-x1', 'surveyor', false],
      [4, 'hd-x1', 'council', true],
    ]);
    expect(await state()).toEqual({ accounts: before.accounts + 2, assignments: before.assignments + 1, audit: before.audit + 3 });
    expect((await loginAs(h, 'dtv-x1', '1234567890')).statusCode).toBe(200);
    expect((await loginAs(h, 'hd-x1', r.accounts[1]?.password as string)).statusCode).toBe(200);
  });
});

describe('a sheet with bad rows', () => {
  const bad = [
    ['Tên đăng nhập', 'Họ tên', 'Vai trò', 'Đơn vị', 'Mật khẩu', 'Phân công'],
    ['tot-1', 'Người Tốt', 'surveyor', null, null, 'so-y-te:so-nguoi-dan:5'],
    ['da-co', 'Trùng máy chủ', 'surveyor', null, null, null],
    ['tot-1', 'Trùng trong bảng', 'council', null, null, null],
    ['dm-thieu', 'Đầu mối', 'Đầu mối', null, null, null],
    ['dtv-sai', 'Sai phân công', 'Điều tra viên', null, 'ngan', 'so-y-te:huyen-nguoi-dan; khong-co:so-nguoi-dan:-1'],
    ['vai-tro-la', 'Ai đó', 'Giám đốc', null, null, null],
  ];

  it('is refused whole with a report per row and column, and nothing is written', async () => {
    const before = await state();
    const res = await upload(h, admin, 'loi.xlsx', await xlsx(bad));
    expectError(res, 422, 'import-invalid');
    const r = report(res);
    expect(r.committed).toBe(false);
    expect(r.message).toMatch(/chưa tạo tài khoản nào/);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'Tên đăng nhập'],
      [4, 'Tên đăng nhập'],
      [5, 'Đơn vị'],
      [6, 'Mật khẩu'],
      [6, 'Phân công'],
      [6, 'Phân công'],
      [7, 'Vai trò'],
    ]);
    expect(r.errors[0]?.message).toMatch(/"da-co" đã có trên máy chủ/);
    expect(r.errors[1]?.message).toMatch(/trùng với dòng 2/);
    expect(r.errors[2]?.message).toMatch(/Đầu mối cần có đơn vị/);
    expect(r.errors[4]?.message).toMatch(/Số phiếu phân bổ/);
    expect(r.errors[5]?.message).toMatch(/không đánh giá cấp/);
    expect(r.errors[6]?.message).toMatch(/Không hiểu vai trò "Giám đốc"/);
    expect(r.accounts.map((a) => a.valid)).toEqual([true, false, false, false, false, false]);
    expect(r.accounts.every((a) => a.password === null)).toBe(true);
    expect(await state()).toEqual(before);
    expect((await loginAs(h, 'tot-1', 'anything-at-all')).statusCode).toBe(401);
  });

  it('gets the same report from a dry run, with 200', async () => {
    const res = await upload(h, admin, 'loi.xlsx', await xlsx(bad), '?dryRun=true');
    expect(res.statusCode).toBe(200);
    expect(report(res).errors).toHaveLength(7);
  });

  it('reports missing columns and a sheet with no rows', async () => {
    const missing = await upload(h, admin, 'thieu.csv', 'Tên đăng nhập,Họ tên\ndt-a,A\n');
    expectError(missing, 422, 'import-invalid');
    expect(report(missing).errors).toEqual([{ row: 1, column: 'Vai trò', message: expect.stringContaining('Thiếu cột "Vai trò"') }]);
    const noHeader = await upload(h, admin, 'khong.csv', 'a,b,c\n1,2,3\n');
    expect(report(noHeader).errors[0]?.message).toMatch(/dòng tiêu đề/);
    const empty = await upload(h, admin, 'rong.csv', 'username,display_name,role\n');
    expect(report(empty).errors[0]?.message).toMatch(/không có dòng tài khoản nào/);
    const broken = await upload(h, admin, 'hong.csv', 'username,display_name,role\n"dt-b,B,surveyor\n');
    expectError(broken, 400, 'invalid-csv');
  });
});

describe('council members in the sheet', () => {
  it('puts council accounts on the council with their position, body and what they appraise', async () => {
    const csv =
      'Tên đăng nhập,Họ tên,Vai trò,Hội đồng,Cơ quan,Thẩm định\r\n' +
      'hd.chutich,Nguyễn Chủ Tịch,Hội đồng thẩm định,Chủ tịch,Sở Nội vụ,\r\n' +
      'hd.tuphap,Trần Tư Pháp,council,Thành viên,Sở Tư pháp,"Cấp sở: 2; district: 2, 3"\r\n' +
      'hd.minhhoa,Lê Minh Hóa,council,member,Văn phòng UBND tỉnh,đơn vị: h-minh-hoa\r\n';
    const res = await upload(h, admin, 'hoi-dong.csv', csv);
    expect(res.statusCode, res.body).toBe(200);
    const council = await api(h, 'GET', `/api/campaigns/${CAMPAIGN}/council`, { cookie: admin });
    const members = (council.json() as CouncilMember[]).filter((m) => m.username.startsWith('hd.'));
    expect(members.map((m) => [m.username, m.position, m.organisation, m.scopes])).toEqual([
      ['hd.minhhoa', 'member', 'Văn phòng UBND tỉnh', [{ kind: 'unit', unitId: 'h-minh-hoa' }]],
      ['hd.chutich', 'chair', 'Sở Nội vụ', []],
      [
        'hd.tuphap',
        'member',
        'Sở Tư pháp',
        [
          { kind: 'field', level: 'department', field: '2' },
          { kind: 'field', level: 'district', field: '2' },
          { kind: 'field', level: 'district', field: '3' },
        ],
      ],
    ]);
  });

  it('refuses council columns on another role, an unknown position, level or field, and a position without a body; writes nothing', async () => {
    const before = await state();
    const csv =
      'Tên đăng nhập,Họ tên,Vai trò,Hội đồng,Cơ quan,Thẩm định\r\n' +
      'hd.sai1,Sai Một,Điều tra viên,Thành viên,Sở Nội vụ,\r\n' +
      'hd.sai2,Sai Hai,council,Phó chủ tịch,Sở Nội vụ,\r\n' +
      'hd.sai3,Sai Ba,council,Thành viên,,Cấp xã: 1\r\n' +
      'hd.sai4,Sai Bốn,council,Thành viên,Sở Y tế,Cấp sở: 99\r\n';
    const res = await upload(h, admin, 'hoi-dong-sai.csv', csv);
    expect(res.statusCode).toBe(422);
    expect(report(res).errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'Hội đồng'],
      [3, 'Hội đồng'],
      [4, 'Cơ quan'],
      [4, 'Thẩm định'],
      [5, 'Thẩm định'],
    ]);
    expect(await state()).toEqual(before);
  });
});

describe('files that are not a sheet', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
  const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(64)]);
  const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64)]);
  const utf16 = Buffer.from('\uFEFFusername,display_name,role\n', 'utf16le');

  it.each([
    ['a PNG renamed .csv', 'anh.csv', png, /không phải bảng tính/],
    ['an executable renamed .xlsx', 'chay.xlsx', elf, /không phải bảng tính/],
    ['an Excel 97–2003 file', 'cu.xls', xls, /\.xls/],
    ['a UTF-16 CSV', 'utf16.csv', utf16, /UTF-16/],
    ['a zip that is no workbook', 'nen.xlsx', zipOf('readme.txt', 'hello'), /zip/],
  ])('refuses %s by its content, whatever its name', async (_, name, bytes, message) => {
    const before = await state();
    const res = await upload(h, admin, name, bytes);
    expectError(res, 415, 'unsupported-file-type');
    expect(res.json().message).toMatch(message);
    expect(await state()).toEqual(before);
  });

  it('says a refusal in English when asked', async () => {
    const body = multipart('cu.xls', xls);
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/campaigns/${CAMPAIGN}/accounts/import`,
      headers: { cookie: admin, 'accept-language': 'en', ...body.headers },
      payload: body.payload,
    });
    expectError(res, 415, 'unsupported-file-type');
    expect(res.json().message).toBe('This is an Excel 97–2003 file (.xls). Open it in Excel and save it again as .xlsx or "CSV UTF-8".');
  });

  it('refuses a broken XLSX as unreadable', async () => {
    const file = await xlsx([['username', 'display_name', 'role']]);
    expectError(await upload(h, admin, 'hong.xlsx', file.subarray(0, file.length - 40)), 400, 'invalid-xlsx');
  });

  it('refuses a file over 2 MB and writes nothing', async () => {
    const big = `username,display_name,role\n${'dt-lon,Người Lớn,surveyor\n'.repeat(Math.ceil((2 * 1024 * 1024) / 24) + 10)}`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(2 * 1024 * 1024);
    const before = await state();
    const res = await upload(h, admin, 'lon.csv', big);
    expectError(res, 413, 'file-too-large');
    expect(res.json().message).toMatch(/2 MB/);
    expect(await state()).toEqual(before);
  });

  it('refuses a sheet of more accounts than one import takes, before checking them', async () => {
    const rows = Array.from({ length: MAX_SHEET_ROWS + 1 }, (_, i) => `dt-nhieu-${i},Người ${i},surveyor`).join('\n');
    const res = await upload(h, admin, 'nhieu.csv', `username,display_name,role\n${rows}\n`);
    expectError(res, 400, 'too-many-rows');
    expect(res.json().message).toContain(`tối đa ${MAX_SHEET_ROWS}`);
  });

  it.each([
    ['no boundary', 'multipart/form-data', 'username,display_name,role\r\n'],
    [
      'a wrong boundary',
      'multipart/form-data; boundary=khac',
      '--ranh-gioi\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nusername\r\n--ranh-gioi--\r\n',
    ],
    [
      'a body cut in the middle of the file',
      'multipart/form-data; boundary=ranh-gioi',
      '--ranh-gioi\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nusername,display_name,role\r\ndt-cut,Bị Cắt,surv',
    ],
    [
      'a malformed part header',
      'multipart/form-data; boundary=ranh-gioi',
      '--ranh-gioi\r\nContent-Disposition\r\n\r\nx\r\n--ranh-gioi--\r\n',
    ],
  ])('answers a multipart body with %s with 400 and a message, and writes nothing', async (_what, contentType, body) => {
    const before = await state();
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/campaigns/${CAMPAIGN}/accounts/import`,
      headers: { cookie: admin, 'content-type': contentType },
      payload: Buffer.from(body),
    });
    expect(res.statusCode, res.body).toBeLessThan(500);
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.json().message.length).toBeGreaterThan(10);
    expect(await state()).toEqual(before);
  });

  it('refuses an upload without a file, with two files, an empty file, or a JSON body', async () => {
    const boundary = 'ranh-gioi';
    const onlyField = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="ghi-chu"\r\n\r\nkhong co tep\r\n--${boundary}--\r\n`,
    );
    const url = `/api/campaigns/${CAMPAIGN}/accounts/import`;
    const noFile = await h.app.inject({
      method: 'POST',
      url,
      headers: { cookie: admin, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: onlyField,
    });
    expectError(noFile, 400, 'no-file');
    expectError(await upload(h, admin, 'rong.csv', Buffer.alloc(0)), 400, 'empty-file');
    expectError(await api(h, 'POST', url, { cookie: admin, payload: { username: 'x' } }), 415, 'not-multipart');
    const part = (name: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\nusername,display_name,role\r\ndt-${name[0]},Hai Tệp,surveyor\r\n`;
    const twoFiles = Buffer.from(`${part('a.csv')}${part('b.csv')}--${boundary}--\r\n`);
    const two = await h.app.inject({
      method: 'POST',
      url: `${url}?dryRun=true`,
      headers: { cookie: admin, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: twoFiles,
    });
    expectError(two, 400, 'too-many-parts');
    expectError(await api(h, 'POST', `/api/campaigns/khong-co/accounts/import`, { cookie: admin, payload: {} }), 404, 'not-found');
  });
});
