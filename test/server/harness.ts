// The server tests' harness: harness-core.ts's server, and a database of its own for every test (harnessPerTest).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { openSqlite } from '../../src/server/db/database';
import { openPostgres } from '../../src/server/db/postgres';
import type { Campaign } from '../../src/shared';
import { loadBundle, referenceCampaignDir } from '../fixtures/campaigns';
import * as core from './harness-core';
import { createTestDatabase, DB_FILE, serve, type Harness, type HarnessOptions } from './harness-core';

export * from './harness-core';

/**
 * The cluster of the `node-pg` project (test/setup/postgres.ts), where every server test runs again on PostgreSQL
 * (issue 18); undefined in the `node` project, which runs them on SQLite.
 */
export const testPostgres = (): string | undefined => inject('phieuPostgres');

/** Which database this run of the file is on, for the few checks that read the database's own catalogue. */
export const testDatabaseKind = (): 'sqlite' | 'postgres' => (testPostgres() ? 'postgres' : 'sqlite');

/** The harness of harness-core.ts on this project's database. */
export const startHarness = (opts: HarnessOptions = {}): Promise<Harness> => core.startHarness({ postgres: testPostgres(), ...opts });

/**
 * Every test of the file owns its database. `setup` runs once, on a template harness: the accounts, sign-ins and data
 * every test starts from (the ids and cookies it keeps stay valid, since each copy holds the same rows). Before each
 * test the template's folder (database and evidence files) is copied and a server started on the copy, which `use`
 * receives; after the test it is closed and removed. Copying a file is much cheaper than hashing passwords again.
 */
export function harnessPerTest(
  use: (h: Harness) => void,
  setup: (template: Harness) => Promise<void> = async () => {},
  opts: HarnessOptions = {},
): void {
  let template: { dir: string; campaign: Campaign; postgres?: core.TestDatabase } | undefined;
  let current: Harness | undefined;
  const postgres = opts.postgres ?? testPostgres();
  beforeAll(async () => {
    const h = await core.startHarness({ ...opts, postgres });
    await setup(h);
    const { campaign } = await loadBundle(opts.campaignDir ?? referenceCampaignDir);
    await h.app.close();
    // SQLite: the last connection checkpoints the WAL into the file. PostgreSQL: CREATE DATABASE … TEMPLATE needs the
    // template to have no connection open.
    await h.handle.close();
    template = { dir: h.dir, campaign, postgres: h.postgres };
  });
  beforeEach(async () => {
    if (!template) throw new Error('harnessPerTest: the template was not built');
    const dir = mkdtempSync(path.join(tmpdir(), 'phieu-test-'));
    cpSync(template.dir, dir, { recursive: true });
    if (postgres && template.postgres) {
      const copy = await createTestDatabase(postgres, template.postgres.name);
      current = await serve(dir, openPostgres(copy.url, 4), template.campaign, opts, copy);
    } else {
      current = await serve(dir, openSqlite(path.join(dir, DB_FILE)), template.campaign, opts);
    }
    use(current);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  afterAll(async () => {
    if (!template) return;
    rmSync(template.dir, { recursive: true, force: true });
    await template.postgres?.drop();
  });
}
