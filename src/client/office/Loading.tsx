import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Banner } from '../ui/Banner';
import type { ApiError } from './api';
import { useText } from './text';

/** The three states of a query as one element: loading, a failure with a retry, or the content. */
export function Loaded<T>({ query, children }: { query: UseQueryResult<T, ApiError>; children: (data: T) => ReactNode }) {
  const { t } = useText();
  if (query.isPending) return <p className="muted">{t('office.loading')}</p>;
  if (query.isError) {
    return (
      <Banner kind="error">
        {query.error.offline ? t('office.offline') : t('office.error', { message: query.error.message })}{' '}
        <button type="button" onClick={() => void query.refetch()}>
          {t('office.retry')}
        </button>
      </Banner>
    );
  }
  return <>{children(query.data)}</>;
}
