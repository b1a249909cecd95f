// Who may upload, attach, detach and download evidence files (DESIGN §2, §6): the unit's coordinator; its staff
// within their assignment; Home Affairs and the council read only; nobody else. A refused call writes nothing.
// After submission the unit's evidence is locked (409) but still readable.
import type { AddressInfo } from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import { replaceAssignments } from '../../src/server/db/self-assessment';
import type { EvidenceUploadResult } from '../../src/shared';
import { expectError } from './admin-helpers';
import { attach, counts, detach, download, formBody, filesUrl, pdf, pdfOfSize, upload } from './evidence-files';
import { harnessPerTest, type Harness } from './harness';

const C = 'quang-binh-2021';
const UNIT = 'so-tu-phap';
let h: Harness;
const cookies: Record<string, string> = {};
/** A file in Sở Tư pháp's library, attached to 1.1.1 (inside staff cb1's assignment) and 3.1.1 (outside it). */
let hash: string;
const ids: Record<string, string> = {};

// Accounts, assignments and one shared file are made once, on the template.
harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    for (const [name, role, unitId] of [
      ['dm', 'coordinator', UNIT],
      ['dm-yt', 'coordinator', 'so-y-te'],
      ['cb1', 'staff', UNIT],
      ['cb2', 'staff', UNIT],
      ['cb-yt', 'staff', 'so-y-te'],
      ['qt', 'admin', null],
      ['hd', 'council', null],
      ['dtv', 'surveyor', null],
    ] as const) {
      ids[name] = await t.account(name, role, { unitId: unitId ?? undefined });
      cookies[name] = await t.login(name);
    }
    // cb1 is assigned criterion 1.1 (sub-criteria 1.1.1 and 1.1.2); cb2 nothing; cb-yt 1.1 of Sở Y tế.
    await replaceAssignments(t.handle.db, C, UNIT, [{ code: '1.1', staffId: ids.cb1! }], ids.dm!, new Date().toISOString());
    await replaceAssignments(t.handle.db, C, 'so-y-te', [{ code: '1.1', staffId: ids['cb-yt']! }], ids['dm-yt']!, new Date().toISOString());
    const res = await upload(t, cookies.dm, [{ name: 'chung.pdf', bytes: pdf('Tai lieu chung') }], { attachTo: '1.1.1' });
    expect(res.statusCode, res.body).toBe(200);
    hash = (res.json() as EvidenceUploadResult).files[0]!.hash;
    expect((await attach(t, cookies.dm, '3.1.1', hash)).statusCode).toBe(200);
  },
  { app: { evidenceMaxBytes: 32 * 1024 } },
);

describe('upload', () => {
  it.each([
    ['anonymous', undefined, 401],
    ['a surveyor', 'dtv', 403],
    ['Home Affairs', 'qt', 403],
    ['a council member', 'hd', 403],
    ['another unit’s coordinator', 'dm-yt', 403],
    ['another unit’s staff', 'cb-yt', 403],
    ['staff of the unit with nothing assigned', 'cb2', 403],
  ] as const)('refuses %s (%s) and writes nothing', async (_who, name, status) => {
    const before = await counts(h);
    const res = await upload(h, name ? cookies[name] : undefined, [{ name: 'khong-duoc.pdf', bytes: pdf(`khong duoc ${name}`) }]);
    expectError(res, status, status === 401 ? 'unauthenticated' : 'forbidden');
    expect(await counts(h)).toEqual(before);
  });

  it('refuses anonymous callers before reading the body (even one that is not multipart at all)', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: filesUrl(),
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    expectError(res, 401, 'unauthenticated');
  });

  it('lets staff upload into the library and attach within their assignment, not outside it', async () => {
    const mine = await upload(h, cookies.cb1, [{ name: 'cua-cb1.pdf', bytes: pdf('cb1 1.1.2') }], { attachTo: '1.1.2' });
    expect(mine.statusCode, mine.body).toBe(200);
    const library = await upload(h, cookies.cb1, [{ name: 'thu-vien.pdf', bytes: pdf('cb1 thu vien') }]);
    expect(library.statusCode, library.body).toBe(200);
    const before = await counts(h);
    const outside = await upload(h, cookies.cb1, [{ name: 'ngoai.pdf', bytes: pdf('cb1 ngoai') }], { attachTo: '2.1.1' });
    expectError(outside, 403, 'forbidden');
    expect(outside.json().message).toMatch(/2\.1\.1/);
    expect(await counts(h)).toEqual(before);
  });

  it('refuses the attach field even when it comes after the files, and writes none of them', async () => {
    const body = await formBody([{ name: 'truoc.pdf', bytes: pdf('truoc') }]);
    // Re-send with the field at the end: the files are only staged until every part has been read.
    const boundary = body.contentType.split('boundary=')[1]!;
    const payload = Buffer.concat([
      body.payload.subarray(0, body.payload.length - `--${boundary}--\r\n`.length),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachTo"\r\n\r\n2.1.1\r\n--${boundary}--\r\n`),
    ]);
    const before = await counts(h);
    const res = await h.app.inject({
      method: 'POST',
      url: filesUrl(),
      headers: { cookie: cookies.cb1, 'content-type': body.contentType },
      payload,
    });
    expectError(res, 403, 'forbidden');
    await expect(counts(h)).resolves.toEqual(before);
  });
});

