import type { Field, Framework, SubCriterion } from '../schema/framework';
import { sumRounded } from '../scoring/round';

/** What the unit has entered for one sub-criterion: enough for totals and the review. */
export interface ItemFacts {
  score: number | null;
  explanation: string | null;
  /** Evidence files attached to the item. */
  files: number;
}

export interface CriterionTotal {
  code: string;
  title: string;
  /** Maximum of the appraised sub-criteria (what the unit scores itself on). */
  max: number;
  /** Sum of the self scores entered so far. */
  self: number;
  /** Maximum of the survey-scored sub-criteria, shown as "chấm qua điều tra XHH". */
  surveyMax: number;
}

export interface FieldTotal extends CriterionTotal {
  criteria: CriterionTotal[];
}

export interface SelfAssessmentTotals {
  fields: FieldTotal[];
  max: number;
  self: number;
  surveyMax: number;
}

const DECIMALS = 2;

/** Running totals per criterion, per field and overall, of the appraised part only. */
export function selfAssessmentTotals(framework: Framework, items: ReadonlyMap<string, Pick<ItemFacts, 'score'>>): SelfAssessmentTotals {
  const fields = framework.fields.map((field) => {
    const criteria = field.criteria.map((c) => {
      const appraised = c.subCriteria.filter((s) => s.method === 'appraised');
      const survey = c.subCriteria.filter((s) => s.method === 'survey');
      return {
        code: c.code,
        title: c.title,
        max: sumRounded(
          appraised.map((s) => s.maxPoints),
          DECIMALS,
        ),
        self: sumRounded(
          appraised.map((s) => items.get(s.code)?.score ?? 0),
          DECIMALS,
        ),
        surveyMax: sumRounded(
          survey.map((s) => s.maxPoints),
          DECIMALS,
        ),
      };
    });
    return {
      code: field.code,
      title: field.title,
      max: sumRounded(
        criteria.map((c) => c.max),
        DECIMALS,
      ),
      self: sumRounded(
        criteria.map((c) => c.self),
        DECIMALS,
      ),
      surveyMax: sumRounded(
        criteria.map((c) => c.surveyMax),
        DECIMALS,
      ),
      criteria,
    };
  });
  return {
    fields,
    max: sumRounded(
      fields.map((f) => f.max),
      DECIMALS,
    ),
    self: sumRounded(
      fields.map((f) => f.self),
      DECIMALS,
    ),
    surveyMax: sumRounded(
      fields.map((f) => f.surveyMax),
      DECIMALS,
    ),
  };
}

/**
 * The framework cut down to the given sub-criteria (criteria and fields left empty are dropped), so that totals a
 * person receives are computed over what they may see and nothing else (DESIGN §2: a total can leak an item).
 */
export function frameworkRestrictedTo(framework: Framework, codes: ReadonlySet<string>): Framework {
  const fields = framework.fields
    .map((f) => ({
      ...f,
      criteria: f.criteria
        .map((c) => ({ ...c, subCriteria: c.subCriteria.filter((s) => codes.has(s.code)) }))
        .filter((c) => c.subCriteria.length > 0),
    }))
    .filter((f) => f.criteria.length > 0);
  return { ...framework, fields };
}

/** The appraised sub-criteria of a framework, in its order: what a unit scores itself on. */
export function appraisedSubCriteria(framework: Framework): SubCriterion[] {
  return framework.fields.flatMap((f) => f.criteria.flatMap((c) => c.subCriteria.filter((s) => s.method === 'appraised')));
}

/** The field a sub-criterion (or criterion) code belongs to. */
export function fieldOf(framework: Framework, code: string): Field | undefined {
  return framework.fields.find(
    (f) => f.code === code || f.criteria.some((c) => c.code === code || c.subCriteria.some((s) => s.code === code)),
  );
}

/**
 * The appraised sub-criteria that assignments of field, criterion or sub-criterion codes cover (phân công đánh giá):
 * assigning a field or a criterion gives every appraised sub-criterion under it.
 */
export function coveredSubCriteria(framework: Framework, assigned: Iterable<string>): Set<string> {
  const codes = new Set(assigned);
  const out = new Set<string>();
  for (const f of framework.fields) {
    for (const c of f.criteria) {
      for (const s of c.subCriteria) {
        if (s.method === 'appraised' && (codes.has(f.code) || codes.has(c.code) || codes.has(s.code))) out.add(s.code);
      }
    }
  }
  return out;
}

/** Every code that may be assigned: fields, criteria and appraised sub-criteria (not survey-scored ones). */
export function assignableCodes(framework: Framework): Set<string> {
  const out = new Set<string>();
  for (const f of framework.fields) {
    const fieldHasAppraised = f.criteria.some((c) => c.subCriteria.some((s) => s.method === 'appraised'));
    if (fieldHasAppraised) out.add(f.code);
    for (const c of f.criteria) {
      if (c.subCriteria.some((s) => s.method === 'appraised')) out.add(c.code);
      for (const s of c.subCriteria) if (s.method === 'appraised') out.add(s.code);
    }
  }
  return out;
}
