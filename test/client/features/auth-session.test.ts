import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentSession } from '../../../src/client/features/auth/api';

/**
 * Issue 14: the app asks who is signed in with GET /api/auth/session, which answers nobody with 200 { user: null }:
 * /api/auth/me's 401 was logged by the browser on every sign-in screen. What comes back is read as typed (the
 * surveyor's bundle carries no runtime schema), into the same answer as before.
 */

const ACCOUNT = {
  id: 'a1',
  username: 'daumoi',
  displayName: 'Đầu mối Sở Tư pháp',
  role: 'coordinator',
  unitId: 'so-tu-phap',
  campaignId: 'quang-binh-2021',
} as const;

function answering(status: number, body: unknown) {
  const fetchMock = vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

describe('currentSession', () => {
  it('asks /api/auth/session (never /api/auth/me) with the session cookie', async () => {
    const fetchMock = answering(200, { user: null });
    await currentSession();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]).toEqual(['/api/auth/session', { credentials: 'same-origin' }]);
  });

  it('nobody signed in is null', async () => {
    answering(200, { user: null });
    expect(await currentSession()).toBeNull();
  });

  it('someone signed in is their account and when the session ends', async () => {
    answering(200, { user: { ...ACCOUNT, expiresAt: '2021-12-10T15:00:00.000Z' } });
    expect(await currentSession()).toEqual({ account: ACCOUNT, expiresAt: '2021-12-10T15:00:00.000Z' });
  });

  it("a server that cannot answer is 'offline'; an error or an unreadable answer is nobody", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    expect(await currentSession()).toBe('offline');
    answering(500, { error: 'internal', message: 'Lỗi máy chủ' });
    expect(await currentSession()).toBeNull();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>', { status: 200 })),
    );
    expect(await currentSession()).toBeNull();
  });
});
