import type { Role } from '../api/auth';
import type { AssessmentState } from '../appraisal/states';
import type { SheetTextKey } from '../admin/sheet-text-vi';
import type { FieldTextKey } from './field-text-vi';
import { fillTemplate } from './template';

/**
 * A refusal as data: a stable code and the values its message needs. Services and the shared engine return or
 * throw these, never sentences; the words live in the catalogues (text-vi.ts, text-en.ts), so that the server can
 * answer in the language a request asks for and the client can say it in the language the person chose.
 */
export interface Problem<C extends string = ProblemCode> {
  code: C;
  params?: Readonly<Record<string, string | number>>;
}

/** Every code a problem can carry, with the parameters its message uses. */
export interface ProblemParams {
  'workflow.wrong-state': { state: string };
  'workflow.not-yours': Record<string, never>;
  'workflow.not-reopened': { code: string };
  'workflow.not-appraiser': { code: string };
  'workflow.awaiting-explanation': { code: string };
  'workflow.incomplete': { count: number };
  'workflow.unappraised': { count: number };
  'workflow.round-open': Record<string, never>;
  'workflow.no-items': Record<string, never>;
  'workflow.not-appraised-item': { code: string };
  'workflow.return-forward': { from: string; to: string };
  'council.not-council-account': { account: string };
  'council.unknown-level': { level: string };
  'council.unknown-field': { level: string; field: string };
  'council.unknown-unit': { unit: string };
  'council.not-member': { account: string };
  'appraisal.conflict': { code: string; score: string };
  'appraisal.invalid-score': { code: string; max: number; step: number };
  'appraisal.comment-needed': { code: string };
  'appraisal.deadline-passed': { deadline: string };
  'appraisal.explanation-deadline-passed': { deadline: string };
  'appraisal.deadline-before-today': Record<string, never>;
  'results.deadline-passed': { deadline: string };
  'results.not-appraised': { count: number; units: string };
  'results.reason-needed': Record<string, never>;
  'results.not-published': Record<string, never>;
  'upload.invalid': Record<string, never>;
  'upload.evidence-not-multipart': Record<string, never>;
  'upload.evidence-too-many-files': { max: number };
  'upload.evidence-too-many-parts': { max: number };
  'upload.sheet-not-multipart': Record<string, never>;
  'upload.sheet-one-file': Record<string, never>;
  'upload.sheet-too-large': { mb: number };
  'signed-report.read-forbidden': Record<string, never>;
  'signed-report.not-found': { unit: string };
  'signed-report.upload-forbidden': Record<string, never>;
  'signed-report.submitted': Record<string, never>;
  'signed-report.unknown-field': { field: string };
  'signed-report.one-file-only': Record<string, never>;
  'signed-report.invalid-file-name': { max: number };
  'signed-report.file-too-large': { size: number };
  'signed-report.empty-file': Record<string, never>;
  'signed-report.not-pdf': Record<string, never>;
  'signed-report.no-file': Record<string, never>;
  'signed-report.unchanged': { at: string; by: string; name: string };
  'signed-report.missing': Record<string, never>;
  'campaigns.not-found': { campaign: string };
  'campaigns.another-open': { name: string };
  'campaigns.unknown-groups': Record<string, never>;
  'accounts.not-found': Record<string, never>;
  'accounts.campaign-not-found': Record<string, never>;
  'accounts.username-taken': { username: string };
  'accounts.unknown-unit': { campaign: string; unit: string };
  'accounts.unit-needed': { role: Role };
  'accounts.surveyor-no-unit': Record<string, never>;
  'accounts.no-unit': { role: Role };
  'accounts.self-lockout': Record<string, never>;
  'accounts.self-demotion': Record<string, never>;
  'accounts.has-assignments': { count: number; role: Role };
  'account-import.empty-file': Record<string, never>;
  'account-import.xls': Record<string, never>;
  'account-import.utf16': Record<string, never>;
  'account-import.not-a-sheet': Record<string, never>;
  'account-import.zip-not-xlsx': Record<string, never>;
  'account-import.xlsx-corrupt': Record<string, never>;
  'account-import.xlsx-unreadable': Record<string, never>;
  'account-import.xlsx-too-many-entries': Record<string, never>;
  'account-import.xlsx-too-large-unpacked': Record<string, never>;
  'account-import.invalid-csv': Record<string, never>;
  'account-import.invalid-csv-line': { line: number };
  'account-import.too-many-rows': { rows: number; max: number };
  'account-import.usernames-raced': { usernames: string };
  'account-import.username-raced': Record<string, never>;
  'assignments.unit-not-found': { unit: string; campaign: string };
  'assignments.group-not-found': { group: string; campaign: string };
  'assignments.surveyor-not-found': Record<string, never>;
  'assignments.not-a-surveyor': { account: string };
  'assignments.other-campaign': { account: string; campaign: string; expected: string };
  'assignments.group-level-mismatch': { group: string; unit: string; groupLevel: string; unitLevel: string };
  'assignments.saved-not-found': Record<string, never>;
  'assignments.cell-not-found': Record<string, never>;
  'assignments.not-found': Record<string, never>;
  'not-found.unit': { unit: string };
  'not-found.group': { group: string };
  'not-found.response': Record<string, never>;
  'page.invalid-cursor': Record<string, never>;
  'sa.campaign-not-found': Record<string, never>;
  'sa.unit-not-assessed': { unit: string };
  'sa.sub-criterion-not-found': { code: string };
  'sa.forbidden': Record<string, never>;
  'sa.other-unit': Record<string, never>;
  'sa.not-appraiser': Record<string, never>;
  'sa.item-forbidden': { code: string };
  'sa.assign-forbidden': Record<string, never>;
  'sa.submit-forbidden': Record<string, never>;
  'sa.history-forbidden': { code: string };
  'sa.submitted': Record<string, never>;
  'sa.already-submitted': Record<string, never>;
  'sa.assign-submitted': Record<string, never>;
  'sa.state-changed': Record<string, never>;
  'sa.conflict': { code: string; score: string };
  'sa.conflict-no-score': { code: string };
  'sa.invalid-assignment': Record<string, never>;
  'sa.assignment-unknown-code': { code: string };
  'sa.assignment-unknown-staff': Record<string, never>;
  'sa.deadline-passed': { deadline: string };
  'signed-report.not-multipart': Record<string, never>;
  'signed-report.request-too-large': { size: number };
  'signed-report.file-missing': Record<string, never>;
  'evidence.upload-forbidden': Record<string, never>;
  'evidence.request-too-large': { files: number; size: number };
  'evidence.unknown-field': { field: string };
  'evidence.duplicate-field': Record<string, never>;
  'evidence.invalid-code': Record<string, never>;
  'evidence.all-refused': { count: number };
  'evidence.all-too-large': { count: number };
  'evidence.all-wrong-type': { count: number };
  'evidence.no-file': Record<string, never>;
  'evidence.file-missing': Record<string, never>;
  'review.already-excluded': Record<string, never>;
  'review.already-included': Record<string, never>;
  'export.unknown-level': { level: string; levels: string };
  'export.unknown-unit': { unit: string };
  'export.unknown-group': { group: string };
  'export.unknown-questionnaire': { questionnaire: string };
  'export.dates-reversed': { from: string; to: string };
  'export.unit-not-in-level': { unit: string; level: string };
  'export.group-not-rating-level': { group: string; level: string };
  'export.questionnaire-not-reachable': { questionnaire: string };
  'export.no-questionnaire': Record<string, never>;
  'export.csv-one-questionnaire': { ids: string };
  'export.roster-other-campaign': Record<string, never>;
  'export.roster-other-unit': Record<string, never>;
  'auth.account-locked': { minutes: number };
  'auth.invalid-credentials': Record<string, never>;
  'sync.no-campaign': Record<string, never>;
  // One refused item of a sync push or a device file (the item's `code` is its rejection code; these are its words).
  'response.malformed': Record<string, never>;
  'response.other-campaign': Record<string, never>;
  'response.current-campaign': { campaign: string };
  'response.unknown-unit': Record<string, never>;
  'response.unit-not-in-campaign': { unit: string };
  'response.unknown-group': Record<string, never>;
  'response.group-not-in-campaign': { group: string };
  'response.group-level-mismatch': Record<string, never>;
  'response.group-rates-level': { group: string; groupLevel: string; unitLevel: string };
  'response.questionnaire-version-unknown': { questionnaire: string; version: number };
  'response.update-app': Record<string, never>;
  'response.questionnaire-not-for-group': Record<string, never>;
  'response.questionnaire-groups': { questionnaire: string; groups: string };
  'response.invalid-answers': Record<string, never>;
  // One per AnswerIssueKey (shared/questionnaire/validation.ts), with its params.
  'response.answer.required': Record<string, never>;
  'response.answer.wrong-type.choice': Record<string, never>;
  'response.answer.wrong-type.choices': Record<string, never>;
  'response.answer.wrong-type.number': Record<string, never>;
  'response.answer.wrong-type.text': Record<string, never>;
  'response.answer.not-a-choice': { value: string };
  'response.answer.duplicate-choice': Record<string, never>;
  'response.answer.too-few-choices': { min: number };
  'response.answer.too-many-choices': { max: number };
  'response.answer.not-integer': Record<string, never>;
  'response.answer.too-small.number': { min: number };
  'response.answer.too-large.number': { max: number };
  'response.answer.too-long': { max: number; length: number };
  'response.answer.invalid-date': Record<string, never>;
  'response.answer.too-small.date': { min: string };
  'response.answer.too-large.date': { max: string };
  'response.answer.unknown-question': { code: string };
  'sync.unknown-campaign': Record<string, never>;
  'sync.nul-character': Record<string, never>;
  'sync.campaign-not-on-server': { campaign: string };
  'sync.more-issues': { count: number };
  'sync.conflict': Record<string, never>;
  'sync.keep-and-report': Record<string, never>;
  'sync.not-assigned': Record<string, never>;
  'sync.cell': { unit: string; group: string };
  'sync.wrong-surveyor': Record<string, never>;
  'sync.sign-in-as-collector': Record<string, never>;
  'sync.campaign-closed': Record<string, never>;
  'sync.after-deadline': { day: string; lastDay: string };
  'sync.keep-late': Record<string, never>;
  'sync.roster-invalid': Record<string, never>;
  'sync.roster-cell-wrong': Record<string, never>;
  'sync.roster-cell': { campaign: string; unit: string; group: string };
  'sync.import-other-campaign': Record<string, never>;
  'sync.import-file-campaign': { campaign: string };
  'sync.import-unknown-surveyor': Record<string, never>;
  'sync.surveyor-id': { surveyor: string };
  'account-import.no-file': Record<string, never>;
  'auth.unauthenticated': Record<string, never>;
  'auth.forbidden': Record<string, never>;
  // Refusals made before a route runs (Fastify's own checks, the rate limit) and the answer of a real fault.
  'request.body-too-large': Record<string, never>;
  'request.unsupported-media-type': Record<string, never>;
  'request.empty-body': Record<string, never>;
  'request.invalid-json': Record<string, never>;
  'request.invalid-content-length': Record<string, never>;
  'request.bad-url': Record<string, never>;
  'request.nul-character': Record<string, never>;
  'request.invalid': { detail: string };
  'request.invalid-fields': Record<string, never>;
  'request.rate-limited': { minutes: number };
  'request.no-route': { method: string; path: string };
  'server.error': Record<string, never>;
  'server.disk-full': Record<string, never>;
  'self-fill.forbidden': Record<string, never>;
  'self-fill.not-assigned': { unit: string; group: string };
  'self-fill.no-quota': { unit: string; group: string };
  'self-fill.no-questionnaire': { group: string };
  'self-fill.campaign-not-open': Record<string, never>;
  'self-fill.after-deadline': { lastDay: string };
  'self-fill.batch-not-found': Record<string, never>;
  'self-fill.already-revoked': Record<string, never>;
  'respondent.code-malformed': { length: number };
  'respondent.code-unknown': Record<string, never>;
  'respondent.code-spent': Record<string, never>;
  'respondent.code-revoked': Record<string, never>;
  'respondent.code-expired': { lastDay: string };
  'respondent.campaign-closed': Record<string, never>;
  'respondent.too-many-wrong': { minutes: number };
  'respondent.wrong-questionnaire': Record<string, never>;
  'respondent.invalid-answers': Record<string, never>;
  'campaigns.none-open': Record<string, never>;
  'progress.other-campaign': Record<string, never>;
  'progress.other-unit': Record<string, never>;
  'evidence.not-in-library': Record<string, never>;
  'evidence.not-attached': { code: string };
  'score.survey-method': Record<string, never>;
  'score.not-a-number': Record<string, never>;
  'score.negative': Record<string, never>;
  'score.over-max': { maxPoints: number };
  'score.off-step': { stepPoints: number; nextPoints: number };
  'sa-review.no-score': Record<string, never>;
  'sa-review.no-evidence': Record<string, never>;
  'file-name.empty': Record<string, never>;
  'file-name.too-long': { length: number; max: number };
  'file-name.control-character': { char: string };
  'file-name.bidi-character': { char: string };
  'file-name.dot-segment': Record<string, never>;
  'file-name.folder': Record<string, never>;
  'evidence.file-too-large': { size: number };
  'evidence.empty-file': Record<string, never>;
  'evidence.unreadable': Record<string, never>;
  'evidence.unknown-type': Record<string, never>;
  'evidence.encrypted': Record<string, never>;
  'evidence.ole-other': Record<string, never>;
  'evidence.ole-corrupt': Record<string, never>;
  'evidence.executable': { ext: string };
  'evidence.archive': { ext: string };
  'evidence.macro': { ext: string };
  'evidence.presentation': { ext: string };
  'evidence.other-image': { ext: string };
  'evidence.wrong-type': { ext: string };
  // Backups and restores (npx phieu backup / restore, the scheduled backup): what stopped one, for the operator.
  'backup.no-database': { dir: string };
  'backup.target-not-empty': { dir: string };
  'backup.not-a-backup': { dir: string };
  'backup.manifest-invalid': { detail: string };
  'backup.format-unknown': { version: string };
  'backup.file-missing': { file: string };
  'backup.file-altered': { file: string };
  'backup.integrity': { detail: string };
  'backup.row-count': { table: string; expected: number; actual: number };
}

