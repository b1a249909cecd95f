// Issue 18: `npx phieu copy-to-postgres` moves a SQLite data folder (database and evidence files) into an empty
// PostgreSQL database, checks it, and says what it did; a server on the copy carries on where the SQLite one stopped.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../src/server/cli/commands';
import { openPostgres } from '../../../src/server/db/postgres';
import { loadBundle, referenceCampaignDir } from '../../fixtures/campaigns';
import { citizenResponse, ORIGIN, PASSWORD, serve, staffResponse, startHarness, withDatabase, type Harness } from '../harness-core';
import { download, pdf, sha256, upload } from '../evidence-files';
import { signedPdf, uploadSignedReport } from '../signed-report-helpers';
import { startCluster, type Cluster } from './postgres-cluster';

let cluster: Cluster;
let admin: pg.Pool;
let folder: string;
const evidence = pdf('Quyết định 123/QĐ-UBND');
const report = signedPdf();
let created = 0;

/** A new empty database on the cluster, and its URL. */
async function emptyDatabase(): Promise<string> {
  created += 1;
  await admin.query(`create database copy_${created}`);
  return withDatabase(cluster.url(), `copy_${created}`);
}

async function copy(url: string, data = folder): Promise<string[]> {
  const lines: string[] = [];
  await run(['copy-to-postgres', url, '--data', data], (l) => lines.push(l));
  return lines;
}

beforeAll(async () => {
  cluster = startCluster();
  admin = new pg.Pool({ connectionString: cluster.url(), max: 1 });
  // A SQLite data folder with a season's worth of everything: responses, a self-assessment with evidence, a signed report.
  const h: Harness = await startHarness();
  const surveyor = await h.account('dt', 'surveyor', {
    cells: [
      ['so-tu-phap', 'so-nguoi-dan'],
      ['so-tu-phap', 'so-cong-chuc-so'],
    ],
  });
  await h.account('dm', 'coordinator', { unitId: 'so-tu-phap' });
  await h.account('qt', 'admin');
  const cookie = await h.login('dt');
  const responses = [
    ...Array.from({ length: 20 }, () => citizenResponse(surveyor)),
    ...Array.from({ length: 5 }, () => staffResponse(surveyor)),
  ];
  const pushed = await h.app.inject({
    method: 'POST',
    url: '/api/sync/responses',
    headers: { cookie, origin: ORIGIN },
    payload: { responses },
  });
  expect(pushed.statusCode).toBe(200);
  const dm = await h.login('dm');
  expect((await upload(h, dm, [{ name: 'Quyết định 123.pdf', bytes: evidence }], { attachTo: '1.1.1' })).statusCode).toBe(200);
  expect((await uploadSignedReport(h, dm, [{ name: 'Báo cáo.pdf', bytes: report }])).statusCode).toBe(200);
  await h.app.close();
  await h.handle.close();
  folder = h.dir;
}, 60_000);

afterAll(async () => {
  await admin?.end();
  cluster?.stop();
});

describe('copy-to-postgres', () => {
  it('copies every table and evidence file, checks them, and a server on the copy carries on', async () => {
    const url = await emptyDatabase();
    const said = await copy(url);
    expect(said[0]).toMatch(/^Chép .* sang PostgreSQL…$/);
    expect(said).toContain('  responses: 25');
    expect(said).toContain('  tài liệu kiểm chứng: 2 tệp');
    expect(said.find((l) => l.startsWith('Đã chép và kiểm tra'))).toMatch(/ và 2 tệp \(/);

    const handle = openPostgres(url, 4);
    const { campaign } = await loadBundle(referenceCampaignDir);
    const h = await serve(mkdtempSync(path.join(tmpdir(), 'phieu-test-')), handle, campaign, {});
    try {
      const dm = await h.login('dm', PASSWORD); // the same accounts and password hashes
      const res = await download(h, dm, sha256(evidence));
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(evidence)).toBe(true);
      const signed = await h.app.inject({
        method: 'GET',
        url: '/api/self-assessments/quang-binh-2021/so-tu-phap/signed-report',
        headers: { cookie: dm },
      });
      expect(signed.rawPayload.equals(report)).toBe(true);
      const qt = await h.login('qt');
      const progress = await h.app.inject({ method: 'GET', url: '/api/campaigns/quang-binh-2021/progress', headers: { cookie: qt } });
      expect(progress.statusCode).toBe(200);
      // The audit goes on after the copied entries: a new entry gets the next id.
      const before = await h.handle.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();
      expect((await upload(h, dm, [{ name: 'Thêm.pdf', bytes: pdf('thêm') }])).statusCode).toBe(200);
      const after = await h.handle.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();
      expect(Number(after.id)).toBeGreaterThan(Number(before.id));
      expect(readFileSync(path.join(folder, 'phieu.sqlite')).length).toBeGreaterThan(0); // the source is left as it was
    } finally {
      await h.close();
    }
  }, 60_000);

  it('refuses a database that is not empty, and changes nothing in it', async () => {
    const url = await emptyDatabase();
    await copy(url);
    await expect(copy(url)).rejects.toThrow(/not empty \(table campaigns has rows\)/);
    const copied = openPostgres(url, 1);
    try {
      expect(
        await copied.db
          .selectFrom('responses')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ).toEqual({ n: 25 });
    } finally {
      await copied.close();
    }
  }, 60_000);

  it('reports an evidence file damaged in the folder and copies the rest', async () => {
    const damaged = mkdtempSync(path.join(tmpdir(), 'phieu-copy-'));
    cpSync(folder, damaged, { recursive: true });
    const hash = sha256(evidence);
    const file = path.join(damaged, 'evidence', hash.slice(0, 2), hash);
    const bytes = readFileSync(file);
    bytes[20] = bytes[20]! ^ 0xff;
    writeFileSync(file, bytes);
    const said = await copy(await emptyDatabase(), damaged);
    expect(said).toContain(`  Tệp ${hash} trong thư mục evidence bị hỏng (sai mã băm): không chép.`);
    expect(said).toContain('  tài liệu kiểm chứng: 1 tệp');
  }, 60_000);
});
