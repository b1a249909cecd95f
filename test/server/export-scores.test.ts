// Issue 5, survey scores download: the shared engine's hand-checked worked examples (test/shared/scoring), computed
// by the server from responses pushed through the real sync endpoint, excluded responses left out.
import { rmSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { scoreSurvey, type ScoresExport, type SurveyResponse } from '../../src/shared';
import { answersOf, times, tinyIndex } from '../fixtures/tiny-campaign';
import {
  BOM,
  errorOf,
  exclude,
  person,
  pushAccepted,
  readWorkbook,
  response,
  sheetRows,
  signIn,
  writeCampaignFolder,
} from './export-helpers';
import { harnessPerTest, type Harness } from './harness';

const URL = '/api/campaigns/tiny/exports';
let h: Harness;
// Under the rescale rule, so that u3 (no valid answers) shows the sub-criterion left out of its maximum.
const dir = writeCampaignFolder(tinyIndex({ noValidDataPolicy: 'rescale' }).bundle);
let admin: string;
const excludedIds: string[] = [];

// The worked examples of test/shared/scoring/survey-score.test.ts:
// u1 (3.76): group c 16 A, 6 B, 3 D, 5 "không biết" → 0.82; group b 8 A, 8 B, 4 D → 0.70; weights = quotas 30 / 40.
// u2 (4.21): group c Q1 A A B C C D, Q2 A A A A B (weight 2) → 0.841666…; group b 3 answers < 5 → left out.
// u3: only "không biết" → no valid data → rescaled out of the unit's maximum.
const examples = () => [
  ...answersOf('u1', 'c', [...times(16, 'A'), ...times(6, 'B'), ...times(3, 'D'), ...times(5, 'E')]),
  ...answersOf('u1', 'b', [...times(8, 'A'), ...times(8, 'B'), ...times(4, 'D')]),
  ...answersOf('u2', 'c', ['A', 'A', 'B', 'C', 'C', 'D'], ['A', 'A', 'A', 'A', 'B']),
  ...answersOf('u2', 'b', ['A', 'A', 'A']),
  ...answersOf('u3', 'c', times(10, 'E')),
];

// The worked examples (and the excluded answers), pushed once in the template.
harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    await person(t, 'quantri', 'Quản trị', 'admin');
    const cells = ['u1', 'u2', 'u3'].flatMap((u): [string, string][] => [
      [u, 'b'],
      [u, 'c'],
    ]);
    const surveyor = await person(t, 'dtv', 'Điều tra viên', 'surveyor', { cells });
    admin = await signIn(t, 'quantri');
    const cookie = await signIn(t, 'dtv');
    const toPush = (r: ReturnType<typeof examples>[number]): SurveyResponse =>
      response({
        campaignId: 'tiny',
        unitId: r.unitId,
        groupId: r.groupId,
        questionnaireId: r.questionnaireId,
        surveyorId: surveyor,
        answers: r.answers,
      });
    await pushAccepted(t, cookie, examples().map(toPush));
    // Ten "Kém" answers for u1 that review excluded: they must not move u1's 3.76.
    const bad = answersOf('u1', 'c', times(10, 'D')).map(toPush);
    await pushAccepted(t, cookie, bad);
    for (const r of bad) {
      await exclude(t, r.id, 'Phỏng vấn không đúng đối tượng');
      excludedIds.push(r.id);
    }
  },
  { campaignDir: dir },
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (url: string, cookie = admin) => h.app.inject({ method: 'GET', url, headers: { cookie } });

describe('scores.json', () => {
  let scores: ScoresExport;
  beforeEach(async () => {
    const res = await get(`${URL}/scores.json`);
    expect(res.statusCode, res.body).toBe(200);
    scores = res.json() as ScoresExport;
  });
  const unit = (id: string) => scores.units.find((u) => u.unitId === id)!;
  const sub = (id: string) => unit(id).subCriteria.find((s) => s.code === '1.2.1')!;
  const group = (id: string, g: string) => sub(id).groups.find((x) => x.groupId === g)!;

  it('gives the worked example of the domain notes: 3.76 points, with the numbers behind them', () => {
    expect(sub('u1')).toMatchObject({ points: 3.76, rule: 'computed', maxPoints: 5, title: 'Hài lòng về giải quyết TTHC' });
    expect(sub('u1').ratio).toBeCloseTo(52.6 / 70, 12);
    expect(unit('u1')).toMatchObject({ points: 3.76, maxPoints: 5, unitName: 'Đơn vị u1', level: 'dept', responses: { c: 30, b: 20 } });
    expect(group('u1', 'c')).toMatchObject({ groupName: 'Người dân', weight: 30, valid: 25, omitted: null });
    expect(group('u1', 'c').meanCoefficient).toBeCloseTo(0.82, 12);
    expect(group('u1', 'b')).toMatchObject({ weight: 40, valid: 20 });
    expect(group('u1', 'b').meanCoefficient).toBeCloseTo(0.7, 12);
    expect(group('u1', 'c').questions.find((q) => q.questionCode === 'Q1')).toMatchObject({
      valid: 25,
      excluded: 5,
      missing: 0,
      sum: 20.5,
      used: true,
      choiceCounts: { A: 16, B: 6, D: 3, E: 5 },
    });
  });

  it('gives 4.21 for the weighted-questions example, leaving out a group below the minimum', () => {
    expect(sub('u2').points).toBe(4.21);
    expect(group('u2', 'b')).toMatchObject({ omitted: 'below-minimum', meanCoefficient: null, valid: 0 });
    expect(group('u2', 'c').meanCoefficient).toBeCloseTo(2.525 / 3, 12);
    expect(group('u2', 'c').valid).toBe(11);
  });

  it('rescales a sub-criterion without valid answers out of the maximum', () => {
    expect(sub('u3')).toMatchObject({ rule: 'rescaled', points: null, ratio: null });
    expect(unit('u3')).toMatchObject({ points: 0, maxPoints: 0 });
  });

  it('reads the included responses only, and equals the engine run on the same answers', () => {
    expect(scores.responsesUsed).toBe(examples().length);
    expect(scores.skippedResponses).toEqual([]);
    expect(scores.rules).toEqual({
      groupWeights: 'proportional-to-quota',
      minValidAnswersPerGroup: 5,
      decimals: 2,
      noValidDataPolicy: 'rescale',
    });
    const engine = scoreSurvey(tinyIndex({ noValidDataPolicy: 'rescale' }), examples());
    for (const u of engine.units) {
      const got = unit(u.unitId);
      expect(got.points).toBe(u.points);
      expect(got.maxPoints).toBe(u.maxPoints);
      expect(got.responses).toEqual(u.responses);
      u.subCriteria.forEach((s, i) => {
        const g = got.subCriteria[i]!;
        expect({ code: g.code, points: g.points, ratio: g.ratio, rule: g.rule }).toEqual({
          code: s.code,
          points: s.points,
          ratio: s.ratio,
          rule: s.rule,
        });
        expect(
          g.groups.map((x) => ({
            groupId: x.groupId,
            weight: x.weight,
            ratio: x.meanCoefficient,
            omitted: x.omitted ?? undefined,
            questions: x.questions,
          })),
        ).toEqual(
          s.groups.map((x) => ({ groupId: x.groupId, weight: x.weight, ratio: x.ratio, omitted: x.omitted, questions: x.questions })),
        );
      });
    }
  });

  it('keeps the units of one level, and refuses an unknown level', async () => {
    expect(((await get(`${URL}/scores.json?level=dept`)).json() as ScoresExport).units.map((u) => u.unitId)).toEqual(['u1', 'u2', 'u3']);
    const res = await get(`${URL}/scores.json?level=xa`);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ error: 'invalid-filter', message: expect.stringMatching(/Không có cấp "xa"/) });
  });
});

