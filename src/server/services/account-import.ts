import { randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import {
  cellKey,
  checkAccountSheet,
  dataRows,
  findHeader,
  headerField,
  MAX_SHEET_ROWS,
  problem,
  quotaTarget,
  sheetUsernames,
  type AccountImportReport,
  type CampaignIndex,
  type ImportIssue,
  type SheetIssue,
  type Catalogue,
  said,
  sheetSaidText,
  problemTextVi,
  type SheetAccount,
  type SheetLayout,
  type SheetRow,
  type SheetScope,
} from '../../shared';
import { existingUsernames, insertAccount } from '../db/accounts';
import { assignmentsOfUnits, upsertAssignment } from '../db/assignments';
import { appendAudit } from '../db/audit';
import { putCouncilMember } from '../db/council';
import { inTransaction } from '../db/transaction';
import { problemError } from '../http/errors';
import type { Deps } from '../http/deps';
import { isUniqueViolation } from '../db/errors';
import { requireCampaign } from './admin-accounts';
import { generatePassword, hashPassword } from './crypto';

/** A sheet of accounts is small: 500 rows of text fit in well under 100 KB. */
export const MAX_SHEET_BYTES = 2 * 1024 * 1024;
/** What an XLSX may unpack to: far above a real 500-row sheet, far below what would hurt the server. */
const MAX_XLSX_UNPACKED = 40 * 1024 * 1024;
const MAX_XLSX_ENTRIES = 2000;

export type SheetFormat = 'csv' | 'xlsx';

/**
 * The kind of a sheet, decided by its bytes, never by its name or declared type: an XLSX is a zip holding
 * xl/workbook.xml; a CSV is UTF-8 text (with or without a byte-order mark) without control characters.
 */
export function sniffSheet(buf: Buffer): { format: 'xlsx' } | { format: 'csv'; text: string } {
  if (buf.length === 0) throw problemError(problem('account-import.empty-file'));
  if (buf.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    checkZip(buf);
    return { format: 'xlsx' };
  }
  if (buf.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw problemError(problem('account-import.xls'));
  }
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw problemError(problem('account-import.utf16'));
  }
  const body = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw problemError(problem('account-import.not-a-sheet'));
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) throw problemError(problem('account-import.not-a-sheet'));
  return { format: 'csv', text };
}

/**
 * Reads the zip's central directory without unpacking anything: an XLSX must hold xl/workbook.xml, and what it
 * declares unpacked must stay small (a zip bomb is refused before it is opened).
 */
function checkZip(buf: Buffer): void {
  const corrupt = () => problemError(problem('account-import.xlsx-corrupt'));
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i -= 1) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt();
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  if (entries > MAX_XLSX_ENTRIES) throw problemError(problem('account-import.xlsx-too-many-entries'));
  let unpacked = 0;
  let workbook = false;
  for (let n = 0; n < entries; n += 1) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw corrupt();
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const skip = 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    if (p + skip > buf.length) throw corrupt();
    if (buf.toString('utf8', p + 46, p + 46 + nameLength) === 'xl/workbook.xml') workbook = true;
    unpacked += size;
    p += skip;
  }
  if (!workbook) throw problemError(problem('account-import.zip-not-xlsx'));
  if (unpacked > MAX_XLSX_UNPACKED) throw problemError(problem('account-import.xlsx-too-large-unpacked'));
}

/** The separator Excel used: a comma, or a semicolon / tab in regional settings that write decimals with commas. */
function csvDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const count = (ch: string) => firstLine.split(ch).length - 1;
  return [',', ';', '\t'].reduce((best, ch) => (count(ch) > count(best) ? ch : best), ',');
}

export function readCsv(text: string): SheetRow[] {
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter: csvDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
      max_record_size: 64 * 1024,
    }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw problemError(line ? problem('account-import.invalid-csv-line', { line }) : problem('account-import.invalid-csv'));
  }
  return records.map((cells, i) => ({ row: i + 1, cells }));
}

export async function readXlsx(buf: Buffer): Promise<SheetRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw problemError(problem('account-import.xlsx-unreadable'));
  }
  const sheet = wb.worksheets.find((ws) => ws.state !== 'hidden' && ws.actualRowCount > 0);
  if (!sheet) return [];
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let col = 1; col <= row.cellCount; col += 1) cells.push(row.getCell(col).text ?? '');
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** Columns whose header names nothing the import reads: said in the report, then ignored. */
function ignoredColumns(rows: SheetRow[], layout: SheetLayout): SheetIssue[] {
  const header = rows.find((r) => r.row === layout.headerRow);
  return (header?.cells ?? [])
    .map((c) => c.trim())
    .filter((c) => c !== '' && headerField(c) === undefined)
    .map((c) => ({ row: layout.headerRow, column: c, said: said('unusedColumn', { column: c }) }));
}

