import type { Question } from '../schema/questionnaire';
import { isChoiceQuestion } from '../questionnaire/kinds';
import { allQuestions } from '../questionnaire/answers';
import { cellKey, frameworkSubCriteria, type CampaignBundle } from './bundle';

/** A problem in a campaign definition: where it is and how to fix it. */
export interface DefinitionIssue {
  file: string;
  /** Dotted path inside the file, e.g. "quotas.3.unit". */
  path: string;
  message: string;
  fix: string;
}

/** Which file each part of the bundle came from, so issues can name it. */
export interface BundleSources {
  campaign: string;
  scoring: string;
  frameworks: string[];
  questionnaires: string[];
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * Cross-file rules the schemas alone cannot check: references between units, groups, quotas,
 * questionnaires and frameworks, and that the frameworks' points add up.
 */
export function checkBundle(bundle: CampaignBundle, sources: BundleSources): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const { campaign, frameworks, questionnaires, scoring } = bundle;
  const cf = sources.campaign;
  const add = (file: string, path: (string | number)[], message: string, fix: string): void => {
    issues.push({ file, path: path.join('.'), message, fix });
  };

  const levels = new Map(campaign.unitLevels.map((l) => [l.id, l]));
  duplicates(campaign.unitLevels.map((l) => l.id)).forEach((i) =>
    add(cf, ['unitLevels', i, 'id'], 'Mã cấp bị trùng', 'Đặt mã khác cho một trong hai cấp'),
  );
  duplicates(campaign.units.map((u) => u.id)).forEach((i) =>
    add(cf, ['units', i, 'id'], `Mã đơn vị "${campaign.units[i]?.id}" bị trùng`, 'Mỗi đơn vị cần một mã riêng'),
  );
  duplicates(campaign.respondentGroups.map((g) => g.id)).forEach((i) =>
    add(cf, ['respondentGroups', i, 'id'], 'Mã đối tượng điều tra bị trùng', 'Mỗi đối tượng cần một mã riêng'),
  );

  const units = new Map(campaign.units.map((u) => [u.id, u]));
  campaign.units.forEach((u, i) => {
    if (!levels.has(u.level))
      add(cf, ['units', i, 'level'], `Cấp "${u.level}" không có trong unitLevels`, `Dùng một trong: ${[...levels.keys()].join(', ')}`);
    if (u.parent !== undefined && !units.has(u.parent))
      add(cf, ['units', i, 'parent'], `Đơn vị cha "${u.parent}" không tồn tại`, 'Sửa mã đơn vị cha hoặc bỏ trường "parent"');
    if (u.parent === u.id) add(cf, ['units', i, 'parent'], 'Đơn vị không thể là cha của chính nó', 'Bỏ trường "parent"');
  });

  const groups = new Map(campaign.respondentGroups.map((g) => [g.id, g]));
  campaign.respondentGroups.forEach((g, i) => {
    const level = levels.get(g.ratesLevel);
    if (!level)
      add(
        cf,
        ['respondentGroups', i, 'ratesLevel'],
        `Cấp "${g.ratesLevel}" không có trong unitLevels`,
        `Dùng một trong: ${[...levels.keys()].join(', ')}`,
      );
    else if (!level.evaluated)
      add(cf, ['respondentGroups', i, 'ratesLevel'], `Cấp "${g.ratesLevel}" không được đánh giá`, 'Chọn một cấp có "evaluated": true');
  });

  const seenCells = new Set<string>();
  campaign.quotas.forEach((q, i) => {
    const unit = units.get(q.unit);
    const group = groups.get(q.group);
    if (!unit) add(cf, ['quotas', i, 'unit'], `Đơn vị "${q.unit}" không tồn tại`, 'Sửa thành mã một đơn vị trong "units"');
    if (!group)
      add(cf, ['quotas', i, 'group'], `Đối tượng "${q.group}" không tồn tại`, 'Sửa thành mã một đối tượng trong "respondentGroups"');
    if (unit && group && group.ratesLevel !== unit.level) {
      add(
        cf,
        ['quotas', i],
        `Đối tượng "${q.group}" đánh giá cấp "${group.ratesLevel}" nhưng "${q.unit}" thuộc cấp "${unit.level}"`,
        'Chọn đối tượng đánh giá đúng cấp của đơn vị',
      );
    }
    const key = cellKey(q.unit, q.group);
    if (seenCells.has(key))
      add(cf, ['quotas', i], `Chỉ tiêu "${q.unit}" × "${q.group}" bị khai hai lần`, 'Giữ một dòng cho mỗi đơn vị × đối tượng');
    seenCells.add(key);
  });
  campaign.units.forEach((u, i) => {
    if (!levels.get(u.level)?.evaluated) return;
    for (const g of campaign.respondentGroups) {
      if (g.ratesLevel === u.level && !seenCells.has(cellKey(u.id, g.id))) {
        add(
          cf,
          ['units', i],
          `Thiếu chỉ tiêu cho "${u.id}" × "${g.id}"`,
          `Thêm vào "quotas": { "unit": "${u.id}", "group": "${g.id}", "target": … } (dùng 0 nếu không điều tra)`,
        );
      }
    }
  });

