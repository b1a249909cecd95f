// Shared by the backup tests: devices that push responses side by side as long as they are told to, evidence files
// uploaded through the API, and what a restored data folder holds, read from its files.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { recordBackup, setBackupSettings } from '../../src/server/services/backup/status';
import type { TakenBackup } from '../../src/server/services/backup/take-backup';
import { citizenResponse, type Harness } from './harness-core';
import { docx, pdf, png, upload } from './evidence-files';

export const tempDir = (prefix: string): string => mkdtempSync(path.join(tmpdir(), prefix));

export interface Device {
  cookie: string;
  surveyorId: string;
}

/** `count` surveyors of Sở Tư pháp × citizens (usernames `prefix`-0, -1…), each signed in on its own device. */
export async function devices(h: Harness, count: number, prefix = 'dtv'): Promise<Device[]> {
  const out: Device[] = [];
  for (let i = 0; i < count; i += 1) {
    const username = `${prefix}-${i}`;
    const surveyorId = await h.account(username, 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
    out.push({ surveyorId, cookie: await h.login(username) });
  }
  return out;
}

/** Pushes `size` new responses from a device; resolves with their ids once the server has acknowledged them all. */
export async function push(h: Harness, device: Device, size: number): Promise<string[]> {
  const responses = Array.from({ length: size }, () => citizenResponse(device.surveyorId, { deviceId: `dev-${device.surveyorId}` }));
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/sync/responses',
    headers: { cookie: device.cookie },
    payload: { responses },
  });
  if (res.statusCode !== 200) throw new Error(`push: ${res.statusCode} ${res.body}`);
  const results = (res.json() as { results: { id: string; status: string }[] }).results;
  if (!results.every((r) => r.status === 'accepted')) throw new Error(`push: not all accepted: ${res.body}`);
  return responses.map((r) => r.id);
}

/** Every device pushes batch after batch until `stop()`; each acknowledged id is kept with the time of its answer. */
export function keepPushing(h: Harness, all: Device[], batch: number) {
  const acked: { id: string; at: number }[] = [];
  const waits: number[] = [];
  let stopped = false;
  const loops = all.map(async (d) => {
    while (!stopped) {
      const sent = performance.now();
      const ids = await push(h, d, batch);
      const at = performance.now();
      waits.push(at - sent);
      for (const id of ids) acked.push({ id, at });
    }
  });
  return {
    acked,
    waits,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/** Uploads a few evidence files to Sở Tư pháp's library as its coordinator; returns their SHA-256 hashes. */
export async function uploadEvidence(h: Harness): Promise<string[]> {
  await h.account('dm-backup', 'coordinator', { unitId: 'so-tu-phap' });
  const cookie = await h.login('dm-backup');
  const files = [
    { name: 'Kế hoạch.pdf', bytes: pdf('Ke hoach sao luu') },
    { name: 'Báo cáo.docx', bytes: docx() },
    { name: 'Ảnh.png', bytes: png() },
  ];
  const res = await upload(h, cookie, files);
  if (res.statusCode !== 200) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return files.map((f) => createHash('sha256').update(f.bytes).digest('hex')).sort();
}

/** A data folder's database, read directly: its response ids, integrity check and the evidence hashes it names. */
export function readDataFolder(dataDir: string) {
  const db = new Database(path.join(dataDir, 'phieu.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return {
      responses: new Set(db.prepare('select id from responses').pluck().all() as string[]),
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      evidence: (db.prepare('select hash from evidence_files union select hash from sa_signed_reports').pluck().all() as string[]).sort(),
    };
  } finally {
    db.close();
  }
}

/** The evidence files under a data folder, each with the SHA-256 of its bytes and the name it is stored under. */
export function evidenceOnDisk(dataDir: string): { name: string; sha256: string }[] {
  const root = path.join(dataDir, 'evidence');
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => ({
      name: e.name,
      sha256: createHash('sha256')
        .update(readFileSync(path.join(e.parentPath, e.name)))
        .digest('hex'),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Makes the app know of backups as main.ts would (its data folder, its schedule) with one recorded backup finished at
 * `finishedAt` holding `responses` responses, or none; for the screens' tests. Returns the folder to remove.
 */
export async function knownBackups(
  app: Harness['app'],
  opts: { intervalHours?: number; last?: { finishedAt: string; responses: number } },
): Promise<string> {
  const dataDir = tempDir('phieu-known-backups-');
  const schedule = opts.intervalHours ? { dir: path.join(dataDir, 'backups'), intervalHours: opts.intervalHours, keep: 7 } : undefined;
  setBackupSettings(app, { dataDir, schedule });
  if (opts.last) {
    const { finishedAt, responses } = opts.last;
    const taken: TakenBackup = {
      name: 'phieu-test',
      folder: path.join(dataDir, 'backups', 'phieu-test'),
      startedAt: finishedAt,
      finishedAt,
      durationMs: 0,
      tables: { responses },
      responses,
      evidenceFiles: 0,
      bytes: 1024,
      evidenceUnavailable: [],
    };
    await recordBackup(dataDir, taken, 'scheduled');
  }
  return dataDir;
}
