// The CSV encoder of the downloads writes what csv-stringify writes (it replaced it for speed: see csv.ts), and
// csv-parse reads it back; the XLSX row writer writes cells exceljs reads back; the small format helpers.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { Readable, Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvChunks, csvRecord, UTF8_BOM } from '../../src/server/services/export/csv';
import { asciiFileName, attachment, vietnamDateTime, vietnameseDate } from '../../src/server/services/export/format';
import { streamWorkbook, writeBulkRows } from '../../src/server/services/export/xlsx';

const tricky = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    'a,b',
    'say "hi"',
    'dòng 1\ndòng 2',
    'CR\rLF',
    '\r\n',
    '=1+1',
    '+84 912',
    '-5',
    '@me',
    '\tx',
    '＝SUM()',
    'Sở Tư pháp',
    '"',
  ),
  fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', '=', '-', 'ệ', ' '), maxLength: 12 }),
);
/** Rows in the batches the export reader yields (db/export.ts responses). */
async function* batches<T>(rows: Iterable<T> | AsyncIterable<T>, size = 256): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

const cell = fc.oneof(tricky, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constant(null));

describe('CSV encoder', () => {
  // quote_record_delimiter: with CRLF records csv-stringify leaves a lone line feed inside a field unquoted unless
  // told, and Excel would start a new row there: multi-line comments must be quoted.
  it('writes the bytes csv-stringify writes (CRLF, RFC 4180 quoting, escape_formulas, quote_record_delimiter)', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 12 }), (cells) => {
        expect(csvRecord(cells)).toBe(
          stringify([cells], { record_delimiter: 'windows', escape_formulas: true, quote_record_delimiter: true }),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('is read back by csv-parse: text as it was (formula-looking text behind an apostrophe), numbers as written', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map((r) => csvRecord(r)).join('');
        const back = parse(text, { relax_column_count: false }) as string[][];
        const want = rows.map((r) =>
          r.map((c) =>
            c === null ? '' : typeof c === 'number' ? String(c) : /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(c) ? `'${c}` : c,
          ),
        );
        // csv-parse reads an empty line as no record: a row of three empty cells is the line ",,".
        expect(back).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });

  it('streams the BOM and header first, then the records in chunks', async () => {
    const rows = Array.from({ length: 600 }, (_, i) => [i, `dòng ${i}`]);
    const chunks: string[] = [];
    for await (const c of csvChunks(['n', 'văn bản'], batches(rows), (r) => r)) chunks.push(c.toString('utf8'));
    expect(chunks).toHaveLength(4); // header, 256, 256, 88
    expect(chunks[0]).toBe(`${UTF8_BOM}n,văn bản\r\n`);
    const records = parse(chunks.join(''), { bom: true, columns: true }) as { n: string }[];
    expect(records.map((r) => Number(r.n))).toEqual(Array.from({ length: 600 }, (_, i) => i));
  });
});

describe('bulk XLSX rows', () => {
  it('are read back by exceljs as the cells written (text, numbers, empty, markup and control characters)', async () => {
    const rows: (string | number | null)[][] = [
      ['Sở Tư pháp', 1.5, null, '<b>&"\'', 'dòng 1\ndòng 2', -3, 'a\u0001b'],
      ...Array.from({ length: 700 }, (_, i) => [`hàng ${i}`, i, null, null, null, null, null]),
    ];
    const out = streamWorkbook(async (workbook, o) => {
      const sheet = workbook.addWorksheet('Dữ liệu');
      sheet.addRow(['a', 'b', 'c', 'd', 'e', 'f', 'g']).commit();
      expect(await writeBulkRows(sheet, o, batches(rows), (r) => r)).toBe(rows.length);
      sheet.commit();
    });
    const bufs: Buffer[] = [];
    for await (const b of out) bufs.push(b as Buffer);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(bufs) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Dữ liệu')!;
    expect(sheet.rowCount).toBe(rows.length + 1);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['Sở Tư pháp', 1.5, undefined, '<b>&"\'', 'dòng 1\ndòng 2', -3, 'ab']);
    expect(sheet.getRow(702).getCell(1).value).toBe('hàng 699');
    expect(sheet.getRow(702).getCell(2).value).toBe(699);
  });
});

