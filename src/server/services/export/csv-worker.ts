import { parentPort } from 'node:worker_threads';
import { openRangeReader } from '../../db/export-ranges';
import { csvBatch } from './csv';
import type { CsvRangeJob } from './csv-workers';
import { responseCells } from './rows';

/**
 * A CSV worker (csv-workers.ts): reads one range of a download's responses on its own read-only connection and
 * encodes it as CSV records. The bytes go back transferred, not copied. One connection per database file, kept for
 * the next range.
 */
export type ToCsvWorker = CsvRangeJob & { job: number };
export type FromCsvWorker = { loaded: true } | { job: number; ok: true; bytes: Uint8Array } | { job: number; ok: false; error: string };

const readers = new Map<string, ReturnType<typeof openRangeReader>>();

parentPort?.on('message', (m: ToCsvWorker) => {
  let reply: FromCsvWorker;
  const transfer: ArrayBuffer[] = [];
  try {
    let reader = readers.get(m.file);
    if (!reader) {
      reader = openRangeReader(m.file);
      readers.set(m.file, reader);
    }
    const bytes = csvBatch(reader.read(m.query), (row) => responseCells(row, m.columns, m.ctx), m.plain, m.rows);
    reply = { job: m.job, ok: true, bytes };
    transfer.push(bytes.buffer as ArrayBuffer);
  } catch (error) {
    reply = { job: m.job, ok: false, error: String(error) };
  }
  parentPort?.postMessage(reply, transfer);
});

parentPort?.postMessage({ loaded: true } satisfies FromCsvWorker);
