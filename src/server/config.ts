import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  samplePassword?: string;
  /** Whether an empty database gets the sample accounts: yes for the demo, no for a production start (NODE_ENV). */
  sampleAccounts: boolean;
  https?: { cert: Buffer; key: Buffer };
  trustProxy: boolean;
  /** Public origin(s) behind a reverse proxy, e.g. https://phieu.example.gov.vn */
  allowedOrigins: string[];
  secureCookies: boolean;
  definitionsDir: string;
  clientDir: string;
  /** Worker threads that check pushed responses; by default one per spare core, at most 2 (0 = in the request thread). */
  validationWorkers: number;
  /**
   * Worker threads that read and encode CSV downloads and compute survey scores; by default one per core, at most 2
   * (0 = in the request thread).
   */
  exportWorkers: number;
  /** Where evidence files are kept (under their content hash): outside the web root. */
  evidenceDir: string;
  /** The largest evidence file accepted, in bytes. */
  evidenceMaxBytes: number;
  /** Scheduled backups (PHIEU_BACKUP_DIR): where, how often and how many to keep; none when the folder is unset. */
  backup?: { dir: string; intervalHours: number; keep: number };
  /** Writes are refused with 507 while the data folder's disk has less free space than this, in bytes. */
  minFreeBytes: number;
  /**
   * PHIEU_DATABASE_URL: a postgres:// URL runs on PostgreSQL (issue 18); unset, the embedded SQLite file in the data
   * folder.
   */
  databaseUrl?: string;
}

/** A whole number from the environment within [min, max], or the default when unset. */
function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be ${min}..${max}, got "${raw}"`);
  return value;
}

/** Settings from the environment; every one has a default that works for `npm start` on a laptop. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0..65535, got "${env.PORT}"`);
  const certFile = env.PHIEU_TLS_CERT;
  const keyFile = env.PHIEU_TLS_KEY;
  if (Boolean(certFile) !== Boolean(keyFile)) throw new Error('Set both PHIEU_TLS_CERT and PHIEU_TLS_KEY for HTTPS, or neither');
  const https = certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : undefined;
  const trustProxy = env.PHIEU_TRUST_PROXY === '1' || env.PHIEU_TRUST_PROXY === 'true';
  const allowedOrigins = (env.PHIEU_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const validationWorkers = Number(env.PHIEU_VALIDATION_WORKERS ?? Math.min(2, availableParallelism() - 1));
  if (!Number.isInteger(validationWorkers) || validationWorkers < 0 || validationWorkers > 16) {
    throw new Error(`PHIEU_VALIDATION_WORKERS must be 0..16, got "${env.PHIEU_VALIDATION_WORKERS}"`);
  }
  const exportWorkers = Number(env.PHIEU_EXPORT_WORKERS ?? Math.min(2, availableParallelism()));
  if (!Number.isInteger(exportWorkers) || exportWorkers < 0 || exportWorkers > 16) {
    throw new Error(`PHIEU_EXPORT_WORKERS must be 0..16, got "${env.PHIEU_EXPORT_WORKERS}"`);
  }
  const evidenceMaxMb = Number(env.PHIEU_EVIDENCE_MAX_MB ?? 20);
  if (!Number.isFinite(evidenceMaxMb) || evidenceMaxMb <= 0 || evidenceMaxMb > 1024)
    throw new Error(`PHIEU_EVIDENCE_MAX_MB must be 1..1024, got "${env.PHIEU_EVIDENCE_MAX_MB}"`);
  const dataDir = path.resolve(env.PHIEU_DATA_DIR ?? 'data');
  const samples = env.PHIEU_SAMPLE_ACCOUNTS;
  if (samples !== undefined && !['0', '1', 'true', 'false'].includes(samples)) {
    throw new Error(`PHIEU_SAMPLE_ACCOUNTS must be 1 or 0, got "${samples}"`);
  }
  const backupDir = env.PHIEU_BACKUP_DIR;
  const databaseUrl = databaseUrlSetting(env.PHIEU_DATABASE_URL);
  if (backupDir && databaseUrl)
    throw new Error(
      'PHIEU_BACKUP_DIR backs up the embedded SQLite file; on PostgreSQL use pg_dump or the service’s point-in-time backups (README)',
    );
  const backup = backupDir
    ? {
        dir: path.resolve(backupDir),
        intervalHours: intSetting(env, 'PHIEU_BACKUP_INTERVAL_HOURS', 24, 1, 24 * 7),
        keep: intSetting(env, 'PHIEU_BACKUP_KEEP', 7, 1, 365),
      }
    : undefined;
  return {
    host: env.HOST ?? '0.0.0.0',
    port,
    dataDir,
    samplePassword: env.PHIEU_SAMPLE_PASSWORD || undefined,
    sampleAccounts: samples === undefined ? env.NODE_ENV !== 'production' : samples === '1' || samples === 'true',
    https,
    trustProxy,
    allowedOrigins,
    secureCookies: Boolean(https) || trustProxy || allowedOrigins.some((o) => o.startsWith('https://')),
    definitionsDir: path.resolve(env.PHIEU_DEFINITIONS ?? path.join('survey-definitions', 'quang-binh-2021')),
    clientDir: path.resolve(env.PHIEU_CLIENT_DIR ?? path.join('dist', 'client')),
    validationWorkers,
    exportWorkers,
    evidenceDir: path.join(dataDir, 'evidence'),
    evidenceMaxBytes: Math.round(evidenceMaxMb * 1024 * 1024),
    backup,
    minFreeBytes: intSetting(env, 'PHIEU_MIN_FREE_MB', 512, 0, 1024 * 1024) * 1024 * 1024,
    databaseUrl,
  };
}

/** PHIEU_DATABASE_URL: unset or empty is SQLite; anything else must be a postgres:// (or postgresql://) URL. */
export function databaseUrlSetting(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^postgres(ql)?:\/\//.test(raw.trim()))
    throw new Error('PHIEU_DATABASE_URL must be a postgres:// URL (unset for the embedded SQLite)');
  return raw.trim();
}
