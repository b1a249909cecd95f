// The office's query modules against the real server: answers are checked with the shared schemas at the edge, and
// each mutation marks stale only the queries of what it changed.
import { QueryClient, QueryClientProvider, type QueryKey } from '@tanstack/react-query';
import { act, cleanup, configure, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { accountKeys, useAccounts, useCreateAccount } from '../../../src/client/office/queries/accounts';
import { assignmentKeys, useAssignments, useSetAssignment } from '../../../src/client/office/queries/assignments';
import { progressKeys, useProgress } from '../../../src/client/office/queries/progress';
import { reviewKeys, useReviewSummary } from '../../../src/client/office/queries/review';
import { settingsKeys, useSettings } from '../../../src/client/office/queries/settings';
import { BAD_ANSWER, type ApiError } from '../../../src/client/office/api';
import { renderAdmin } from './admin-render';
import { startOfficeServer, type OfficeServer } from './real-server';

configure({ asyncUtilTimeout: 8000 });

const clock = new Date('2021-12-20T03:00:00Z');
const CAMPAIGN = 'quang-binh-2021';
let server: OfficeServer;

beforeAll(async () => {
  server = await startOfficeServer(() => clock);
  await server.signInAs('qt');
});
afterAll(() => server.close());
afterEach(cleanup);

/** The server's answer to `path` replaced with `body` (a server of another version, a proxy's page), the rest as is. */
function answerWith(path: string, body: unknown): () => void {
  const real = globalThis.fetch;
  const fake = vi.fn((input: string, init?: RequestInit) =>
    new URL(input, 'http://office').pathname === path
      ? Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }))
      : real(input, init),
  );
  globalThis.fetch = fake as unknown as typeof fetch;
  return () => {
    globalThis.fetch = real;
  };
}

describe('an answer that does not match its schema', () => {
  it('is shown as the clear error with a retry, never drawn as figures', { timeout: 20_000 }, async () => {
    const restore = answerWith(`/api/campaigns/${CAMPAIGN}/progress`, { units: 'many', total: -1 });
    try {
      renderAdmin(server.ids.admin, '/');
      expect(await screen.findByText(/Máy chủ trả về dữ liệu không đúng định dạng, nên không hiển thị/)).toBeTruthy();
      expect(screen.getByText(/Không tải được dữ liệu/)).toBeTruthy();
      expect(screen.getByRole('button', { name: 'Thử lại' })).toBeTruthy();
      expect(screen.queryByText('many')).toBeNull();
    } finally {
      restore();
    }
  });

  it('is an ApiError of its own code, in the language of the calls, and is not tried again', { timeout: 20_000 }, async () => {
    const restore = answerWith(`/api/campaigns/${CAMPAIGN}/review/summary`, [{ total: 'lots' }]);
    try {
      const client = new QueryClient();
      const { result } = renderHook(() => useReviewSummary(CAMPAIGN), { wrapper: wrapperOf(client) });
      await waitFor(() => expect(result.current.isError).toBe(true));
      const error = result.current.error as ApiError;
      expect(error.code).toBe(BAD_ANSWER);
      expect(error.offline).toBe(false);
      expect(result.current.failureCount).toBe(1);
      expect(result.current.data).toBeUndefined();
    } finally {
      restore();
    }
  });
});

const wrapperOf = (client: QueryClient) =>
  function Wrapper({ children }: { children: ReactNode }) {
    return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  };

/** How many times each query has been answered so far, and whether it is marked stale. */
const stateOf = (client: QueryClient, key: QueryKey) => {
  const q = client.getQueryCache().find({ queryKey: key, exact: true });
  return { answers: q?.state.dataUpdateCount ?? 0, invalidated: q?.state.isInvalidated ?? false };
};

/** The screens' queries of five resources, all shown (so an invalidated one is read again at once). */
function useScreens() {
  return {
    accounts: useAccounts(CAMPAIGN, { role: 'surveyor' }),
    assignments: useAssignments(CAMPAIGN, { unitId: '', surveyorId: '' }),
    progress: useProgress(CAMPAIGN),
    review: useReviewSummary(CAMPAIGN),
    settings: useSettings(CAMPAIGN),
  };
}

const keys = {
  accounts: accountKeys.list(CAMPAIGN, { role: 'surveyor' }),
  assignments: assignmentKeys.list(CAMPAIGN, { unitId: '', surveyorId: '' }),
  progress: progressKeys.report(CAMPAIGN),
  review: reviewKeys.summary(CAMPAIGN),
  settings: settingsKeys.one(CAMPAIGN),
};

async function screensLoaded<T>(client: QueryClient, hook: () => T) {
  const view = renderHook(hook, { wrapper: wrapperOf(client) });
  await waitFor(() => expect(Object.values(keys).every((k) => stateOf(client, k).answers === 1)).toBe(true));
  return view;
}

const answers = (client: QueryClient) =>
  Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, stateOf(client, key).answers]));

describe('a mutation invalidates only what it changes', () => {
  it(
    'a new account: the accounts list is read again, the review summary, progress, assignments and settings are not',
    { timeout: 20_000 },
    async () => {
      const client = new QueryClient();
      const spy = vi.spyOn(client, 'invalidateQueries');
      const { result } = await screensLoaded(client, () => ({ ...useScreens(), mutation: useCreateAccount(CAMPAIGN, () => undefined) }));
      await act(() => result.current.mutation.mutateAsync({ username: 'dt.moi', displayName: 'Điều tra viên mới', role: 'surveyor' }));
      await waitFor(() => expect(answers(client)).toEqual({ accounts: 2, assignments: 1, progress: 1, review: 1, settings: 1 }));
      expect(result.current.accounts.data?.accounts.map((a) => a.username)).toContain('dt.moi');
      expect(stateOf(client, keys.review).invalidated).toBe(false);
      // Never the whole cache: every call names a key.
      expect(spy.mock.calls.every(([filters]) => filters?.queryKey !== undefined)).toBe(true);
    },
  );

  it('an assignment: assignments and progress are read again, the review summary and settings are not', { timeout: 20_000 }, async () => {
    const client = new QueryClient();
    const { result } = await screensLoaded(client, () => ({
      ...useScreens(),
      mutation: useSetAssignment(
        CAMPAIGN,
        (v: { surveyorId: string; unitId: string; groupId: string; allocation: number }) => v.allocation,
        () => undefined,
      ),
    }));
    await act(() =>
      result.current.mutation.mutateAsync({
        surveyorId: server.ids.surveyor,
        unitId: 'so-tu-phap',
        groupId: 'so-nguoi-dan',
        allocation: 12,
      }),
    );
    await waitFor(() => expect(answers(client)).toMatchObject({ assignments: 2, progress: 2, review: 1, settings: 1 }));
    expect(stateOf(client, keys.review).invalidated).toBe(false);
    expect(stateOf(client, keys.settings).invalidated).toBe(false);
  });
});