describe('scores.csv and scores.xlsx', () => {
  it('CSV: one row per unit × sub-criterion × group, BOM, the same figures', async () => {
    const res = await get(`${URL}/scores.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 3).equals(BOM)).toBe(true);
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1]!)).toBe('Điểm điều tra xã hội học - tiny.csv');
    const rows = parse(res.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => r.unit_id === 'u1' && r.group_id === 'c')).toMatchObject({
      unit_name: 'Đơn vị u1',
      unit_survey_points: '3.76',
      sub_criterion: '1.2.1',
      sub_criterion_title: 'Hài lòng về giải quyết TTHC',
      points: '3.76',
      max_points: '5',
      rule: 'computed',
      group_name: 'Người dân',
      group_weight: '30',
      group_valid_answers: '25',
      group_mean_coefficient: '0.82',
      group_omitted: '',
      group_responses: '30',
    });
    expect(rows.find((r) => r.unit_id === 'u2' && r.group_id === 'b')).toMatchObject({
      points: '4.21',
      group_omitted: 'below-minimum',
      group_mean_coefficient: '',
    });
    expect(rows.find((r) => r.unit_id === 'u3' && r.group_id === 'c')).toMatchObject({
      points: '',
      rule: 'rescaled',
      unit_survey_max_points: '0',
    });
  });

  it('XLSX: units, sub-criteria × groups and questions', async () => {
    const res = await get(`${URL}/scores.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = await readWorkbook(res);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Đơn vị', 'Tiêu chí thành phần', 'Câu hỏi']);
    expect(sheetRows(wb, 'Đơn vị')).toEqual([
      ['unit_id', 'unit_name', 'level', 'survey_points', 'survey_max_points', 'included_responses'],
      ['u1', 'Đơn vị u1', 'dept', 3.76, 5, 50],
      ['u2', 'Đơn vị u2', 'dept', 4.21, 5, 9],
      ['u3', 'Đơn vị u3', 'dept', 0, 0, 10],
    ]);
    const [header = [], ...subs] = sheetRows(wb, 'Tiêu chí thành phần');
    const u1b = subs.find((r) => r[0] === 'u1' && r[header.indexOf('group_id')] === 'b')!;
    expect(u1b[header.indexOf('points')]).toBe(3.76);
    expect(u1b[header.indexOf('group_weight')]).toBe(40);
    expect(u1b[header.indexOf('group_mean_coefficient')]).toBeCloseTo(0.7, 12);
    const [qHeader = [], ...questions] = sheetRows(wb, 'Câu hỏi');
    const q1 = questions.find((r) => r[0] === 'u1' && r[2] === 'c' && r[4] === 'Q1')!;
    expect(Object.fromEntries(qHeader.map((k, i) => [k, q1[i]]))).toMatchObject({
      valid: 25,
      excluded: 5,
      missing: 0,
      sum: 20.5,
      mean: 0.82,
      used: 1,
      choice_counts: 'A=16; B=6; D=3; E=5',
    });
  });

  it('XLSX and CSV refuse an unknown level too', async () => {
    for (const ext of ['csv', 'xlsx']) expect((await get(`${URL}/scores.${ext}?level=xa`)).statusCode).toBe(400);
  });
});

it('the excluded responses are really in the database, only left out of the scores', async () => {
  const rows = await h.handle.db.selectFrom('responses').select(['id', 'excluded']).where('excluded', '=', 1).execute();
  expect(rows.map((r) => r.id).sort()).toEqual([...excludedIds].sort());
});
