// Accounts managed by Home Affairs: create, list, change, disable, reset password, sign out everywhere.
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../src/server/db/audit';
import type { AdminAccount } from '../../src/shared';
import { api, CAMPAIGN, countRows, expectError, loginAs, nextAddress, signIn } from './admin-helpers';
import { citizenResponse, harnessPerTest, PASSWORD, type Harness } from './harness';

let h: Harness;
let admin: string;
let adminId: string;

const accountsUrl = `/api/campaigns/${CAMPAIGN}/accounts`;
const create = (payload: unknown) => api(h, 'POST', accountsUrl, { cookie: admin, payload });
const patch = (id: string, payload: unknown) => api(h, 'PATCH', `/api/accounts/${id}`, { cookie: admin, payload });
const me = (cookie: string) => api(h, 'GET', '/api/auth/me', { cookie });
const list = async (query = '') => {
  const res = await api(h, 'GET', `${accountsUrl}${query}`, { cookie: admin });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { accounts: AdminAccount[] }).accounts;
};

harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    adminId = await t.account('qt', 'admin');
    admin = await signIn(t, 'qt');
  },
);

// The accounts the first tests create through the API, which later tests start from.
const newSurveyor = { username: '  DTV.Moi ', displayName: ' Nguyễn Thị Mới ', role: 'surveyor' };
const newCoordinator = {
  username: 'dm.yte',
  displayName: 'Đầu mối Sở Y tế',
  role: 'coordinator',
  unitId: 'so-y-te',
  password: 'mot-mat-khau-dai',
};
const created = async (payload: unknown): Promise<string> => {
  const res = await create(payload);
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { account: AdminAccount }).account.id;
};
/** dtv.gan, a surveyor of two cells. */
const assignedSurveyor = () =>
  h.account('dtv.gan', 'surveyor', {
    cells: [
      ['so-tu-phap', 'so-nguoi-dan'],
      ['so-tu-phap', 'so-cong-chuc-so'],
    ],
  });

describe('creating accounts', () => {
  it('creates a surveyor with a generated password, returned once, that signs in', async () => {
    const res = await create(newSurveyor);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { account: AdminAccount; password: string };
    expect(body.account).toMatchObject({
      username: 'dtv.moi',
      displayName: 'Nguyễn Thị Mới',
      role: 'surveyor',
      unitId: null,
      campaignId: CAMPAIGN,
      disabled: false,
      lastSignInAt: null,
      activeSessions: 0,
      assignments: 0,
    });
    expect(body.password).toMatch(/^[A-Za-z2-9]{12}$/);
    expect((await loginAs(h, 'dtv.moi', body.password)).statusCode).toBe(200);
    const [row] = await list('?q=dtv.moi');
    expect(row?.lastSignInAt).not.toBeNull();
    expect(row?.activeSessions).toBe(1);
  });

  it('creates a coordinator of a unit with a given password, which is never echoed', async () => {
    const res = await create(newCoordinator);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ password: null, account: { unitId: 'so-y-te', unitName: 'Sở Y tế' } });
    expect(res.body).not.toContain('mot-mat-khau-dai');
    expect((await loginAs(h, 'dm.yte', 'mot-mat-khau-dai')).statusCode).toBe(200);
  });

  const refused = async (payload: unknown, status: number, error: string) => {
    const before = await countRows(h, 'accounts');
    const res = await create(payload);
    expectError(res, status, error);
    if (status === 400) expect((res.json().issues as unknown[]).length).toBeGreaterThan(0);
    expect(await countRows(h, 'accounts')).toBe(before);
  };

  it('refuses a taken username with a message and creates nothing', async () => {
    await created(newSurveyor);
    await refused({ username: 'dtv.moi', displayName: 'X', role: 'surveyor' }, 409, 'username-taken');
  });

  it.each([
    ['a username with accents', { username: 'điều-tra', displayName: 'X', role: 'surveyor' }, 400, 'invalid-request'],
    ['a coordinator without a unit', { username: 'dm.x', displayName: 'X', role: 'coordinator' }, 400, 'invalid-request'],
    [
      'staff of a unit of no campaign',
      { username: 'cb.x', displayName: 'X', role: 'staff', unitId: 'so-khong-co' },
      400,
      'invalid-request',
    ],
    ['a surveyor bound to a unit', { username: 'dt.x', displayName: 'X', role: 'surveyor', unitId: 'so-y-te' }, 400, 'invalid-request'],
    ['a short password', { username: 'dt.y', displayName: 'X', role: 'surveyor', password: '123456789' }, 400, 'invalid-request'],
    ['an unknown role', { username: 'dt.z', displayName: 'X', role: 'superuser' }, 400, 'invalid-request'],
    ['a blank name', { username: 'dt.w', displayName: '   ', role: 'council' }, 400, 'invalid-request'],
    ['an extra field', { username: 'dt.v', displayName: 'X', role: 'council', passwordHash: 'x' }, 400, 'invalid-request'],
    // Refused at the door, as in any field of any request (http/nul-guard.ts): PostgreSQL cannot store it.
    ['a NUL in the name', { username: 'dt.u', displayName: 'Nguyễn\u0000An', role: 'council' }, 400, 'bad-request'],
    ['a bidirectional override in the name', { username: 'dt.t', displayName: 'Nguyễn \u202eAn', role: 'council' }, 400, 'invalid-request'],
    ['a line break in the name', { username: 'dt.s', displayName: 'Nguyễn\nAn', role: 'council' }, 400, 'invalid-request'],
  ])('refuses %s with a message and creates nothing', async (_, payload, status, error) => {
    await refused(payload, status, error);
  });
});

