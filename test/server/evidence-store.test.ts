// The evidence store on its own: staging (hash, size, kind) into a temp file, the move into place, one copy per
// content, the OLE compound-file reader against broken and hostile files, and the sweep of leftover temp files.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { formatSize, problemText, problemTextVi } from '../../src/shared';
import { compoundFileKind, EvidenceStore, sniffEvidence } from '../../src/server/services/evidence-store';
import { compoundFile, doc, docx, elf, html, pdf, png, sha256, xls } from './evidence-files';

const root = mkdtempSync(path.join(tmpdir(), 'phieu-evidence-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let seq = 0;
const fresh = (max = 4096) => new EvidenceStore(path.join(root, `store-${(seq += 1)}`), max);
const onDisk = (file: Buffer) => {
  const p = path.join(root, `sniff-${(seq += 1)}`);
  writeFileSync(p, file);
  return p;
};
const tempFiles = (store: EvidenceStore) => {
  try {
    return readdirSync(path.join(store.dir, 'tmp'));
  } catch {
    return [];
  }
};

describe('staging and committing', () => {
  it('hashes and counts a stream, then moves it under its hash', async () => {
    const store = fresh();
    const bytes = pdf('store');
    const staged = await store.stage(Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]));
    if (!staged.ok) throw new Error(staged.problem.code);
    expect(staged.file).toMatchObject({ hash: sha256(bytes), size: bytes.length });
    expect(staged.file.kind.kind).toBe('pdf');
    expect(tempFiles(store)).toHaveLength(1);
    await store.commit(staged.file);
    expect(tempFiles(store)).toEqual([]);
    expect(readFileSync(store.blobPath(staged.file.hash)).equals(bytes)).toBe(true);
    expect(store.blobPath(staged.file.hash)).toBe(path.join(store.dir, staged.file.hash.slice(0, 2), staged.file.hash));
    const kept = await store.blob(staged.file.hash);
    expect(kept?.size).toBe(bytes.length);
    const read: Buffer[] = [];
    for await (const part of kept!.open()) read.push(part as Buffer);
    expect(Buffer.concat(read).equals(bytes)).toBe(true);

    // The same content again: the temp file is dropped, the stored copy untouched.
    const again = await store.stage(Readable.from([bytes]));
    if (!again.ok) throw new Error(again.problem.code);
    await store.commit(again.file);
    expect(tempFiles(store)).toEqual([]);
    expect(readdirSync(path.join(store.dir, staged.file.hash.slice(0, 2)))).toEqual([staged.file.hash]);
  });

  it('refuses above the limit, empty content and refused kinds, deleting the temp file each time', async () => {
    const store = fresh(1000);
    const big = await store.stage(Readable.from([pdf('x', 1001 - pdf('x').length)]));
    expect(big).toMatchObject({ ok: false, reason: 'too-large' });
    const cut = Object.assign(Readable.from([pdf('cut')]), { truncated: true });
    expect(await store.stage(cut)).toMatchObject({ ok: false, reason: 'too-large' });
    expect(await store.stage(Readable.from([]))).toMatchObject({ ok: false, reason: 'empty' });
    expect(await store.stage(Readable.from([elf()]))).toMatchObject({ ok: false, reason: 'type' });
    expect(tempFiles(store)).toEqual([]);
    expect(readdirSync(store.dir)).toEqual(['tmp']);
  });

  it('deletes the temp file when the source stream fails', async () => {
    const store = fresh();
    const broken = new Readable({
      read() {
        this.push(Buffer.from('%PDF-1.4 half'));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(store.stage(broken)).rejects.toThrow('client went away');
    expect(tempFiles(store)).toEqual([]);
  });

  it('never turns anything but a SHA-256 hex digest into a path', () => {
    const store = fresh();
    for (const bad of ['../../etc/passwd', 'A'.repeat(64), 'a'.repeat(63), '']) expect(() => store.blobPath(bad)).toThrow();
  });

  it('sweeps temp files older than an hour, and only those', async () => {
    const store = fresh();
    const tmp = path.join(store.dir, 'tmp');
    mkdirSync(tmp, { recursive: true });
    writeFileSync(path.join(tmp, 'old.part'), 'x');
    writeFileSync(path.join(tmp, 'new.part'), 'x');
    writeFileSync(path.join(tmp, 'other.txt'), 'x');
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(path.join(tmp, 'old.part'), old, old);
    expect(await store.sweepTemp(new Date())).toBe(1);
    expect(readdirSync(tmp).sort()).toEqual(['new.part', 'other.txt']);
    expect(await fresh().sweepTemp(new Date())).toBe(0); // no folder yet
  });
});

describe('sniffing', () => {
  it('names each accepted kind from the bytes', async () => {
    expect(await sniffEvidence(onDisk(pdf()))).toMatchObject({ ok: true, kind: { kind: 'pdf' } });
    expect(await sniffEvidence(onDisk(docx()))).toMatchObject({ ok: true, kind: { kind: 'docx' } });
    expect(await sniffEvidence(onDisk(png()))).toMatchObject({ ok: true, kind: { kind: 'png' } });
    expect(await sniffEvidence(onDisk(doc()))).toMatchObject({ ok: true, kind: { kind: 'doc', mediaType: 'application/msword' } });
    expect(await sniffEvidence(onDisk(xls()))).toMatchObject({ ok: true, kind: { kind: 'xls', mediaType: 'application/vnd.ms-excel' } });
    expect(await sniffEvidence(onDisk(html()))).toMatchObject({ ok: false });
  });

  it('reads an Excel 5 workbook ("Book") as .xls, and prefers WordDocument when both are at the root', async () => {
    expect(await compoundFileKind(onDisk(compoundFile(['Book'])))).toBe('xls');
    expect(await compoundFileKind(onDisk(compoundFile(['Workbook', 'WordDocument'])))).toBe('doc');
    expect(await compoundFileKind(onDisk(compoundFile([])))).toBe('other');
  });

  it('calls broken or hostile compound files corrupt instead of failing or looping', async () => {
    const good = doc();
    const truncated = good.subarray(0, 600);
    const badSector = Buffer.from(good);
    badSector.writeUInt16LE(10, 30); // 1 KiB sectors do not exist
    const loop = Buffer.from(good);
    loop.writeUInt32LE(1, 512 + 4); // the directory sector points to itself
    const farAway = Buffer.from(good);
    farAway.writeUInt32LE(0x7fffffff, 48); // directory beyond the end of the file
    const cyclicTree = Buffer.from(good);
    cyclicTree.writeUInt32LE(1, 1024 + 128 + 72); // entry 1's right sibling is itself
    for (const bytes of [truncated, badSector, loop, farAway, cyclicTree]) expect(await compoundFileKind(onDisk(bytes))).toBe('corrupt');
    const refused = await sniffEvidence(onDisk(loop));
    expect(refused).toEqual({ ok: false, problem: { code: 'evidence.ole-corrupt' } });
    if (!refused.ok) expect(problemText(problemTextVi, refused.problem)).toMatch(/bị hỏng/);
  });

  it('says sizes the way people read them', () => {
    expect(formatSize(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatSize(1.5 * 1024 * 1024)).toBe('1,5 MB');
    expect(formatSize(64 * 1024)).toBe('64 KB');
    expect(formatSize(1.5 * 1024 * 1024, '.')).toBe('1.5 MB');
  });
});
