import type { ErrorBody, SessionInfo } from '../../../shared';

export type LoginAnswer = { ok: true; session: SessionInfo } | { ok: false; message: string; offline?: boolean };

export async function signIn(username: string, password: string): Promise<LoginAnswer> {
  let res: Response;
  try {
    res = await fetch('/api/auth/login', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
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

/** Who the session cookie belongs to: null when nobody is signed in, 'offline' when the server cannot be reached. */
export async function currentSession(): Promise<SessionInfo | null | 'offline'> {
  let res: Response;
  try {
    res = await fetch('/api/auth/me', { credentials: 'same-origin' });
  } catch {
    return 'offline';
  }
  if (!res.ok) return null;
  const body = (await res.json().catch(() => null)) as SessionInfo | null;
  return body && 'account' in body ? body : null;
}