describe('the account list', () => {
  it('lists what a table needs, filters by role, unit, state and text, and never returns a password hash', async () => {
    await created(newSurveyor);
    await created(newCoordinator);
    await assignedSurveyor();
    const all = await list();
    expect(all.map((a) => a.username)).toEqual([...all.map((a) => a.username)].sort());
    expect(all.find((a) => a.username === 'dtv.gan')).toMatchObject({ role: 'surveyor', assignments: 2, disabled: false });
    expect((await list('?role=coordinator')).map((a) => a.username)).toEqual(['dm.yte']);
    expect((await list('?unitId=so-y-te')).map((a) => a.username)).toEqual(['dm.yte']);
    expect((await list('?q=nguyen thi')).map((a) => a.username)).toEqual(['dtv.moi']);
    expect((await list('?disabled=true')).map((a) => a.username)).toEqual([]);
    const raw = (await api(h, 'GET', accountsUrl, { cookie: admin })).body;
    expect(raw).not.toMatch(/argon2|password_hash|passwordHash/);
    expectError(await api(h, 'GET', `${accountsUrl}?role=king`, { cookie: admin }), 400, 'invalid-request');
    expectError(await api(h, 'GET', '/api/campaigns/khong-co/accounts', { cookie: admin }), 404, 'not-found');
  });

  it('shows one account, and 404 for one that does not exist', async () => {
    await created(newCoordinator);
    const [a] = await list('?q=dm.yte');
    const one = await api(h, 'GET', `/api/accounts/${a?.id}`, { cookie: admin });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(a);
    expectError(await api(h, 'GET', '/api/accounts/khong-co', { cookie: admin }), 404, 'not-found');
  });
});

describe('changing accounts', () => {
  it('changes the display name and the unit of a coordinator', async () => {
    await created(newCoordinator);
    const [a] = await list('?q=dm.yte');
    const res = await patch(a?.id as string, { displayName: 'Đầu mối CCHC Sở Y tế', unitId: 'so-tu-phap' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ displayName: 'Đầu mối CCHC Sở Y tế', unitId: 'so-tu-phap', unitName: 'Sở Tư pháp' });
    expectError(await patch(a?.id as string, { unitId: null }), 400, 'invalid-request');
    expectError(await patch(a?.id as string, { unitId: 'khong-co' }), 400, 'invalid-request');
    expectError(await patch(a?.id as string, {}), 400, 'invalid-request');
    const [entry] = (await listAudit(h.handle.db, 'account:dm.yte')).filter((e) => e.action === 'account.update');
    expect(JSON.parse(entry?.detail_json ?? '{}')).toEqual({
      displayName: { from: 'Đầu mối Sở Y tế', to: 'Đầu mối CCHC Sở Y tế' },
      unitId: { from: 'so-y-te', to: 'so-tu-phap' },
    });
    expect(entry?.actor_id).toBe(adminId);
  });

  it('changes a role, clearing a unit the new role has no use for and signing the account out', async () => {
    await created(newCoordinator);
    const [a] = await list('?q=dm.yte');
    const session = await signIn(h, 'dm.yte', 'mot-mat-khau-dai');
    const res = await patch(a?.id as string, { role: 'council' });
    expect(res.json()).toMatchObject({ role: 'council', unitId: null });
    expect((await me(session)).statusCode).toBe(401);
  });

  it('keeps a surveyor with assignments a surveyor until they are removed', async () => {
    await assignedSurveyor();
    const [a] = await list('?q=dtv.gan');
    const res = await patch(a?.id as string, { role: 'council' });
    expectError(res, 409, 'has-assignments');
    expect(res.json().message).toContain('2 đơn vị × đối tượng');
  });

  it('does not let an admin disable or demote themselves', async () => {
    expectError(await patch(adminId, { disabled: true }), 409, 'self-lockout');
    expectError(await patch(adminId, { role: 'council' }), 409, 'self-demotion');
    expect((await me(admin)).statusCode).toBe(200);
    expect((await patch(adminId, { displayName: 'Quản trị Sở Nội vụ' })).statusCode).toBe(200);
  });

  it('says a refusal in English when asked', async () => {
    const en = { 'accept-language': 'en-GB,en;q=0.9,vi;q=0.5' };
    const self = await api(h, 'PATCH', `/api/accounts/${adminId}`, { cookie: admin, payload: { disabled: true }, headers: en });
    expectError(self, 409, 'self-lockout');
    expect(self.json().message).toBe('You cannot disable your own account. Ask another administrator if needed.');
    const id = await h.account('dt.en', 'surveyor');
    const noUnit = await api(h, 'PATCH', `/api/accounts/${id}`, { cookie: admin, payload: { role: 'coordinator' }, headers: en });
    expectError(noUnit, 400, 'invalid-request');
    expect(noUnit.json()).toMatchObject({
      message: 'An account with the role "Coordinator" needs a unit.',
      issues: [{ path: 'body.unitId', message: 'An account with the role "Coordinator" needs a unit.' }],
    });
    expect((await patch(id, { role: 'coordinator' })).json().message).toBe('Đầu mối cần có đơn vị.');
  });

  it('lets another admin be disabled', async () => {
    const other = await h.account('qt2', 'admin');
    expect((await patch(other, { disabled: true })).json()).toMatchObject({ disabled: true });
    expect((await patch(other, { disabled: false })).json()).toMatchObject({ disabled: false });
  });
});

