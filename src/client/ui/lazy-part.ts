import { useEffect, useState } from 'react';

/**
 * A part of a screen in a chunk of its own, for what only some devices show (issue 14: less script on the first
 * screen). Loaded once for the whole app; a failed load is tried again by the next screen that needs it.
 */
export interface LazyPart<T> {
  /** The part, once loaded. */
  get(): T | undefined;
  load(): Promise<T>;
}

export function lazyPart<T>(load: () => Promise<T>): LazyPart<T> {
  let value: T | undefined;
  let loading: Promise<T> | undefined;
  return {
    get: () => value,
    load: () =>
      (loading ??= load().then(
        (v) => (value = v),
        (e: unknown) => {
          loading = undefined;
          throw e;
        },
      )),
  };
}

/**
 * Starts loading `part` as soon as the screen knows it `needed`, and gives it once loaded (undefined until then), so
 * that the screen can wait for it before showing anything instead of moving when it arrives. `null` when the load
 * failed: the screen is then shown without that part rather than never.
 */
export function useLazyPart<T>(part: LazyPart<T>, needed: boolean): T | null | undefined {
  const [, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  const value = part.get();
  useEffect(() => {
    if (!needed || value !== undefined) return;
    let live = true;
    part.load().then(
      () => live && setLoaded(true),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [part, needed, value]);
  return value ?? (failed ? null : undefined);
}
