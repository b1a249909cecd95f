import { parentPort } from 'node:worker_threads';
import type { ExportResponseRow, ScorableRow } from '../../db/export';
import { openRangeReader } from '../../db/export-ranges';
import type { openPostgresRangeReader } from '../../db/export-ranges-pg';
import { csvBatch } from './csv';
import type { CsvRangeJob, ScoresJob, WorkerScores } from './export-workers';
import { responseCells, type Cell } from './rows';

/**
 * An export worker (export-workers.ts), on read-only connections of its own (one per database file, kept for the
 * next job):
 * - `csv`: reads one range of a download's responses and encodes it as CSV records; the bytes go back transferred,
 *   not copied;
 * - `scores`: runs the shared scoring engine over the included responses. The engine and the campaign schemas are
 *   loaded at the first such job, so a server whose scores nobody asks for does not carry them in every worker.
 */
export type ToExportWorker = ({ kind: 'csv' } & CsvRangeJob & { job: number }) | ({ kind: 'scores' } & ScoresJob & { job: number });
export type FromExportWorker =
  | { loaded: true }
  | { job: number; ok: true; kind: 'csv'; bytes: Uint8Array }
  | { job: number; ok: true; kind: 'scores'; scores: WorkerScores }
  | { job: number; ok: false; error: string };

const readers = new Map<string, ReturnType<typeof openRangeReader>>();
function readerOf(file: string): ReturnType<typeof openRangeReader> {
  let reader = readers.get(file);
  if (!reader) {
    reader = openRangeReader(file);
    readers.set(file, reader);
  }
  return reader;
}

async function scores(m: ScoresJob): Promise<WorkerScores> {
  const [{ indexCampaign }, { scoreRows }] = await Promise.all([import('../../../shared'), import('./score-rows')]);
  return scoreRows(indexCampaign(m.bundle), readerOf(m.file).read<ScorableRow>(m.query));
}

type PostgresRangeReader = ReturnType<typeof openPostgresRangeReader>;
const postgresReaders = new Map<string, Promise<PostgresRangeReader>>();

/** A range read from PostgreSQL (issue 18) and encoded a cursor read at a time; pg is loaded at the first such job. */
async function postgresCsv(url: string, m: CsvRangeJob, toCells: (row: ExportResponseRow) => Cell[]): Promise<Uint8Array> {
  let reader = postgresReaders.get(url);
  if (!reader) {
    reader = import('../../db/export-ranges-pg').then((x) => x.openPostgresRangeReader(url));
    postgresReaders.set(url, reader);
  }
  const parts: Buffer[] = [];
  let length = 0;
  for await (const rows of (await reader).read<ExportResponseRow>(m.query)) {
    const part = csvBatch(rows, toCells, m.plain, rows.length);
    parts.push(part);
    length += part.length;
  }
  // A buffer of its own (never Node's shared pool), since its memory is transferred to the request thread.
  const bytes = Buffer.allocUnsafeSlow(length);
  let at = 0;
  for (const part of parts) at += part.copy(bytes, at);
  return bytes;
}

parentPort?.on('message', (m: ToExportWorker) => {
  void (async () => {
    let reply: FromExportWorker;
    const transfer: ArrayBuffer[] = [];
    try {
      if (m.kind === 'scores') {
        reply = { job: m.job, ok: true, kind: 'scores', scores: await scores(m) };
      } else {
        const toCells = (row: ExportResponseRow) => responseCells(row, m.columns, m.ctx);
        const bytes = m.databaseUrl
          ? await postgresCsv(m.databaseUrl, m, toCells)
          : csvBatch(readerOf(m.file ?? '').read(m.query), toCells, m.plain, m.rows);
        reply = { job: m.job, ok: true, kind: 'csv', bytes };
        transfer.push(bytes.buffer as ArrayBuffer);
      }
    } catch (error) {
      reply = { job: m.job, ok: false, error: String(error) };
    }
    parentPort?.postMessage(reply, transfer);
  })();
});

parentPort?.postMessage({ loaded: true } satisfies FromExportWorker);
