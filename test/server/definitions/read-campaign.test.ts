import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCampaignFolders, readCampaignFolder } from '../../../src/server/definitions/read-campaign';
import { summarize } from '../../../src/shared';
import { referenceCampaignDir, twoLevelFixtureDir } from '../../fixtures/campaigns';

const hasReference = existsSync(path.join(referenceCampaignDir, 'campaign.json'));

describe('readCampaignFolder on the shipped definitions', () => {
  it('loads the two-level fixture with no issues', async () => {
    const result = await readCampaignFolder(twoLevelFixtureDir);
    expect(result.issues).toEqual([]);
    expect(result.dir).toBe(twoLevelFixtureDir);
    const bundle = result.bundle;
    expect(bundle).toBeDefined();
    expect(bundle?.campaign.id).toBe('mau-2025');
    expect(bundle?.frameworks.map((f) => f.level)).toEqual(['agency', 'commune']);
    // Sorted by file name: q-xa-nguoi-dan-v2.json comes before q-xa-nguoi-dan.json.
    expect(bundle?.questionnaires.map((q) => `${q.id}@${q.version}`)).toEqual([
      'q-ag-dai-bieu@1',
      'q-ag-lanh-dao-xa@1',
      'q-xa-lanh-dao-so@1',
      'q-xa-nguoi-dan@2',
      'q-xa-nguoi-dan@1',
    ]);
    // Schema defaults are applied on the way in (weight defaults to 1, step to 0.25).
    const d2 = bundle?.questionnaires[0]?.sections[1]?.questions[0];
    expect(d2 && 'scoring' in d2 ? d2.scoring : undefined).toEqual({ subCriterion: '1.2.2', weight: 1 });
    expect(bundle?.frameworks[0]?.fields[0]?.criteria[1]?.subCriteria[1]?.step).toBe(0.25);
  });

  it.skipIf(!hasReference)('loads the reference campaign quang-binh-2021 with no issues: 21 + 8 units, 1,785 + 960 = 2,745', async () => {
    const result = await readCampaignFolder(referenceCampaignDir);
    expect(result.issues).toEqual([]);
    expect(result.bundle).toBeDefined();
    if (!result.bundle) return;
    const s = summarize(result.bundle);
    expect(s.quotaTotal).toBe(2745);
    const targets = new Map(s.quotaPerLevel.map((l) => [l.level, l.target]));
    const levelWith = (n: number) => s.unitsPerLevel.find((l) => l.units === n)?.level ?? '';
    expect(targets.get(levelWith(21))).toBe(1785);
    expect(targets.get(levelWith(8))).toBe(960);
  });

  it.skipIf(!hasReference)('lists the reference campaign among the folders under survey-definitions/', async () => {
    const folders = await listCampaignFolders(path.dirname(referenceCampaignDir));
    expect(folders).toContain(referenceCampaignDir);
    // schema/ holds no campaign.json
    expect(folders.some((f) => path.basename(f) === 'schema')).toBe(false);
  });
});

