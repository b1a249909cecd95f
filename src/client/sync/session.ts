import type { PhieuDb } from '../db/database';
import { currentPull, getMeta, setMeta } from '../db/meta';

/**
 * Whether anyone is signed in on this device, as far as the device itself can tell (issue 14: a sync run while
 * nobody is, on the sign-in screen, only earned a 401 the browser logged). The device learns it from what it holds:
 * a pull means a surveyor signed in online here; "Đăng xuất" leaves a signed-out state (features/auth); a 401 during a
 * sync is the server saying the session ended anyway, handled by the triggers and the sign-in screen.
 */

const SIGNED_OUT_KEY = 'signedOut';

/**
 * Signed out on this device: `server` says whether the server ended the session too ('done') or could not be reached
 * ('pending': it is told once the network is back, after the waiting responses are sent).
 */
export interface SignedOut {
  at: string;
  server: 'done' | 'pending';
}

export async function signedOutState(db: PhieuDb): Promise<SignedOut | null> {
  return (await getMeta<SignedOut | null>(db, SIGNED_OUT_KEY)) ?? null;
}

export async function setSignedOutState(db: PhieuDb, state: SignedOut | null): Promise<void> {
  await setMeta(db, SIGNED_OUT_KEY, state);
}

/**
 * May the device sync by itself (at start, on the network's return, in the foreground, on its timer)? Only with a
 * session to sync with: a surveyor signed in here online (there is a pull) and did not sign out since, or signed out
 * without a network, the server not told yet: what waits still goes out with that session before the server is told.
 * Nobody signed in yet (the first sign-in screen, the office's accounts, which never pull) and signed out: no.
 */
export async function maySyncByItself(db: PhieuDb): Promise<boolean> {
  const [pull, signedOut] = await Promise.all([currentPull(db), signedOutState(db)]);
  if (!pull) return false;
  return signedOut === null || signedOut.server === 'pending';
}
