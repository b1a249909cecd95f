import { PassThrough, type Readable, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell } from './rows';

/**
 * One part of the workbook (a sheet's XML) on its way into the zip: a real stream, so that writes report
 * backpressure. exceljs's own part buffer (StreamBuf) takes every write and never says stop (exceljs issue #734):
 * a writer faster than deflate or than the client would pile the whole workbook up in memory. exceljs writes
 * StringBuf objects as well as strings; they are copied out as buffers.
 */
class PartStream extends PassThrough {
  constructor() {
    super({ highWaterMark: 256 * 1024 });
  }

  override write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    const data =
      chunk !== null &&
      typeof chunk === 'object' &&
      !Buffer.isBuffer(chunk) &&
      typeof (chunk as { toBuffer?: unknown }).toBuffer === 'function'
        ? (chunk as { toBuffer(): Buffer }).toBuffer()
        : chunk;
    return (super.write as (c: unknown, e?: unknown, cb?: unknown) => boolean)(data, encoding, callback);
  }
}

/**
 * exceljs's streaming workbook writer with real streams for its parts (see PartStream). Everything else — the zip,
 * the workbook, sheet and style parts, the rows written through exceljs — is exceljs's own. It overrides the one
 * internal method through which exceljs opens a part (stable across exceljs 4.x; test/server/export-responses.test.ts
 * opens every workbook written with it).
 */
class PacedWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  _openStream(path: string): PartStream {
    const stream = new PartStream();
    this.archive().append(stream, { name: path });
    stream.on('finish', () => stream.emit('zipped'));
    return stream;
  }

  /**
   * Zipped bytes the client has not taken yet. The zip (archiver, on readable-stream 3) does not pass backpressure on:
   * its Transform takes every write while its output waits, so a slow client is watched here.
   */
  unsent(): number {
    return (this.archive() as unknown as { readableLength?: number }).readableLength ?? 0;
  }

  private archive(): { append(source: Readable, data: { name: string }): void } {
    return (this as unknown as { zip: { append(source: Readable, data: { name: string }): void } }).zip;
  }
}

/** Zipped bytes waiting for the client, or 0 for a workbook not written by streamWorkbook. */
const unsentOf = (sheet: SheetWriter): number => {
  const workbook = (sheet as unknown as { workbook?: unknown }).workbook;
  return workbook instanceof PacedWorkbookWriter ? workbook.unsent() : 0;
};

/** At most this much zipped output waits for a slow client before the writer stops reading rows. */
const MAX_UNSENT = 1024 * 1024;

export type WorkbookWriter = ExcelJS.stream.xlsx.WorkbookWriter;
export type SheetWriter = ReturnType<WorkbookWriter['addWorksheet']>;

/** The stream of a sheet's XML (exceljs's `stream` of a streaming worksheet, not in its type declarations). */
const partOf = (sheet: SheetWriter): Writable => (sheet as unknown as { stream: Writable }).stream;

/**
 * A workbook written by exceljs's streaming writer into the stream returned (the reply). `build` adds and commits the
 * sheets; the workbook is committed after it; a failure destroys the stream (the client sees a broken download,
 * never a half file that looks whole). `done` runs either way (closing a cursor).
 */
export function streamWorkbook(
  build: (workbook: WorkbookWriter, out: PassThrough) => Promise<void>,
  opts: { useStyles?: boolean; done?: () => Promise<void> } = {},
): Readable {
  const out = new PassThrough();
  const workbook = new PacedWorkbookWriter({ stream: out, useStyles: opts.useStyles ?? false, useSharedStrings: false });
  workbook.creator = 'Phiếu';
  const run = async () => {
    try {
      await build(workbook, out);
      if (!out.destroyed) await workbook.commit();
    } finally {
      await opts.done?.();
    }
  };
  run().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

/** A plain sheet: a frozen header row and the rows under it, all through exceljs. */
export function addTableSheet(workbook: WorkbookWriter, name: string, header: readonly string[], rows: readonly Cell[][]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...header]).commit();
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
}

