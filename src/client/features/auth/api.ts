import type { ErrorBody, SessionInfo, SessionState } from '../../../shared/api/auth';

export type LoginAnswer = { ok: true; session: SessionInfo } | { ok: false; message: string; offline?: boolean };

/** `lang`: the language on screen, sent as Accept-Language so that a refusal comes in it (not the browser's). */
export async function signIn(username: string, password: string, lang: string): Promise<LoginAnswer> {
  let res: Response;
  try {
    res = await fetch('/api/auth/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'accept-language': lang },
      body: JSON.stringify({ username, password }),
    });
  } catch {
    return { ok: false, message: '', offline: true };
  }
  const body = (await res.json().catch(() => null)) as SessionInfo | ErrorBody | null;
  if (res.ok && body && 'account' in body) return { ok: true, session: body };
  return { ok: false, message: body && 'message' in body ? body.message : `HTTP ${res.status}` };
}

/** Ends the session on the server. False when the server could not be reached (no network): nothing ended there. */
export async function signOut(): Promise<boolean> {
  try {
    await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Who the session cookie belongs to: null when nobody is signed in, 'offline' when the server cannot be reached.
 * Asks /api/auth/session, which answers nobody with 200 { user: null }: /api/auth/me's 401 would be logged by the
 * browser on every sign-in screen. The answer is trusted as typed (no runtime schema in the surveyor's bundle).
 */
export async function currentSession(): Promise<SessionInfo | null | 'offline'> {
  let res: Response;
  try {
    res = await fetch('/api/auth/session', { credentials: 'same-origin' });
  } catch {
    return 'offline';
  }
  if (!res.ok) return null;
  const body = (await res.json().catch(() => null)) as SessionState | null;
  const user = body?.user;
  if (!user) return null;
  const { expiresAt, ...account } = user;
  return { account, expiresAt };
}
