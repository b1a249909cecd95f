// The self-assessment report's place and signature from the campaign data, and the unit's signed, stamped report (issue
// 15): one PDF per unit and campaign, uploaded and replaced by its coordinator until submission, read by whoever sees
// the whole unit (DESIGN §2), refused with a reason and nothing written otherwise, and asked for at submission when
// the campaign says so.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/server/db/audit';
import { migrations } from '../../src/server/db/database';
import {
  DEFAULT_SIGNATURE_BLOCK,
  reportSigning,
  signedReportRequired,
  type AuditEntry,
  type SaUnitSummary,
  type SelfAssessment,
  type SignedReport,
} from '../../src/shared';
import { loadBundle, referenceCampaignDir } from '../fixtures/campaigns';
import { expectError } from './admin-helpers';
import { docx, html, pdf, pdfOfSize, png, sha256, storedBlob, storedFiles, type Sent } from './evidence-files';
import { harnessPerTest, ORIGIN, startHarness, type Harness } from './harness';
import { signedPdf, signedReportUrl, uploadSignedReport } from './signed-report-helpers';

const C = 'quang-binh-2021';
const UNIT = 'so-tu-phap';
const base = (unit = UNIT) => `/api/self-assessments/${C}/${unit}`;
const MAX = 64 * 1024;
// Before the reference campaign's self-assessment deadline.
const START = new Date('2021-12-10T03:00:00Z');
let clock = START;
let h: Harness;
const cookies: Record<string, string> = {};

const call = (who: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
  h.app.inject({ method, url, headers: { cookie: cookies[who] ?? '', ...(method === 'GET' ? {} : { origin: ORIGIN }) }, payload });
const read = async (who: string, unit = UNIT) => {
  const res = await call(who, 'GET', base(unit));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as SelfAssessment;
};
const upload = (who: string, files?: Sent[], opts?: { unit?: string; fields?: Record<string, string>; headers?: Record<string, string> }) =>
  uploadSignedReport(h, cookies[who], files, opts);
const download = (who: string, unit = UNIT, query = '', headers: Record<string, string> = {}) =>
  h.app.inject({
    method: 'GET',
    url: `${signedReportUrl(unit)}${query}`,
    headers: { ...headers, ...(cookies[who] ? { cookie: cookies[who] } : {}) },
  });
const EN = { 'accept-language': 'en-GB,en;q=0.9,vi;q=0.5' };

/** Everything a refused upload must leave as it was: the rows, their audit entries, the evidence folder (temp files too). */
async function stored() {
  const rows = await h.handle.db.selectFrom('sa_signed_reports').selectAll().orderBy('unit_id').execute();
  const audit = (await listAudit(h.handle.db)).filter((e) => e.action.startsWith('sa.signed-report.')).length;
  return { rows, audit, disk: await storedFiles(h) };
}

// Accounts and sessions are made once, on the template; every test starts with no signed report anywhere.
harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    for (const [name, role, unitId, council] of [
      ['dm', 'coordinator', UNIT],
      ['dm-yt', 'coordinator', 'so-y-te'],
      ['dm-mh', 'coordinator', 'h-minh-hoa'],
      ['cb', 'staff', UNIT],
      ['qt', 'admin', null],
      ['hd', 'council', null, 'chair'],
      ['tv-tp', 'council', null, [{ kind: 'unit', unitId: UNIT }]],
      ['tv2', 'council', null, [{ kind: 'field', level: 'department', field: '2' }]],
      ['s1', 'surveyor', null],
    ] as const) {
      await t.account(name, role, { unitId: unitId ?? undefined, council });
      cookies[name] = await t.login(name);
    }
  },
  { app: { now: () => clock, evidenceMaxBytes: MAX } },
);
beforeEach(() => {
  clock = START;
});

const first = { name: 'Báo cáo TĐG 2021 (đã ký).pdf', bytes: signedPdf('Ban ky lan 1') };
const second = { name: 'Báo cáo TĐG 2021 - bản ký lại.pdf', bytes: signedPdf('Ban ky lan 2') };
/** Sở Tư pháp's coordinator uploads the first signed report, then a minute later replaces it with the second. */
async function uploadBoth() {
  expect((await upload('dm', [first])).statusCode).toBe(200);
  clock = new Date(clock.getTime() + 60_000);
  expect((await upload('dm', [second])).statusCode).toBe(200);
}

