// What a request may have written: every table's content and the evidence folder's listing. A refused request must
// leave both exactly as they were.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../../src/server/db/database';
import { isPostgres } from '../../../src/server/db/dialect';
import { columnNames, tableNames } from '../db/catalogue';

/**
 * Columns a request may legitimately write without being a state change:
 * - sessions.last_seen_at / expires_at: the sliding expiry that any signed-in request moves (resolveSession, at most
 *   every 5 minutes per session);
 * Extra per-operation allowances are given by the caller.
 */
export const BOOKKEEPING = ['sessions.last_seen_at', 'sessions.expires_at'] as const;

/**
 * Tables a refused request may write: on PostgreSQL the sign-in throttle counts every attempt per address in
 * rate_limits (issue 18), as SQLite's server counts it in memory.
 */
export const BOOKKEEPING_TABLES = ['rate_limits'] as const;

export interface Fingerprint {
  /** Table name → hash of its rows (excluded columns left out). */
  tables: Record<string, string>;
  /** Evidence folder: relative path → size. */
  files: Record<string, number>;
}

interface TableInfo {
  name: string;
  columns: string[];
}

/**
 * Fingerprints of one database. The full hash is only recomputed when SQLite's total_changes() of the app's
 * connection has moved (every insert, update and delete on it counts, rolled back or not), so an unchanged
 * database costs one query; the app has this one writable connection, so nothing can change behind it.
 */
export class DbFingerprinter {
  private tables: TableInfo[] | undefined;
  private cached: { changes: string; exclude: string; tables: Record<string, string> } | undefined;

  constructor(
    private readonly db: Db,
    private readonly evidenceDir: string,
  ) {}

  private async tableInfo(): Promise<TableInfo[]> {
    if (this.tables) return this.tables;
    const out: TableInfo[] = [];
    for (const name of await tableNames(this.db)) {
      if (!(BOOKKEEPING_TABLES as readonly string[]).includes(name)) out.push({ name, columns: await columnNames(this.db, name) });
    }
    this.tables = out;
    return out;
  }

  /**
   * What moves whenever the content may have: SQLite's count of changes on the app's connection; PostgreSQL's current
   * snapshot (the transactions it sees committed), which the same content always shares. Another database of the
   * cluster moves it too: the tables are then hashed again, for nothing but no harm.
   */
  private async changes(): Promise<string> {
    if (isPostgres(this.db)) return (await sql<{ s: string }>`select pg_current_snapshot()::text as s`.execute(this.db)).rows[0]?.s ?? '';
    const r = await sql<{ n: number }>`select total_changes() as n`.execute(this.db);
    return String(r.rows[0]?.n ?? -1);
  }

  /** `exclude`: extra "table.column" entries to leave out (on top of BOOKKEEPING). */
  async take(exclude: readonly string[] = []): Promise<Fingerprint> {
    const skip = new Set<string>([...BOOKKEEPING, ...exclude]);
    const key = [...skip].sort().join(',');
    const changes = await this.changes();
    if (!this.cached || this.cached.changes !== changes || this.cached.exclude !== key) {
      if (isPostgres(this.db)) {
        this.cached = { changes, exclude: key, tables: await this.hashedByPostgres(skip) };
        return { tables: this.cached.tables, files: listFiles(this.evidenceDir) };
      }
      const tables: Record<string, string> = {};
      for (const t of await this.tableInfo()) {
        const cols = t.columns.filter((c) => !skip.has(`${t.name}.${c}`));
        // Rows are hashed in a fixed order (every kept column), so the same content gives the same hash.
        const list = cols.map((c) => `"${c}"`).join(', ');
        const rows = await sql<
          Record<string, unknown>
        >`select ${sql.raw(list)} from ${sql.table(t.name)} order by ${sql.raw(list)}`.execute(this.db);
        const hash = createHash('sha1');
        for (const row of rows.rows) hash.update(JSON.stringify(cols.map((c) => toJson(row[c])))).update('\n');
        tables[t.name] = `${rows.rows.length}:${hash.digest('hex').slice(0, 16)}`;
      }
      this.cached = { changes, exclude: key, tables };
    }
    return { tables: this.cached.tables, files: listFiles(this.evidenceDir) };
  }

  /** Every table's row count and a hash of its rows (kept columns, as text), in one round trip. */
  private async hashedByPostgres(skip: ReadonlySet<string>): Promise<Record<string, string>> {
    const parts = (await this.tableInfo()).map((t) => {
      const cols = t.columns.filter((c) => !skip.has(`${t.name}.${c}`)).map((c) => sql.ref(c));
      const row = sql`row(${sql.join(cols)})::text`;
      // Order-free (no sort): the sum of each row's hash, as two 60-bit halves, and the row count.
      const half = (from: number) => sql`coalesce(sum(('x' || substr(md5(${row}), ${from}, 15))::bit(60)::bigint), 0)::text`;
      return sql`select ${t.name}::text as name, count(*)::int as n, ${half(1)} || ':' || ${half(16)} as h from ${sql.table(t.name)}`;
    });
    const rows = await sql<{ name: string; n: number; h: string }>`${sql.join(parts, sql` union all `)}`.execute(this.db);
    return Object.fromEntries(rows.rows.map((r) => [r.name, `${r.n}:${r.h}`]));
  }
}

const toJson = (v: unknown): unknown => (Buffer.isBuffer(v) ? `buffer:${v.toString('base64')}` : typeof v === 'bigint' ? `bigint:${v}` : v);

/** Every file under `dir` (recursively) with its size; an absent folder is empty. */
export function listFiles(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = statSync(full, { throwIfNoEntry: false })?.size ?? -1;
    }
  };
  walk(dir);
  return out;
}

/** The tables and files that differ between two fingerprints (empty: nothing written). */
export function differences(before: Fingerprint, after: Fingerprint): string[] {
  const out: string[] = [];
  for (const t of new Set([...Object.keys(before.tables), ...Object.keys(after.tables)])) {
    if (before.tables[t] !== after.tables[t]) out.push(`table ${t}: ${before.tables[t] ?? '∅'} → ${after.tables[t] ?? '∅'}`);
  }
  for (const f of new Set([...Object.keys(before.files), ...Object.keys(after.files)])) {
    if (before.files[f] !== after.files[f]) out.push(`file ${f}: ${before.files[f] ?? '∅'} → ${after.files[f] ?? '∅'}`);
  }
  return out;
}
