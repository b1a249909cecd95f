import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { useScreenI18n } from '../i18n/screens';
import { Toast } from '../ui/Toast';
import { registerServiceWorker } from './update';

/**
 * Offers a waiting update; never applies it while a response is being filled (a /fill page). Says once that the app
 * now works offline. Both arrive whenever the service worker gets there, after the screen is shown: toasts, over the
 * content, never inserted above it (issue 14: the "ready offline" banner at the top moved the whole home screen).
 */
export function UpdatePrompt() {
  const { t } = useScreenI18n();
  const location = useLocation();
  const [apply, setApply] = useState<(() => void) | null>(null);
  const [ready, setReady] = useState(false);
  // "Đóng" on a /fill page: the notice stays over the questionnaire otherwise. It comes back once the response is left.
  const [quietWhileFilling, setQuietWhileFilling] = useState(false);
  useEffect(
    () =>
      registerServiceWorker(
        (fn) => setApply(() => fn),
        () => setReady(true),
      ),
    [],
  );
  const filling = location.pathname.startsWith('/fill/');
  if (!filling && quietWhileFilling) setQuietWhileFilling(false);
  if (apply && filling) {
    if (quietWhileFilling) return null;
    return (
      // Another toast (not the same one changing size) when opening or leaving a response.
      <Toast key="update-while-filling" kind="info" onClose={() => setQuietWhileFilling(true)} closeLabel={t('common.close')}>
        <span>{t('update.available')} </span>
        <span>{t('update.notNow')}</span>
      </Toast>
    );
  }
  if (apply) {
    return (
      <Toast key="update" kind="info">
        <span>{t('update.available')} </span>
        <span className="row">
          <button className="primary" type="button" onClick={apply}>
            {t('update.apply')}
          </button>
          <button type="button" onClick={() => setApply(null)}>
            {t('update.later')}
          </button>
        </span>
      </Toast>
    );
  }
  if (ready) {
    return (
      <Toast key="ready" kind="ok" onClose={() => setReady(false)} closeLabel={t('common.close')}>
        {t('offline.ready')}
      </Toast>
    );
  }
  return null;
}