describe('attach and detach', () => {
  it.each([
    ['anonymous', undefined, 401],
    ['a surveyor', 'dtv', 403],
    ['Home Affairs', 'qt', 403],
    ['a council member', 'hd', 403],
    ['another unit’s coordinator', 'dm-yt', 403],
    ['staff outside their assignment', 'cb1', 403],
    ['staff with nothing assigned', 'cb2', 403],
  ] as const)('refuses %s', async (_who, name, status) => {
    const before = await counts(h);
    const cookie = name ? cookies[name] : undefined;
    expectError(await attach(h, cookie, '2.1.1', hash), status);
    expectError(await detach(h, cookie, '3.1.1', hash), status);
    expect(await counts(h)).toEqual(before);
  });

  it('lets staff attach and detach within their assignment', async () => {
    const res = await attach(h, cookies.cb1, '1.1.2', hash);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().files).toContain(hash);
    const gone = await detach(h, cookies.cb1, '1.1.2', hash);
    expect(gone.statusCode, gone.body).toBe(200);
    expect(gone.json().files).not.toContain(hash);
  });
});

describe('download', () => {
  it.each([
    ['the coordinator', 'dm'],
    ['staff of the unit', 'cb1'],
    ['Home Affairs', 'qt'],
    ['a council member', 'hd'],
  ])('lets %s download', async (_who, name) => {
    const res = await download(h, cookies[name], hash);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it.each([
    ['anonymous', undefined, 401],
    ['a surveyor', 'dtv', 403],
    ['another unit’s coordinator', 'dm-yt', 403],
    ['another unit’s staff', 'cb-yt', 403],
  ] as const)('refuses %s', async (_who, name, status) => {
    const res = await download(h, name ? cookies[name] : undefined, hash);
    expectError(res, status);
    expect(res.body).not.toContain('Tai lieu chung');
  });
});

describe('what staff may see of the library (DESIGN §2: nothing from items not assigned to them)', () => {
  const sa = `/api/self-assessments/${C}/${UNIT}`;
  const get = (name: string, url: string) => h.app.inject({ method: 'GET', url, headers: { cookie: cookies[name] ?? '' } });
  /** Coordinator's files: one on 2.1.1 (outside cb1's 1.1), one in the library on no item. */
  let outside: string;
  let loose: string;

  // Cheap (no account): done on each test's own copy.
  beforeEach(async () => {
    // The same assignment as above, through the API this time, so that it is in the history.
    const assigned = await h.app.inject({
      method: 'PUT',
      url: `${sa}/assignments`,
      headers: { cookie: cookies.dm ?? '' },
      payload: { assignments: [{ code: '1.1', staffId: ids.cb1 }] },
    });
    expect(assigned.statusCode, assigned.body).toBe(204);
    const a = await upload(h, cookies.dm, [{ name: 'bi-mat-2-1-1.pdf', bytes: pdf('Chi cho 2.1.1') }], { attachTo: '2.1.1' });
    const b = await upload(h, cookies.dm, [{ name: 'bi-mat-thu-vien.pdf', bytes: pdf('Chi trong thu vien') }]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    outside = (a.json() as EvidenceUploadResult).files[0]!.hash;
    loose = (b.json() as EvidenceUploadResult).files[0]!.hash;
  });

  it('answers 404 to staff downloading a file of another item or of the library that is not theirs, as for no file at all', async () => {
    for (const [name, file] of [
      ['cb1', outside],
      ['cb1', loose],
      ['cb2', outside],
      ['cb2', loose],
      ['cb2', hash],
    ] as const) {
      const res = await download(h, cookies[name], file);
      expectError(res, 404, 'not-found');
      expect(res.body).not.toContain('Chi ');
    }
    for (const name of ['dm', 'qt', 'hd']) expect((await download(h, cookies[name], outside)).statusCode).toBe(200);
  });

  it('lets staff download what they uploaded themselves, attached or not', async () => {
    const own = await upload(h, cookies.cb1, [{ name: 'cua-toi.pdf', bytes: pdf('cb1 rieng') }]);
    const mine = (own.json() as EvidenceUploadResult).files[0]!.hash;
    expect((await download(h, cookies.cb1, mine)).statusCode).toBe(200);
    expectError(await download(h, cookies.cb2, mine), 404, 'not-found');
  });

  it('refuses staff attaching a file they may not see, by its hash, and writes nothing', async () => {
    const before = await counts(h);
    for (const file of [outside, loose]) expectError(await attach(h, cookies.cb1, '1.1.2', file), 404, 'not-found');
    expect(await counts(h)).toEqual(before);
  });

  it('lists to staff neither those files nor their uploads and the assignments in the history', async () => {
    const read = await get('cb1', sa);
    expect(read.statusCode, read.body).toBe(200);
    const listed = (read.json() as { files: { hash: string }[] }).files.map((f) => f.hash);
    expect(listed).toContain(hash);
    expect(listed).not.toContain(outside);
    expect(listed).not.toContain(loose);
    const audit = await get('cb1', `${sa}/audit`);
    expect(audit.statusCode, audit.body).toBe(200);
    expect(audit.body).not.toContain(outside);
    expect(audit.body).not.toContain(loose);
    expect(audit.body).not.toContain('bi-mat');
    expect((audit.json() as { action: string }[]).map((e) => e.action)).not.toContain('sa.assign');
    // The coordinator's history has all of it.
    const full = await get('dm', `${sa}/audit`);
    expect(full.body).toContain(outside);
    expect(full.body).toContain(loose);
    expect(full.body).toContain('sa.assign');
  });
});

describe('over real HTTP', () => {
  // A server of its own per test, listening on a port (the second test closes it).
  let web: Harness;
  let port: number;
  const webCookies: Record<string, string> = {};
  harnessPerTest(
    (fresh) => (web = fresh),
    async (t) => {
      const dm = await t.account('dm', 'coordinator', { unitId: UNIT });
      const cb = await t.account('cb1', 'staff', { unitId: UNIT });
      await replaceAssignments(t.handle.db, C, UNIT, [{ code: '1.1', staffId: cb }], dm, new Date().toISOString());
      webCookies.dm = await t.login('dm');
      webCookies.cb1 = await t.login('cb1');
    },
    { app: { evidenceMaxBytes: 1024 * 1024 } },
  );
  beforeEach(async () => {
    await web.app.listen({ port: 0, host: '127.0.0.1' });
    port = (web.app.server.address() as AddressInfo).port;
  });

  const send = async (cookie: string, files: { name: string; bytes: Buffer }[], fields: Record<string, string> = {}) => {
    const body = await formBody(files, fields);
    return fetch(`http://127.0.0.1:${port}${filesUrl()}`, {
      method: 'POST',
      headers: { cookie, 'content-type': body.contentType },
      body: new Uint8Array(body.payload),
      signal: AbortSignal.timeout(5000),
    });
  };

  it('answers an oversized upload with 413 and its reason, and still takes a good file after it', async () => {
    const before = await counts(web);
    const big = await send(webCookies.dm!, [{ name: 'qua-lon.pdf', bytes: pdfOfSize(1536 * 1024, 'lon') }]);
    expect(big.status).toBe(413);
    expect(((await big.json()) as { message: string }).message).toMatch(/lớn hơn 1 MB/);
    expect(await counts(web)).toEqual(before);
    // A body larger than ten files at the limit is refused from its declared length, before it is read.
    const huge = await send(webCookies.dm!, [{ name: 'rat-lon.pdf', bytes: pdfOfSize(12 * 1024 * 1024, 'rat lon') }]);
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: string }).error).toBe('request-too-large');
    expect(await counts(web)).toEqual(before);
    const ok = await send(webCookies.dm!, [{ name: 'vua.pdf', bytes: pdf('qua http') }]);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as EvidenceUploadResult).files).toHaveLength(1);
  });

  // Regression: a refusal found in the middle of the body (here "attachTo" outside the assignment, sent before the
  // files) left the rest of the body unread, the connection stuck and the server unable to close.
  it('reads the rest of a body refused part-way, so the answer arrives and the connection stays usable', async () => {
    const files = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.pdf`, bytes: pdfOfSize(900 * 1024, `f${i}`) }));
    const before = await counts(web);
    for (let i = 0; i < 3; i += 1) {
      const res = await send(webCookies.cb1!, files, { attachTo: '2.1.1' });
      expect(res.status).toBe(403);
      expect(res.headers.get('connection')).toBe('keep-alive');
      await res.text();
    }
    expect(await counts(web)).toEqual(before);
    const closing = Date.now();
    await web.app.close();
    expect(Date.now() - closing).toBeLessThan(3000);
  });
});

describe('after submission', () => {
  it('refuses upload, attach and detach with 409 and writes nothing; downloads still work', async () => {
    await h.handle.db
      .updateTable('self_assessments')
      .set({ state: 'submitted' })
      .where('campaign_id', '=', C)
      .where('unit_id', '=', UNIT)
      .execute();
    const before = await counts(h);
    expectError(await upload(h, cookies.dm, [{ name: 'muon.pdf', bytes: pdf('muon') }]), 409, 'submitted');
    expectError(await upload(h, cookies.cb1, [{ name: 'muon.pdf', bytes: pdf('muon') }], { attachTo: '1.1.1' }), 409, 'submitted');
    expectError(await attach(h, cookies.dm, '2.1.1', hash), 409, 'submitted');
    expectError(await detach(h, cookies.dm, '1.1.1', hash), 409, 'submitted');
    expectError(await detach(h, cookies.cb1, '1.1.1', hash), 409, 'submitted');
    expect(await counts(h)).toEqual(before);
    for (const who of ['dm', 'cb1', 'qt', 'hd']) expect((await download(h, cookies[who], hash)).statusCode).toBe(200);
  });
});
