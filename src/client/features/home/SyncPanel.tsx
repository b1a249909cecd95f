import { useQueueStatus } from '../../db/hooks';
import { useI18n } from '../../i18n/i18n';
import { useDevice } from '../../sync/device';
import type { SyncOutcome } from '../../sync/engine';
import { Banner } from '../../ui/Banner';

function outcomeMessage(outcome: SyncOutcome | undefined, refused: boolean, t: ReturnType<typeof useI18n>['t']): { kind: 'ok' | 'warn' | 'error' | 'info'; text: string } | null {
  if (!outcome) return null;
  switch (outcome.kind) {
    case 'done':
      if (outcome.accepted === 0) return null;
      // Never a green "sent" while the device still holds something the server refused.
      return refused ? { kind: 'warn', text: t('sync.doneRefused', { accepted: outcome.accepted }) } : { kind: 'ok', text: t('sync.done', { accepted: outcome.accepted }) };
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

/**
 * How many responses wait, how many the server refused, when the last sync succeeded, and the "Đồng bộ ngay" button
 * (DESIGN §4 rules 6, 10). "Đã gửi hết phiếu" and "Đồng bộ thành công" only when nothing waits and nothing is refused.
 */
export function SyncPanel() {
  const { t, dateTime } = useI18n();
  const { db, sync, syncNow } = useDevice();
  const status = useQueueStatus(db);
  const refused = !!status && status.rejected + status.rosterRejected > 0;
  const message = outcomeMessage(sync.last, refused, t);
  const lines = status
    ? [
        status.queued > 0 && t('sync.waiting', { n: status.queued }),
        status.rosterQueued > 0 && t('sync.rosterWaiting', { n: status.rosterQueued }),
        status.rejected > 0 && t('sync.refused', { n: status.rejected }),
        status.rosterRejected > 0 && t('sync.rosterRefused', { n: status.rosterRejected }),
      ].filter((line): line is string => typeof line === 'string')
    : [];
  const allSent = status !== undefined && lines.length === 0;
  return (
    <section className="card" aria-live="polite">
      <div className="spread">
        <div>
          {allSent && <strong>{t('sync.allSent')}</strong>}
          {lines.map((line, i) =>
            i === 0 ? (
              <strong key={line}>{line}</strong>
            ) : (
              <span key={line}>
                <br />
                <span className="muted">{line}</span>
              </span>
            ),
          )}
        </div>
        <button className="primary" type="button" onClick={() => void syncNow()} disabled={sync.running}>
          {sync.running ? t('sync.running') : t('sync.now')}
        </button>
      </div>
      <p className="muted">{status?.lastSyncAt ? t(allSent ? 'sync.last' : 'sync.lastContact', { when: dateTime(status.lastSyncAt) }) : t('sync.never')}</p>
      {message && <Banner kind={message.kind}>{message.text}</Banner>}
    </section>
  );
}
