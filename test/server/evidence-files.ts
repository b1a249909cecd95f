// Evidence files for the tests: tiny real documents (PDF, DOCX, XLSX, ODT, DOC and XLS compound files, PNG, JPEG),
// hostile ones (executables, HTML, a plain zip, a macro document), and multipart bodies built with the platform's
// own FormData, as a browser sends them.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { DatabaseBlobs } from '../../src/server/services/evidence-blobs';
import { EvidenceStore } from '../../src/server/services/evidence-store';
import type { Harness } from './harness';

export const CAMPAIGN = 'quang-binh-2021';
const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'evidence');

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A small real PDF with one line of text; `pad` adds bytes in a comment to reach a size. */
export function pdf(text = 'Bao cao CCHC 2021', pad = 0): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const out = Buffer.from(body, 'latin1');
  return pad > 0 ? Buffer.concat([out, Buffer.from(`%${'x'.repeat(Math.max(0, pad - 2))}\n`, 'latin1')]) : out;
}

/** A PDF of exactly `size` bytes. */
export function pdfOfSize(size: number, text = 'Kich thuoc'): Buffer {
  const base = pdf(text);
  const out = pdf(text, size - base.length);
  if (out.length !== size) throw new Error(`pdfOfSize: ${out.length} ≠ ${size}`);
  return out;
}

/** A 1×1 PNG. */
export const png = () =>
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** The start of a JPEG (SOI, JFIF APP0): enough for its signature. */
export const jpeg = () =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
    Buffer.alloc(64, 0x11),
    Buffer.from([0xff, 0xd9]),
  ]);

export const fixture = (name: string) => readFileSync(path.join(fixtures, name));
export const docx = () => fixture('ke-hoach.docx');
export const odt = () => fixture('bao-cao.odt');
export const docm = () => fixture('ke-hoach.docm');
export const plainZip = () => fixture('tai-lieu.zip');

export async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Kết quả').addRow(['Nhiệm vụ', 'Hoàn thành']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * An OLE compound file (MS-CFB, version 3, 512-byte sectors) whose root holds empty streams with these names:
 * "WordDocument" makes it a .doc, "Workbook" an .xls; anything else stands for an installer or another document.
 */
export function compoundFile(streams: string[]): Buffer {
  if (streams.length > 3) throw new Error('one directory sector: at most 3 streams');
  const FREE = 0xffffffff;
  const END = 0xfffffffe;
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // one FAT sector
  header.writeUInt32LE(1, 48); // directory in sector 1
  header.writeUInt32LE(4096, 56);
  header.writeUInt32LE(END, 60);
  header.writeUInt32LE(END, 68);
  for (let i = 0; i < 109; i += 1) header.writeUInt32LE(i === 0 ? 0 : FREE, 76 + i * 4);
  const fat = Buffer.alloc(512, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0 is the FAT
  fat.writeUInt32LE(END, 4); // sector 1: the directory, one sector
  const dir = Buffer.alloc(512);
  const entry = (i: number, name: string, type: number, right: number, child: number) => {
    const off = i * 128;
    if (name) {
      dir.write(name, off, 'utf16le');
      dir.writeUInt16LE((name.length + 1) * 2, off + 64);
    }
    dir.writeUInt8(type, off + 66);
    dir.writeUInt8(1, off + 67);
    dir.writeUInt32LE(0xffffffff, off + 68);
    dir.writeUInt32LE(right, off + 72);
    dir.writeUInt32LE(child, off + 76);
    dir.writeUInt32LE(END, off + 116);
  };
  entry(0, 'Root Entry', 5, 0xffffffff, streams.length > 0 ? 1 : 0xffffffff);
  streams.forEach((s, i) => entry(i + 1, s, 2, i + 2 <= streams.length ? i + 2 : 0xffffffff, 0xffffffff));
  for (let i = streams.length + 1; i < 4; i += 1) entry(i, '', 0, 0xffffffff, 0xffffffff);
  return Buffer.concat([header, fat, dir]);
}

export const doc = () => compoundFile(['WordDocument', '1Table']);
export const xls = () => compoundFile(['Workbook']);

/** An ELF executable header (Linux), a PE/MZ one (Windows), and text formats. */
export const elf = () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(56, 0)]);
export function mz(): Buffer {
  const b = Buffer.alloc(256, 0);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}