// ------------------------------------------------------------------------------------------------------------------
// Bulk rows

const columnLetters: string[] = [];
/** "A", "B", … "Z", "AA", … for a 0-based column index. */
function columnLetter(i: number): string {
  let s = columnLetters[i];
  if (s === undefined) {
    s = '';
    for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    columnLetters[i] = s;
  }
  return s;
}

// What exceljs's xmlEncode does: escape markup, drop the control characters XML 1.0 forbids.
/* eslint-disable no-control-regex -- finding those control characters is the point */
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;
const XML_SPECIAL_ALL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;
/* eslint-enable no-control-regex */
const XML_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };
const xmlText = (s: string): string => (XML_SPECIAL.test(s) ? s.replace(XML_SPECIAL_ALL, (c) => XML_ESCAPES[c] ?? '') : s);

/**
 * One row as sheet XML: numbers as values, text as `t="str"` cells (as exceljs writes them without shared strings),
 * nothing for an empty cell. A cell right after the previous one leaves out its reference (`r`), which OOXML allows
 * and Excel, LibreOffice and exceljs read as the next column: a third less XML to checksum and compress. Built as one
 * string: exceljs's Row and Cell objects cost about 90 µs a row, 9 s for 100,000 responses. `plain[i]` says cell i
 * needs no escaping (rows.ts plainCells).
 */
export function rowXml(rowNumber: number, cells: readonly Cell[], plain?: readonly boolean[]): string {
  let xml = `<row r="${rowNumber}">`;
  let previous = -2;
  for (let i = 0; i < cells.length; i += 1) {
    const v = cells[i];
    if (v === null || v === undefined) continue;
    const ref = i === previous + 1 ? '' : ` r="${columnLetter(i)}${rowNumber}"`;
    previous = i;
    xml += typeof v === 'number' ? `<c${ref}><v>${v}</v></c>` : `<c${ref} t="str"><v>${plain?.[i] === true ? v : xmlText(v)}</v></c>`;
  }
  return `${xml}</row>`;
}

/** Bytes of a chunk of rows (a row takes at most 3 bytes per UTF-16 unit). */
const CHUNK_BYTES = 512 * 1024;

/**
 * Writes many rows into a sheet whose header row exceljs has committed (so the sheet data is open), a batch at a time,
 * waiting whenever the sheet's part, the zip or the client is behind: memory stays flat whatever the number of rows.
 * Rows are numbered from 2 and encoded straight into the chunk's buffer. Returns the number of rows written.
 */
export async function writeBulkRows<T>(
  sheet: SheetWriter,
  out: Writable,
  batches: AsyncIterable<readonly T[]>,
  toCells: (row: T) => readonly Cell[],
  opts: { plain?: readonly boolean[] } = {},
): Promise<number> {
  const part = partOf(sheet);
  let n = 0;
  let buf = Buffer.allocUnsafe(CHUNK_BYTES);
  let at = 0;
  const flush = (): void => {
    part.write(buf.subarray(0, at));
    buf = Buffer.allocUnsafe(CHUNK_BYTES);
    at = 0;
  };
  for await (const rows of batches) {
    if (out.destroyed) return n;
    for (const row of rows) {
      n += 1;
      const xml = rowXml(n + 1, toCells(row), opts.plain);
      if (at + xml.length * 3 > buf.length) {
        if (at > 0) flush();
        if (xml.length * 3 > buf.length) buf = Buffer.allocUnsafe(xml.length * 3);
      }
      at += buf.write(xml, at, 'utf8');
    }
    if (at > 0) flush();
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (!out.destroyed && (part.writableNeedDrain || unsentOf(sheet) > MAX_UNSENT)) await progress(part, out);
  }
  return n;
}

/** Resolves when the sheet's part or the client's stream has drained (or after a while, to look again), or on close. */
function progress(part: Writable, out: Writable): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      part.off('drain', done);
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, 50);
    part.on('drain', done);
    out.on('drain', done);
    out.on('close', done);
  });
}
