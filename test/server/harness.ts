// The server tests' harness: harness-core.ts's server, and a database of its own for every test (harnessPerTest).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { openSqlite } from '../../src/server/db/database';
import type { Campaign } from '../../src/shared';
import { loadBundle, referenceCampaignDir } from '../fixtures/campaigns';
import { DB_FILE, serve, startHarness, type Harness, type HarnessOptions } from './harness-core';

export * from './harness-core';

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
  let template: { dir: string; campaign: Campaign } | undefined;
  let current: Harness | undefined;
  beforeAll(async () => {
    const h = await startHarness(opts);
    await setup(h);
    const { campaign } = await loadBundle(opts.campaignDir ?? referenceCampaignDir);
    await h.app.close();
    await h.handle.close(); // the last connection checkpoints the WAL into the file
    template = { dir: h.dir, campaign };
  });
  beforeEach(async () => {
    if (!template) throw new Error('harnessPerTest: the template was not built');
    const dir = mkdtempSync(path.join(tmpdir(), 'phieu-test-'));
    cpSync(template.dir, dir, { recursive: true });
    current = await serve(dir, openSqlite(path.join(dir, DB_FILE)), template.campaign, opts);
    use(current);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  afterAll(() => {
    if (template) rmSync(template.dir, { recursive: true, force: true });
  });
}
