import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBundle, summarize, type BundleSources, type CampaignBundle, type DefinitionIssue } from '../../../src/shared';
import { loadBundle, referenceCampaignDir, twoLevelFixtureDir } from '../../fixtures/campaigns';

// checkBundle on deliberately broken copies of the two-level fixture: each break must yield exactly the expected
// issue, naming the file and the dotted path inside it, with a fix to apply.

const fixture = await loadBundle(twoLevelFixtureDir);

/** The file names the folder reader gives, in the order it loads them (sorted). */
const jsonIn = (dir: string, sub: string): string[] =>
  readdirSync(path.join(dir, sub))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => `${sub}/${f}`);

const sources: BundleSources = {
  campaign: 'campaign.json',
  scoring: 'scoring.json',
  frameworks: jsonIn(twoLevelFixtureDir, 'frameworks'),
  questionnaires: jsonIn(twoLevelFixtureDir, 'questionnaires'),
};

function broken(mutate: (b: CampaignBundle) => void): { bundle: CampaignBundle; issues: DefinitionIssue[] } {
  const bundle = structuredClone(fixture);
  mutate(bundle);
  return { bundle, issues: checkBundle(bundle, sources) };
}

/** The part of the bundle an issue's file refers to. */
function fileRoot(bundle: CampaignBundle, file: string): unknown {
  if (file === sources.campaign) return bundle.campaign;
  if (file === sources.scoring) return bundle.scoring;
  const fi = sources.frameworks.indexOf(file);
  if (fi >= 0) return bundle.frameworks[fi];
  const qi = sources.questionnaires.indexOf(file);
  if (qi >= 0) return bundle.questionnaires[qi];
  throw new Error(`issue names a file the bundle did not come from: ${file}`);
}

