import { Readable, finished, type PassThrough } from 'node:stream';
import { defaultCampaignSettings, type CampaignIndex } from '../../../shared';
import { accountNames, openExportReader, type ExportReader } from '../../db/export';
import { duplicateSerials } from '../../db/review';
import { flagRulesOf } from '../review-flags';
import type { Deps } from '../../http/deps';
import { CODEBOOK_HEADER, codebookRows } from './codebook';
import { csvChunks } from './csv';
import { rangedCsvChunks } from './export-workers';
import type { QuestionnairePlan, ResponsesExportPlan } from './plan';
import { headerOf, plainCells, responseCells, type Cell, type RowContext } from './rows';
import { addTableSheet, streamWorkbook, writeBulkRows, type WorkbookWriter } from './xlsx';

export async function rowContext(
  deps: Pick<Deps, 'db' | 'registry'>,
  index: CampaignIndex,
  labels: 'codes' | 'labels',
): Promise<RowContext> {
  const campaignId = index.bundle.campaign.id;
  return {
    units: new Map(index.bundle.campaign.units.map((u) => [u.id, { name: u.name, level: u.level }])),
    groups: new Map(index.bundle.campaign.respondentGroups.map((g) => [g.id, g.name])),
    flagRules: flagRulesOf(index, deps.registry.settings(campaignId) ?? defaultCampaignSettings()),
    duplicates: await duplicateSerials(deps.db, campaignId),
    names: await accountNames(deps.db),
    labels,
  };
}

/**
 * The responses of one questionnaire as CSV: UTF-8 with a BOM (so Excel shows Vietnamese), CRLF, RFC 4180 quoting.
 * With export workers and a database they can open themselves (SQLite's file, or PostgreSQL's URL), the rows are cut
 * into ranges in arrival order, which the workers read and encode beside each other while this thread writes them out
 * in order; otherwise they are read and encoded here a batch at a time. Either way they are pulled at the client's
 * pace: Readable.from asks for the next chunk only when the reply has taken the last.
 */
export async function responsesCsv(
  deps: Pick<Deps, 'db' | 'registry' | 'exportWorkers' | 'databaseUrl'>,
  index: CampaignIndex,
  plan: ResponsesExportPlan,
): Promise<Readable> {
  const questionnaire = plan.questionnaires[0] as QuestionnairePlan;
  const ctx = await rowContext(deps, index, plan.labels);
  const reader = await openExportReader(deps.db, { databaseUrl: deps.databaseUrl });
  const filter = { ...plan.filter, questionnaireId: questionnaire.id };
  const header = headerOf(questionnaire);
  const plain = plainCells(questionnaire, plan.labels);
  const { exportWorkers } = deps;
  const { file, databaseUrl } = reader;
  const chunks =
    exportWorkers && (file || databaseUrl)
      ? rangedCsvChunks(
          header,
          reader.rangeEnds(filter, exportWorkers.rowsPerRange),
          (from, to) =>
            exportWorkers.encode({
              file,
              databaseUrl,
              query: reader.rangeQuery(filter, from, to),
              columns: questionnaire.columns,
              ctx,
              plain,
              rows: exportWorkers.rowsPerRange,
            }),
          2 * exportWorkers.size,
        )
      : csvChunks(header, reader.responses(filter), (row) => responseCells(row, questionnaire.columns, ctx), { plain });
  // One chunk waits in the stream at most (a range is a megabyte); the socket's own buffer is the rest.
  const csv = Readable.from(chunks, { highWaterMark: 1 });
  // A client that goes away destroys the stream, which ends the generators and so closes the cursor.
  finished(csv, () => void reader.close());
  return csv;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (name: string): string => name.replace(/[:\\/?*[\]]/g, '-').slice(0, 31);

/**
 * The responses as XLSX through exceljs's streaming writer: one data sheet per questionnaire (header committed by
 * exceljs, rows written in bulk as they are read, at the pace the zip and the client take them: xlsx.ts), then the
 * codebook and a sheet saying what was exported.
 */
export async function responsesXlsx(
  deps: Deps,
  index: CampaignIndex,
  plan: ResponsesExportPlan,
  describe: [string, string][],
): Promise<Readable> {
  const ctx = await rowContext(deps, index, plan.labels);
  const reader = await openExportReader(deps.db);
  return streamWorkbook((workbook, out) => writeResponsesXlsx(workbook, out, reader, index, plan, ctx, describe), {
    done: () => reader.close(),
  });
}

async function writeResponsesXlsx(
  workbook: WorkbookWriter,
  out: PassThrough,
  reader: ExportReader,
  index: CampaignIndex,
  plan: ResponsesExportPlan,
  ctx: RowContext,
  describe: [string, string][],
): Promise<void> {
  const counts: [string, number][] = [];
  for (const questionnaire of plan.questionnaires) {
    const sheet = workbook.addWorksheet(sheetName(questionnaire.id), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(headerOf(questionnaire)).commit();
    const rows = reader.responses({ ...plan.filter, questionnaireId: questionnaire.id });
    const n = await writeBulkRows(sheet, out, rows, (row) => responseCells(row, questionnaire.columns, ctx), {
      plain: plainCells(questionnaire, plan.labels),
    });
    if (out.destroyed) return; // the client went away; leaving the loop closed the cursor
    sheet.commit();
    counts.push([questionnaire.id, n]);
  }
  addTableSheet(workbook, 'Codebook', CODEBOOK_HEADER, codebookRows(index, plan.questionnaires));
  const { campaign } = index.bundle;
  const info: Cell[][] = [
    ['Kỳ đánh giá', `${campaign.name} (${campaign.id})`],
    ...describe,
    ...counts.map(([id, n]): Cell[] => [`Số phiếu ${id}`, n]),
  ];
  addTableSheet(workbook, 'Thông tin', ['Mục', 'Giá trị'], info);
}
