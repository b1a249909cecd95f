import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../shared';
import type { Db } from '../db/database';
import { resolveSession, type SessionUser } from '../services/auth';
import { forbidden, unauthenticated } from './errors';

export const SESSION_COOKIE = 'phieu_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

/** Resolves the session cookie on every /api request; routes then ask for the roles they allow. */
export function registerSession(app: FastifyInstance, db: Db, now: () => Date): void {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token && token.length <= 128) req.user = await resolveSession(db, token, now());
  });
}

/** The signed-in user, or a 401. */
export function requireUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw unauthenticated();
  return req.user;
}

/**
 * A route hook that refuses the request before its body is even read: anonymous callers cannot make the server
 * parse a 4 MiB body, and get 401 rather than a validation error.
 */
export function allow(...roles: Role[]) {
  return async (req: FastifyRequest): Promise<void> => {
    requireRole(req, ...roles);
  };
}

/** The signed-in user if their role is one of `roles`: 401 without a session, 403 with another role. */
export function requireRole(req: FastifyRequest, ...roles: Role[]): SessionUser {
  const user = requireUser(req);
  if (!roles.includes(user.role)) throw forbidden();
  return user;
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: new Date(expiresAt) });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