describe('a client that stops reading', () => {
  const TOTAL = 100_000;
  const counted = () => {
    const state = { pulled: 0 };
    async function* rows() {
      for (let i = 0; i < TOTAL; i += 1) {
        state.pulled += 1;
        yield [i, Math.random().toString(36).repeat(3), Math.random().toString(36).repeat(3), 'Sở Tư pháp'];
      }
    }
    return { state, rows };
  };
  /** A client that takes the first 64 KiB and then nothing more. */
  const stuck = () => new Writable({ highWaterMark: 64 * 1024, write: () => {} });
  /** Waits until the writer has stopped pulling rows (no change for 300 ms), at most 10 s. */
  async function stalled(state: { pulled: number }): Promise<number> {
    let last = -1;
    for (let waited = 0; waited < 10_000 && state.pulled !== last; waited += 300) {
      last = state.pulled;
      await new Promise((r) => setTimeout(r, 300));
    }
    return state.pulled;
  }

  it('holds the CSV writer back: rows are read only as fast as the file is taken', async () => {
    const { state, rows } = counted();
    const csv = Readable.from(csvChunks(['n', 'a', 'b', 'c'], batches(rows()), (r) => r));
    csv.pipe(stuck());
    expect(await stalled(state)).toBeLessThan(5_000);
    csv.destroy();
  });

  it('holds the XLSX writer back though exceljs and the zip never say stop', async () => {
    const { state, rows } = counted();
    const out = streamWorkbook(async (workbook, o) => {
      const sheet = workbook.addWorksheet('x');
      sheet.addRow(['n', 'a', 'b', 'c']).commit();
      await writeBulkRows(sheet, o, batches(rows()), (r) => r);
      sheet.commit();
    });
    out.pipe(stuck());
    // About 1 MiB of zipped rows may wait for the client; then the writer stops reading them.
    const pulled = await stalled(state);
    expect(pulled).toBeLessThan(TOTAL / 2);
    out.destroy();
    await new Promise((r) => setTimeout(r, 200));
    expect(state.pulled - pulled).toBeLessThanOrEqual(256); // a client gone: the writer stops
  });
});

describe('format helpers', () => {
  it('shows times in Asia/Ho_Chi_Minh whatever the offset they were written with', () => {
    expect(vietnamDateTime('2021-12-10T17:30:00Z')).toBe('2021-12-11 00:30:00');
    expect(vietnamDateTime('2021-12-10T08:14:00+07:00')).toBe('2021-12-10 08:14:00');
    expect(vietnamDateTime('2021-12-31T23:59:59.999+07:00')).toBe('2021-12-31 23:59:59');
    expect(vietnamDateTime('2021-12-31T20:00:00-05:00')).toBe('2022-01-01 08:00:00');
    expect(vietnamDateTime('2021-12-31T20:00:00+05:30')).toBe('2021-12-31 21:30:00');
    expect(vietnamDateTime('2021-12-31T23:59:59.5Z')).toBe('2022-01-01 06:59:59');
    expect(vietnamDateTime('not a time')).toBe('not a time');
    expect(vietnameseDate('2021-12-05')).toBe('05/12/2021');
  });

  it('gives every instant, in any offset and with or without milliseconds, the wall clock a Date gives (fast paths)', () => {
    const reference = (iso: string) => new Date(Date.parse(iso) + 7 * 3600 * 1000).toISOString().replace('T', ' ').slice(0, 19);
    const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.constantFrom(0, 7 * 60, -5 * 60, 5 * 60 + 30, 14 * 60, -12 * 60),
        fc.boolean(),
        (ms, offsetMinutes, withMs) => {
          const local = new Date(ms + offsetMinutes * 60_000).toISOString();
          const zone =
            offsetMinutes === 0 ? 'Z' : `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
          const iso = `${local.slice(0, withMs ? 23 : 19)}${zone}`;
          expect(vietnamDateTime(iso)).toBe(reference(iso));
        },
      ),
      { seed: 20261205, numRuns: 2000 },
    );
  });

  it('names downloads in Vietnamese with an ASCII fallback (RFC 5987)', () => {
    expect(asciiFileName('Danh sách thanh toán - Sở Tư pháp.xlsx')).toBe('Danh-sach-thanh-toan-So-Tu-phap.xlsx');
    expect(asciiFileName('Đường "x"/y.csv')).toBe('Duong-x-y.csv');
    const header = attachment('Phiếu (đã thu).csv');
    expect(header).toBe(`attachment; filename="Phieu-da-thu.csv"; filename*=UTF-8''Phi%E1%BA%BFu%20%28%C4%91%C3%A3%20thu%29.csv`);
  });
});