export const html = () => Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
export const shellScript = () => Buffer.from('#!/bin/sh\nrm -rf / --no-preserve-root\n');

// ---------------------------------------------------------------------------------------------------------------
// Requests

export interface Sent {
  name: string;
  bytes: Buffer;
}

/** A multipart body as a browser's FormData sends it: `attachTo` first when given, then each file under "files". */
export async function formBody(files: Sent[], fields: Record<string, string> = {}): Promise<{ payload: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('files', new Blob([new Uint8Array(f.bytes)]), f.name);
  const req = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await req.arrayBuffer()), contentType: req.headers.get('content-type') ?? '' };
}

export const filesUrl = (unit = 'so-tu-phap', campaign = CAMPAIGN) => `/api/self-assessments/${campaign}/${unit}/files`;
export const itemFilesUrl = (code: string, unit = 'so-tu-phap') => `/api/self-assessments/${CAMPAIGN}/${unit}/items/${code}/files`;

export async function upload(
  h: Harness,
  cookie: string | undefined,
  files: Sent[],
  opts: { attachTo?: string; unit?: string; fields?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  const fields = { ...(opts.attachTo ? { attachTo: opts.attachTo } : {}), ...opts.fields };
  const body = await formBody(files, fields);
  return h.app.inject({
    method: 'POST',
    url: filesUrl(opts.unit),
    headers: { ...(cookie ? { cookie } : {}), 'content-type': body.contentType },
    payload: body.payload,
  });
}

export function attach(
  h: Harness,
  cookie: string | undefined,
  code: string,
  hash: string,
  unit = 'so-tu-phap',
): Promise<LightMyRequestResponse> {
  return h.app.inject({ method: 'POST', url: itemFilesUrl(code, unit), headers: cookie ? { cookie } : {}, payload: { hash } });
}

export function detach(
  h: Harness,
  cookie: string | undefined,
  code: string,
  hash: string,
  unit = 'so-tu-phap',
): Promise<LightMyRequestResponse> {
  return h.app.inject({ method: 'DELETE', url: `${itemFilesUrl(code, unit)}/${hash}`, headers: cookie ? { cookie } : {} });
}

export function download(
  h: Harness,
  cookie: string | undefined,
  hash: string,
  unit = 'so-tu-phap',
  method: 'GET' | 'HEAD' = 'GET',
): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url: `${filesUrl(unit)}/${hash}`, headers: cookie ? { cookie } : {} });
}

// ---------------------------------------------------------------------------------------------------------------
// What is stored

/** Every file under the evidence folder, relative to it (blobs under "ab/abcd…", temp files under "tmp/"). */
export function filesOnDisk(h: Harness): string[] {
  const root = path.join(h.dir, 'evidence');
  const out: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names) {
      const p = path.join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(path.relative(root, p).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/**
 * The evidence files kept, as the folder would name them ("ab/abcd…"), with any temp files ("tmp/…"): the folder's
 * listing on SQLite; on PostgreSQL, which keeps them in the database (issue 18), the temp files and the stored blobs.
 */
export async function storedFiles(h: Harness): Promise<string[]> {
  if (!h.postgres) return filesOnDisk(h);
  const blobs = await h.handle.db.selectFrom('evidence_blobs').select('hash').execute();
  return [...filesOnDisk(h), ...blobs.map((b) => `${b.hash.slice(0, 2)}/${b.hash}`)].sort();
}

/** A kept file's bytes, read through the app's own store (the folder, or the database on PostgreSQL). */
export async function storedBlob(h: Harness, hash: string): Promise<Buffer> {
  const store = new EvidenceStore(path.join(h.dir, 'evidence'), 0, h.postgres ? new DatabaseBlobs(h.handle.db) : undefined);
  const blob = await store.blob(hash);
  if (!blob) throw new Error(`no stored file ${hash}`);
  const parts: Buffer[] = [];
  for await (const part of blob.open()) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

export async function counts(h: Harness) {
  const n = async (table: 'evidence_files' | 'sa_item_files') =>
    Number(
      (
        await h.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audit = Number(
    (
      await h.handle.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', 'like', 'sa.file.%')
        .executeTakeFirstOrThrow()
    ).n,
  );
  return { files: await n('evidence_files'), links: await n('sa_item_files'), audit, disk: await storedFiles(h) };
}
