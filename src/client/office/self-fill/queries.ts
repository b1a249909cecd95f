import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  issuedBatchSchema,
  selfFillBatchListSchema,
  selfFillBatchSchema,
  type IssueBatchRequest,
  type IssuedBatch,
  type SelfFillBatch,
} from '../../../shared/api/self-fill';
import { sendParsed } from '../api';
import { auditKeys } from '../queries/audit';
import { progressKeys } from '../queries/progress';
import { useChange, useParsedQuery } from '../queries/use-parsed';

const ROOT = 'self-fill';

/** Batches of self-fill codes (issue 19): the list, per campaign and unit filter. */
export const selfFillKeys = {
  all: [ROOT] as const,
  batches: (campaignId: string, unitId: string) => [ROOT, 'batches', campaignId, unitId] as const,
};

const batchesUrl = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/self-fill/batches`;

/** The batches Home Affairs issued, all or one unit's (`unitId` ""), counts only; read again while shown as codes are used. */
export function useSelfFillBatches(campaignId: string, unitId: string) {
  const url = `${batchesUrl(campaignId)}${unitId ? `?unitId=${encodeURIComponent(unitId)}` : ''}`;
  return useParsedQuery(selfFillKeys.batches(campaignId, unitId), url, selfFillBatchListSchema, {
    refetchInterval: 60_000,
    keepPrevious: true,
  });
}

/** What a batch changes: the batch list, the self-fill counts of progress, the audit log. */
const CHANGES = [selfFillKeys.all, progressKeys.all, auditKeys.all] as const;

/** Issues a batch: its answer holds the plain codes, the only time they exist (the server keeps hashes). */
export function useIssueBatch(campaignId: string, onDone: (issued: IssuedBatch) => void) {
  return useChange((body: IssueBatchRequest) => sendParsed('POST', batchesUrl(campaignId), issuedBatchSchema, body), CHANGES, onDone);
}

/** Revokes a batch: its codes not yet sent stop working; what was sent stays counted. */
export function useRevokeBatch(campaignId: string, onDone: (batch: SelfFillBatch) => void) {
  return useChange(
    (batchId: string) => sendParsed('POST', `${batchesUrl(campaignId)}/${encodeURIComponent(batchId)}/revoke`, selfFillBatchSchema),
    CHANGES,
    onDone,
  );
}

/**
 * The sheet of the batch just issued, with its plain codes. Kept in this office session's query client (never sent,
 * never stored in the browser), so that a click elsewhere in the office does not lose codes that cannot be shown again;
 * it goes when the person closes the sheet, signs out (a new client) or leaves the page.
 */
const SHEET_KEY = ['self-fill-sheet'] as const;

export function useOpenSheet(): [IssuedBatch | null, (sheet: IssuedBatch | null) => void] {
  const client = useQueryClient();
  const { data } = useQuery<IssuedBatch | null>({
    queryKey: SHEET_KEY,
    queryFn: () => client.getQueryData<IssuedBatch | null>(SHEET_KEY) ?? null,
    enabled: false,
    initialData: null,
    staleTime: Infinity,
    gcTime: Infinity,
  });
  return [data, (sheet) => client.setQueryData(SHEET_KEY, sheet)];
}