  // Frameworks: one per evaluated level, points that add up.
  const frameworkByLevel = new Map<string, number>();
  frameworks.forEach((fw, fi) => {
    const file = sources.frameworks[fi] ?? `framework ${fi}`;
    if (!levels.has(fw.level))
      add(file, ['level'], `Cấp "${fw.level}" không có trong campaign.json`, `Dùng một trong: ${[...levels.keys()].join(', ')}`);
    if (frameworkByLevel.has(fw.level))
      add(file, ['level'], `Cấp "${fw.level}" đã có bộ chỉ số khác`, 'Mỗi cấp chỉ có một bộ chỉ số trong một kỳ đánh giá');
    frameworkByLevel.set(fw.level, fi);
    checkFrameworkPoints(fw, file, add);
  });
  campaign.unitLevels.forEach((l, i) => {
    if (l.evaluated && !frameworkByLevel.has(l.id))
      add(cf, ['unitLevels', i], `Cấp "${l.id}" chưa có bộ chỉ số`, `Thêm frameworks/<tên>.json với "level": "${l.id}"`);
  });

  // Questionnaires: groups exist; scored questions feed survey sub-criteria of the level their groups rate.
  const versions = new Set<string>();
  const fed = new Set<string>();
  questionnaires.forEach((q, qi) => {
    const file = sources.questionnaires[qi] ?? `questionnaire ${qi}`;
    const key = `${q.id}@${q.version}`;
    if (versions.has(key))
      add(file, ['version'], `Phiếu "${q.id}" phiên bản ${q.version} đã có ở tệp khác`, 'Tăng "version" cho nội dung mới');
    versions.add(key);
    const rated = new Set<string>();
    q.groups.forEach((g, gi) => {
      const group = groups.get(g);
      if (!group) add(file, ['groups', gi], `Đối tượng "${g}" không tồn tại`, 'Sửa thành mã một đối tượng trong campaign.json');
      else rated.add(group.ratesLevel);
    });
    if (rated.size > 1)
      add(
        file,
        ['groups'],
        'Các đối tượng của phiếu đánh giá những cấp khác nhau',
        'Một phiếu chỉ phục vụ các đối tượng cùng đánh giá một cấp',
      );
    const level = [...rated][0];
    const fwIndex = level === undefined ? undefined : frameworkByLevel.get(level);
    const fw = fwIndex === undefined ? undefined : frameworks[fwIndex];
    q.sections.forEach((s, si) =>
      s.questions.forEach((question: Question, qqi) => {
        if (!isChoiceQuestion(question) || !('scoring' in question) || !question.scoring) return;
        const path = ['sections', si, 'questions', qqi, 'scoring', 'subCriterion'];
        const code = question.scoring.subCriterion;
        const sc = fw ? frameworkSubCriteria(fw).find((x) => x.code === code) : undefined;
        if (!fw) return;
        if (!sc)
          add(
            file,
            path,
            `Tiêu chí thành phần "${code}" không có trong bộ chỉ số cấp "${fw.level}"`,
            'Sửa mã cho đúng một tiêu chí thành phần chấm qua điều tra',
          );
        else if (sc.method !== 'survey')
          add(
            file,
            path,
            `"${code}" là tiêu chí chấm qua thẩm định, không phải qua điều tra`,
            'Chọn một tiêu chí thành phần có "method": "survey"',
          );
        else fed.add(`${fw.level}\u0000${code}`);
      }),
    );
  });
  campaign.respondentGroups.forEach((g, i) => {
    if (!questionnaires.some((q) => q.groups.includes(g.id)))
      add(
        cf,
        ['respondentGroups', i],
        `Đối tượng "${g.id}" chưa có phiếu điều tra`,
        'Thêm "groups": ["' + g.id + '"] vào một phiếu trong questionnaires/',
      );
  });
  frameworks.forEach((fw, fi) => {
    const file = sources.frameworks[fi] ?? `framework ${fi}`;
    for (const sc of frameworkSubCriteria(fw)) {
      if (sc.method === 'survey' && !fed.has(`${fw.level}\u0000${sc.code}`)) {
        add(
          file,
          [pathOfSub(fw, sc.code)],
          `Tiêu chí "${sc.code}" chấm qua điều tra nhưng không câu hỏi nào cho điểm`,
          'Gán "scoring.subCriterion" của ít nhất một câu hỏi về mã này',
        );
      }
    }
  });

