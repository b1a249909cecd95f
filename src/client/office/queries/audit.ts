import { useInfiniteQuery } from '@tanstack/react-query';
import { auditLogPageSchema } from '../../../shared/api/admin';
import { getParsed, retryQuery, type ApiError } from '../api';
import { auditPageUrl, type AuditPage } from '../admin/audit';

const ROOT = 'audit';

/** The administration's audit log: every change an office screen makes writes to it. */
export const auditKeys = {
  all: [ROOT] as const,
  pages: (action: string, subject: string) => [ROOT, { action, subject }] as const,
};

/** The log newest first, 50 at a time, by kind of action and subject. */
export function useAuditPages(action: string, subject: string) {
  return useInfiniteQuery<AuditPage, ApiError>({
    queryKey: auditKeys.pages(action, subject),
    queryFn: ({ pageParam }) => getParsed(auditPageUrl({ action, subject, cursor: pageParam as string | null }), auditLogPageSchema),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    retry: retryQuery,
  });
}
