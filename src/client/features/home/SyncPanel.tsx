import { useQueueStatus } from '../../db/hooks';
import { useI18n } from '../../i18n/i18n';
import { useDevice } from '../../sync/device';
import type { SyncOutcome } from '../../sync/engine';
import { Banner } from '../../ui/Banner';

function outcomeMessage(outcome: SyncOutcome | undefined, t: ReturnType<typeof useI18n>['t']): { kind: 'ok' | 'warn' | 'error' | 'info'; text: string } | null {
  if (!outcome) return null;
  switch (outcome.kind) {
    case 'done':
      return outcome.accepted > 0 ? { kind: 'ok', text: t('sync.done', { accepted: outcome.accepted }) } : null;
    case 'retry-later':
      if (outcome.reason === 'network' && !navigator.onLine) return { kind: 'warn', text: t('sync.offline') };
      // Online but the server could not be reached (down, or the network in between): it retries by itself.
      return { kind: 'warn', text: t('sync.retry', { seconds: Math.ceil(outcome.delayMs / 1000) }) };
    case 'auth-required':
      return { kind: 'error', text: t('sync.authRequired') };
    case 'failed':
      return { kind: 'error', text: t('sync.failed', { message: outcome.message }) };
    case 'busy':
      return { kind: 'info', text: t('sync.busy') };
  }
}

/** How many responses wait, when the last sync succeeded, and the "Đồng bộ ngay" button (DESIGN §4 rules 6, 10). */
export function SyncPanel() {
  const { t, dateTime } = useI18n();
  const { db, sync, syncNow } = useDevice();
  const status = useQueueStatus(db);
  const message = outcomeMessage(sync.last, t);
  return (
    <section className="card" aria-live="polite">
      <div className="spread">
        <div>
          <strong>
            {status && status.queued > 0
              ? t('sync.waiting', { n: status.queued })
              : status && status.rosterQueued > 0
                ? t('sync.rosterWaiting', { n: status.rosterQueued })
                : t('sync.allSent')}
          </strong>
          {status && status.queued > 0 && status.rosterQueued > 0 && (
            <>
              <br />
              <span className="muted">{t('sync.rosterWaiting', { n: status.rosterQueued })}</span>
            </>
          )}
        </div>
        <button className="primary" type="button" onClick={() => void syncNow()} disabled={sync.running}>
          {sync.running ? t('sync.running') : t('sync.now')}
        </button>
      </div>
      <p className="muted">{status?.lastSyncAt ? t('sync.last', { when: dateTime(status.lastSyncAt) }) : t('sync.never')}</p>
      {message && <Banner kind={message.kind}>{message.text}</Banner>}
    </section>
  );
}
