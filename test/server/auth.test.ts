import { beforeEach, describe, expect, it } from 'vitest';
import { revokeAccountSessions } from '../../src/server/db/sessions';
import { harnessPerTest, PASSWORD, type Harness } from './harness';

let h: Harness;
const START = new Date('2021-12-01T08:00:00Z');
let clock = START;
const DAY = 24 * 3600_000;
const tick = (ms: number) => (clock = new Date(clock.getTime() + ms));

const login = (username: string, password: string, ip = '10.0.0.1') =>
  h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
const me = (cookie: string) => h.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
const cookieOf = (res: Awaited<ReturnType<typeof login>>) => {
  const c = res.cookies.find((x) => x.name === 'phieu_session');
  return `phieu_session=${c?.value}`;
};

beforeEach(() => {
  clock = START; // each test starts at the same time, whatever the tests before it ticked
});
harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    await t.account('dieutra', 'surveyor');
    await t.account('daumoi', 'coordinator', { unitId: 'so-tu-phap' });
    await t.account('khoa', 'surveyor');
  },
  { app: { now: () => clock } },
);

describe('sign-in and sessions', () => {
  it('sets an HttpOnly, SameSite session cookie and answers /me', async () => {
    const res = await login('dieutra', PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'phieu_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.value.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    const who = await me(cookieOf(res));
    expect(who.json().account).toMatchObject({ username: 'dieutra', role: 'surveyor' });
  });

  it('refuses a wrong password and an unknown user with the same message', async () => {
    const wrong = await login('dieutra', 'sai-mat-khau');
    const unknown = await login('khong-co', 'sai-mat-khau');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message).toBe(unknown.json().message);
    expect(wrong.json().message).toMatch(/không đúng/);
  });

  it('keeps a surveyor signed in for 60 days of inactivity, sliding with use', async () => {
    const cookie = cookieOf(await login('dieutra', PASSWORD));
    tick(59 * DAY);
    expect((await me(cookie)).statusCode).toBe(200); // slides the expiry forward
    tick(59 * DAY);
    expect((await me(cookie)).statusCode).toBe(200);
    tick(61 * DAY);
    const expired = await me(cookie);
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ error: 'unauthenticated', message: expect.stringMatching(/đăng nhập lại/) });
  });

  it('ends a coordinator session after 12 idle hours', async () => {
    const cookie = cookieOf(await login('daumoi', PASSWORD));
    tick(11 * 3600_000);
    expect((await me(cookie)).statusCode).toBe(200);
    tick(13 * 3600_000);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('revokes on logout and on revoke-all', async () => {
    const a = cookieOf(await login('dieutra', PASSWORD));
    const b = cookieOf(await login('dieutra', PASSWORD));
    const out = await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: a } });
    expect(out.statusCode).toBe(200);
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(200);
    const account = (await me(b)).json().account;
    expect(await revokeAccountSessions(h.handle.db, account.id, clock.toISOString())).toBeGreaterThanOrEqual(1);
    expect((await me(b)).statusCode).toBe(401);
  });

  it('locks an account after five failures, for a short time that expires by itself', async () => {
    for (let i = 0; i < 4; i += 1) expect((await login('khoa', 'sai')).statusCode).toBe(401);
    const fifth = await login('khoa', 'sai');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json()).toMatchObject({ error: 'account-locked', message: expect.stringMatching(/15 phút/) });
    expect(fifth.headers['retry-after']).toBe('900');
    expect((await login('khoa', PASSWORD)).statusCode).toBe(429); // even the right password, while locked
    tick(16 * 60_000);
    expect((await login('khoa', PASSWORD)).statusCode).toBe(200);
  });
});

describe('per-address throttle', () => {
  // 62 sign-ins, each hashing at the production cost (an unknown name too, so timing tells nothing): about 3 s alone,
  // several times that while other files run beside it.
  it('allows a field team behind one address many attempts, then slows it down with a clear message', { timeout: 30_000 }, async () => {
    const ip = '203.0.113.9';
    const statuses: number[] = [];
    for (let i = 0; i < 61; i += 1) statuses.push((await login(`nguoi-${i}`, 'x', ip)).statusCode);
    expect(statuses.slice(0, 60).every((s) => s === 401)).toBe(true);
    const last = await login('dieutra', PASSWORD, ip);
    expect(last.statusCode).toBe(429);
    expect(last.json()).toMatchObject({ error: 'rate-limited', message: expect.stringMatching(/thử lại sau/) });
    expect((await login('dieutra', PASSWORD, '203.0.113.10')).statusCode).toBe(200); // other addresses unaffected
  });
});