  // Rounding to fewer decimals than the framework's points could round a score above its maximum (1.5 → 2).
  const finest = Math.max(0, ...frameworks.flatMap((fw) => frameworkSubCriteria(fw).map((sc) => decimalPlaces(sc.maxPoints))));
  if (scoring.decimals < finest) {
    add(
      sources.scoring,
      ['decimals'],
      `"decimals" là ${scoring.decimals} nhưng bộ chỉ số có điểm tối đa với ${finest} chữ số thập phân`,
      `Đặt "decimals" ít nhất ${finest}`,
    );
  }

  if (scoring.groupWeights !== 'proportional-to-quota') {
    for (const g of Object.keys(scoring.groupWeights)) {
      if (!groups.has(g))
        add(sources.scoring, ['groupWeights', g], `Đối tượng "${g}" không tồn tại`, 'Sửa thành mã một đối tượng trong campaign.json');
    }
    campaign.respondentGroups.forEach((g) => {
      if (scoring.groupWeights !== 'proportional-to-quota' && !(g.id in scoring.groupWeights)) {
        add(sources.scoring, ['groupWeights'], `Thiếu trọng số cho đối tượng "${g.id}"`, `Thêm "${g.id}": <số dương>`);
      }
    });
  }
  return issues;
}

type Add = (file: string, path: (string | number)[], message: string, fix: string) => void;

function checkFrameworkPoints(fw: CampaignBundle['frameworks'][number], file: string, add: Add): void {
  const codes = new Set<string>();
  let appraised = 0;
  let survey = 0;
  let total = 0;
  fw.fields.forEach((field, fi) => {
    total += field.maxPoints;
    let fieldSum = 0;
    field.criteria.forEach((c, ci) => {
      fieldSum += c.maxPoints;
      let cSum = 0;
      c.subCriteria.forEach((sc, si) => {
        cSum += sc.maxPoints;
        if (sc.method === 'appraised') appraised += sc.maxPoints;
        else survey += sc.maxPoints;
        if (codes.has(sc.code))
          add(
            file,
            ['fields', fi, 'criteria', ci, 'subCriteria', si, 'code'],
            `Mã "${sc.code}" bị trùng`,
            'Mỗi tiêu chí thành phần cần một mã riêng',
          );
        codes.add(sc.code);
        if (!sc.code.startsWith(`${c.code}.`))
          add(
            file,
            ['fields', fi, 'criteria', ci, 'subCriteria', si, 'code'],
            `Mã "${sc.code}" không nằm dưới tiêu chí "${c.code}"`,
            `Đặt mã dạng "${c.code}.n"`,
          );
        const steps = sc.maxPoints / sc.step;
        if (sc.method === 'appraised' && Math.abs(steps - Math.round(steps)) > 1e-9)
          add(
            file,
            ['fields', fi, 'criteria', ci, 'subCriteria', si, 'step'],
            `Điểm tối đa ${sc.maxPoints} không chia hết cho bước ${sc.step}`,
            'Chọn bước chấm sao cho điểm tối đa là bội số của bước',
          );
      });
      if (round2(cSum) !== round2(c.maxPoints))
        add(
          file,
          ['fields', fi, 'criteria', ci, 'maxPoints'],
          `Tiêu chí "${c.code}" có điểm tối đa ${c.maxPoints} nhưng các tiêu chí thành phần cộng lại ${round2(cSum)}`,
          'Sửa "maxPoints" của tiêu chí hoặc của các tiêu chí thành phần cho khớp',
        );
      if (!c.code.startsWith(`${field.code}.`))
        add(
          file,
          ['fields', fi, 'criteria', ci, 'code'],
          `Mã "${c.code}" không nằm dưới lĩnh vực "${field.code}"`,
          `Đặt mã dạng "${field.code}.n"`,
        );
    });
    if (round2(fieldSum) !== round2(field.maxPoints))
      add(
        file,
        ['fields', fi, 'maxPoints'],
        `Lĩnh vực "${field.code}" có điểm tối đa ${field.maxPoints} nhưng các tiêu chí cộng lại ${round2(fieldSum)}`,
        'Sửa "maxPoints" cho khớp',
      );
  });
  const t = fw.declaredTotals;
  if (round2(total) !== round2(t.max))
    add(
      file,
      ['declaredTotals', 'max'],
      `Tổng điểm các lĩnh vực là ${round2(total)}, khai báo ${t.max}`,
      'Sửa điểm các lĩnh vực hoặc "declaredTotals.max"',
    );
  if (round2(appraised) !== round2(t.appraised))
    add(
      file,
      ['declaredTotals', 'appraised'],
      `Tổng điểm thẩm định là ${round2(appraised)}, khai báo ${t.appraised}`,
      'Sửa điểm các tiêu chí thành phần "appraised" hoặc "declaredTotals.appraised"',
    );
  if (round2(survey) !== round2(t.survey))
    add(
      file,
      ['declaredTotals', 'survey'],
      `Tổng điểm điều tra XHH là ${round2(survey)}, khai báo ${t.survey}`,
      'Sửa điểm các tiêu chí thành phần "survey" hoặc "declaredTotals.survey"',
    );
}

