// Evidence files of a self-assessment (issue 6, DESIGN §7): upload streamed to disk under the content hash, kind
// decided by content, one copy per content, reuse across items, detach, download as an attachment. Hostile files,
// hostile names and oversized files are refused one by one with a reason, and nothing of them is written.
import { beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/server/db/audit';
import type { EvidenceUploadResult, SaItemFiles } from '../../src/shared';
import { expectError } from './admin-helpers';
import {
  attach,
  storedBlob,
  compoundFile,
  counts,
  detach,
  doc,
  docm,
  docx,
  download,
  elf,
  filesUrl,
  formBody,
  html,
  jpeg,
  mz,
  odt,
  pdf,
  pdfOfSize,
  plainZip,
  png,
  sha256,
  shellScript,
  upload,
  xls,
  xlsx,
  type Sent,
} from './evidence-files';
import { harnessPerTest, type Harness } from './harness';

const MAX = 64 * 1024;
let h: Harness;
let coord: string;
let coordId: string;
/** Sở Y tế's coordinator, signed in once in the template. */
let yt: string;

const result = (res: { json: () => unknown }) => res.json() as EvidenceUploadResult;

async function expectNothingWritten(before: Awaited<ReturnType<typeof counts>>) {
  const after = await counts(h);
  expect(after).toEqual(before);
  expect(after.disk.filter((f) => f.startsWith('tmp/'))).toEqual([]);
}

harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    coordId = await t.account('dm-tp', 'coordinator', { unitId: 'so-tu-phap' });
    await t.account('dm-yt', 'coordinator', { unitId: 'so-y-te' });
    coord = await t.login('dm-tp');
    yt = await t.login('dm-yt');
  },
  { app: { evidenceMaxBytes: MAX } },
);