describe('disabling', () => {
  it('refuses the sign-in, ends the live sessions (even a surveyor push), and enabling lets them back', async () => {
    const id = await h.account('dtv.khoa', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
    const session = await signIn(h, 'dtv.khoa');
    expect((await me(session)).statusCode).toBe(200);

    const res = await patch(id, { disabled: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ disabled: true, activeSessions: 0 });
    expect(res.json().disabledAt).toEqual(expect.any(String));
    expectError(await me(session), 401, 'unauthenticated');
    expectError(
      await api(h, 'POST', '/api/sync/responses', { cookie: session, payload: { responses: [citizenResponse(id)] } }),
      401,
      'unauthenticated',
    );
    const refused = await loginAs(h, 'dtv.khoa');
    expectError(refused, 401, 'invalid-credentials');
    expect(refused.cookies.find((c) => c.name === 'phieu_session')).toBeUndefined();
    expect((await list('?disabled=true')).map((a) => a.username)).toEqual(['dtv.khoa']);

    expect((await patch(id, { disabled: false })).json()).toMatchObject({ disabled: false, disabledAt: null });
    expect((await me(await signIn(h, 'dtv.khoa'))).statusCode).toBe(200);
    expect((await listAudit(h.handle.db, 'account:dtv.khoa')).map((e) => e.action)).toEqual(['account.disable', 'account.enable']);
  });
});

describe('passwords and sessions', () => {
  it('resets a password to a generated one: every session ends, the old password fails, the new one works', async () => {
    const id = await h.account('dtv.quen', 'surveyor');
    const [s1, s2] = [await signIn(h, 'dtv.quen'), await signIn(h, 'dtv.quen')];
    const res = await api(h, 'POST', `/api/accounts/${id}/password`, { cookie: admin, payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    const { password, sessionsRevoked } = res.json() as { password: string; sessionsRevoked: number };
    expect(sessionsRevoked).toBe(2);
    expect(password).toMatch(/^[A-Za-z2-9]{12}$/);
    for (const s of [s1, s2]) expectError(await me(s), 401, 'unauthenticated');
    expectError(await loginAs(h, 'dtv.quen', PASSWORD), 401, 'invalid-credentials');
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: nextAddress(),
      headers: { 'accept-language': 'en' },
      payload: { username: 'dtv.quen', password: PASSWORD },
    });
    expectError(wrong, 401, 'invalid-credentials');
    expect(wrong.json().message).toBe('The username or password is not correct.');
    expect((await loginAs(h, 'dtv.quen', PASSWORD)).json().message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect((await loginAs(h, 'dtv.quen', password)).statusCode).toBe(200);
  });

  it('sets a given password (also with no body at all: generated), never writing it to the audit log', async () => {
    const id = await h.account('dtv.dat', 'surveyor');
    const given = await api(h, 'POST', `/api/accounts/${id}/password`, { cookie: admin, payload: { password: 'mat-khau-moi-dat' } });
    expect(given.json()).toEqual({ password: null, sessionsRevoked: 0 });
    expect((await loginAs(h, 'dtv.dat', 'mat-khau-moi-dat')).statusCode).toBe(200);
    const bare = await api(h, 'POST', `/api/accounts/${id}/password`, { cookie: admin });
    expect(bare.statusCode, bare.body).toBe(200);
    expect(bare.json().password).toEqual(expect.any(String));
    expectError(
      await api(h, 'POST', `/api/accounts/${id}/password`, { cookie: admin, payload: { password: 'ngan' } }),
      400,
      'invalid-request',
    );
    const audit = JSON.stringify(await listAudit(h.handle.db));
    expect(audit).not.toContain('mat-khau-moi-dat');
    expect(audit).not.toContain(bare.json().password);
    expect((await listAudit(h.handle.db, 'account:dtv.dat')).map((e) => e.action)).toEqual([
      'account.reset-password',
      'account.reset-password',
    ]);
  });

  it('unlocks an account locked by wrong passwords', async () => {
    const id = await h.account('dtv.sai', 'surveyor');
    for (let i = 0; i < 5; i += 1) await loginAs(h, 'dtv.sai', `sai-${i}`);
    expect((await loginAs(h, 'dtv.sai')).statusCode).toBe(429);
    const [locked] = await list('?q=dtv.sai');
    expect(locked?.lockedUntil).toEqual(expect.any(String));
    await api(h, 'POST', `/api/accounts/${id}/password`, { cookie: admin, payload: { password: 'mat-khau-sau-khoa' } });
    expect((await loginAs(h, 'dtv.sai', 'mat-khau-sau-khoa')).statusCode).toBe(200);
  });

  it('signs an account out everywhere without touching its password', async () => {
    const id = await h.account('dtv.thu-hoi', 'surveyor');
    const [s1, s2] = [await signIn(h, 'dtv.thu-hoi'), await signIn(h, 'dtv.thu-hoi')];
    const res = await api(h, 'DELETE', `/api/accounts/${id}/sessions`, { cookie: admin });
    expect(res.json()).toEqual({ sessionsRevoked: 2 });
    for (const s of [s1, s2]) expectError(await me(s), 401, 'unauthenticated');
    expect((await loginAs(h, 'dtv.thu-hoi')).statusCode).toBe(200);
    expect((await api(h, 'DELETE', `/api/accounts/${id}/sessions`, { cookie: admin })).json()).toEqual({ sessionsRevoked: 1 });
    expectError(await api(h, 'DELETE', '/api/accounts/khong-co/sessions', { cookie: admin }), 404, 'not-found');
  });
});

describe('the audit log', () => {
  it('is newest first, filtered by subject or action prefix, paged by cursor, with the actor named', async () => {
    // Entries of three kinds: a creation with a given password, a disable and enable, three password resets.
    await created(newCoordinator);
    const locked = await h.account('dtv.khoa', 'surveyor');
    for (const disabled of [true, false]) expect((await patch(locked, { disabled })).statusCode).toBe(200);
    const forgot = await h.account('dtv.quen', 'surveyor');
    for (let i = 0; i < 3; i += 1) {
      expect((await api(h, 'POST', `/api/accounts/${forgot}/password`, { cookie: admin, payload: {} })).statusCode).toBe(200);
    }
    const all = await api(h, 'GET', '/api/audit?limit=500', { cookie: admin });
    expect(all.statusCode).toBe(200);
    const entries = all.json().entries as { id: number; action: string; subject: string; actorUsername: string | null; detail: unknown }[];
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => b - a));
    expect(entries.find((e) => e.action === 'account.create')).toMatchObject({
      actorUsername: 'qt',
      subject: 'account:dm.yte',
      detail: { role: 'coordinator', unitId: 'so-y-te', passwordGenerated: false },
    });
    expect(all.body).not.toContain('mot-mat-khau-dai');

    const bySubject = (await api(h, 'GET', '/api/audit?subject=account:dtv.khoa', { cookie: admin })).json().entries as {
      action: string;
    }[];
    expect(bySubject.map((e) => e.action)).toEqual(['account.enable', 'account.disable']);
    const prefix = (await api(h, 'GET', '/api/audit?action=account.reset*', { cookie: admin })).json().entries as { action: string }[];
    expect(prefix.length).toBeGreaterThanOrEqual(3);
    expect(new Set(prefix.map((e) => e.action))).toEqual(new Set(['account.reset-password']));

    const pages: number[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = (await api(h, 'GET', `/api/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { cookie: admin })).json() as {
        entries: { id: number }[];
        nextCursor: string | null;
      };
      pages.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor;
    }
    expect(pages).toEqual(entries.map((e) => e.id));
    expectError(await api(h, 'GET', '/api/audit?cursor=abc', { cookie: admin }), 400, 'invalid-cursor');
    const badCursor = await api(h, 'GET', '/api/audit?cursor=abc', { cookie: admin, headers: { 'accept-language': 'en' } });
    expectError(badCursor, 400, 'invalid-cursor');
    expect(badCursor.json().message).toBe('The page cursor is not valid: start again from the first page.');
    expectError(await api(h, 'GET', '/api/audit?limit=0', { cookie: admin }), 400, 'invalid-request');
  });
});