export type ProblemCode = keyof ProblemParams;

/** A problem with its parameters checked against its code. */
export const problem = <C extends ProblemCode>(
  code: C,
  ...params: ProblemParams[C] extends Record<string, never> ? [] : [ProblemParams[C]]
): Problem<C> => (params[0] === undefined ? { code } : { code, params: params[0] });

/**
 * The words of one language: a template per problem, the names of the states and roles a template may name, and the
 * decimal separator of the points a template shows.
 */
export interface Catalogue {
  problems: Readonly<Record<ProblemCode, string>>;
  /** Between the whole and the decimal part of points: 1,5 in Vietnamese, 1.5 in English. */
  decimalSeparator: string;
  states: Readonly<Record<AssessmentState, string>>;
  roles: Readonly<Record<Role, string>>;
  /** What the shared schemas say about a field they refuse (field-text.ts). */
  fields: Readonly<Record<FieldTextKey, string>>;
  /** What the account import says about a sheet (admin/sheet-said.ts). */
  sheet: Readonly<Record<SheetTextKey, string>>;
}

/** Parameters that hold a state code, shown by its name. */
const STATE_PARAMS = new Set(['state', 'from', 'to']);
/** Parameters that hold a role code, shown by its name. */
const ROLE_PARAMS = new Set(['role']);
/** Parameters that hold a number of bytes, shown as a size for people (20 MB · 1,5 MB · 300 KB). */
const SIZE_PARAMS = new Set(['size']);
/** Parameters that hold points, shown to two decimals at most with the language's separator (1,5 · 0,25 · 2). */
const POINT_PARAMS = new Set(['maxPoints', 'stepPoints', 'nextPoints']);

