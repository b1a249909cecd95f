import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allQuestions,
  indexCampaign,
  isChoiceQuestion,
  scoreSurvey,
  type ChoiceQuestion,
  type Question,
  type Questionnaire,
  type ScorableResponse,
} from '../../src/shared';
import { loadBundle, referenceCampaignDir } from '../fixtures/campaigns';

// Issue 15: the official's audit of the reference campaign's six sample questionnaires. The corrected wording is
// version 2 of each (questionnaires/<id>.v2.json); version 1 stays as it was, because responses already refer to it.

const bundle = await loadBundle(referenceCampaignDir);
const index = indexCampaign(bundle);
const IDS = ['phieu-01-s', 'phieu-02-s', 'phieu-03-s', 'phieu-01-h', 'phieu-02-h', 'phieu-03-h'];
const STAFF_FORMS = ['phieu-01-s', 'phieu-02-s', 'phieu-01-h'];
const KHONG_TRA_LOI = { code: 'khong-tra-loi', label: 'Không trả lời' };
const DEGREE = ['Rất cao', 'Cao', 'Trung bình', 'Thấp'];
const GOOD_POOR = ['Rất tốt', 'Tốt', 'Trung bình', 'Kém'];

/** SHA-256 of the version-1 files as first published: they must never change. */
const V1_SHA256: Record<string, string> = {
  'phieu-01-h.json': '26bf1411b2ac3315beada2b2871fa13bc1529b3250903806835a40c99d60d8af',
  'phieu-01-s.json': '0d25b2f3be6f546310baf45dd614cd258536bd1c90b4b53f1330c0eeb3535455',
  'phieu-02-h.json': 'e864d784d7571af4621147ea6c8efefcf6a2e0939135a5f1c2023ab433af4839',
  'phieu-02-s.json': '312c68e9b123ac9faed433966272c11344f1695be1ea3ba21a82744a36c5e3f1',
  'phieu-03-h.json': '360ad4f395bec4935b4597b37d50c9eeee4ff46b57a218c8288dddd12421853b',
  'phieu-03-s.json': 'dac80b7c82e55f6dea1472022669984c67ec789a204fa677ac0960abe5b0ee8d',
};

function version(id: string, v: number): Questionnaire {
  const q = bundle.questionnaires.find((x) => x.id === id && x.version === v);
  if (!q) throw new Error(`${id} v${v} is not in the reference campaign`);
  return q;
}
/** The version a surveyor's device starts new responses on: the highest serving the group. */
function newest(id: string): Questionnaire {
  const all = bundle.questionnaires.filter((x) => x.id === id).sort((a, b) => b.version - a.version);
  if (!all[0]) throw new Error(`${id} is not in the reference campaign`);
  return all[0];
}
function question(q: Questionnaire, code: string): Question {
  const found = allQuestions(q).find((x) => x.code === code);
  if (!found) throw new Error(`${q.id} v${q.version} has no question ${code}`);
  return found;
}
function choiceQuestion(q: Questionnaire, code: string): ChoiceQuestion {
  const found = question(q, code);
  if (!isChoiceQuestion(found)) throw new Error(`${q.id} ${code} is a ${found.kind} question`);
  return found;
}
const labels = (x: ChoiceQuestion): string[] => x.choices.map((c) => c.label);
const isScored = (x: Question): boolean => 'scoring' in x && x.scoring !== undefined;
/** choice code → coefficient, or "excluded". */
function coefficients(x: ChoiceQuestion): Record<string, number | 'excluded'> {
  const out: Record<string, number | 'excluded'> = {};
  for (const c of x.choices) {
    if (c.excluded) out[c.code] = 'excluded';
    else if (c.coefficient !== undefined) out[c.code] = c.coefficient;
  }
  return out;
}
const profile = (q: Questionnaire): Question[] => q.sections.find((s) => s.id === 'thong-tin')?.questions ?? [];