describe('upload', () => {
  it('stores PDF, Word, Excel, OpenDocument and images under their content hash, with their sniffed type', async () => {
    const sent: Sent[] = [
      { name: 'Kế hoạch CCHC 2021.pdf', bytes: pdf('Ke hoach 2021') },
      { name: 'Báo cáo.docx', bytes: docx() },
      { name: 'Bảng tổng hợp.xlsx', bytes: await xlsx() },
      { name: 'Ảnh hội nghị.png', bytes: png() },
      { name: 'Ảnh chụp.JPG', bytes: jpeg() },
      { name: 'Biên bản.odt', bytes: odt() },
      { name: 'Quyết định cũ.doc', bytes: doc() },
      { name: 'Số liệu cũ.xls', bytes: xls() },
    ];
    const res = await upload(h, coord, sent);
    expect(res.statusCode, res.body).toBe(200);
    const body = result(res);
    expect(body.refused).toEqual([]);
    expect(body.attachedTo).toBeNull();
    expect(body.files.map((f) => f.mediaType)).toEqual([
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'image/png',
      'image/jpeg',
      'application/vnd.oasis.opendocument.text',
      'application/msword',
      'application/vnd.ms-excel',
    ]);
    expect(body.files.map((f) => f.name)).toEqual(sent.map((s) => s.name));
    for (const [i, f] of body.files.entries()) {
      const bytes = sent[i]!.bytes;
      expect(f).toMatchObject({ hash: sha256(bytes), size: bytes.length, alreadyThere: false, uploadedBy: 'dm-tp' });
      expect((await storedBlob(h, f.hash)).equals(bytes)).toBe(true);
    }
    const c = await counts(h);
    expect(c.disk.filter((p) => p.startsWith('tmp/'))).toEqual([]);
    expect(c.disk).toEqual(expect.arrayContaining(body.files.map((f) => `${f.hash.slice(0, 2)}/${f.hash}`)));
    // One audit entry per new file, on the unit's self-assessment, with what was stored.
    const audit = (await listAudit(h.handle.db, 'sa:quang-binh-2021:so-tu-phap')).filter((a) => a.action === 'sa.file.upload');
    expect(audit.map((a) => JSON.parse(a.detail_json ?? '{}'))).toEqual(
      expect.arrayContaining(body.files.map((f) => ({ hash: f.hash, name: f.name, size: f.size }))),
    );
    expect(audit.every((a) => a.actor_id === coordId)).toBe(true);
  });

  it('keeps a name in NFC and gives a file whose name does not fit its content the right extension', async () => {
    const nfd = 'Báo cáo tổng kết.pdf'.normalize('NFD');
    const res = await upload(h, coord, [
      { name: nfd, bytes: pdf('NFD') },
      { name: 'anh-chup-man-hinh', bytes: pdf('no extension') },
      { name: 'hoso.exe', bytes: pdf('exe name') },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(result(res).files.map((f) => f.name)).toEqual([
      'Báo cáo tổng kết.pdf'.normalize('NFC'),
      'anh-chup-man-hinh.pdf',
      'hoso.exe.pdf',
    ]);
  });

  it('stores the same content once: a second upload, or the same file twice in one request, is "already there"', async () => {
    const bytes = pdf('Mot lan thoi');
    const first = await upload(h, coord, [{ name: 'lan-1.pdf', bytes }]);
    expect(first.statusCode).toBe(200);
    const before = await counts(h);
    const again = await upload(h, coord, [
      { name: 'lan-2.pdf', bytes },
      { name: 'lan-3.pdf', bytes },
    ]);
    expect(again.statusCode, again.body).toBe(200);
    // The existing entry is kept, with its first name.
    expect(result(again).files).toEqual([
      expect.objectContaining({ hash: sha256(bytes), name: 'lan-1.pdf', alreadyThere: true }),
      expect.objectContaining({ hash: sha256(bytes), name: 'lan-1.pdf', alreadyThere: true }),
    ]);
    expect(await counts(h)).toEqual(before);

    // Another unit uploading the same bytes gets its own library entry over the same single copy on disk.
    const other = await upload(h, yt, [{ name: 'cua-so-y-te.pdf', bytes }], { unit: 'so-y-te' });
    expect(other.statusCode, other.body).toBe(200);
    expect(result(other).files[0]).toMatchObject({ name: 'cua-so-y-te.pdf', alreadyThere: false });
    const after = await counts(h);
    expect(after.files).toBe(before.files + 1);
    expect(after.disk).toEqual(before.disk);
  });

  it('takes several files, refusing the bad ones one by one while the good ones go through', async () => {
    const good = pdf('Tot');
    const before = await counts(h);
    const res = await upload(h, coord, [
      { name: 'tot.pdf', bytes: good },
      { name: 'virus.pdf', bytes: mz() },
      { name: '../../etc/passwd.pdf', bytes: pdf('path') },
      { name: 'qua-lon.pdf', bytes: pdfOfSize(MAX + 1) },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const body = result(res);
    expect(body.files.map((f) => f.hash)).toEqual([sha256(good)]);
    expect(body.refused.map((r) => r.name)).toEqual(['virus.pdf', '../../etc/passwd.pdf', 'qua-lon.pdf']);
    expect(body.refused[0]!.message).toMatch(/chương trình/);
    expect(body.refused[1]!.message).toMatch(/đường dẫn/);
    expect(body.refused[2]!.message).toMatch(/64 KB/);
    const after = await counts(h);
    expect(after.files).toBe(before.files + 1);
    expect(after.disk).toEqual([...before.disk, `${sha256(good).slice(0, 2)}/${sha256(good)}`].sort());
  });

  it('attaches the uploaded files to a sub-criterion at once with "attachTo"', async () => {
    const bytes = pdf('Gan ngay');
    const res = await upload(h, coord, [{ name: 'gan-ngay.pdf', bytes }], { attachTo: '1.2.1' });
    expect(res.statusCode, res.body).toBe(200);
    expect(result(res).attachedTo).toBe('1.2.1');
    const links = await h.handle.db.selectFrom('sa_item_files').selectAll().where('code', '=', '1.2.1').execute();
    expect(links.map((l) => l.hash)).toEqual([sha256(bytes)]);
    const audit = await listAudit(h.handle.db, 'sa:quang-binh-2021:so-tu-phap:1.2.1');
    expect(audit.map((a) => a.action)).toEqual(['sa.file.attach']);
    expect(JSON.parse(audit[0]!.detail_json ?? '{}')).toEqual({ hash: sha256(bytes), name: 'gan-ngay.pdf', size: bytes.length });
  });
});

describe('limits and hostile files: refused with a reason, nothing written', () => {
  it('accepts a file of exactly the limit and refuses one byte more with 413', async () => {
    const exact = await upload(h, coord, [{ name: 'vua-du.pdf', bytes: pdfOfSize(MAX, 'vua du') }]);
    expect(exact.statusCode, exact.body).toBe(200);
    const before = await counts(h);
    const over = await upload(h, coord, [{ name: 'qua-gioi-han.pdf', bytes: pdfOfSize(MAX + 1, 'qua') }]);
    expectError(over, 413, 'file-too-large');
    expect(over.json().message).toMatch(/lớn hơn 64 KB/);
    await expectNothingWritten(before);
    // Far above the limit too: the rest is read and dropped, never written.
    const huge = await upload(h, coord, [{ name: 'rat-lon.pdf', bytes: pdfOfSize(MAX * 8, 'rat lon') }]);
    expectError(huge, 413, 'file-too-large');
    await expectNothingWritten(before);
  });

  it.each([
    ['an ELF executable renamed .pdf', 'bao-cao.pdf', elf, /chương trình/],
    ['a Windows executable renamed .pdf', 'bao-cao.pdf', mz, /chương trình/],
    ['an HTML page renamed .pdf', 'bao-cao.pdf', html, /HTML/],
    ['a shell script renamed .docx', 'bao-cao.docx', shellScript, /văn bản thuần/],
    ['a zip that is not a document', 'ho-so.docx', plainZip, /nén/],
    ['a Word document with macros', 'ke-hoach.docx', docm, /macro/],
    [
      'an OLE file that is neither Word nor Excel (an installer)',
      'cai-dat.doc',
      () => compoundFile(['\u0005SummaryInformation', 'Binary.Icon']),
      /không phải văn bản Word/,
    ],
    ['a password-protected Office file', 'mat-khau.xlsx', () => compoundFile(['EncryptionInfo', 'EncryptedPackage']), /mật khẩu/],
  ])('refuses %s with 415', async (_what, name, make, message) => {
    const before = await counts(h);
    const res = await upload(h, coord, [{ name, bytes: make() }]);
    expectError(res, 415, 'unsupported-file-type');
    expect(res.json().message).toMatch(message);
    expect(res.json().issues).toEqual([{ path: name, message: res.json().message }]);
    await expectNothingWritten(before);
  });

  it('refuses an empty file', async () => {
    const before = await counts(h);
    const res = await upload(h, coord, [{ name: 'rong.pdf', bytes: Buffer.alloc(0) }]);
    expectError(res, 400, 'files-refused');
    expect(res.json().message).toMatch(/rỗng/);
    await expectNothingWritten(before);
  });

  it.each([
    ['../bao-cao.pdf', /"\.\."/],
    ['..\\..\\bao-cao.pdf', /"\.\."/],
    ['thu-muc/bao-cao.pdf', /dấu "\/"/],
    ['thu-muc\\bao-cao.pdf', /dấu "\/"/],
    ['bao\u0001cao.pdf', /ký tự điều khiển.*U\+0001/],
    ['bao\u001bcao.pdf', /ký tự điều khiển/],
    ['bao\u007fcao.pdf', /ký tự điều khiển/],
    ['bao\tcao.pdf', /ký tự điều khiển/],
    ['hoso\u202efdp.exe', /đảo chiều.*U\+202E/],
    ['hoso\u2067fdp.exe', /đảo chiều/],
    [`${'a'.repeat(197)}.pdf`, /201 ký tự/],
    ['   ', /chưa có tên/],
  ])('refuses the name %j with a reason and writes nothing', async (name, message) => {
    const before = await counts(h);
    const res = await upload(h, coord, [{ name, bytes: pdf('ten xau') }]);
    expectError(res, 400, 'files-refused');
    expect(res.json().message).toMatch(message);
    await expectNothingWritten(before);
  });

  it('refuses more than 10 files in one request, and writes none of them', async () => {
    const before = await counts(h);
    const files = Array.from({ length: 11 }, (_, i) => ({ name: `tep-${i}.pdf`, bytes: pdf(`tep ${i}`) }));
    const res = await upload(h, coord, files);
    expectError(res, 413, 'too-many-files');
    await expectNothingWritten(before);
  });

  it('refuses a request that is not multipart, has no file, or has an unknown field', async () => {
    const before = await counts(h);
    const json = await h.app.inject({
      method: 'POST',
      url: '/api/self-assessments/quang-binh-2021/so-tu-phap/files',
      headers: { cookie: coord },
      payload: { files: [] },
    });
    expectError(json, 415, 'not-multipart');
    expectError(await upload(h, coord, []), 400, 'no-file');
    expectError(await upload(h, coord, [], { attachTo: '1.1.1' }), 400, 'no-file');
    expectError(await upload(h, coord, [{ name: 'a.pdf', bytes: pdf('la') }], { fields: { ghiChu: 'x' } }), 400, 'unknown-field');
    expectError(await upload(h, coord, [{ name: 'a.pdf', bytes: pdf('ma') }], { attachTo: 'khong-phai-ma' }), 400, 'invalid-code');
    expectError(await upload(h, coord, [{ name: 'a.pdf', bytes: pdf('ma') }], { attachTo: '9.9.9' }), 404, 'not-found');
    // A survey-scored sub-criterion takes no evidence from the unit.
    expectError(await upload(h, coord, [{ name: 'a.pdf', bytes: pdf('ma') }], { attachTo: '1.7.1' }), 403, 'forbidden');
    // A body cut off in the middle of a part.
    const cut = Buffer.from(
      '------x\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 cut',
    );
    const truncated = await h.app.inject({
      method: 'POST',
      url: '/api/self-assessments/quang-binh-2021/so-tu-phap/files',
      headers: { cookie: coord, 'content-type': 'multipart/form-data; boundary=----x' },
      payload: cut,
    });
    expectError(truncated, 400);
    const noBoundary = await h.app.inject({
      method: 'POST',
      url: '/api/self-assessments/quang-binh-2021/so-tu-phap/files',
      headers: { cookie: coord, 'content-type': 'multipart/form-data' },
      payload: 'x',
    });
    expectError(noBoundary, 400);
    await expectNothingWritten(before);
  });
});

describe('refusals in English', () => {
  it('says them in English when asked, with the same error codes, statuses and issues', async () => {
    const before = await counts(h);
    const send = async (files: Sent[], fields: Record<string, string> = {}) => {
      const body = await formBody(files, fields);
      return h.app.inject({
        method: 'POST',
        url: filesUrl(),
        headers: { cookie: coord, 'content-type': body.contentType, 'accept-language': 'en-US,en;q=0.9' },
        payload: body.payload,
      });
    };
    const field = await send([{ name: 'a.pdf', bytes: pdf('en') }], { ghiChu: 'x' });
    expectError(field, 400, 'unknown-field');
    expect(field.json().message).toBe('The field "ghiChu" is not accepted: send only the files and an "attachTo" field.');
    const code = await send([{ name: 'a.pdf', bytes: pdf('en') }], { attachTo: 'khong-phai-ma' });
    expectError(code, 400, 'invalid-code');
    expect(code.json().message).toBe('"attachTo" must be a sub-criterion code, for example "1.1.1".');
    const none = await send([]);
    expectError(none, 400, 'no-file');
    expect(none.json().message).toBe('No file: choose the evidence files to upload.');
    const two = await send([
      { name: 'a.pdf', bytes: Buffer.alloc(0) },
      { name: 'b.pdf', bytes: Buffer.alloc(0) },
    ]);
    expectError(two, 400, 'files-refused');
    expect(two.json().message).toBe('None of the files was accepted (2 files): see the reason for each in "issues".');
    expect(two.json().issues.map((i: { path: string }) => i.path)).toEqual(['a.pdf', 'b.pdf']);
    expect(
      (
        await upload(h, coord, [
          { name: 'a.pdf', bytes: Buffer.alloc(0) },
          { name: 'b.pdf', bytes: Buffer.alloc(0) },
        ])
      ).json().message,
    ).toBe('Không tệp nào được nhận (2 tệp): xem lý do từng tệp trong "issues".');
    await expectNothingWritten(before);
  });
});

describe('attach, detach, download', () => {
  let hash: string;
  const bytes = pdf('Dung lai nhieu lan');
  const NAME = 'Quyết định số 12/QĐ — bản ký.pdf'.replace('/', '-');

  // Every test starts from the file uploaded and attached to 1.1.1.
  beforeEach(async () => {
    const res = await upload(h, coord, [{ name: NAME, bytes }], { attachTo: '1.1.1' });
    expect(res.statusCode, res.body).toBe(200);
    hash = result(res).files[0]!.hash;
  });

  it('reuses a library file on another item without a second upload, once', async () => {
    const disk = (await counts(h)).disk;
    const res = await attach(h, coord, '2.1.1', hash);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ code: '2.1.1', files: [hash] } satisfies SaItemFiles);
    const again = await attach(h, coord, '2.1.1', hash);
    expect(again.json()).toEqual({ code: '2.1.1', files: [hash] });
    const audit = await listAudit(h.handle.db, 'sa:quang-binh-2021:so-tu-phap:2.1.1');
    expect(audit.map((a) => a.action)).toEqual(['sa.file.attach']);
    expect((await counts(h)).disk).toEqual(disk);
  });

  it('refuses to attach a hash that is not in this unit’s library, even when another unit has it', async () => {
    const theirs = pdf('Chi cua So Y te');
    expect((await upload(h, yt, [{ name: 'y-te.pdf', bytes: theirs }], { unit: 'so-y-te' })).statusCode).toBe(200);
    expectError(await attach(h, coord, '2.1.1', sha256(theirs)), 404, 'not-found');
    expectError(await attach(h, coord, '2.1.1', 'a'.repeat(64)), 404, 'not-found');
    expectError(await attach(h, coord, '2.1.1', 'not-a-hash'), 400, 'invalid-request');
    expectError(await download(h, coord, sha256(theirs)), 404, 'not-found');
  });

  it('detaches from one item; the file stays in the library, on disk and on its other items', async () => {
    expect((await attach(h, coord, '2.1.1', hash)).statusCode).toBe(200);
    const res = await detach(h, coord, '2.1.1', hash);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ code: '2.1.1', files: [] });
    const links = await h.handle.db.selectFrom('sa_item_files').select('code').where('hash', '=', hash).execute();
    expect(links.map((l) => l.code)).toEqual(['1.1.1']);
    expect(
      await h.handle.db
        .selectFrom('evidence_files')
        .select('hash')
        .where('hash', '=', hash)
        .where('unit_id', '=', 'so-tu-phap')
        .executeTakeFirst(),
    ).toBeDefined();
    expect((await storedBlob(h, hash)).equals(bytes)).toBe(true);
    const audit = await listAudit(h.handle.db, 'sa:quang-binh-2021:so-tu-phap:2.1.1');
    expect(audit.map((a) => a.action)).toEqual(['sa.file.attach', 'sa.file.detach']);
    expect(JSON.parse(audit[1]!.detail_json ?? '{}')).toEqual({ hash, name: NAME, size: bytes.length });
    expectError(await detach(h, coord, '2.1.1', hash), 404, 'not-found');
  });

  it('downloads as an attachment with its UTF-8 name, its sniffed type, nosniff and no caching', async () => {
    const res = await download(h, coord, hash);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(bytes)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(Number(res.headers['content-length'])).toBe(bytes.length);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; /);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(NAME)}`);
    expect(disposition).toContain('filename="Quyet dinh so 12-QD _ ban ky.pdf"');
    // A header is bytes: nothing outside ASCII in it.
    expect(/^[\x20-\x7e]*$/.test(disposition)).toBe(true);
    const head = await download(h, coord, hash, 'so-tu-phap', 'HEAD');
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });

  it('shows a PDF or an image in place with ?view=inline (for the appraisal screen), and keeps every other kind an attachment', async () => {
    const url = (file: string, view = 'inline') => `/api/self-assessments/quang-binh-2021/so-tu-phap/files/${file}?view=${view}`;
    const pdfInline = await h.app.inject({ method: 'GET', url: url(hash), headers: { cookie: coord } });
    expect(pdfInline.statusCode).toBe(200);
    expect(String(pdfInline.headers['content-disposition'])).toMatch(/^inline; /);
    expect(pdfInline.headers['x-content-type-options']).toBe('nosniff');
    expect(String(pdfInline.headers['content-security-policy'])).toContain("default-src 'none'");
    const word = await upload(h, coord, [{ name: 'ke-hoach.docx', bytes: docx() }]);
    const wordHash = (word.json() as EvidenceUploadResult).files[0]!.hash;
    const wordInline = await h.app.inject({ method: 'GET', url: url(wordHash), headers: { cookie: coord } });
    expect(String(wordInline.headers['content-disposition'])).toMatch(/^attachment; /);
    expect(String(wordInline.headers['content-security-policy'])).toContain('sandbox');
    expectError(await h.app.inject({ method: 'GET', url: url(hash, 'html'), headers: { cookie: coord } }), 400, 'invalid-request');
  });

  it('refuses a bad hash in the address with 400, and an unknown unit or campaign with 404', async () => {
    expectError(await download(h, coord, 'ABC'), 400, 'invalid-request');
    expectError(await download(h, coord, hash, 'khong-co-don-vi'), 404, 'not-found');
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/self-assessments/khong-co/so-tu-phap/files/${hash}`,
      headers: { cookie: coord },
    });
    expectError(res, 404, 'not-found');
  });
});
