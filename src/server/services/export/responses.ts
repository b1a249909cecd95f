import { Readable, finished, type PassThrough } from 'node:stream';
import { defaultCampaignSettings, type CampaignIndex } from '../../../shared';
import { accountNames, openExportReader, type ExportReader } from '../../db/export';
import { duplicateSerials } from '../../db/review';
import type { Deps } from '../../http/deps';
import { CODEBOOK_HEADER, codebookRows } from './codebook';
import { csvChunks } from './csv';
import type { QuestionnairePlan, ResponsesExportPlan } from './plan';
import { headerOf, plainCells, responseCells, type Cell, type RowContext } from './rows';
import { addTableSheet, streamWorkbook, writeBulkRows, type WorkbookWriter } from './xlsx';

/** Rows written between two turns of the event loop: other requests and the zip's deflate get their share. */
const ROWS_PER_TURN = 256;

export async function rowContext(deps: Deps, index: CampaignIndex, labels: 'codes' | 'labels'): Promise<RowContext> {
  const campaignId = index.bundle.campaign.id;
  return {
    index,
    settings: deps.registry.settings(campaignId) ?? defaultCampaignSettings(),
    duplicates: await duplicateSerials(deps.db, campaignId),
    names: await accountNames(deps.db),
    labels,
  };
}

/**
 * The responses of one questionnaire as CSV: UTF-8 with a BOM (so Excel shows Vietnamese), CRLF, RFC 4180 quoting.
 * Rows are read from the export connection one at a time and pulled at the client's pace (Readable.from reads the
 * generator only when the reply asks for more).
 */
export async function responsesCsv(deps: Deps, index: CampaignIndex, plan: ResponsesExportPlan): Promise<Readable> {
  const questionnaire = plan.questionnaires[0] as QuestionnairePlan;
  const ctx = await rowContext(deps, index, plan.labels);
  const reader = await openExportReader(deps.db);
  const rows = reader.responses({ ...plan.filter, questionnaireId: questionnaire.id });
  const csv = Readable.from(csvChunks(headerOf(questionnaire), rows, (row) => responseCells(row, questionnaire, ctx), { plain: plainCells(questionnaire, plan.labels), perChunk: ROWS_PER_TURN }));
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
export async function responsesXlsx(deps: Deps, index: CampaignIndex, plan: ResponsesExportPlan, describe: [string, string][]): Promise<Readable> {
  const ctx = await rowContext(deps, index, plan.labels);
  const reader = await openExportReader(deps.db);
  return streamWorkbook((workbook, out) => writeResponsesXlsx(workbook, out, reader, index, plan, ctx, describe), { done: () => reader.close() });
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
    const n = await writeBulkRows(sheet, out, rows, (row) => responseCells(row, questionnaire, ctx), { plain: plainCells(questionnaire, plan.labels), perTurn: ROWS_PER_TURN });
    if (out.destroyed) return; // the client went away; leaving the loop closed the cursor
    sheet.commit();
    counts.push([questionnaire.id, n]);
  }
  addTableSheet(workbook, 'Codebook', CODEBOOK_HEADER, codebookRows(index, plan.questionnaires));
  const { campaign } = index.bundle;
  const info: Cell[][] = [['Kỳ đánh giá', `${campaign.name} (${campaign.id})`], ...describe, ...counts.map(([id, n]): Cell[] => [`Số phiếu ${id}`, n])];
  addTableSheet(workbook, 'Thông tin', ['Mục', 'Giá trị'], info);
}
