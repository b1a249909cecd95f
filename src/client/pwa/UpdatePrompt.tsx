import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { useI18n } from '../i18n/i18n';
import { Banner } from '../ui/Banner';
import { registerServiceWorker } from './update';

/** Offers a waiting update; never applies it while a response is being filled (a /fill page). */
export function UpdatePrompt() {
  const { t } = useI18n();
  const location = useLocation();
  const [apply, setApply] = useState<(() => void) | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => registerServiceWorker((fn) => setApply(() => fn), () => setReady(true)), []);
  const filling = location.pathname.startsWith('/fill/');
  if (ready && !apply) return <Banner kind="ok">{t('offline.ready')}</Banner>;
  if (!apply) return null;
  return (
    <div className="banner info" role="status">
      <span>{t('update.available')} </span>
      {filling ? (
        <span>{t('update.notNow')}</span>
      ) : (
        <span className="row">
          <button className="primary" type="button" onClick={apply}>
            {t('update.apply')}
          </button>
          <button type="button" onClick={() => setApply(null)}>
            {t('update.later')}
          </button>
        </span>
      )}
    </div>
  );
}
