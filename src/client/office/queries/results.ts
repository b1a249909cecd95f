import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { liveResultsSchema, publicationSummarySchema, type LiveResults, type PublicationSummary } from '../../../shared/api/results';
import { ApiError, BAD_ANSWER, badAnswer, getParsed, retryQuery, sendParsed } from '../api';
import { resultsUrls } from '../results/urls';
import { appraisalKeys } from './appraisal';
import { auditKeys } from './audit';
import { selfAssessmentKeys } from './self-assessment';
import { invalidate } from './use-parsed';

const ROOT = 'results';

/** Home Affairs' live results: figures, units still to appraise, versions published. */
export const resultsKeys = {
  all: [ROOT] as const,
  live: (campaignId: string) => [ROOT, 'live', campaignId] as const,
};

/** An answer of another shape is said in the results' own words (`badAnswerText`), never figures drawn from a guess. */
export function useLiveResults(campaignId: string, badAnswerText: string) {
  return useQuery<LiveResults, ApiError>({
    queryKey: resultsKeys.live(campaignId),
    queryFn: () =>
      getParsed(resultsUrls(campaignId).live, liveResultsSchema).catch((e: unknown) => {
        throw e instanceof ApiError && e.code === BAD_ANSWER ? badAnswer(badAnswerText) : e;
      }),
    retry: retryQuery,
  });
}

/**
 * Publishes the next version. Refused or not, the figures, the units waiting and the versions may have moved, so the
 * results are read again either way; a publication also moves the units' state (published).
 */
export function usePublish(campaignId: string) {
  const client = useQueryClient();
  return useMutation<PublicationSummary, ApiError, string | null>({
    mutationFn: (reason) => sendParsed('POST', resultsUrls(campaignId).publish, publicationSummarySchema, { reason }),
    onSettled: () => invalidate(client, [resultsKeys.all, selfAssessmentKeys.all, appraisalKeys.all, auditKeys.all]),
  });
}
