/** True for a full disk, also when Dexie wraps it in an AbortError (`inner`) as transactions abort. */
export function isQuotaExceeded(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth += 1) {
    const named = e as { name?: string; inner?: unknown; cause?: unknown };
    if (named.name === 'QuotaExceededError') return true;
    e = named.inner ?? named.cause;
  }
  return false;
}

/**
 * A save or a finalise on a draft that is no longer there (deleted) or no longer a draft (finalised, maybe in another
 * tab): the reason, for the screen to say in the surveyor's language.
 */
export class DraftUnavailableError extends Error {
  override readonly name = 'DraftUnavailableError';
  constructor(
    readonly id: string,
    readonly reason: 'missing' | 'finalised',
  ) {
    super(`draft ${id} ${reason}`);
  }
}
