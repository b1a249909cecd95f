import type { EvidenceFile, SaItem } from '../../../shared/api/self-assessment';
import type { Problem } from '../../../shared/problems/problem';
import type { Framework, SubCriterion } from '../../../shared/schema/framework';
import { selfScoreProblem } from '../../../shared/self-assessment/score';
import { parseDecimal } from '../../../shared/format/decimal';

/** Addresses of one unit's self-assessment on the server. */
export function saUrls(campaignId: string, unitId: string) {
  const base = `/api/self-assessments/${encodeURIComponent(campaignId)}/${encodeURIComponent(unitId)}`;
  return {
    base,
    item: (code: string) => `${base}/items/${encodeURIComponent(code)}`,
    itemFiles: (code: string) => `${base}/items/${encodeURIComponent(code)}/files`,
    itemFile: (code: string, hash: string) => `${base}/items/${encodeURIComponent(code)}/files/${hash}`,
    upload: `${base}/files`,
    download: (hash: string) => `${base}/files/${hash}`,
    staff: `${base}/staff`,
    assignments: `${base}/assignments`,
    submit: `${base}/submit`,
    /** The unit's signed, stamped report (PUT a PDF to upload or replace it, GET to download it). */
    signedReport: `${base}/signed-report`,
    /** The council's side: explanation rounds (the unit sees only those). */
    appraisal: `${base}/appraisal`,
    /** The coordinator sends the answers of the open explanation round back. */
    answer: `${base}/explanation-requests/answer`,
  };
}

export type SaUrls = ReturnType<typeof saUrls>;

/** Every sub-criterion of a framework by its code. */
export function subCriteriaByCode(framework: Framework): Map<string, SubCriterion> {
  return new Map(framework.fields.flatMap((f) => f.criteria.flatMap((c) => c.subCriteria.map((s) => [s.code, s] as const))));
}

/** The title of any field, criterion or sub-criterion code. */
export function titleOf(framework: Framework, code: string): string | undefined {
  for (const f of framework.fields) {
    if (f.code === code) return f.title;
    for (const c of f.criteria) {
      if (c.code === code) return c.title;
      const s = c.subCriteria.find((x) => x.code === code);
      if (s) return s.title;
    }
  }
  return undefined;
}

/**
 * A text typed in a score box as a number (the shared parser): empty is "no score" (null), "1,5" and "1.5" are 1.5,
 * anything else (thousands separators, letters) is NaN, which no rule accepts.
 */
export function parseScore(text: string): number | null {
  const parsed = parseDecimal(text);
  return parsed.kind === 'empty' ? null : parsed.kind === 'number' ? parsed.value : Number.NaN;
}

/** True when a typed score has more than one separator ("1.234,5"): said as such, not as "not a number". */
export const scoreHasSeparators = (text: string): boolean => parseDecimal(text).kind === 'grouped';

/** Why a typed score cannot be saved (the shared rule the server applies too, a problem to word in the person's language), or null. */
export function typedScoreProblem(sub: SubCriterion, text: string): Problem | null {
  const n = parseScore(text);
  return n === null ? null : selfScoreProblem(sub, n);
}

/** The files attached to an item, with their names from the unit's library (a file not shown to this person is left out). */
export function attachedFiles(item: SaItem | undefined, library: readonly EvidenceFile[]): EvidenceFile[] {
  if (!item) return [];
  const byHash = new Map(library.map((f) => [f.hash, f]));
  return item.files.flatMap((h) => byHash.get(h) ?? []);
}

/** A size in kB or MB the Vietnamese way (decimal comma). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 102.4) / 10} kB`.replace('.', ',');
  return `${Math.round(n / (1024 * 104.8576)) / 10} MB`.replace('.', ',');
}

/** The sub-criteria this person sees, grouped the framework's way: fields and criteria with nothing visible are left out. */
export function visibleTree(framework: Framework, visible: ReadonlySet<string>) {
  return framework.fields
    .map((f) => ({
      ...f,
      criteria: f.criteria
        .map((c) => ({ ...c, subCriteria: c.subCriteria.filter((s) => visible.has(s.code)) }))
        .filter((c) => c.subCriteria.length > 0),
    }))
    .filter((f) => f.criteria.length > 0);
}

/** The element id of a sub-criterion on the entry screen (the review page links to it). */
export const itemAnchor = (code: string) => `tc-${code}`;
