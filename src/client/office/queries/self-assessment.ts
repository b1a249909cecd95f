import { auditEntryListSchema } from '../../../shared/api/review';
import {
  lateResultSchema,
  saStaffListSchema,
  saUnitSummaryListSchema,
  selfAssessmentSchema,
  signedReportSchema,
} from '../../../shared/api/self-assessment';
import { evidenceUploadResultSchema, saItemFilesSchema } from '../../../shared/self-assessment/file-name';
import { sendParsed, noContent } from '../api';
import { saUrls } from '../self-assessment/model';
import { appraisalKeys } from './appraisal';
import { auditKeys } from './audit';
import { resultsKeys } from './results';
import { useChange, useParsedQuery } from './use-parsed';

const ROOT = 'self-assessment';

/** The units' self-assessments: Home Affairs' list, and per unit its entry, its staff and each item's history. */
export const selfAssessmentKeys = {
  all: [ROOT] as const,
  units: (campaignId: string) => [ROOT, 'units', campaignId] as const,
  unit: (campaignId: string, unitId: string) => [ROOT, 'unit', campaignId, unitId] as const,
  entry: (campaignId: string, unitId: string) => [ROOT, 'unit', campaignId, unitId, 'entry'] as const,
  staff: (campaignId: string, unitId: string) => [ROOT, 'unit', campaignId, unitId, 'staff'] as const,
  history: (campaignId: string, unitId: string, code: string) => [ROOT, 'unit', campaignId, unitId, 'history', code] as const,
};

/** What any change of one unit's entry moves: the unit's queries, its line in the list (state, total), the audit. */
export const unitChanged = (campaignId: string, unitId: string) => [
  selfAssessmentKeys.unit(campaignId, unitId),
  selfAssessmentKeys.units(campaignId),
  auditKeys.all,
];

export const useSaUnits = (campaignId: string) =>
  useParsedQuery(
    selfAssessmentKeys.units(campaignId),
    `/api/campaigns/${encodeURIComponent(campaignId)}/self-assessments`,
    saUnitSummaryListSchema,
    { refetchInterval: 60_000 },
  );

export const useSelfAssessment = (campaignId: string, unitId: string) =>
  useParsedQuery(selfAssessmentKeys.entry(campaignId, unitId), saUrls(campaignId, unitId).base, selfAssessmentSchema);

export const useSaStaff = (campaignId: string, unitId: string) =>
  useParsedQuery(selfAssessmentKeys.staff(campaignId, unitId), saUrls(campaignId, unitId).staff, saStaffListSchema);

/** Read again each time it is opened: a save a moment ago must be there. */
export const useSaItemHistory = (campaignId: string, unitId: string, code: string) =>
  useParsedQuery(
    selfAssessmentKeys.history(campaignId, unitId, code),
    `${saUrls(campaignId, unitId).base}/audit?code=${encodeURIComponent(code)}`,
    auditEntryListSchema,
    {
      staleTime: 0,
      always: true,
    },
  );

/** One item's score and texts (204); the item saver reads the entry again itself. */
export const saveSaItem = (campaignId: string, unitId: string, code: string, body: unknown) =>
  sendParsed('PUT', saUrls(campaignId, unitId).item(code), noContent, body);

/** The evidence library's calls; the screen reads the entry again after them (`unitChanged`). */
export const evidence = {
  upload: (campaignId: string, unitId: string, form: FormData) =>
    sendParsed('POST', saUrls(campaignId, unitId).upload, evidenceUploadResultSchema, form),
  attach: (campaignId: string, unitId: string, code: string, hash: string) =>
    sendParsed('POST', saUrls(campaignId, unitId).itemFiles(code), saItemFilesSchema, { hash }),
  detach: (campaignId: string, unitId: string, code: string, hash: string) =>
    sendParsed('DELETE', saUrls(campaignId, unitId).itemFile(code, hash), saItemFilesSchema),
};

/** The unit's signed report (PDF): the entry says which is in force, the list when it came. */
export function useUploadSignedReport(campaignId: string, unitId: string) {
  return useChange(
    (form: FormData) => sendParsed('PUT', saUrls(campaignId, unitId).signedReport, signedReportSchema, form),
    unitChanged(campaignId, unitId),
  );
}

/** Who of the unit's staff enters what: the entry carries the assignment. */
export function useSaveSaAssignments(campaignId: string, unitId: string) {
  return useChange(
    (assignments: { code: string; staffId: string }[]) =>
      sendParsed('PUT', saUrls(campaignId, unitId).assignments, noContent, { assignments }),
    [selfAssessmentKeys.unit(campaignId, unitId), auditKeys.all],
  );
}

/** Submitting to the council: the unit's state, the council's work lists and the results' units waiting move. */
export function useSubmitSelfAssessment(campaignId: string, unitId: string) {
  return useChange(
    (_: void) => sendParsed('POST', saUrls(campaignId, unitId).submit, lateResultSchema, {}),
    [...unitChanged(campaignId, unitId), appraisalKeys.all, resultsKeys.all],
  );
}

/** The coordinator sends the explanation round's answers back: the unit's state and its appraisal (the rounds) move. */
export function useAnswerExplanation(campaignId: string, unitId: string) {
  return useChange(
    (message: string | null) => sendParsed('POST', saUrls(campaignId, unitId).answer, lateResultSchema, { message }),
    [...unitChanged(campaignId, unitId), appraisalKeys.all],
  );
}
