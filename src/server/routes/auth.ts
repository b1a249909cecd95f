import { z } from 'zod';
import { errorBodySchema, loginRequestSchema, problem, sessionInfoSchema, sessionStateSchema } from '../../shared';
import { problemError } from '../http/errors';
import type { App, Deps } from '../http/deps';
import { clearSessionCookie, requireUser, setSessionCookie } from '../http/session';
import { login, logout, type SessionUser } from '../services/auth';

const summary = (u: SessionUser) => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  unitId: u.unitId,
  campaignId: u.campaignId,
});

export function authRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/auth/login',
    {
      // Generous per address: a field team shares one NAT. Per account, login() locks after a few failures.
      config: { rateLimit: { max: 60, timeWindow: '15 minutes' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the HttpOnly session cookie',
        body: loginRequestSchema,
        response: { 200: sessionInfoSchema, 401: errorBodySchema, 429: errorBodySchema },
      },
    },
    async (req, reply) => {
      const result = await login(deps.db, req.body.username, req.body.password, deps.now(), req.headers['user-agent'] ?? null);
      if (!result.ok) {
        if (result.reason === 'locked') {
          const minutes = Math.ceil(result.retryAfterSeconds / 60);
          reply.header('retry-after', String(result.retryAfterSeconds));
          throw problemError(problem('auth.account-locked', { minutes }));
        }
        throw problemError(problem('auth.invalid-credentials'));
      }
      setSessionCookie(reply, result.token, result.user.expiresAt, deps.secureCookies);
      return { account: summary(result.user), expiresAt: result.user.expiresAt };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out: revokes this session', response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (req, reply) => {
      if (req.user) await logout(deps.db, req.user, deps.now());
      clearSessionCookie(reply, deps.secureCookies);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in account', response: { 200: sessionInfoSchema, 401: errorBodySchema } } },
    async (req) => {
      const user = requireUser(req);
      return { account: summary(user), expiresAt: user.expiresAt };
    },
  );

  // The app's question "is anyone signed in?": 200 either way, so that asking it signed out logs nothing in the browser.
  // /api/auth/me stays as it is for API clients, which want the 401.
  app.get(
    '/api/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in, if anyone: { user: null } when nobody is',
        response: { 200: sessionStateSchema },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const user = req.user;
      return { user: user ? { ...summary(user), expiresAt: user.expiresAt } : null };
    },
  );
}