/** Cells whose allocations (already saved plus those of the sheet) add up to more than the target. */
async function allocationWarnings(deps: Deps, c: CampaignIndex, accounts: SheetAccount[], layout: SheetLayout): Promise<SheetIssue[]> {
  const fromSheet = accounts.flatMap((a) => a.assignments.map((x) => ({ ...x, row: a.row })));
  if (fromSheet.length === 0) return [];
  const saved = await assignmentsOfUnits(
    deps.db,
    c.bundle.campaign.id,
    fromSheet.map((x) => x.unitId),
  );
  const sum = new Map<string, number>();
  for (const a of [...saved.map((s) => ({ unitId: s.unit_id, groupId: s.group_id, allocation: s.allocation })), ...fromSheet]) {
    sum.set(cellKey(a.unitId, a.groupId), (sum.get(cellKey(a.unitId, a.groupId)) ?? 0) + (a.allocation ?? 0));
  }
  const warned = new Set<string>();
  const out: SheetIssue[] = [];
  for (const x of fromSheet) {
    const key = cellKey(x.unitId, x.groupId);
    const target = quotaTarget(c, x.unitId, x.groupId);
    const allocated = sum.get(key) ?? 0;
    if (allocated > target && !warned.has(key)) {
      warned.add(key);
      out.push({
        row: x.row,
        column: layout.columns.get('assignments')?.header ?? 'Phân công',
        said: said('overTarget', {
          unit: c.units.get(x.unitId)?.name ?? x.unitId,
          group: c.groups.get(x.groupId)?.name ?? x.groupId,
          allocated,
          target,
        }),
      });
    }
  }
  return out;
}

/** Hashes a few passwords at a time: argon2 runs off the main thread, two cores are plenty busy with two. */
async function hashAll(passwords: string[]): Promise<string[]> {
  const out: string[] = new Array(passwords.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < passwords.length; i = next++) out[i] = await hashPassword(passwords[i] as string);
  };
  await Promise.all([worker(), worker()]);
  return out;
}

/**
 * Imports accounts (and surveyors' assignments) from a sheet: every row is checked first and reported with its row
 * number and column. A dry run only reports. Otherwise it is all or nothing: one bad row and nothing is written;
 * all good and everything is written in one transaction. Generated passwords are in the answer, this once.
 */
