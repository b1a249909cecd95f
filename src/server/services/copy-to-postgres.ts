import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '../../shared';
import { migrateToLatest, type Db } from '../db/database';
import { continueAuditIds, everyRow, namedBlobHashes, rowCount, sqliteTableNames } from '../db/copy-tables';
import { insertRows } from '../db/raw';
import { openDatabase, SQLITE_FILE } from '../db/open';
import { DatabaseBlobs, FolderBlobs } from './evidence-blobs';

/**
 * The tables copied, parents before children (their foreign keys hold at every insert). Not copied: rate_limits (the
 * sign-in throttle's counts, which start again) and evidence_blobs/evidence_chunks, which are made from the evidence
 * folder. A table the source has that is in neither list stops the copy: a new table must be placed here.
 */
export const COPIED_TABLES = [
  'campaigns',
  'questionnaire_versions',
  'campaign_settings',
  'accounts',
  'sessions',
  'assignments',
  'self_fill_batches',
  'self_fill_codes',
  'responses',
  'cell_counts',
  'surveyor_counts',
  'roster_entries',
  'audit_log',
  'self_assessments',
  'sa_items',
  'evidence_files',
  'sa_item_files',
  'sa_assignments',
  'sa_signed_reports',
  'council_members',
  'council_assignments',
  'appraisal_items',
  'explanation_rounds',
  'explanation_items',
  'publications',
] as const;
const NOT_COPIED = new Set(['rate_limits', 'evidence_blobs', 'evidence_chunks', 'kysely_migration', 'kysely_migration_lock']);

/** Rows per insert: far below either database's cap on bound parameters, for the widest table. */
const BATCH = 500;

export interface CopyReport {
  tables: { name: string; rows: number }[];
  evidence: { copied: number; bytes: number; missing: string[]; damaged: string[] };
}

/** The copy cannot be made: what to do about it, for the person running the command. */
export class CopyError extends Error {}

/**
 * Copies a SQLite data folder (its database, brought up to date first, and the evidence files its rows name) into an
 * empty PostgreSQL database (issue 18). Everything goes in one PostgreSQL transaction, read from one SQLite snapshot:
 * a failure leaves the target as empty as it was. Before committing it checks every table's row count and a hash of
 * its rows on both sides, and every evidence file's SHA-256 as stored; a file missing or damaged in the folder is
 * reported, not copied (as a backup reports it). `say` hears each step.
 */
export async function copyToPostgres(dataDir: string, url: string, say: (line: string) => void = () => {}): Promise<CopyReport> {
  if (!existsSync(path.join(dataDir, SQLITE_FILE)))
    throw new CopyError(`${path.join(dataDir, SQLITE_FILE)} does not exist: name the data folder to copy`);
  const source = await openDatabase({ dataDir });
  const target = await openDatabase({ dataDir, databaseUrl: url });
  try {
    await migrateToLatest(source.db);
    await migrateToLatest(target.db);
    const tables = await sqliteTableNames(source.db);
    const unknown = tables.filter((t) => !NOT_COPIED.has(t) && !(COPIED_TABLES as readonly string[]).includes(t));
    if (unknown.length > 0) throw new CopyError(`copy-to-postgres does not know the tables ${unknown.join(', ')}`);
    for (const t of [...COPIED_TABLES, 'evidence_blobs']) {
      if ((await rowCount(target.db, t)) > 0)
        throw new CopyError(`The PostgreSQL database is not empty (table ${t} has rows): copy only into an empty one.`);
    }
    return await source.db.transaction().execute(async (from) =>
      target.db.transaction().execute(async (to) => {
        const report: CopyReport = { tables: [], evidence: { copied: 0, bytes: 0, missing: [], damaged: [] } };
        for (const table of COPIED_TABLES) {
          const rows = await copyTable(from, to, table);
          report.tables.push({ name: table, rows });
          say(`  ${table}: ${rows}`);
        }
        await continueAuditIds(to); // its ids were copied as they were
        await copyEvidence(from, to, path.join(dataDir, 'evidence'), report, say);
        for (const table of COPIED_TABLES) await checkSame(from, to, table);
        return report;
      }),
    );
  } finally {
    await source.close();
    await target.close();
  }
}

async function copyTable(from: Db, to: Db, table: string): Promise<number> {
  let columns: string[] | undefined;
  let batch: unknown[][] = [];
  let n = 0;
  const flush = async () => {
    if (columns && batch.length > 0) await insertRows(to, table, columns, batch);
    batch = [];
  };
  for await (const row of everyRow(from, table, BATCH)) {
    columns ??= Object.keys(row);
    batch.push(columns.map((c) => row[c]));
    n += 1;
    if (batch.length === BATCH) await flush();
  }
  await flush();
  return n;
}

/** The hash of a table's rows, whatever order either database returns them in: each row's canonical JSON hashed, sorted. */
async function tableHash(db: Db, table: string): Promise<{ rows: number; hash: string }> {
  const each: string[] = [];
  for await (const row of everyRow(db, table, BATCH)) each.push(createHash('sha256').update(canonicalJson(row)).digest('hex'));
  each.sort();
  return { rows: each.length, hash: createHash('sha256').update(each.join('\n')).digest('hex') };
}

async function checkSame(from: Db, to: Db, table: string): Promise<void> {
  const [a, b] = [await tableHash(from, table), await tableHash(to, table)];
  if (a.rows !== b.rows) throw new CopyError(`${table}: ${a.rows} rows in SQLite, ${b.rows} in PostgreSQL`);
  if (a.hash !== b.hash) throw new CopyError(`${table}: the rows copied differ from SQLite's`);
}

/** Every blob the rows name (evidence files and signed reports), checked by its hash as it is read, then stored. */
async function copyEvidence(from: Db, to: Db, folder: string, report: CopyReport, say: (line: string) => void): Promise<void> {
  const named = await namedBlobHashes(from);
  const local = new FolderBlobs((hash) => path.join(folder, hash.slice(0, 2), hash));
  const blobs = new DatabaseBlobs(to);
  for (const hash of named) {
    const file = path.join(folder, hash.slice(0, 2), hash);
    const found = await local.get(hash);
    if (!found) {
      report.evidence.missing.push(hash);
      continue;
    }
    if ((await sha256Of(file)) !== hash) {
      report.evidence.damaged.push(hash);
      continue;
    }
    await blobs.put({ tempPath: file, hash, size: found.size });
    const stored = await blobs.get(hash);
    if (!stored || stored.size !== found.size || (await sha256Of(stored.open())) !== hash)
      throw new CopyError(`evidence ${hash}: the copy in PostgreSQL does not match`);
    report.evidence.copied += 1;
    report.evidence.bytes += found.size;
  }
  say(`  tài liệu kiểm chứng: ${report.evidence.copied} tệp`);
}

async function sha256Of(source: string | AsyncIterable<Buffer | string>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of typeof source === 'string' ? createReadStream(source) : source) hash.update(chunk);
  return hash.digest('hex');
}
