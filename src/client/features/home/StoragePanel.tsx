import { useEffect, useState } from 'react';
import { useScreenI18n } from '../../i18n/screens';
import { Banner } from '../../ui/Banner';

interface StorageState {
  persisted: boolean | null;
  usage?: number;
  quota?: number;
}

const LOW_SPACE_BYTES = 50 * 1024 * 1024;

/** DESIGN §4 rule 10: ask for persistent storage, show the answer and the space used, warn when space runs short. */
export function StoragePanel() {
  const { t, number } = useScreenI18n();
  const [state, setState] = useState<StorageState>({ persisted: null });

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const storage = navigator.storage as StorageManager | undefined;
      if (!storage) return;
      const persisted = (await storage.persisted?.()) || (await storage.persist?.().catch(() => false)) || false;
      const estimate = await storage.estimate?.().catch(() => undefined);
      if (!cancelled) setState({ persisted, usage: estimate?.usage, quota: estimate?.quota });
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  const mb = (bytes: number) => `${number(Math.round(bytes / 1024 / 1024))} MB`;
  const low = state.quota !== undefined && state.usage !== undefined && state.quota - state.usage < LOW_SPACE_BYTES;
  return (
    <section aria-label={t('storage.usage', { used: '', quota: '' })}>
      {state.persisted === true && <p className="muted">{t('storage.persisted')}</p>}
      {state.persisted === false && <Banner kind="warn">{t('storage.notPersisted')}</Banner>}
      {state.usage !== undefined && state.quota !== undefined && (
        <p className="muted">{t('storage.usage', { used: mb(state.usage), quota: mb(state.quota) })}</p>
      )}
      {low && <Banner kind="error">{t('storage.low')}</Banner>}
    </section>
  );
}
