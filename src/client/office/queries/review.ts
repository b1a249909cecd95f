import { useInfiniteQuery } from '@tanstack/react-query';
import {
  auditEntryListSchema,
  reviewDetailSchema,
  reviewPageSchema,
  reviewSummarySchema,
  type ReviewPage,
} from '../../../shared/api/review';
import { getParsed, noContent, retryQuery, sendParsed, type ApiError } from '../api';
import { assignmentKeys } from './assignments';
import { auditKeys } from './audit';
import { campaignKeys } from './campaign';
import { progressKeys } from './progress';
import { resultsKeys } from './results';
import { useChange, useParsedQuery } from './use-parsed';

const ROOT = 'review';

/** Home Affairs' review of received responses: the summary, the filtered lists, one response and its history. */
export const reviewKeys = {
  all: [ROOT] as const,
  summary: (campaignId: string) => [ROOT, 'summary', campaignId] as const,
  list: (campaignId: string, query: string) => [ROOT, 'list', campaignId, query] as const,
  response: (id: string) => [ROOT, 'response', id] as const,
  detail: (id: string) => [ROOT, 'response', id, 'detail'] as const,
  history: (id: string) => [ROOT, 'response', id, 'history'] as const,
};

export const useReviewSummary = (campaignId: string) =>
  useParsedQuery(reviewKeys.summary(campaignId), `/api/campaigns/${campaignId}/review/summary`, reviewSummarySchema);

/** The responses that match `query` (URL search parameters), 50 at a time. */
export function useReviewPages(campaignId: string, query: string) {
  const base = `/api/campaigns/${campaignId}/review?${query}`;
  return useInfiniteQuery<ReviewPage, ApiError>({
    queryKey: reviewKeys.list(campaignId, query),
    queryFn: ({ pageParam }) => getParsed(pageParam ? `${base}&cursor=${encodeURIComponent(pageParam as string)}` : base, reviewPageSchema),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    retry: retryQuery,
  });
}

const responseUrl = (id: string) => `/api/responses/${encodeURIComponent(id)}`;

export const useReviewDetail = (id: string) => useParsedQuery(reviewKeys.detail(id), `${responseUrl(id)}/review`, reviewDetailSchema);

/** Who excluded or restored the response, when and why. */
export const useReviewHistory = (id: string) => useParsedQuery(reviewKeys.history(id), `${responseUrl(id)}/audit`, auditEntryListSchema);

/**
 * Excludes a response from the counts, or restores it: the review (its lists, summary, the response), and whatever
 * counts it: progress, the surveyors' received counts in assignments, Home Affairs' totals and the survey's results.
 */
export function useExcludeResponse(id: string, onDone: (action: 'exclude' | 'restore') => void) {
  return useChange(
    (v: { action: 'exclude' | 'restore'; reason: string }) =>
      sendParsed('POST', `${responseUrl(id)}/${v.action}`, noContent, { reason: v.reason }),
    [reviewKeys.all, progressKeys.all, assignmentKeys.all, campaignKeys.list(), resultsKeys.all, auditKeys.all],
    (_, v) => onDone(v.action),
  );
}
