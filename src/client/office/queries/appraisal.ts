import {
  appraisalSchema,
  appraisalWorkListSchema,
  explanationRequestResultSchema,
  type ExplanationRequest,
} from '../../../shared/api/appraisal';
import { lateResultSchema } from '../../../shared/api/self-assessment';
import { noContent, sendParsed } from '../api';
import { appraisalUrls, tasksUrl } from '../appraisal/urls';
import { saUrls } from '../self-assessment/model';
import { auditKeys } from './audit';
import { resultsKeys } from './results';
import { unitChanged } from './self-assessment';
import { useChange, useParsedQuery } from './use-parsed';

const ROOT = 'appraisal';

/** The council's side: the work lists, and one unit's appraisal (the unit itself reads its explanation rounds there). */
export const appraisalKeys = {
  all: [ROOT] as const,
  tasks: (campaignId: string) => [ROOT, 'tasks', campaignId] as const,
  unit: (campaignId: string, unitId: string) => [ROOT, 'unit', campaignId, unitId] as const,
};

/** A member's work list; it moves as others appraise, so read again every minute while shown. */
export const useWorkList = (campaignId: string) =>
  useParsedQuery(appraisalKeys.tasks(campaignId), tasksUrl(campaignId), appraisalWorkListSchema, { refetchInterval: 60_000 });

/** One unit's appraisal; `null` unit (or `enabled` false) waits. */
export function useAppraisal(campaignId: string, unitId: string, opts: { enabled?: boolean; refetchInterval?: number } = {}) {
  const url = opts.enabled === false ? null : saUrls(campaignId, unitId).appraisal;
  return useParsedQuery(appraisalKeys.unit(campaignId, unitId), url, appraisalSchema, { refetchInterval: opts.refetchInterval });
}

/** What a change of one unit's appraisal moves: it, the work lists' progress and the live results. */
export const appraisalChanged = (campaignId: string, unitId: string) => [
  appraisalKeys.unit(campaignId, unitId),
  appraisalKeys.tasks(campaignId),
  resultsKeys.all,
  auditKeys.all,
];

/** One item's appraised score and comment (204); the item saver reads the appraisal again itself. */
export const saveAppraisalItem = (campaignId: string, unitId: string, code: string, body: unknown) =>
  sendParsed('PUT', appraisalUrls(campaignId, unitId).item(code), noContent, body);

/** Asks the unit to explain items: the unit's state and reopened items move with the appraisal. */
export function useRequestExplanation(campaignId: string, unitId: string) {
  return useChange(
    (body: ExplanationRequest) => sendParsed('POST', appraisalUrls(campaignId, unitId).requests, explanationRequestResultSchema, body),
    [...appraisalChanged(campaignId, unitId), ...unitChanged(campaignId, unitId)],
  );
}

/** The chair closes the unit's appraisal: its state, the units' list and the results move. */
export function useCloseAppraisal(campaignId: string, unitId: string) {
  return useChange(
    (_: void) => sendParsed('POST', appraisalUrls(campaignId, unitId).close, lateResultSchema, {}),
    [...appraisalChanged(campaignId, unitId), ...unitChanged(campaignId, unitId)],
  );
}

/** Home Affairs returns the unit to an earlier state. */
export function useReturnUnit(campaignId: string, unitId: string) {
  return useChange(
    (body: { to: string; reason: string }) => sendParsed('POST', appraisalUrls(campaignId, unitId).return, noContent, body),
    [...appraisalChanged(campaignId, unitId), ...unitChanged(campaignId, unitId)],
  );
}
