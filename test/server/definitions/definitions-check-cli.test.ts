import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceCampaignDir, twoLevelFixtureDir } from '../../fixtures/campaigns';

// `npm run definitions:check [folder…]` run for real, as a child process, the way a person runs it: the script is
// `tsx src/server/cli/definitions-check.ts`, here Node with tsx's loader, the same program without npx's and tsx's
// own launcher processes in front of it (a second or so per run on this machine).

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const TIMEOUT = 30_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runCheck(...folders: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/server/cli/definitions-check.ts', ...folders],
      { cwd: root, timeout: TIMEOUT - 2_000, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}

describe('definitions:check CLI', () => {
  let brokenDir = '';
  let crossBrokenDir = '';

  beforeAll(async () => {
    brokenDir = await mkdtemp(path.join(os.tmpdir(), 'phieu-cli-broken-'));
    await cp(twoLevelFixtureDir, brokenDir, { recursive: true });
    const rel = path.join(brokenDir, 'questionnaires', 'q-ag-lanh-dao-xa.json');
    const q = JSON.parse(await readFile(rel, 'utf8')) as { sections: { questions: { choices?: { coefficient?: number }[] }[] }[] };
    const choice = q.sections[1]?.questions[0]?.choices?.[0];
    if (!choice) throw new Error('fixture changed');
    choice.coefficient = 2;
    await writeFile(rel, JSON.stringify(q, null, 2));

    crossBrokenDir = await mkdtemp(path.join(os.tmpdir(), 'phieu-cli-cross-'));
    await cp(twoLevelFixtureDir, crossBrokenDir, { recursive: true });
    const campaignFile = path.join(crossBrokenDir, 'campaign.json');
    const c = JSON.parse(await readFile(campaignFile, 'utf8')) as { quotas: { unit: string; group: string }[] };
    c.quotas = c.quotas.filter((q) => !(q.unit === 'xa-nam-gianh' && q.group === 'xa-nguoi-dan'));
    await writeFile(campaignFile, JSON.stringify(c, null, 2));
  }, TIMEOUT);

  afterAll(async () => {
    for (const d of [brokenDir, crossBrokenDir]) if (d) await rm(d, { recursive: true, force: true });
  });

  it(
    'exits 0 on the fixture and prints its summary with 162 responses',
    async () => {
      const r = await runCheck(twoLevelFixtureDir);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('✔ mau-2025');
      expect(r.stdout).toMatch(/Tổng cộng: 162 phiếu/);
      expect(r.stdout).toMatch(/Tổng cấp agency: 90\b/);
      expect(r.stdout).toMatch(/Tổng cấp commune: 72\b/);
      expect(r.stdout).toMatch(/q-xa-nguoi-dan v2 \[xa-nguoi-dan\]: 6 câu hỏi/);
      expect(r.stderr).not.toContain('✘');
    },
    TIMEOUT,
  );

  it(
    'exits 1 on a broken copy and names the file, the path and the fix',
    async () => {
      const r = await runCheck(brokenDir);
      expect(r.code).toBe(1);
      expect(r.stdout).not.toContain('✔');
      expect(r.stderr).toMatch(/✘ .*: 1 lỗi/);
      expect(r.stderr).toContain('questionnaires/q-ag-lanh-dao-xa.json › sections.1.questions.0.choices.0.coefficient');
      expect(r.stderr).toMatch(/^\s+→ \S.*$/m);
    },
    TIMEOUT,
  );

  it(
    'exits 1 on a cross-file break and prints the fix to apply',
    async () => {
      const r = await runCheck(crossBrokenDir);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('campaign.json › units.6');
      expect(r.stderr).toContain('xa-nam-gianh');
      const fixLine = r.stderr.split('\n').find((l) => l.trim().startsWith('→'));
      expect(fixLine).toContain('"quotas"');
      expect(fixLine).toContain('"unit": "xa-nam-gianh", "group": "xa-nguoi-dan"');
    },
    TIMEOUT,
  );

  it(
    'checks every folder given and exits 1 if any is broken',
    async () => {
      const r = await runCheck(twoLevelFixtureDir, brokenDir);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('Tổng cộng: 162 phiếu');
      expect(r.stderr).toContain('questionnaires/q-ag-lanh-dao-xa.json');
    },
    TIMEOUT,
  );

  it(
    'exits 1 on a folder with no campaign.json, naming campaign.json',
    async () => {
      const empty = await mkdtemp(path.join(os.tmpdir(), 'phieu-cli-empty-'));
      try {
        const r = await runCheck(empty);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain('campaign.json');
        expect(r.stderr).toMatch(/^\s+→ \S/m);
      } finally {
        await rm(empty, { recursive: true, force: true });
      }
    },
    TIMEOUT,
  );

  it.skipIf(!existsSync(path.join(referenceCampaignDir, 'campaign.json')))(
    'exits 0 on the reference campaign and prints 2.745 responses (vi-VN digits)',
    async () => {
      const r = await runCheck(referenceCampaignDir);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('✔ quang-binh-2021');
      expect(r.stdout).toContain('21 đơn vị');
      expect(r.stdout).toContain('8 đơn vị');
      expect(r.stdout).toMatch(/: 1\.785$/m);
      expect(r.stdout).toMatch(/: 960$/m);
      expect(r.stdout).toContain('Tổng cộng: 2.745 phiếu');
    },
    TIMEOUT,
  );
});
