import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import type { IssuedBatch } from '../../../src/shared/api/self-fill';
import { cleanQrSvg } from '../../../src/client/ui/self-fill-sheet/qr';
import { pageCount, sheetDocument, sheetFileName, slipsMarkup } from '../../../src/client/ui/self-fill-sheet/slips';

/**
 * The sheet of slips (issue 19) as markup: the server's QR drawings drawn inline only once cleaned, every name
 * escaped, eight slips to an A4 page, and the saved file the same slips with nothing outside it.
 */

const qr = (link: string) => QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });

async function batch(n: number, names: Partial<Pick<IssuedBatch, 'campaignName' | 'unitName' | 'groupName'>> = {}): Promise<IssuedBatch> {
  const codes = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const code = `ACDE-FGHJ-${'KMNPQRTWXY34679'.slice(i % 10, (i % 10) + 4)}`;
      const link = `https://phieu.example/p/${code}`;
      return { code, link, qrSvg: await qr(link) };
    }),
  );
  return {
    batch: {
      id: '0f0e5a52-7c1b-4d7e-9a55-3f4c1e9b2d10',
      campaignId: 'quang-binh-2021',
      unitId: 'so-tu-phap',
      groupId: 'so-nguoi-dan',
      note: null,
      issuedBy: 'a1',
      issuedByName: 'Sở Nội vụ',
      issuedAt: '2021-12-19T18:30:00.000Z',
      lastDay: '2021-12-30',
      revokedAt: null,
      issued: n,
      opened: 0,
      submitted: 0,
      revoked: 0,
    },
    campaignName: 'Xác định Chỉ số cải cách hành chính năm 2021',
    unitName: 'Sở Tư pháp',
    groupName: 'Người dân, doanh nghiệp có giao dịch',
    codes,
    ...names,
  };
}

const parse = (html: string) => {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
};

describe('the QR drawings from the server', () => {
  it('keeps a QR drawn by the server’s library, sized by its slip', async () => {
    const clean = cleanQrSvg(await qr('https://phieu.example/p/ACDE-FGHJ-KMNP'))!;
    expect(clean).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+" shape-rendering="crispEdges" /);
    expect(clean).not.toMatch(/width=|height=/);
    const svg = parse(clean).querySelector('svg')!;
    expect(svg.querySelectorAll('path')).toHaveLength(2);
    expect(svg.getAttribute('aria-hidden')).toBe('true');
  });

  it.each([
    ['a script', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><script>alert(1)</script></svg>'],
    ['an event handler', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" onload="alert(1)"><path d="M0 0h1"/></svg>'],
    [
      'a link',
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 1 1"><a xlink:href="javascript:alert(1)"><path d="M0 0h1"/></a></svg>',
    ],
    ['foreign HTML', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><foreignObject><img src="x"/></foreignObject></svg>'],
    ['a style', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><style>*{}</style></svg>'],
    [
      'a URL in a colour',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><path fill="url(https://evil.example/x)" d="M0 0h1"/></svg>',
    ],
    ['a nested svg', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><svg viewBox="0 0 1 1"/></svg>'],
    ['text', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">hello</svg>'],
    ['HTML', '<div>not a drawing</div>'],
    ['broken XML', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><path d="M0 0h1">'],
    ['no viewBox', '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1"/></svg>'],
    ['nothing', ''],
  ])('refuses %s', (_, svg) => {
    expect(cleanQrSvg(svg)).toBeNull();
  });
});

describe('the slips', () => {
  it('puts eight slips on a page, each with the cell, the link, the code, its QR and the last day, in Vietnamese', async () => {
    const issued = await batch(10);
    const sheet = parse(
      slipsMarkup(
        issued,
        issued.codes.map((c) => cleanQrSvg(c.qrSvg)),
      ),
    );
    const pages = sheet.querySelectorAll('.sf-page');
    expect([...pages].map((p) => p.querySelectorAll('.sf-slip').length)).toEqual([8, 2]);
    expect(pageCount(10)).toBe(2);
    expect(pageCount(16)).toBe(2);
    expect(pageCount(17)).toBe(3);
    const slips = [...sheet.querySelectorAll('.sf-slip')];
    slips.forEach((slip, i) => {
      const { code, link } = issued.codes[i]!;
      expect(slip.querySelector('.sf-slip-code-value')!.textContent).toBe(code);
      expect(slip.querySelector('.sf-slip-link')!.textContent).toBe(link);
      expect(slip.querySelector('.sf-slip-qr svg')).not.toBeNull();
      expect(slip.textContent).toContain('Đơn vị được đánh giá: Sở Tư pháp');
      expect(slip.textContent).toContain('Đối tượng: Người dân, doanh nghiệp có giao dịch');
      expect(slip.textContent).toContain('Hạn trả lời: 30/12/2021');
      expect(slip.textContent).toContain('Phiếu khảo sát ẩn danh: không ghi tên, không lưu địa chỉ; câu trả lời chỉ dùng để tính chỉ số.');
      expect(slip.textContent).toContain('Xác định Chỉ số cải cách hành chính năm 2021');
    });
  });

  it('escapes every name, and leaves out a QR that was not clean (the link and code stay)', async () => {
    const issued = await batch(2, { unitName: '<img src=x onerror=alert(1)>', campaignName: 'A & "B"' });
    const sheet = parse(slipsMarkup(issued, [null, cleanQrSvg(issued.codes[1]!.qrSvg)]));
    expect(sheet.querySelector('img')).toBeNull();
    expect(sheet.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(sheet.querySelector('.sf-slip-campaign')!.textContent).toBe('A & "B"');
    const [first, second] = [...sheet.querySelectorAll('.sf-slip')];
    expect(first!.querySelector('svg')).toBeNull();
    expect(first!.querySelector('.sf-slip-code-value')!.textContent).toBe(issued.codes[0]!.code);
    expect(second!.querySelector('svg')).not.toBeNull();
  });

  it('saves as a page of its own: the same slips, its style inline, no script or outside resource', async () => {
    const issued = await batch(3);
    const qrs = issued.codes.map((c) => cleanQrSvg(c.qrSvg));
    const html = sheetDocument(issued, qrs, 'Tệp chứa mã');
    expect(html).toContain(slipsMarkup(issued, qrs));
    expect(html).toMatch(/^<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">/);
    expect(html).toContain('@page { size: A4; margin: 8mm; }');
    expect(html).not.toMatch(/<script|<link|src=|href=/i);
    expect(sheetFileName(issued)).toBe('ma-tu-dien-so-tu-phap-so-nguoi-dan-2021-12-20-0f0e5a52.html');
  });
});