describe('reference questionnaires: versions', () => {
  it('has version 1 and version 2 of each of the six questionnaires, and version 2 is the newest', () => {
    for (const id of IDS) {
      expect(version(id, 1).version).toBe(1);
      expect(newest(id).version, id).toBe(2);
      expect(newest(id).groups, id).toEqual(version(id, 1).groups);
    }
    expect(bundle.questionnaires).toHaveLength(12);
  });

  it('keeps the version-1 files byte for byte, and each new version in its own file', () => {
    const dir = path.join(referenceCampaignDir, 'questionnaires');
    for (const [file, sha] of Object.entries(V1_SHA256)) {
      expect(
        createHash('sha256')
          .update(readFileSync(path.join(dir, file)))
          .digest('hex'),
        file,
      ).toBe(sha);
    }
    expect(
      readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(IDS.flatMap((id) => [`${id}.json`, `${id}.v2.json`]).sort());
  });

  it('keeps every scored question of version 1 under the same code, sub-criterion and coefficients in version 2', () => {
    // Scoring adds a question's answers up over the versions by question and choice code, so a code must keep its
    // meaning: the only change allowed is a new choice that is excluded from scoring.
    for (const id of IDS) {
      const v2 = newest(id);
      for (const old of allQuestions(version(id, 1)).filter(isScored)) {
        if (!isChoiceQuestion(old)) continue;
        const now = choiceQuestion(v2, old.code);
        expect(now.kind, `${id} ${old.code}`).toBe(old.kind);
        expect('scoring' in now ? now.scoring : undefined, `${id} ${old.code}`).toEqual('scoring' in old ? old.scoring : undefined);
        const before = coefficients(old);
        const after = coefficients(now);
        for (const [code, value] of Object.entries(after)) {
          if (code in before) expect(value, `${id} ${old.code} ${code}`).toBe(before[code]);
          else expect(value, `${id} ${old.code} new choice ${code}`).toBe('excluded');
        }
        expect(Object.keys(after), `${id} ${old.code}`).toEqual(expect.arrayContaining(Object.keys(before)));
      }
      expect(
        allQuestions(v2)
          .filter(isScored)
          .map((x) => x.code),
        id,
      ).toEqual(
        allQuestions(version(id, 1))
          .filter(isScored)
          .map((x) => x.code),
      );
    }
  });
});

describe('reference questionnaires: the audit findings, on the newest versions', () => {
  it('asks a "mức độ" question on a degree scale, never on Rất tốt … Kém, with the same coefficients and "Không biết" excluded', () => {
    const degreeQuestions: string[] = [];
    for (const id of IDS) {
      for (const x of allQuestions(newest(id))) {
        if (!isChoiceQuestion(x) || !/mức độ/i.test(x.text)) continue;
        const shown = labels(x);
        if (/mức độ hài lòng/i.test(x.text)) {
          expect(shown, `${id} ${x.code}`).toContain('Hài lòng');
          continue;
        }
        degreeQuestions.push(`${id} ${x.code}`);
        expect(shown.slice(0, 4), `${id} ${x.code}`).toEqual(DEGREE);
        for (const bad of ['Rất tốt', 'Tốt', 'Kém']) expect(shown, `${id} ${x.code}`).not.toContain(bad);
        expect(coefficients(x), `${id} ${x.code}`).toEqual({ A: 1, B: 0.75, C: 0.5, D: 0, E: 'excluded' });
        expect(x.choices.find((c) => c.code === 'E')?.label).toBe('Không biết, không đánh giá được');
      }
    }
    expect(degreeQuestions.sort()).toEqual(['phieu-01-h Q9', 'phieu-01-s Q10', 'phieu-01-s Q9']);
    // The questions the audit named were "mức độ" questions on the good–poor scale in version 1.
    for (const [id, code] of [
      ['phieu-01-s', 'Q9'],
      ['phieu-01-s', 'Q10'],
      ['phieu-01-h', 'Q9'],
    ] as const) {
      expect(question(version(id, 1), code).text).toMatch(/mức độ/);
      expect(labels(choiceQuestion(version(id, 1), code)).slice(0, 4)).toEqual(GOOD_POOR);
    }
    // 01-S Q3 ("mức độ phân định …") is reworded to fit its good–poor scale.
    expect(question(newest('phieu-01-s'), 'Q3').text).not.toMatch(/mức độ/i);
    expect(labels(choiceQuestion(newest('phieu-01-s'), 'Q3')).slice(0, 4)).toEqual(GOOD_POOR);
  });

  it('offers positions, of one kind, as the chức vụ of staff (P4), never "Công chức, viên chức" as a position', () => {
    expect(labels(choiceQuestion(version('phieu-01-s', 1), 'P4'))).toContain('Công chức, viên chức');
    expect(labels(choiceQuestion(newest('phieu-01-s'), 'P4'))).toEqual([
      'Lãnh đạo sở, ban, ngành',
      'Lãnh đạo phòng, đơn vị trực thuộc',
      'Công chức, viên chức không giữ chức vụ lãnh đạo, quản lý',
      'Không trả lời',
    ]);
    for (const id of STAFF_FORMS) {
      const p4 = choiceQuestion(newest(id), 'P4');
      for (const c of p4.choices) {
        const leadership = /^(Lãnh đạo|Đại biểu HĐND)/.test(c.label);
        const noPost = /không giữ chức vụ lãnh đạo, quản lý$/.test(c.label);
        expect(leadership || noPost || c.code === KHONG_TRA_LOI.code, `${id} P4 "${c.label}"`).toBe(true);
      }
      expect(
        p4.choices.filter((c) => /không giữ chức vụ/.test(c.label)),
        id,
      ).toHaveLength(1);
    }
  });

  it('has a "Không trả lời" choice, not scored, on every required profile choice question', () => {
    for (const id of IDS) {
      const q = newest(id);
      const required = profile(q).filter((x) => isChoiceQuestion(x) && x.kind !== 'multiple-choice' && x.required);
      expect(required.length, id).toBeGreaterThanOrEqual(4);
      for (const x of required) {
        if (!isChoiceQuestion(x)) continue;
        expect(isScored(x), `${id} ${x.code}`).toBe(false);
        const ktl = x.choices.find((c) => c.code === KHONG_TRA_LOI.code);
        expect(ktl, `${id} ${x.code}`).toEqual(KHONG_TRA_LOI);
        expect(x.choices.at(-1), `${id} ${x.code}: last`).toEqual(KHONG_TRA_LOI);
      }
      // Optional profile questions are left blank instead.
      for (const x of profile(q).filter((y) => !y.required)) {
        expect(isChoiceQuestion(x) ? x.choices.some((c) => c.code === KHONG_TRA_LOI.code) : false, `${id} ${x.code}`).toBe(false);
      }
    }
  });

  it('adds "Chưa đến hẹn, chưa nhận kết quả" to "trả kết quả đúng hẹn?", excluded from scoring like "Không nhớ"', () => {
    for (const id of ['phieu-03-s', 'phieu-03-h']) {
      const q3 = choiceQuestion(newest(id), 'Q3');
      expect(q3.text).toMatch(/trả kết quả đúng hẹn/);
      expect(isScored(q3)).toBe(true);
      expect(q3.choices.map((c) => c.code)).toEqual(['yes', 'no', 'chua-den-hen', 'khong-nho']);
      expect(q3.choices.find((c) => c.code === 'chua-den-hen')).toEqual({
        code: 'chua-den-hen',
        label: 'Chưa đến hẹn, chưa nhận kết quả',
        excluded: true,
      });
      expect(choiceQuestion(version(id, 1), 'Q3').choices.some((c) => c.code === 'chua-den-hen')).toBe(false);
      // Q4 (the apology letter) is still asked only after a late result.
      expect(question(newest(id), 'Q4').visibleIf).toEqual({ question: 'Q3', equals: 'no' });
    }
  });

  it('scores "Chưa đến hẹn" as excluded: it does not count against the unit, and version-1 answers still count', () => {
    const responses: ScorableResponse[] = [];
    const add = (version: number, q3: string) =>
      responses.push({
        id: `r${responses.length}`,
        unitId: 'so-tu-phap',
        groupId: 'so-nguoi-dan',
        questionnaireId: 'phieu-03-s',
        questionnaireVersion: version,
        answers: { Q3: q3 },
      });
    for (let i = 0; i < 5; i += 1) add(2, 'yes');
    for (let i = 0; i < 3; i += 1) add(2, 'chua-den-hen');
    add(1, 'yes');
    add(1, 'no');
    const scores = scoreSurvey(index, responses);
    expect(scores.skippedResponses).toEqual([]);
    const unit = scores.units.find((u) => u.unitId === 'so-tu-phap');
    const stat = unit?.subCriteria
      .find((s) => s.code === '3.6.1')
      ?.groups.find((g) => g.groupId === 'so-nguoi-dan')
      ?.questions.find((x) => x.questionnaireId === 'phieu-03-s' && x.questionCode === 'Q3');
    expect(stat).toMatchObject({ valid: 7, excluded: 3, sum: 6, choiceCounts: { yes: 6, no: 1, 'chua-den-hen': 3 } });
    expect(stat?.mean).toBeCloseTo(6 / 7);
  });

  it('records the district of a district official rating a department (02-S): the campaign\'s districts and "Không trả lời"', () => {
    const p5 = choiceQuestion(newest('phieu-02-s'), 'P5');
    expect(p5.kind).toBe('single-choice');
    expect(p5.required).toBe(true);
    expect(p5.text).toMatch(/huyện, thị xã, thành phố/);
    expect(isScored(p5)).toBe(false);
    expect(profile(newest('phieu-02-s'))).toContain(p5);
    const districts = bundle.campaign.units.filter((u) => u.level === 'district');
    expect(districts).toHaveLength(8);
    expect(p5.choices.map((c) => c.code)).toEqual([...districts.map((u) => u.id), KHONG_TRA_LOI.code]);
    districts.forEach((u, i) => {
      // "UBND huyện Lệ Thủy" → "Huyện Lệ Thủy"
      expect(p5.choices[i]?.label.toLowerCase()).toBe(u.name.replace(/^UBND\s+/, '').toLowerCase());
    });
    expect(p5.choices.at(-1)).toEqual(KHONG_TRA_LOI);
  });

  it('records the commune of a commune official rating a district (02-H) as written, since the campaign lists no communes', () => {
    expect(bundle.campaign.units.every((u) => u.level === 'department' || u.level === 'district')).toBe(true);
    const p5 = question(newest('phieu-02-h'), 'P5');
    expect(p5).toMatchObject({ kind: 'short-text', required: false });
    expect(p5.text).toMatch(/xã, phường, thị trấn/);
    expect(profile(newest('phieu-02-h'))).toContain(p5);
    expect(allQuestions(version('phieu-02-h', 1)).some((x) => x.code === 'P5')).toBe(false);
  });
});
