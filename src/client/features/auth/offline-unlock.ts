import type { PhieuDb } from '../../db/database';
import { getMeta, setMeta } from '../../db/meta';

// The signed-out state lives with the sync engine, which must not sync while nobody is signed in (sync/session.ts).
export { setSignedOutState, signedOutState, type SignedOut } from '../../sync/session';

/**
 * Signing out never strands a surveyor (issue 13). The choice made here: signing out keeps a local "signed out" state
 * (it survives a reload, unlike before), and the person who last signed in on this device, online, can open the app
 * again without a network by typing the same username and password. Anyone else needs a network, as a first sign-in
 * does. Refusing to sign out offline would have been simpler, but a surveyor who signed out at night, online, would
 * still have found the app shut the next day in a commune without coverage; this way the same person is never locked
 * out, and the device is no more open to someone else than before.
 *
 * What is kept for that: a PBKDF2-SHA-256 verifier of the password (random salt, 600,000 iterations: OWASP's figure;
 * WebCrypto offers no argon2), never the password itself. It is written at each successful online sign-in of a
 * surveyor, replaces the previous account's, and only unlocks this device's screens: the server still needs a session.
 * A stolen phone lets its verifier be guessed at offline, as a stolen phone already held the session cookie; the cost
 * per guess is the iteration count.
 */

const UNLOCK_KEY = 'offlineUnlock';
const ITERATIONS = 600_000;

interface OfflineUnlock {
  accountId: string;
  username: string;
  displayName: string;
  salt: string;
  iterations: number;
  hash: string;
}

/** Who can open this device without a network. */
export interface KnownAccount {
  accountId: string;
  username: string;
  displayName: string;
}

const subtle = (): SubtleCrypto | undefined => (typeof crypto !== 'undefined' ? crypto.subtle : undefined);

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const s = subtle();
  if (!s) throw new Error('WebCrypto unavailable');
  const key = await s.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await s.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256));
}

/** Same length and bytes, without stopping at the first difference. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * After a successful online sign-in of a surveyor: lets the same person open the device offline later. Does nothing
 * where WebCrypto is missing (a page not served over HTTPS): signing out offline is then refused instead.
 */
export async function rememberForOffline(
  db: PhieuDb,
  account: { id: string; username: string; displayName: string },
  password: string,
  iterations = ITERATIONS,
): Promise<void> {
  if (!subtle()) return;
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, iterations);
  const row: OfflineUnlock = {
    accountId: account.id,
    username: account.username,
    displayName: account.displayName,
    salt: toBase64(salt),
    iterations,
    hash: toBase64(hash),
  };
  await setMeta(db, UNLOCK_KEY, row);
}

export async function knownAccount(db: PhieuDb): Promise<KnownAccount | null> {
  const row = await getMeta<OfflineUnlock>(db, UNLOCK_KEY);
  return row ? { accountId: row.accountId, username: row.username, displayName: row.displayName } : null;
}

export type OfflineVerdict = 'ok' | 'wrong-password' | 'other-account' | 'unknown';

/** Checks a sign-in typed while the server cannot be reached, against the last online sign-in on this device. */
export async function checkOffline(db: PhieuDb, username: string, password: string): Promise<OfflineVerdict> {
  const row = await getMeta<OfflineUnlock>(db, UNLOCK_KEY);
  if (!row || !subtle()) return 'unknown';
  if (username.trim() !== row.username) return 'other-account';
  const hash = await derive(password, fromBase64(row.salt), row.iterations);
  return sameBytes(hash, fromBase64(row.hash)) ? 'ok' : 'wrong-password';
}