export async function importAccounts(
  deps: Deps,
  campaignId: string,
  file: { bytes: Buffer; filename: string },
  opts: { dryRun: boolean; actorId: string },
  catalogue: Catalogue = problemTextVi,
): Promise<{ status: 200 | 422; report: AccountImportReport }> {
  const campaign = requireCampaign(deps, campaignId);
  const sniffed = sniffSheet(file.bytes);
  const rows = sniffed.format === 'csv' ? readCsv(sniffed.text) : await readXlsx(file.bytes);
  const base = { format: sniffed.format, dryRun: opts.dryRun, committed: false };
  const words = (issues: SheetIssue[]): ImportIssue[] =>
    issues.map((i) => ({ row: i.row, column: i.column, message: sheetSaidText(catalogue, i.said) }));
  const say = (key: Parameters<typeof said>[0], params?: Parameters<typeof said>[1]) => sheetSaidText(catalogue, said(key, params));
  const refuse = (errors: SheetIssue[], warnings: SheetIssue[], accounts: AccountImportReport['accounts'], count: number) => ({
    status: (opts.dryRun ? 200 : 422) as 200 | 422,
    report: {
      ...(opts.dryRun ? {} : { error: 'import-invalid' }),
      message: say(opts.dryRun ? 'refused' : 'refusedNothingCreated', { count: errors.length }),
      ...base,
      rows: count,
      errors: words(errors),
      warnings: words(warnings),
      accounts,
    },
  });

  const header = findHeader(rows);
  if (!header.layout || header.issues.length > 0) return refuse(header.issues, [], [], 0);
  const layout = header.layout;
  const data = dataRows(rows, layout);
  if (data.length === 0) return refuse([{ row: layout.headerRow, column: null, said: said('noRows') }], [], [], 0);
  if (data.length > MAX_SHEET_ROWS) {
    throw problemError(problem('account-import.too-many-rows', { rows: data.length, max: MAX_SHEET_ROWS }));
  }

  const taken = await existingUsernames(deps.db, sheetUsernames(rows, layout));
  const { accounts, errors } = checkAccountSheet(rows, layout, campaign, taken);
  const warnings = [
    ...ignoredColumns(rows, layout),
    ...(await allocationWarnings(
      deps,
      campaign,
      accounts.filter((a) => a.valid),
      layout,
    )),
  ];
  const listed = (passwords?: Map<number, string>) =>
    accounts.map((a) => ({
      row: a.row,
      username: a.username,
      displayName: a.displayName,
      role: a.role,
      unitId: a.unitId,
      assignments: a.assignments,
      valid: a.valid,
      passwordGenerated: a.password === null,
      password: passwords?.get(a.row) ?? null,
    }));
  if (errors.length > 0) return refuse(errors, warnings, listed(), data.length);

  if (opts.dryRun) {
    return {
      status: 200,
      report: {
        message: say('dryRunValid', { count: accounts.length }),
        ...base,
        rows: data.length,
        errors: [],
        warnings: words(warnings),
        accounts: listed(),
      },
    };
  }

  const generated = new Map<number, string>();
  for (const a of accounts) if (a.password === null) generated.set(a.row, generatePassword());
  const hashes = await hashAll(accounts.map((a) => a.password ?? (generated.get(a.row) as string)));
  const at = deps.now().toISOString();
  try {
    await inTransaction(deps.db, async (trx) => {
      const raced = await existingUsernames(
        trx,
        accounts.map((a) => a.username),
      );
      if (raced.size > 0) throw problemError(problem('account-import.usernames-raced', { usernames: [...raced].join(', ') }));
      for (const [i, a] of accounts.entries()) {
        const id = randomUUID();
        await insertAccount(trx, {
          id,
          username: a.username,
          display_name: a.displayName,
          role: a.role as NonNullable<SheetAccount['role']>,
          unit_id: a.unitId,
          campaign_id: campaignId,
          password_hash: hashes[i] as string,
          failed_logins: 0,
          locked_until: null,
          disabled_at: null,
          created_at: at,
        });
        for (const x of a.assignments) {
          await upsertAssignment(trx, {
            campaign_id: campaignId,
            surveyor_id: id,
            unit_id: x.unitId,
            group_id: x.groupId,
            allocation: x.allocation,
            created_at: at,
          });
        }
        if (a.council)
          await putCouncilMember(
            trx,
            { campaign_id: campaignId, account_id: id, position: a.council.position, organisation: a.council.organisation, updated_at: at },
            scopeRows(campaign, a.council.scopes),
          );
        await appendAudit(trx, {
          at,
          actorId: opts.actorId,
          action: 'account.create',
          subject: `account:${a.username}`,
          detail: {
            campaignId,
            role: a.role,
            unitId: a.unitId,
            displayName: a.displayName,
            passwordGenerated: a.password === null,
            assignments: a.assignments,
            council: a.council,
            via: 'import',
            row: a.row,
          },
        });
      }
      await appendAudit(trx, {
        at,
        actorId: opts.actorId,
        action: 'account.import',
        subject: `campaign:${campaignId}`,
        detail: {
          file: file.filename.slice(0, 200),
          format: sniffed.format,
          accounts: accounts.map((a) => a.username),
          assignments: accounts.reduce((n, a) => n + a.assignments.length, 0),
        },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw problemError(problem('account-import.username-raced'));
    throw err;
  }
  return {
    status: 200,
    report: {
      message:
        generated.size > 0
          ? say('createdWithPasswords', { count: accounts.length, generated: generated.size })
          : say('created', { count: accounts.length }),
      ...base,
      committed: true,
      rows: data.length,
      errors: [],
      warnings: words(warnings),
      accounts: listed(generated),
    },
  };
}

/** Council scopes as stored: a unit's level comes from the campaign. */
function scopeRows(campaign: CampaignIndex, scopes: SheetScope[]) {
  return scopes.map((s) =>
    s.kind === 'field'
      ? { level: s.level, scope_kind: 'field' as const, scope: s.field }
      : { level: campaign.units.get(s.unitId)?.level ?? '', scope_kind: 'unit' as const, scope: s.unitId },
  );
}