describe('readCampaignFolder on a broken copy of the fixture', () => {
  let dir = '';

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'phieu-read-campaign-'));
    await cp(twoLevelFixtureDir, dir, { recursive: true });
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const file = (rel: string): string => path.join(dir, rel);
  async function editJson(rel: string, edit: (json: Record<string, unknown>) => void): Promise<void> {
    const json = JSON.parse(await readFile(file(rel), 'utf8')) as Record<string, unknown>;
    edit(json);
    await writeFile(file(rel), JSON.stringify(json, null, 2));
  }

  it('the untouched copy loads like the original', async () => {
    const result = await readCampaignFolder(dir);
    expect(result.issues).toEqual([]);
    expect(result.bundle?.campaign.id).toBe('mau-2025');
  });

  it('invalid JSON syntax in a questionnaire gives one issue naming that file', async () => {
    const rel = 'questionnaires/q-xa-lanh-dao-so.json';
    const text = await readFile(file(rel), 'utf8');
    // Drop the comma after the first property: "…json",\n  "id" → "…json"\n  "id"
    const brokenText = text.replace(/,(\s*"id")/, '$1');
    expect(brokenText).not.toBe(text);
    await writeFile(file(rel), brokenText);

    const result = await readCampaignFolder(dir);
    expect(result.bundle).toBeUndefined();
    expect(result.issues).toHaveLength(1);
    const [issue] = result.issues;
    expect(issue?.file).toBe(rel);
    expect(issue?.path).toBe('');
    expect(issue?.message).toMatch(/JSON/);
    expect(issue?.fix.trim()).not.toBe('');
  });

  it('a wrong type deep inside a questionnaire is reported at its file and dotted path', async () => {
    const rel = 'questionnaires/q-ag-lanh-dao-xa.json';
    await editJson(rel, (q) => {
      const sections = q.sections as { questions: { code: string; choices: { coefficient?: number }[] }[] }[];
      const l4 = sections[1]?.questions[0];
      expect(l4?.code).toBe('L4');
      const choice = l4?.choices[0];
      if (!choice) throw new Error('fixture changed');
      choice.coefficient = 2;
    });

    const result = await readCampaignFolder(dir);
    expect(result.bundle).toBeUndefined();
    expect(result.issues).toEqual([expect.objectContaining({ file: rel, path: 'sections.1.questions.0.choices.0.coefficient' })]);
    for (const i of result.issues) {
      expect(i.message.trim()).not.toBe('');
      expect(i.fix.trim()).not.toBe('');
    }
  });

  it('a value of the wrong JSON type (a string for a number) is reported at its path too', async () => {
    await editJson('campaign.json', (c) => {
      const quotas = c.quotas as { target: unknown }[];
      const cell = quotas[2];
      if (!cell) throw new Error('fixture changed');
      cell.target = '10';
    });
    const result = await readCampaignFolder(dir);
    expect(result.bundle).toBeUndefined();
    expect(result.issues).toEqual([expect.objectContaining({ file: 'campaign.json', path: 'quotas.2.target' })]);
  });

  it('a missing campaign.json gives an issue naming campaign.json', async () => {
    await rm(file('campaign.json'));
    const result = await readCampaignFolder(dir);
    expect(result.bundle).toBeUndefined();
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toEqual(expect.objectContaining({ file: 'campaign.json', path: '' }));
    expect(result.issues[0]?.fix).toContain('campaign.json');
  });

  it('an empty questionnaires/ folder is reported', async () => {
    await rm(file('questionnaires'), { recursive: true });
    const result = await readCampaignFolder(dir);
    expect(result.bundle).toBeUndefined();
    expect(result.issues).toEqual([expect.objectContaining({ file: 'questionnaires/' })]);
  });

  it('cross-file issues name the real file, including the one that sorts out of version order', async () => {
    // q-xa-nguoi-dan-v2.json sorts before q-xa-nguoi-dan.json: the issue must still name the v2 file.
    const rel = 'questionnaires/q-xa-nguoi-dan-v2.json';
    await editJson(rel, (q) => {
      const sections = q.sections as { questions: { code: string; scoring?: { subCriterion: string } }[] }[];
      const n6 = sections[1]?.questions.find((x) => x.code === 'N6');
      if (!n6?.scoring) throw new Error('fixture changed');
      n6.scoring.subCriterion = '9.9';
    });
    const result = await readCampaignFolder(dir);
    expect(result.bundle).toBeUndefined();
    expect(result.issues).toEqual([expect.objectContaining({ file: rel, path: 'sections.1.questions.2.scoring.subCriterion' })]);
  });

  it('a cross-file issue in scoring.json names scoring.json', async () => {
    await editJson('scoring.json', (s) => {
      const weights = s.groupWeights as Record<string, number>;
      delete weights['ag-lanh-dao-xa'];
    });
    const result = await readCampaignFolder(dir);
    expect(result.bundle).toBeUndefined();
    expect(result.issues).toEqual([expect.objectContaining({ file: 'scoring.json', path: 'groupWeights' })]);
    expect(result.issues[0]?.message).toContain('ag-lanh-dao-xa');
  });
});
