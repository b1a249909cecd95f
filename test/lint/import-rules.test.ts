import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

/** Lints source text as if it lived at `file` and returns the ids of the rules it breaks. */
async function rulesBroken(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

// DESIGN §3: shared imports only zod and itself; client and server never import each other;
// only client/db touches Dexie; only server/db touches SQL; routes call services, never server/db (issue 16); the
// client, the office screens included, imports the src/shared module it needs, never the barrel (issue 16).
// The first lint loads the parser and resolves imports through the whole app graph: seconds on a busy machine.
describe('import rules', { timeout: 30_000 }, () => {
  it.each([
    ['src/shared/x.ts', "import { App } from '../client/app/App';\nexport const x = App;\n", 'import-x/no-restricted-paths'],
    ['src/shared/x.ts', "import fs from 'node:fs';\nexport const x = fs;\n", 'no-restricted-imports'],
    ['src/shared/x.ts', "import React from 'react';\nexport const x = React;\n", 'no-restricted-imports'],
    [
      'test/shared/x.test.ts',
      "import { readCampaignFolder } from '../../src/server/definitions/read-campaign';\nexport const x = readCampaignFolder;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'src/client/x.ts',
      "import { readCampaignFolder } from '../server/definitions/read-campaign';\nexport const x = readCampaignFolder;\n",
      'import-x/no-restricted-paths',
    ],
    ['src/server/x.ts', "import { App } from '../client/app/App';\nexport const x = App;\n", 'import-x/no-restricted-paths'],
    ['src/client/features/x.ts', "import Dexie from 'dexie';\nexport const x = Dexie;\n", 'no-restricted-imports'],
    ['src/server/routes/x.ts', "import { Kysely } from 'kysely';\nexport const x = Kysely;\n", 'no-restricted-imports'],
    ['src/server/routes/x.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n", 'no-restricted-imports'],
    ['src/server/routes/x.ts', "import Dexie from 'dexie';\nexport const x = Dexie;\n", 'no-restricted-imports'],
    ['src/server/routes/x.ts', "import { getResponse } from '../db/responses';\nexport const x = getResponse;\n", 'no-restricted-imports'],
    ['src/server/routes/x.ts', "import type { Db } from '../db/database';\nexport type X = Db;\n", 'no-restricted-imports'],
    [
      'src/server/routes/admin/x.ts',
      "import { getResponse } from '../../db/responses';\nexport const x = getResponse;\n",
      'no-restricted-imports',
    ],
    ['src/client/x.ts', "import { uuidv7 } from '../shared';\nexport const x = uuidv7;\n", 'no-restricted-imports'],
    [
      'src/client/features/fill/x.ts',
      "import { resolveVisibility } from '../../../shared';\nexport const x = resolveVisibility;\n",
      'no-restricted-imports',
    ],
    [
      'src/client/features/fill/x.ts',
      "import { resolveVisibility } from '../../../shared/index';\nexport const x = resolveVisibility;\n",
      'no-restricted-imports',
    ],
    [
      'src/client/features/fill/x.ts',
      "import { resolveVisibility } from '../../../shared/';\nexport const x = resolveVisibility;\n",
      'no-restricted-imports',
    ],
    ['src/client/sync/x.ts', "import type { PullResult } from '../../shared';\nexport type X = PullResult;\n", 'no-restricted-imports'],
    ['src/client/sync/x.ts', "export { MAX_BATCH } from '../../shared';\n", 'no-restricted-imports'],
    [
      'src/client/db/x.ts',
      "import type { RosterEntry } from '../../shared/index.ts';\nexport type X = RosterEntry;\n",
      'no-restricted-imports',
    ],
    [
      'src/client/db/x.ts',
      "import Dexie from 'dexie';\nimport { normalisePaperSerial } from '../../shared';\nexport const x = [Dexie, normalisePaperSerial];\n",
      'no-restricted-imports',
    ],
    [
      'src/client/office/x.ts',
      "import { resolveVisibility } from '../../shared';\nexport const x = resolveVisibility;\n",
      'no-restricted-imports',
    ],
    [
      'src/client/office/screens/x.ts',
      "import { resolveVisibility } from '../../../shared/index';\nexport const x = resolveVisibility;\n",
      'no-restricted-imports',
    ],
    [
      'src/client/office/queries/x.ts',
      "import type { CampaignInfo } from '../../../shared';\nexport type X = CampaignInfo;\n",
      'no-restricted-imports',
    ],
  ])('%s: refuses %j', async (file, code, rule) => {
    expect(await rulesBroken(file, code)).toContain(rule);
  });

  it.each([
    ['src/shared/x.ts', "import { z } from 'zod';\nimport { roundHalfUp } from './scoring/round';\nexport const x = [z, roundHalfUp];\n"],
    ['src/client/db/x.ts', "import Dexie from 'dexie';\nexport const x = Dexie;\n"],
    ['src/server/db/x.ts', "import { Kysely } from 'kysely';\nexport const x = Kysely;\n"],
    ['src/server/x.ts', "import { roundHalfUp } from '../shared/scoring/round';\nexport const x = roundHalfUp;\n"],
    [
      'src/server/routes/x.ts',
      "import { healthReport } from '../services/health';\nimport type { App } from '../http/deps';\nexport const x = healthReport;\nexport type X = App;\n",
    ],
    ['src/server/services/x.ts', "import { getResponse } from '../db/responses';\nexport const x = getResponse;\n"],
    [
      'src/client/features/fill/x.ts',
      "import { resolveVisibility } from '../../../shared/questionnaire/visibility';\nexport const x = resolveVisibility;\n",
    ],
    ['src/client/sync/x.ts', "import type { PullResult } from '../../shared/api/pull';\nexport type X = PullResult;\n"],
    [
      'src/client/db/x.ts',
      "import Dexie from 'dexie';\nimport { normalisePaperSerial } from '../../shared/sync/paper-serial';\nexport const x = [Dexie, normalisePaperSerial];\n",
    ],
    [
      'src/client/office/screens/x.ts',
      "import { resolveVisibility } from '../../../shared/questionnaire/visibility';\nexport const x = resolveVisibility;\n",
    ],
    ['src/server/x.ts', "import { roundHalfUp } from '../shared';\nexport const x = roundHalfUp;\n"],
  ])('%s: allows its own imports', async (file, code) => {
    expect(await rulesBroken(file, code)).toEqual([]);
  });

  it('tells a route that imports server/db to call a service', async () => {
    const [result] = await eslint.lintText("import { getResponse } from '../db/responses';\nexport const x = getResponse;\n", {
      filePath: path.join(root, 'src/server/routes/x.ts'),
    });
    expect(result?.messages.map((m) => m.message)).toEqual([expect.stringContaining('Routes call services')]);
  });

  it('tells the client, the office included, to import the shared module, not the barrel', async () => {
    const [result] = await eslint.lintText("import { uuidv7 } from '../../../shared';\nexport const x = uuidv7;\n", {
      filePath: path.join(root, 'src/client/features/roster/x.ts'),
    });
    expect(result?.messages.map((m) => m.message)).toEqual([expect.stringContaining('imports the src/shared module it needs')]);
    const [office] = await eslint.lintText("import { vietnameseDay } from '../../shared';\nexport const x = vietnameseDay;\n", {
      filePath: path.join(root, 'src/client/office/x.ts'),
    });
    expect(office?.messages.map((m) => m.message)).toEqual([expect.stringContaining('imports the src/shared module it needs')]);
  });
});