/**
 * Fills a catalogue template: "{name}" takes the parameter of that name (a state or a role by its name in that language,
 * points with its decimal separator).
 */
export function problemText(catalogue: Catalogue, p: Problem<ProblemCode>): string {
  return fillTemplate(catalogue.problems[p.code], p.params, (key, value) => {
    if (STATE_PARAMS.has(key)) return catalogue.states[value as AssessmentState] ?? String(value);
    if (ROLE_PARAMS.has(key)) return catalogue.roles[value as Role] ?? String(value);
    if (SIZE_PARAMS.has(key) && typeof value === 'number') return formatSize(value, catalogue.decimalSeparator);
    if (POINT_PARAMS.has(key) && typeof value === 'number')
      return String(Math.round(value * 100) / 100).replace('.', catalogue.decimalSeparator);
    return String(value);
  });
}

/** A size for people: "20 MB", "1,5 MB" (or "1.5 MB" with a full stop as the separator), "300 KB". */
export function formatSize(bytes: number, decimalSeparator = ','): string {
  const mb = bytes / 1024 / 1024;
  if (mb >= 1) return `${(Math.round(mb * 10) / 10).toString().replace('.', decimalSeparator)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** A problem as a note beside a field or in a list: its words without the sentence's closing full stop. */
export const problemNote = (catalogue: Catalogue, p: Problem<ProblemCode>): string => problemText(catalogue, p).replace(/\.$/, '');
