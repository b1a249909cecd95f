import { useEffect, useSyncExternalStore } from 'react';
import type { ItemSaver, SavedItem, SaverSnapshot } from './item-saver';

/**
 * An item saver bound to a component: its state as React sees it, the server's newer copy taken when nothing typed
 * waits, what waits saved when the component goes, and a question before the tab closes with something unsaved.
 * The unit's entry and the council's appraisal both edit through it.
 */
export function useItemSaver<F extends string, I extends SavedItem<F>>(saver: ItemSaver<F, I>, item: I): SaverSnapshot<F, I> {
  const snap = useSyncExternalStore(saver.subscribe, saver.snapshot);
  useEffect(() => saver.serverItem(item), [saver, item]);
  useEffect(() => () => saver.dispose(), [saver]);
  const { kind } = snap.status;
  const unsaved = kind === 'pending' || kind === 'saving' || kind === 'invalid' || kind === 'error';
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
  return snap;
}
