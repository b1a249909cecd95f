import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { getParsed, retryQuery, type ApiError } from '../api';

export interface ParsedQueryOptions {
  refetchInterval?: number;
  staleTime?: number;
  /** Read again each time a component shows it (a history that must show a save of a moment ago). */
  always?: boolean;
  /** Keep the last answer on screen while another filter loads. */
  keepPrevious?: boolean;
}

/** A GET under `key`, its answer parsed with the endpoint's shared schema; `url` null waits. */
export function useParsedQuery<S extends z.ZodType>(
  key: QueryKey,
  url: string | null,
  schema: S,
  opts: ParsedQueryOptions = {},
): UseQueryResult<z.output<S>, ApiError> {
  return useQuery<z.output<S>, ApiError>({
    queryKey: key,
    queryFn: () => getParsed(url ?? '', schema),
    enabled: url !== null,
    retry: retryQuery,
    refetchInterval: opts.refetchInterval,
    staleTime: opts.staleTime,
    refetchOnMount: opts.always ? 'always' : undefined,
    placeholderData: opts.keepPrevious ? keepPreviousData : undefined,
  });
}

/**
 * A change that, once the server took it, says so to the screen (`onDone`, first, as the screens did) and then marks
 * stale exactly the queries it changed (`changes`, or what the answer says changed), whose shown ones are read again
 * before the mutation settles.
 */
export function useChange<TData, TVars>(
  mutationFn: (v: TVars) => Promise<TData>,
  changes: readonly QueryKey[] | ((data: TData, v: TVars) => readonly QueryKey[]),
  onDone?: (data: TData, v: TVars) => void,
): UseMutationResult<TData, ApiError, TVars> {
  const client = useQueryClient();
  return useMutation<TData, ApiError, TVars>({
    mutationFn,
    onSuccess: async (data, v) => {
      onDone?.(data, v);
      await invalidate(client, typeof changes === 'function' ? changes(data, v) : changes);
    },
  });
}

/** Marks these queries (a resource's root, or one item's key) stale; those on screen are read again. */
export async function invalidate(client: ReturnType<typeof useQueryClient>, keys: readonly QueryKey[]): Promise<void> {
  await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
}
