import { parentPort } from 'node:worker_threads';
import type { ScorableRow } from '../../db/export';
import { openRangeReader } from '../../db/export-ranges';
import { csvBatch } from './csv';
import type { CsvRangeJob, ScoresJob, WorkerScores } from './export-workers';
import { responseCells } from './rows';

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

parentPort?.on('message', (m: ToExportWorker) => {
  void (async () => {
    let reply: FromExportWorker;
    const transfer: ArrayBuffer[] = [];
    try {
      if (m.kind === 'scores') {
        reply = { job: m.job, ok: true, kind: 'scores', scores: await scores(m) };
      } else {
        const bytes = csvBatch(readerOf(m.file).read(m.query), (row) => responseCells(row, m.columns, m.ctx), m.plain, m.rows);
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
