import { progressReportSchema } from '../../../shared/api/progress';
import { useParsedQuery } from './use-parsed';

const ROOT = 'progress';

/** Quota progress: the whole campaign's, or one unit's. */
export const progressKeys = {
  all: [ROOT] as const,
  report: (campaignId: string, unitId?: string) => [ROOT, campaignId, unitId ?? null] as const,
};

/** Counts move as surveyors sync: read again every minute while shown. */
export function useProgress(campaignId: string, unitId?: string) {
  const url = `/api/campaigns/${campaignId}/progress${unitId ? `?unitId=${encodeURIComponent(unitId)}` : ''}`;
  return useParsedQuery(progressKeys.report(campaignId, unitId), url, progressReportSchema, { refetchInterval: 60_000 });
}
