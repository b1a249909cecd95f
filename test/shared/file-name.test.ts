import { describe, expect, it } from 'vitest';
import {
  asciiFileName,
  attachmentDisposition,
  checkEvidenceFileName,
  EVIDENCE_ACCEPT,
  EVIDENCE_KINDS,
  fileExtension,
  nameForKind,
  problemText,
  problemTextEn,
  problemTextVi,
} from '../../src/shared';

const refused = (name: string) => {
  const r = checkEvidenceFileName(name);
  if (r.ok) throw new Error(`accepted ${JSON.stringify(name)}`);
  return problemText(problemTextVi, r.problem);
};

describe('evidence file names', () => {
  it('accepts ordinary Vietnamese names and returns them in NFC', () => {
    for (const name of [
      'Kế hoạch CCHC năm 2021.pdf',
      'QĐ 12-QĐ-UBND (bản ký).docx',
      'a..b.pdf',
      '.bashrc',
      'ảnh.JPG',
      'x'.repeat(196) + '.pdf',
    ]) {
      expect(checkEvidenceFileName(name)).toEqual({ ok: true, name });
    }
    const nfd = 'Báo cáo tổng kết.pdf'.normalize('NFD');
    expect(nfd).not.toBe(nfd.normalize('NFC'));
    expect(checkEvidenceFileName(nfd)).toEqual({ ok: true, name: 'Báo cáo tổng kết.pdf'.normalize('NFC') });
    // Spaces around the name go, the length counts characters (not UTF-16 units).
    expect(checkEvidenceFileName('  bao cao.pdf ')).toEqual({ ok: true, name: 'bao cao.pdf' });
    expect(checkEvidenceFileName('😀'.repeat(200)).ok).toBe(true);
  });

  it('refuses an empty name', () => {
    expect(refused('')).toMatch(/chưa có tên/);
    expect(refused('   ')).toMatch(/chưa có tên/);
  });

  it('refuses a name longer than 200 characters, saying how long it is', () => {
    expect(refused('a'.repeat(201))).toBe('Tên tệp dài 201 ký tự, quá giới hạn 200 ký tự. Hãy đặt tên ngắn hơn rồi tải lên lại.');
  });

  it('refuses folder paths', () => {
    for (const name of ['../x.pdf', '..\\x.pdf', 'a/../x.pdf', '..', '.', './x.pdf']) expect(refused(name)).toMatch(/"\." hay "\.\."/);
    for (const name of ['a/b.pdf', 'a\\b.pdf', '/etc/passwd', 'C:\\Windows\\x.pdf', 'x.pdf/'])
      expect(refused(name)).toMatch(/dấu "\/" hay "\\"/);
  });

  it('refuses control characters, naming the one found', () => {
    for (const c of ['\u0000', '\u0001', '\t', '\n', '\r', '\u001f', '\u007f', '\u0085']) {
      expect(refused(`bao${c}cao.pdf`)).toMatch(/ký tự điều khiển/);
    }
    expect(refused('a\u0000.pdf')).toContain('U+0000');
    expect(refused('a\u007f.pdf')).toContain('U+007F');
  });

  it('refuses bidirectional overrides and isolates that disguise an extension', () => {
    for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(refused(`hoso${c}fdp.exe`)).toMatch(/đảo chiều/);
    }
    expect(refused('hoso\u202efdp.exe')).toContain('U+202E');
  });
});

describe('extensions and download names', () => {
  const pdf = EVIDENCE_KINDS.find((k) => k.kind === 'pdf')!;
  const jpeg = EVIDENCE_KINDS.find((k) => k.kind === 'jpeg')!;

  it('keeps a name whose extension fits the content and appends the right one otherwise', () => {
    expect(fileExtension('a.PDF')).toBe('pdf');
    expect(fileExtension('.bashrc')).toBe('');
    expect(fileExtension('a.')).toBe('');
    expect(nameForKind('Bao cao.PDF', pdf)).toBe('Bao cao.PDF');
    expect(nameForKind('anh.jpeg', jpeg)).toBe('anh.jpeg');
    expect(nameForKind('anh.JPG', jpeg)).toBe('anh.JPG');
    expect(nameForKind('hoso.exe', pdf)).toBe('hoso.exe.pdf');
    expect(nameForKind('scan', jpeg)).toBe('scan.jpg');
  });

  it('lists every accepted extension for a file input', () => {
    expect(EVIDENCE_ACCEPT.split(',')).toEqual([
      '.pdf',
      '.docx',
      '.doc',
      '.xlsx',
      '.xls',
      '.odt',
      '.ods',
      '.png',
      '.jpg',
      '.jpeg',
      '.tif',
      '.tiff',
      '.webp',
    ]);
  });

  it('makes an ASCII stand-in without Vietnamese marks or header-breaking characters', () => {
    expect(asciiFileName('Báo cáo đợt 1 – Đắk Lắk.pdf')).toBe('Bao cao dot 1 _ Dak Lak.pdf');
    expect(asciiFileName('a"b\\c;d%e.pdf')).toBe('a_b_c_d_e.pdf');
    expect(asciiFileName('文件.pdf')).toBe('__.pdf');
    expect(asciiFileName('文件')).toBe('__');
  });

  it('writes Content-Disposition as an attachment with the UTF-8 name in RFC 5987 form', () => {
    const d = attachmentDisposition("Kế hoạch (bản cuối) it's *.pdf");
    expect(d).toBe(
      "attachment; filename=\"Ke hoach (ban cuoi) it's *.pdf\"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20%28b%E1%BA%A3n%20cu%E1%BB%91i%29%20it%27s%20%2A.pdf",
    );
    expect(/^[\x20-\x7e]*$/.test(d)).toBe(true);
    expect(decodeURIComponent(d.split("UTF-8''")[1]!)).toBe("Kế hoạch (bản cuối) it's *.pdf");
  });
});

describe('evidence file names refused as problems', () => {
  it('gives a code with the facts, worded in either language', () => {
    const r = checkEvidenceFileName('a'.repeat(201));
    expect(r).toEqual({ ok: false, problem: { code: 'file-name.too-long', params: { length: 201, max: 200 } } });
    if (r.ok) return;
    expect(problemText(problemTextEn, r.problem)).toBe(
      'The file name is 201 characters long, over the limit of 200. Give it a shorter name, then upload it again.',
    );
    const bidi = checkEvidenceFileName('hoso\u202efdp.exe');
    expect(bidi).toEqual({ ok: false, problem: { code: 'file-name.bidi-character', params: { char: 'U+202E' } } });
    expect(checkEvidenceFileName('a/b.pdf')).toEqual({ ok: false, problem: { code: 'file-name.folder' } });
  });
});