describe('the report’s place and signature come from the campaign data', () => {
  it('a department: the province and its director; a department-level body headed otherwise: its own title', async () => {
    const sa = await read('dm');
    expect(sa.report).toEqual({ place: 'Quảng Bình', signatureBlock: ['GIÁM ĐỐC'] });
    expect(sa.signedReport).toEqual({ required: true, file: null });
    expect((await read('qt', 'thanh-tra-tinh')).report).toEqual({ place: 'Quảng Bình', signatureBlock: ['CHÁNH THANH TRA'] });
    expect((await read('qt', 'van-phong-ubnd-tinh')).report.signatureBlock).toEqual(['CHÁNH VĂN PHÒNG']);
  });

  it('a district people’s committee: its own place name and "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"', async () => {
    expect((await read('dm-mh', 'h-minh-hoa')).report).toEqual({ place: 'Minh Hóa', signatureBlock: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'] });
    expect((await read('qt', 'tp-dong-hoi')).report).toEqual({ place: 'Đồng Hới', signatureBlock: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'] });
    expect((await read('hd', 'tx-ba-don')).report.place).toBe('Ba Đồn');
  });

  it('falls back on the level, then on the province and "THỦ TRƯỞNG CƠ QUAN"; the requirement is the level’s, optional when unsaid', async () => {
    const campaign = {
      province: 'Tỉnh Mẫu',
      unitLevels: [
        { id: 'agency', name: 'Sở', evaluated: true },
        {
          id: 'commune',
          name: 'Xã',
          evaluated: true,
          signatureBlock: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
          signedReport: 'required' as const,
        },
      ],
    };
    expect(reportSigning(campaign, { level: 'agency' })).toEqual({ place: 'Tỉnh Mẫu', signatureBlock: [...DEFAULT_SIGNATURE_BLOCK] });
    expect(reportSigning(campaign, { level: 'commune', place: 'Xã Mẫu' })).toEqual({
      place: 'Xã Mẫu',
      signatureBlock: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
    });
    expect(reportSigning(campaign, { level: 'commune', signatureBlock: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'] }).signatureBlock).toEqual([
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
    ]);
    expect(signedReportRequired(campaign, { level: 'agency' })).toBe(false);
    expect(signedReportRequired(campaign, { level: 'commune' })).toBe(true);
  });
});

describe('upload, replace, download', () => {
  it('stores the PDF as the unit’s signed report, with its upload time and uploader, and an audit entry', async () => {
    expect((await read('dm')).signedReport).toEqual({ required: true, file: null });
    const res = await upload('dm', [first]);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as SignedReport;
    expect(report).toEqual({
      hash: sha256(first.bytes),
      name: first.name,
      size: first.bytes.length,
      uploadedAt: clock.toISOString(),
      uploadedBy: 'dm',
    });
    expect((await read('dm')).signedReport).toEqual({ required: true, file: report });
    expect((await storedBlob(h, report.hash)).equals(first.bytes)).toBe(true);
    const audit = (await call('dm', 'GET', `${base()}/audit`)).json() as AuditEntry[];
    expect(audit.filter((e) => e.action === 'sa.signed-report.upload').map((e) => [e.actorName, e.detail])).toEqual([
      ['dm', { hash: report.hash, name: first.name, size: first.bytes.length, replaced: null }],
    ]);
  });

  it('replaces it with a new upload, keeping who replaced what in the audit log', async () => {
    expect((await upload('dm', [first])).statusCode).toBe(200);
    clock = new Date(clock.getTime() + 60_000);
    const res = await upload('dm', [second]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ hash: sha256(second.bytes), name: second.name, uploadedAt: clock.toISOString() });
    expect(await h.handle.db.selectFrom('sa_signed_reports').select(['unit_id', 'hash']).execute()).toEqual([
      { unit_id: UNIT, hash: sha256(second.bytes) },
    ]);
    const audit = (await call('dm', 'GET', `${base()}/audit`)).json() as AuditEntry[];
    expect(
      audit.filter((e) => e.action === 'sa.signed-report.upload').map((e) => (e.detail as { replaced: string | null }).replaced),
    ).toEqual([null, sha256(first.bytes)]);
  });

  it('gives it to the unit’s coordinator, Home Affairs, the chair and a member appraising the whole unit, as a PDF attachment', async () => {
    await uploadBoth();
    for (const who of ['dm', 'qt', 'hd', 'tv-tp']) {
      const res = await download(who);
      expect(res.statusCode, `${who}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.rawPayload.equals(second.bytes)).toBe(true);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="Bao cao TDG 2021 - ban ky lai.pdf"; filename\*=UTF-8''/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect((await read(who)).signedReport?.file).toMatchObject({ hash: sha256(second.bytes), uploadedBy: 'dm' });
    }
    expect((await download('qt', UNIT, '?view=inline')).headers['content-disposition']).toMatch(/^inline; /);
    const list = (await call('qt', 'GET', `/api/campaigns/${C}/self-assessments`)).json() as SaUnitSummary[];
    expect(list.find((u) => u.unitId === UNIT)?.signedReportAt).toBe(clock.toISOString());
    expect(list.find((u) => u.unitId === 'so-y-te')?.signedReportAt).toBeNull();
  });

  it('refuses another unit’s coordinator, a surveyor, staff and a member appraising some fields only (it carries every total)', async () => {
    await uploadBoth();
    expectError(await download('dm-yt'), 403, 'forbidden');
    expectError(await download('s1'), 403, 'forbidden');
    const staff = await download('cb');
    expectError(staff, 403, 'forbidden');
    expect(staff.json().message).toMatch(/không có quyền xem hoặc làm báo cáo tự đánh giá đã ký/);
    expect((await download('cb', UNIT, '', EN)).json().message).toMatch(
      /^Your account may not see the unit’s signed self-assessment report/,
    );
    expectError(await download('tv2'), 403, 'forbidden');
    expectError(await h.app.inject({ method: 'GET', url: signedReportUrl() }), 401, 'unauthenticated');
    // Nor is it in what they read: not in the self-assessment, not in its history.
    expect((await read('cb')).signedReport).toBeNull();
    expect((await read('tv2')).signedReport).toBeNull();
    const staffAudit = (await call('cb', 'GET', `${base()}/audit`)).json() as AuditEntry[];
    expect(staffAudit.some((e) => e.action.startsWith('sa.signed-report.'))).toBe(false);
    // A unit with none: 404 with the reason.
    const none = await download('dm-yt', 'so-y-te');
    expectError(none, 404, 'signed-report.not-found');
    expect(none.json().message).toBe('Không tìm thấy báo cáo tự đánh giá đã ký của Sở Y tế: đơn vị chưa tải lên.');
    expect((await download('dm-yt', 'so-y-te', '', EN)).json().message).toBe(
      'There is no signed self-assessment report of Sở Y tế: the unit has not uploaded one.',
    );
  });
});

describe('refusals: a reason a person can act on, and nothing written', () => {
  // Each refusal is tried over a report already there ("the same content again" needs the second one).
  beforeEach(uploadBoth);

  const cases: [string, () => Promise<Awaited<ReturnType<typeof upload>>>, number, string, RegExp][] = [
    ['a Word file', () => upload('dm', [{ name: 'Báo cáo.docx', bytes: docx() }]), 415, 'signed-report.not-pdf', /phải là tệp PDF/],
    ['an image named .pdf', () => upload('dm', [{ name: 'Bản chụp.pdf', bytes: png() }]), 415, 'signed-report.not-pdf', /phải là tệp PDF/],
    [
      'an HTML page named .pdf',
      () => upload('dm', [{ name: 'bao-cao.pdf', bytes: html() }]),
      415,
      'signed-report.not-pdf',
      /dù tên có đuôi gì/,
    ],
    [
      '"%PDF-" not at the start',
      () => upload('dm', [{ name: 'bao-cao.pdf', bytes: Buffer.concat([Buffer.from('xx'), pdf()]) }]),
      415,
      'signed-report.not-pdf',
      /phải là tệp PDF/,
    ],
    ['an empty file', () => upload('dm', [{ name: 'bao-cao.pdf', bytes: Buffer.alloc(0) }]), 400, 'signed-report.empty-file', /Tệp rỗng/],
    [
      'a file over the limit',
      () => upload('dm', [{ name: 'bao-cao.pdf', bytes: pdfOfSize(MAX + 1) }]),
      413,
      'signed-report.file-too-large',
      /lớn hơn 64 KB/,
    ],
    [
      'two files',
      () =>
        upload('dm', [
          { name: 'a.pdf', bytes: signedPdf('A') },
          { name: 'b.pdf', bytes: signedPdf('B') },
        ]),
      400,
      'signed-report.one-file-only',
      /Chỉ gửi một tệp/,
    ],
    [
      'a field',
      () => upload('dm', [{ name: 'a.pdf', bytes: signedPdf('A') }], { fields: { attachTo: '1.1.1' } }),
      400,
      'signed-report.unknown-field',
      /chỉ gửi một tệp PDF/,
    ],
    [
      'a name with a folder',
      () => upload('dm', [{ name: '../bao-cao.pdf', bytes: signedPdf('A') }]),
      400,
      'signed-report.invalid-file-name',
      /đường dẫn thư mục/,
    ],
    ['no file', () => upload('dm', []), 400, 'signed-report.no-file', /Chưa có tệp/],
    ['JSON instead of a file', () => call('dm', 'PUT', signedReportUrl(), { file: 'x' }), 415, 'not-multipart', /multipart/],
    [
      'the same content again',
      () => upload('dm', [{ name: 'Tên khác.pdf', bytes: signedPdf('Ban ky lan 2') }]),
      409,
      'signed-report.unchanged',
      /cùng nội dung.*không có gì thay đổi/,
    ],
    ['staff', () => upload('cb'), 403, 'forbidden', /không có quyền/],
    ['Home Affairs', () => upload('qt'), 403, 'forbidden', /không có quyền/],
    ['the council', () => upload('hd'), 403, 'forbidden', /không có quyền/],
    ['another unit’s coordinator', () => upload('dm-yt'), 403, 'forbidden', /đơn vị khác/],
    ['a surveyor', () => upload('s1'), 403, 'forbidden', /không có quyền/],
    ['no session', () => uploadSignedReport(h, undefined), 401, 'unauthenticated', /đăng nhập/],
  ];

  it.each(cases)('%s', async (_name, send, status, code, message) => {
    const before = await stored();
    const res = await send();
    expectError(res, status, code);
    expect(res.json().message).toMatch(message);
    expect(await stored()).toEqual(before);
    expect(before.disk.filter((f) => f.startsWith('tmp/'))).toEqual([]);
  });

  it('says each refusal in English when asked, with the same facts and the same issues (a problem code, not a sentence)', async () => {
    const before = await stored();
    const word = { name: 'Báo cáo.docx', bytes: docx() };
    const vi = await upload('dm', [word]);
    const en = await upload('dm', [word], { headers: EN });
    expectError(en, 415, 'signed-report.not-pdf');
    expect(en.json().message).toBe(
      'The signed report must be a PDF file (this file’s content is not PDF, whatever its name ends with). Scan the signed and stamped copy to PDF, or export or print it to PDF, then upload it again.',
    );
    expect(en.json().issues).toEqual([{ path: 'Báo cáo.docx', message: en.json().message }]);
    expect(vi.json().issues).toEqual([{ path: 'Báo cáo.docx', message: vi.json().message }]);
    expect(vi.json().message).toMatch(/^Báo cáo đã ký phải là tệp PDF/);

    const big = await upload('dm', [{ name: 'lon.pdf', bytes: pdfOfSize(MAX + 1) }], { headers: EN });
    expectError(big, 413, 'signed-report.file-too-large');
    expect(big.json()).toMatchObject({
      message: expect.stringMatching(/^The file is larger than 64 KB, the limit for the signed report\./),
      issues: [{ path: 'lon.pdf' }],
    });
    const empty = await upload('dm', [{ name: 'rong.pdf', bytes: Buffer.alloc(0) }], { headers: EN });
    expectError(empty, 400, 'signed-report.empty-file');
    expect(empty.json()).toMatchObject({
      message: 'The file is empty (0 bytes). Check the file and upload it again.',
      issues: [{ path: 'rong.pdf' }],
    });
    const badName = await upload('dm', [{ name: '../bao-cao.pdf', bytes: signedPdf('A') }], { headers: EN });
    expectError(badName, 400, 'signed-report.invalid-file-name');
    expect(badName.json()).toMatchObject({
      message: expect.stringMatching(/at most 200 characters, without a folder path/),
      issues: [{ path: '../bao-cao.pdf' }],
    });
    const field = await upload('dm', [{ name: 'a.pdf', bytes: signedPdf('A') }], { fields: { attachTo: '1.1.1' }, headers: EN });
    expectError(field, 400, 'signed-report.unknown-field');
    expect(field.json().message).toBe('The field "attachTo" is not accepted: send only one PDF file (the signed report).');
    const two = await upload(
      'dm',
      [
        { name: 'a.pdf', bytes: signedPdf('A') },
        { name: 'b.pdf', bytes: signedPdf('B') },
      ],
      { headers: EN },
    );
    expectError(two, 400, 'signed-report.one-file-only');
    expect(two.json().message).toMatch(/^Send one file only/);
    const nothing = await upload('dm', [], { headers: EN });
    expectError(nothing, 400, 'signed-report.no-file');
    expect(nothing.json().message).toMatch(/^No file: choose the PDF/);
    const same = await upload('dm', [{ name: 'Tên khác.pdf', bytes: signedPdf('Ban ky lan 2') }], { headers: EN });
    const json = await h.app.inject({
      method: 'PUT',
      url: signedReportUrl(),
      headers: { cookie: cookies.dm ?? '', origin: ORIGIN, ...EN },
      payload: { file: 'x' },
    });
    expectError(json, 415, 'not-multipart');
    expect(json.json().message).toBe('Send the signed report as multipart/form-data: one PDF file, with no other field.');
    expectError(same, 409, 'signed-report.unchanged');
    expect(same.json().message).toMatch(
      /^This signed report \(the same content\) was already uploaded at \d\d\/\d\d\/2021 \d\d:\d\d \(dm\) as "Báo cáo TĐG 2021 - bản ký lại\.pdf": nothing has changed\./,
    );
    expect(await stored()).toEqual(before);
  });

  it('an expired session: 401, and the upload is not read', async () => {
    const before = await stored();
    const saved = clock;
    clock = new Date(clock.getTime() + 13 * 3600_000); // office sessions last 12 hours
    try {
      expectError(await upload('dm', [{ name: 'moi.pdf', bytes: signedPdf('Sau khi het phien') }]), 401, 'unauthenticated');
      expectError(await download('dm'), 401, 'unauthenticated');
    } finally {
      clock = saved;
    }
    expect(await stored()).toEqual(before);
  });
});

describe('submission', () => {
  /** Scores every appraised item 0 (no evidence needed) as the unit's coordinator. */
  async function fillAll(who: string, unit: string) {
    const sa = await read(who, unit);
    for (const i of sa.items) {
      if (i.score === null && sa.editableCodes.includes(i.code)) {
        const res = await call(who, 'PUT', `${base(unit)}/items/${i.code}`, {
          version: i.version,
          score: 0,
          explanation: null,
          note: null,
        });
        expect(res.statusCode, res.body).toBe(204);
      }
    }
  }

  it('is refused without the signed report when the campaign asks for it, and accepted with it', async () => {
    await fillAll('dm-mh', 'h-minh-hoa');
    const refused = await call('dm-mh', 'POST', `${base('h-minh-hoa')}/submit`);
    expectError(refused, 409, 'signed-report.missing');
    expect(refused.json().message).toMatch(/chưa có Báo cáo tự đánh giá đã ký, đóng dấu.*Rà soát & gửi/);
    const english = await h.app.inject({
      method: 'POST',
      url: `${base('h-minh-hoa')}/submit`,
      headers: { cookie: cookies['dm-mh'] ?? '', origin: ORIGIN, ...EN },
    });
    expectError(english, 409, 'signed-report.missing');
    expect(english.json().message).toBe(
      'Not sent: the signed and stamped self-assessment report is missing. Print the report, have it signed and stamped, scan it to PDF and upload it on the "Review & submit" page, then submit again.',
    );
    expect((await read('dm-mh', 'h-minh-hoa')).state).toBe('draft');
    expect((await listAudit(h.handle.db)).some((e) => e.action === 'sa.submit')).toBe(false);

    expect((await upload('dm-mh', undefined, { unit: 'h-minh-hoa' })).statusCode).toBe(200);
    const ok = await call('dm-mh', 'POST', `${base('h-minh-hoa')}/submit`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await read('qt', 'h-minh-hoa')).toMatchObject({
      state: 'submitted',
      signedReport: { required: true, file: { uploadedBy: 'dm-mh' } },
    });
  });

  it('locks the signed report with the rest: a replacement after submission is refused and changes nothing', async () => {
    await fillAll('dm-mh', 'h-minh-hoa');
    expect((await upload('dm-mh', undefined, { unit: 'h-minh-hoa' })).statusCode).toBe(200);
    expect((await call('dm-mh', 'POST', `${base('h-minh-hoa')}/submit`)).statusCode).toBe(200);
    const before = await stored();
    const res = await upload('dm-mh', [{ name: 'ban-moi.pdf', bytes: signedPdf('Ban moi sau khi gui') }], { unit: 'h-minh-hoa' });
    expectError(res, 409, 'signed-report.submitted');
    expect(res.json().message).toMatch(/đã gửi Hội đồng thẩm định/);
    const en = await upload('dm-mh', [{ name: 'ban-moi.pdf', bytes: signedPdf('Ban moi sau khi gui') }], {
      unit: 'h-minh-hoa',
      headers: EN,
    });
    expectError(en, 409, 'signed-report.submitted');
    expect(en.json().message).toMatch(/^The self-assessment has been submitted to the appraisal council/);
    expect(await stored()).toEqual(before);
    // Still there for Home Affairs and the council.
    expect((await download('hd', 'h-minh-hoa')).statusCode).toBe(200);
  });

  it('is accepted without it when the campaign does not ask for it (a level without "signedReport": "required")', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'phieu-signed-optional-'));
    cpSync(referenceCampaignDir, dir, { recursive: true });
    const file = path.join(dir, 'campaign.json');
    const campaign = JSON.parse(readFileSync(file, 'utf8')) as { unitLevels: { signedReport?: string }[] };
    for (const level of campaign.unitLevels) delete level.signedReport;
    writeFileSync(file, JSON.stringify(campaign, null, 2));
    const other = await startHarness({ campaignDir: dir, app: { now: () => clock } });
    try {
      await other.account('dm', 'coordinator', { unitId: UNIT });
      const cookie = await other.login('dm');
      const get = async () => (await other.app.inject({ method: 'GET', url: base(), headers: { cookie } })).json() as SelfAssessment;
      const sa = await get();
      expect(sa.signedReport).toEqual({ required: false, file: null });
      for (const i of sa.items) {
        if (sa.editableCodes.includes(i.code)) {
          const res = await other.app.inject({
            method: 'PUT',
            url: `${base()}/items/${i.code}`,
            headers: { cookie },
            payload: { version: i.version, score: 0, explanation: null, note: null },
          });
          expect(res.statusCode, res.body).toBe(204);
        }
      }
      const res = await other.app.inject({ method: 'POST', url: `${base()}/submit`, headers: { cookie } });
      expect(res.statusCode, res.body).toBe(200);
      expect(await get()).toMatchObject({ state: 'submitted', signedReport: { required: false, file: null } });
    } finally {
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('migration 20261212-01-signed-report', () => {
  it('adds one row per unit tied to its self-assessment, and rolls back', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'phieu-mig-signed-'));
    const { openSqlite } = await import('../../src/server/db/database');
    const handle = openSqlite(path.join(dir, 'phieu.sqlite'));
    try {
      const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
      expect((await migrator.migrateTo('20261212-01-signed-report')).error).toBeUndefined();
      const at = '2021-12-10T03:00:00.000Z';
      const row = { campaign_id: 'c', unit_id: 'u', hash: '0'.repeat(64), name: 'a.pdf', size: 1, uploaded_at: at, uploaded_by: null };
      await expect(handle.db.insertInto('sa_signed_reports').values(row).execute()).rejects.toThrow(/FOREIGN KEY/);
      await handle.db
        .insertInto('campaigns')
        .values({ id: 'c', name: 'c', definition_json: '{}', definition_hash: 'h', state: 'open', loaded_at: at, updated_at: at })
        .execute();
      await handle.db
        .insertInto('self_assessments')
        .values({ campaign_id: 'c', unit_id: 'u', state: 'draft', submitted_at: null, submitted_by: null, updated_at: at })
        .execute();
      await handle.db.insertInto('sa_signed_reports').values(row).execute();
      await expect(handle.db.insertInto('sa_signed_reports').values(row).execute()).rejects.toThrow(/UNIQUE|PRIMARY KEY/);
      expect((await migrator.migrateDown()).error).toBeUndefined();
      const tables = (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(handle.db)).rows.map(
        (r) => r.name,
      );
      expect(tables).not.toContain('sa_signed_reports');
    } finally {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the reference campaign', () => {
  it('asks every evaluated level for the signed report and names each district’s place after the district', async () => {
    const { campaign } = await loadBundle(referenceCampaignDir);
    expect(campaign.unitLevels.map((l) => [l.id, l.signedReport])).toEqual([
      ['department', 'required'],
      ['district', 'required'],
    ]);
    for (const u of campaign.units.filter((x) => x.level === 'district')) expect(u.name.endsWith(` ${u.place}`), u.id).toBe(true);
    for (const u of campaign.units.filter((x) => x.level === 'department'))
      expect(reportSigning(campaign, u).place, u.id).toBe('Quảng Bình');
  });
});