function pathOfSub(fw: CampaignBundle['frameworks'][number], code: string): string {
  for (const [fi, f] of fw.fields.entries()) {
    for (const [ci, c] of f.criteria.entries()) {
      const si = c.subCriteria.findIndex((s) => s.code === code);
      if (si >= 0) return `fields.${fi}.criteria.${ci}.subCriteria.${si}`;
    }
  }
  return 'fields';
}

function decimalPlaces(n: number): number {
  const text = String(n);
  return text.includes('.') ? (text.split('.')[1]?.length ?? 0) : 0;
}

/** Indexes of entries that repeat an earlier one. */
function duplicates(values: string[]): number[] {
  const seen = new Set<string>();
  return values.flatMap((v, i) => {
    if (seen.has(v)) return [i];
    seen.add(v);
    return [];
  });
}

export interface CampaignSummary {
  id: string;
  name: string;
  unitsPerLevel: { level: string; name: string; units: number }[];
  questionnaires: { id: string; version: number; groups: string[]; questions: number }[];
  quotaPerGroup: { group: string; name: string; level: string; target: number }[];
  quotaPerLevel: { level: string; target: number }[];
  quotaTotal: number;
}

export function summarize(bundle: CampaignBundle): CampaignSummary {
  const { campaign } = bundle;
  const levelOf = new Map(campaign.units.map((u) => [u.id, u.level]));
  const perGroup = new Map<string, number>();
  const perLevel = new Map<string, number>();
  for (const q of campaign.quotas) {
    perGroup.set(q.group, (perGroup.get(q.group) ?? 0) + q.target);
    const level = levelOf.get(q.unit) ?? '?';
    perLevel.set(level, (perLevel.get(level) ?? 0) + q.target);
  }
  return {
    id: campaign.id,
    name: campaign.name,
    unitsPerLevel: campaign.unitLevels.map((l) => ({
      level: l.id,
      name: l.name,
      units: campaign.units.filter((u) => u.level === l.id).length,
    })),
    questionnaires: bundle.questionnaires.map((q) => ({
      id: q.id,
      version: q.version,
      groups: q.groups,
      questions: allQuestions(q).length,
    })),
    quotaPerGroup: campaign.respondentGroups.map((g) => ({
      group: g.id,
      name: g.name,
      level: g.ratesLevel,
      target: perGroup.get(g.id) ?? 0,
    })),
    quotaPerLevel: campaign.unitLevels.map((l) => ({ level: l.id, target: perLevel.get(l.id) ?? 0 })),
    quotaTotal: campaign.quotas.reduce((a, q) => a + q.target, 0),
  };
}
