import { beforeEach, describe, expect, it } from 'vitest';
import { setAccountDisabled } from '../../src/server/db/accounts';
import { revokeAccountSessions } from '../../src/server/db/sessions';
import { sessionStateSchema } from '../../src/shared';
import { harnessPerTest, PASSWORD, type Harness } from './harness';

/**
 * GET /api/auth/session (issue 14): the app's "is anyone signed in?". Nobody is an answer, 200 { user: null }, never a
 * 401 the browser would log; someone is their own account and nothing more. /api/auth/me keeps its 401 for API clients.
 */

let h: Harness;
const START = new Date('2021-12-01T08:00:00Z');
let clock = START;
const DAY = 24 * 3600_000;
const tick = (ms: number) => (clock = new Date(clock.getTime() + ms));

const session = (headers: Record<string, string> = {}) => h.app.inject({ method: 'GET', url: '/api/auth/session', headers });
const signIn = async (username: string): Promise<string> => {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: PASSWORD },
    remoteAddress: '10.0.0.2',
  });
  expect(res.statusCode).toBe(200);
  return `phieu_session=${res.cookies.find((c) => c.name === 'phieu_session')?.value}`;
};

let surveyorId: string;
beforeEach(() => {
  clock = START; // each test starts at the same time, whatever the tests before it ticked
});
harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    surveyorId = await t.account('dieutra', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
    await t.account('daumoi', 'coordinator', { unitId: 'so-tu-phap' });
    await t.account('vo-hieu', 'surveyor');
  },
  { app: { now: () => clock } },
);

describe('GET /api/auth/session', () => {
  it('answers 200 { user: null } to nobody, with no cookie or with a cookie that is not a session', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { cookie: 'phieu_session=khong-phai-phien' },
      { cookie: `phieu_session=${'x'.repeat(200)}` },
      { cookie: 'khac=1' },
    ]) {
      const res = await session(headers);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ user: null });
      expect(sessionStateSchema.parse(res.json())).toEqual({ user: null });
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it("answers the caller's own account and when the session ends, and nothing that is not theirs", async () => {
    const cookie = await signIn('dieutra');
    const res = await session({ cookie });
    expect(res.statusCode).toBe(200);
    const body = sessionStateSchema.parse(res.json());
    expect(body.user).toMatchObject({ id: surveyorId, username: 'dieutra', role: 'surveyor', unitId: null });
    expect(Object.keys(body.user ?? {}).sort()).toEqual(['campaignId', 'displayName', 'expiresAt', 'id', 'role', 'unitId', 'username']);
    expect(Date.parse(body.user?.expiresAt ?? '')).toBeGreaterThan(clock.getTime());
    // The same account as /me says, for the same cookie.
    const me = (await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json() as {
      account: object;
      expiresAt: string;
    };
    expect(body.user).toEqual({ ...me.account, expiresAt: me.expiresAt });
    expect(res.headers['cache-control']).toBe('no-store');

    const coordinator = sessionStateSchema.parse((await session({ cookie: await signIn('daumoi') })).json());
    expect(coordinator.user).toMatchObject({ username: 'daumoi', role: 'coordinator', unitId: 'so-tu-phap' });
  });

  it('says nobody once the session is signed out, revoked, expired or its account disabled, where /me says 401', async () => {
    const me = (cookie: string) => h.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    const signedOut = await signIn('dieutra');
    expect((await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: signedOut } })).statusCode).toBe(200);

    const revoked = await signIn('dieutra');
    const before = sessionStateSchema.parse((await session({ cookie: revoked })).json());
    expect(before.user?.username).toBe('dieutra');
    await revokeAccountSessions(h.handle.db, surveyorId, clock.toISOString());

    const disabled = await signIn('vo-hieu');
    const disabledId = sessionStateSchema.parse((await session({ cookie: disabled })).json()).user?.id ?? '';
    await setAccountDisabled(h.handle.db, disabledId, clock.toISOString());

    const coordinator = await signIn('daumoi');
    tick(13 * 3600_000); // a coordinator's session ends after 12 idle hours

    for (const cookie of [signedOut, revoked, disabled, coordinator]) {
      const res = await session({ cookie });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ user: null });
      expect((await me(cookie)).statusCode).toBe(401);
    }
    tick(DAY);
  });

  it('answers HEAD the same way, and is read-only: a request from another origin changes nothing and is not refused', async () => {
    const cookie = await signIn('dieutra');
    expect((await h.app.inject({ method: 'HEAD', url: '/api/auth/session' })).statusCode).toBe(200);
    const res = await session({ cookie, origin: 'https://evil.example' });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { user: { username: string } }).user.username).toBe('dieutra');
    // No CORS header: another site's script cannot read the answer.
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect((await h.app.inject({ method: 'POST', url: '/api/auth/session', headers: { cookie } })).statusCode).toBe(404);
  });
});
