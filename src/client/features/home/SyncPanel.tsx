import { useState } from 'react';
import type { QueueStatus } from '../../db/hooks';
import { useI18n } from '../../i18n/i18n';
import { useDevice } from '../../sync/device';
import type { SyncOutcome } from '../../sync/engine';
import { Toast } from '../../ui/Toast';

type Message = { kind: 'ok' | 'warn' | 'error' | 'info'; text: string; key: string };

function outcomeMessage(outcome: SyncOutcome | undefined, refused: boolean, t: ReturnType<typeof useI18n>['t']): Message | null {
  if (!outcome) return null;
  switch (outcome.kind) {
    case 'done':
      if (outcome.accepted === 0) return null;
      // Never a green "sent" while the device still holds something the server refused.
      return refused
        ? { kind: 'warn', text: t('sync.doneRefused', { accepted: outcome.accepted }), key: 'done-refused' }
        : { kind: 'ok', text: t('sync.done', { accepted: outcome.accepted }), key: 'done' };
    case 'retry-later':
      if (outcome.reason === 'network' && !navigator.onLine) return { kind: 'warn', text: t('sync.offline'), key: 'offline' };
      // Online but the server could not be reached (down, or the network in between): it retries by itself.
      return { kind: 'warn', text: t('sync.retry', { seconds: Math.ceil(outcome.delayMs / 1000) }), key: 'retry' };
    case 'auth-required':
      return { kind: 'error', text: t('sync.authRequired'), key: 'auth-required' };
    case 'failed':
      // The server's own words when it sent some, else its status worded here in the surveyor's language.
      return {
        kind: 'error',
        text:
          outcome.message === undefined
            ? t('sync.failedStatus', { status: outcome.status })
            : t('sync.failed', { message: outcome.message }),
        key: 'failed',
      };
    case 'busy':
      return { kind: 'info', text: t('sync.busy'), key: 'busy' };
  }
}

/**
 * How many responses wait, how many the server refused, when the last sync succeeded, and the "Đồng bộ ngay" button
 * (DESIGN §4 rules 6, 10). "Đã gửi hết phiếu" and "Đồng bộ thành công" only when nothing waits and nothing is refused.
 *
 * Nothing in it moves what is below it once shown (issue 14): the home screen shows it only with `status` read; the
 * counts sit beside the button in room for two lines; the button is as wide as its wider label, so "Đang đồng bộ…"
 * does not rewrap the card; and a sync's outcome, which comes whenever the network answers, is a toast over the
 * screen, not a banner inserted into the card. The toast can be put away until the outcome changes kind.
 */
export function SyncPanel({ status }: { status: QueueStatus }) {
  const { t, dateTime } = useI18n();
  const { sync, syncNow } = useDevice();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const refused = status.rejected + status.rosterRejected > 0;
  const message = outcomeMessage(sync.last, refused, t);
  const lines = [
    status.queued > 0 && t('sync.waiting', { n: status.queued }),
    status.rosterQueued > 0 && t('sync.rosterWaiting', { n: status.rosterQueued }),
    status.rejected > 0 && t('sync.refused', { n: status.rejected }),
    status.rosterRejected > 0 && t('sync.rosterRefused', { n: status.rosterRejected }),
  ].filter((line): line is string => typeof line === 'string');
  const allSent = lines.length === 0;
  // Put away: stays away while the same kind of outcome repeats (no network at every trigger), back when it changes.
  if (dismissed !== null && message?.key !== dismissed) setDismissed(null);
  return (
    <section className="card sync-card" aria-live="polite">
      <div className="sync-head">
        <div className="sync-lines">
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
          <StableLabel shown={sync.running ? 1 : 0} labels={[t('sync.now'), t('sync.running')]} />
        </button>
      </div>
      <p className="muted">
        {status.lastSyncAt ? t(allSent ? 'sync.last' : 'sync.lastContact', { when: dateTime(status.lastSyncAt) }) : t('sync.never')}
      </p>
      {message && dismissed !== message.key && (
        // Keyed by its words (ui/Toast.tsx).
        <Toast key={message.text} kind={message.kind} onClose={() => setDismissed(message.key)} closeLabel={t('common.close')}>
          <span>{message.text}</span>
        </Toast>
      )}
    </section>
  );
}

/**
 * Every label laid out in the same place, only one of them seen and named: the button keeps the width of the widest,
 * whichever is shown. (Hidden with inline styles and aria-hidden, so that the accessible name is the shown label even
 * where the stylesheet is not loaded.)
 */
function StableLabel({ labels, shown }: { labels: string[]; shown: number }) {
  return (
    <span className="stable-label">
      {labels.map((label, i) => (
        <span key={i} aria-hidden={i === shown ? undefined : true} style={i === shown ? undefined : { visibility: 'hidden' }}>
          {label}
        </span>
      ))}
    </span>
  );
}