/** Follows a dotted path ("quotas.3.unit") into the file's content. */
function valueAt(root: unknown, dotted: string): unknown {
  let node = root;
  for (const key of dotted.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Asserts the issues are exactly the expected ones (file + path), each with a message and a fix, each path real. */
function expectIssues(
  result: { bundle: CampaignBundle; issues: DefinitionIssue[] },
  expected: { file: string; path: string }[],
): DefinitionIssue[] {
  const { bundle, issues } = result;
  expect(issues.map((i) => ({ file: i.file, path: i.path }))).toEqual(expected);
  for (const i of issues) {
    expect(i.message.trim(), `${i.file} ${i.path}`).not.toBe('');
    expect(i.fix.trim(), `${i.file} ${i.path}`).not.toBe('');
    expect(valueAt(fileRoot(bundle, i.file), i.path), `${i.file} › ${i.path} points at nothing`).toBeDefined();
  }
  return issues;
}

const findQuestion = (bundle: CampaignBundle, questionnaireId: string, code: string) => {
  const q = bundle.questionnaires.find((x) => x.id === questionnaireId);
  const question = q?.sections.flatMap((s) => s.questions).find((x) => x.code === code);
  if (!question || !('scoring' in question) || !question.scoring) throw new Error(`${questionnaireId} ${code} is not a scored question`);
  return question.scoring;
};

describe('checkBundle on the two-level fixture', () => {
  it('sources match the fixture folder', () => {
    expect(sources.frameworks).toEqual(['frameworks/agency.json', 'frameworks/commune.json']);
    expect(sources.questionnaires).toHaveLength(fixture.questionnaires.length);
  });

  it('finds nothing wrong in the unbroken fixture', () => {
    expect(checkBundle(fixture, sources)).toEqual([]);
  });

  it('flags a quota cell for a unit that does not exist', () => {
    const r = broken((b) => b.campaign.quotas.push({ unit: 'ag-khong-co', group: 'ag-dai-bieu-hdnd', target: 5 }));
    const [issue] = expectIssues(r, [{ file: 'campaign.json', path: 'quotas.14.unit' }]);
    expect(issue?.message).toContain('ag-khong-co');
    expect(issue?.fix).toContain('units');
  });

  it('flags a quota for a group that rates another level', () => {
    const r = broken((b) => b.campaign.quotas.push({ unit: 'ag-noi-vu', group: 'xa-nguoi-dan', target: 3 }));
    const [issue] = expectIssues(r, [{ file: 'campaign.json', path: 'quotas.14' }]);
    expect(issue?.message).toContain('xa-nguoi-dan');
    expect(issue?.message).toContain('commune');
    expect(issue?.message).toContain('agency');
  });

  it('flags a quota cell declared twice', () => {
    const r = broken((b) => {
      const cell = b.campaign.quotas[3];
      if (!cell) throw new Error('fixture changed');
      b.campaign.quotas.push({ ...cell, target: cell.target + 1 });
    });
    const [issue] = expectIssues(r, [{ file: 'campaign.json', path: 'quotas.14' }]);
    expect(issue?.message).toContain('ag-tai-chinh');
    expect(issue?.message).toContain('ag-lanh-dao-xa');
  });

  it('flags a missing quota cell on the unit, with the line to add as the fix', () => {
    const r = broken((b) => {
      b.campaign.quotas = b.campaign.quotas.filter((q) => !(q.unit === 'xa-nam-gianh' && q.group === 'xa-nguoi-dan'));
    });
    const unitIndex = fixture.campaign.units.findIndex((u) => u.id === 'xa-nam-gianh');
    expect(unitIndex).toBe(6);
    const [issue] = expectIssues(r, [{ file: 'campaign.json', path: `units.${unitIndex}` }]);
    expect(issue?.message).toContain('xa-nam-gianh');
    expect(issue?.message).toContain('xa-nguoi-dan');
    expect(issue?.fix).toContain('"unit": "xa-nam-gianh", "group": "xa-nguoi-dan"');
  });

  it('flags a scored question mapped to an appraised sub-criterion', () => {
    // D3 feeds 2.1.2 together with L5, so moving it leaves no survey sub-criterion unfed.
    const r = broken((b) => {
      findQuestion(b, 'q-ag-dai-bieu', 'D3').subCriterion = '1.1.1';
    });
    const [issue] = expectIssues(r, [{ file: 'questionnaires/q-ag-dai-bieu.json', path: 'sections.1.questions.1.scoring.subCriterion' }]);
    expect(issue?.message).toContain('1.1.1');
    expect(issue?.fix).toContain('survey');
  });

  it('flags a scored question mapped to a code not in the framework', () => {
    const r = broken((b) => {
      findQuestion(b, 'q-ag-lanh-dao-xa', 'L5').subCriterion = '9.9.9';
    });
    const [issue] = expectIssues(r, [
      { file: 'questionnaires/q-ag-lanh-dao-xa.json', path: 'sections.1.questions.1.scoring.subCriterion' },
    ]);
    expect(issue?.message).toContain('9.9.9');
    expect(issue?.message).toContain('agency');
  });

  it('checks the mapping against the framework of the level the questionnaire’s groups rate', () => {
    // 3.2.2 is a survey sub-criterion for agencies but appraised for communes: a commune questionnaire may not feed it.
    const r = broken((b) => {
      findQuestion(b, 'q-xa-lanh-dao-so', 'S3').subCriterion = '3.2.2';
    });
    const [issue] = expectIssues(r, [
      { file: 'questionnaires/q-xa-lanh-dao-so.json', path: 'sections.1.questions.1.scoring.subCriterion' },
    ]);
    expect(issue?.message).toContain('3.2.2');
  });

  it('flags a survey sub-criterion no question feeds, at the sub-criterion in its framework', () => {
    // D2 is the only question feeding agency 1.2.2.
    const r = broken((b) => {
      findQuestion(b, 'q-ag-dai-bieu', 'D2').subCriterion = '2.1.2';
    });
    const [issue] = expectIssues(r, [{ file: 'frameworks/agency.json', path: 'fields.0.criteria.1.subCriteria.1' }]);
    expect(issue?.message).toContain('1.2.2');
    expect(valueAt(r.bundle.frameworks[0], 'fields.0.criteria.1.subCriteria.1.code')).toBe('1.2.2');
  });

  it('flags a criterion whose maximum is not the sum of its sub-criteria (and the field it then breaks)', () => {
    const r = broken((b) => {
      const criterion = b.frameworks[1]?.fields[1]?.criteria[0];
      if (!criterion) throw new Error('fixture changed');
      criterion.maxPoints = 5.5;
    });
    const [criterion, field] = expectIssues(r, [
      { file: 'frameworks/commune.json', path: 'fields.1.criteria.0.maxPoints' },
      { file: 'frameworks/commune.json', path: 'fields.1.maxPoints' },
    ]);
    expect(criterion?.message).toContain('2.1');
    expect(criterion?.message).toContain('5.5');
    expect(criterion?.message).toContain('5');
    expect(field?.message).toContain('9.5');
  });

  it('flags a wrong declared survey total', () => {
    const r = broken((b) => {
      const fw = b.frameworks[1];
      if (!fw) throw new Error('fixture changed');
      fw.declaredTotals.survey = 7;
    });
    const [issue] = expectIssues(r, [{ file: 'frameworks/commune.json', path: 'declaredTotals.survey' }]);
    expect(issue?.message).toContain('6');
    expect(issue?.message).toContain('7');
  });

  it('flags a respondent group no questionnaire serves', () => {
    const r = broken((b) => {
      const q = b.questionnaires.find((x) => x.id === 'q-ag-lanh-dao-xa');
      if (!q) throw new Error('fixture changed');
      q.groups = ['ag-dai-bieu-hdnd'];
    });
    const [issue] = expectIssues(r, [{ file: 'campaign.json', path: 'respondentGroups.1' }]);
    expect(issue?.message).toContain('ag-lanh-dao-xa');
    expect(issue?.fix).toContain('"groups": ["ag-lanh-dao-xa"]');
  });

  it('flags fixed group weights that leave a group out', () => {
    const r = broken((b) => {
      if (b.scoring.groupWeights === 'proportional-to-quota') throw new Error('fixture changed');
      delete b.scoring.groupWeights['xa-nguoi-dan'];
    });
    const [issue] = expectIssues(r, [{ file: 'scoring.json', path: 'groupWeights' }]);
    expect(issue?.message).toContain('xa-nguoi-dan');
    expect(issue?.fix).toContain('xa-nguoi-dan');
  });

  it('does not ask for weights when they are proportional to the quotas', () => {
    const r = broken((b) => {
      b.scoring.groupWeights = 'proportional-to-quota';
    });
    expect(r.issues).toEqual([]);
  });

  it('reports several independent breaks together', () => {
    const r = broken((b) => {
      b.campaign.quotas.push({ unit: 'ag-khong-co', group: 'ag-dai-bieu-hdnd', target: 5 });
      findQuestion(b, 'q-ag-lanh-dao-xa', 'L5').subCriterion = '9.9.9';
      const fw = b.frameworks[0];
      if (!fw) throw new Error('fixture changed');
      fw.declaredTotals.survey = 5;
    });
    expect(new Set(r.issues.map((i) => `${i.file} ${i.path}`))).toEqual(
      new Set([
        'campaign.json quotas.14.unit',
        'questionnaires/q-ag-lanh-dao-xa.json sections.1.questions.1.scoring.subCriterion',
        'frameworks/agency.json declaredTotals.survey',
      ]),
    );
  });
});

describe('summarize', () => {
  it('counts the fixture: 162 responses, 90 for agencies and 72 for communes', () => {
    const s = summarize(fixture);
    expect(s.id).toBe('mau-2025');
    expect(s.quotaTotal).toBe(162);
    expect(s.quotaPerLevel).toEqual([
      { level: 'province', target: 0 },
      { level: 'agency', target: 90 },
      { level: 'commune', target: 72 },
    ]);
    expect(s.unitsPerLevel.map((l) => [l.level, l.units])).toEqual([
      ['province', 1],
      ['agency', 3],
      ['commune', 4],
    ]);
    expect(s.quotaPerGroup.map((g) => [g.group, g.level, g.target])).toEqual([
      ['ag-dai-bieu-hdnd', 'agency', 30],
      ['ag-lanh-dao-xa', 'agency', 60],
      ['xa-lanh-dao-so', 'commune', 24],
      ['xa-nguoi-dan', 'commune', 48],
    ]);
    expect(s.questionnaires).toHaveLength(5);
    expect(s.questionnaires.find((q) => q.id === 'q-xa-nguoi-dan' && q.version === 2)?.questions).toBe(6);
  });

  it.skipIf(!existsSync(path.join(referenceCampaignDir, 'campaign.json')))(
    'counts the reference campaign: 21 departments (1,785) + 8 districts (960) = 2,745',
    async () => {
      const s = summarize(await loadBundle(referenceCampaignDir));
      expect(s.quotaTotal).toBe(2745);
      const byLevel = new Map(s.quotaPerLevel.map((l) => [l.level, l.target]));
      const departments = s.unitsPerLevel.find((l) => l.units === 21);
      const districts = s.unitsPerLevel.find((l) => l.units === 8);
      expect(departments, 'a level with 21 units').toBeDefined();
      expect(districts, 'a level with 8 units').toBeDefined();
      expect(byLevel.get(departments?.level ?? '')).toBe(1785);
      expect(byLevel.get(districts?.level ?? '')).toBe(960);
    },
  );
});

describe('checkBundle: rounding precision', () => {
  it('refuses decimals coarser than the framework points, which could round a score above its maximum', async () => {
    const bundle = structuredClone(await loadBundle(twoLevelFixtureDir));
    bundle.scoring.decimals = 0; // the fixture has 1.5- and 2.5-point sub-criteria
    const issues = checkBundle(bundle, {
      campaign: 'campaign.json',
      scoring: 'scoring.json',
      frameworks: ['f1', 'f2'],
      questionnaires: bundle.questionnaires.map((q) => q.id),
    });
    expect(issues).toEqual([
      {
        file: 'scoring.json',
        path: 'decimals',
        message: expect.stringContaining('1 chữ số thập phân'),
        fix: expect.stringContaining('ít nhất 1'),
      },
    ]);
  });
});
