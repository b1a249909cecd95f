import { useEffect, useId, useRef, useState } from 'react';
import type { CampaignInfo } from '../../../shared/api/pull';
import type { LiveResults } from '../../../shared/api/results';
import { Banner } from '../../ui/Banner';
import { ApiError } from '../api';
import { usePublish } from '../queries/results';
import { useResultsText } from './text';

type Said = { kind: 'ok' | 'error'; text: string } | null;

/**
 * Công bố kết quả: asks first, saying that it freezes every figure for good, then posts. The server decides — every
 * unit appraised, a correction's reason, the publication deadline — and its refusal is shown as it says it. The first
 * version has no reason; a later one (a correction) has a reason field, checked by the server alone.
 */
export function PublishPanel({ campaign, live }: { campaign: CampaignInfo; live: LiveResults }) {
  const { t, officeT, day, dateTime, number } = useResultsText();
  const publishing = usePublish(campaign.id);
  const [asking, setAsking] = useState(false);
  const [sending, setSending] = useState(false);
  const [reason, setReason] = useState('');
  const [said, setSaid] = useState<Said>(null);
  const confirmBox = useRef<HTMLDivElement>(null);
  const ids = useId();
  const correction = live.publications.length > 0;
  const next = Math.max(0, ...live.publications.map((p) => p.version)) + 1;
  const deadline = campaign.deadlines.publication;

  useEffect(() => {
    if (asking) confirmBox.current?.focus();
  }, [asking]);

  async function publish() {
    setSending(true);
    setSaid(null);
    try {
      // Refused or not, the results are read again (usePublish): the figures and versions may have moved.
      const summary = await publishing.mutateAsync(correction ? reason.trim() || null : null);
      setSaid({
        kind: 'ok',
        text: t(summary.late ? 'rs.publish.doneLate' : 'rs.publish.done', {
          version: number(summary.version),
          at: dateTime(summary.publishedAt),
        }),
      });
      setReason('');
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, '');
      setSaid({ kind: 'error', text: err.offline ? officeT('office.offline') : err.message });
    } finally {
      setSending(false);
      setAsking(false);
    }
  }

  return (
    <section className="card rs-publish" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('rs.publish.title')}</h2>
      <p>{t('rs.publish.intro')}</p>
      {deadline && <p>{t('rs.publish.deadline', { date: day(deadline) })}</p>}
      {live.notAppraised.length > 0 && <p className="rs-warn-box">{t('rs.publish.waiting', { n: number(live.notAppraised.length) })}</p>}
      {correction && (
        <>
          <label htmlFor={`${ids}-reason`}>{t('rs.publish.reason')}</label>
          <p id={`${ids}-reason-help`} className="muted rs-small">
            {t('rs.publish.reasonHelp')}
          </p>
          <textarea
            id={`${ids}-reason`}
            aria-describedby={`${ids}-reason-help`}
            className="rs-reason"
            maxLength={2000}
            value={reason}
            disabled={sending}
            onChange={(e) => setReason(e.target.value)}
          />
        </>
      )}
      {asking ? (
        <div
          ref={confirmBox}
          tabIndex={-1}
          role="alertdialog"
          aria-modal="false"
          aria-labelledby={`${ids}-confirm-title`}
          aria-describedby={`${ids}-confirm-text`}
          className="rs-confirm"
        >
          <p id={`${ids}-confirm-title`}>
            <strong>{t('rs.publish.confirmTitle', { version: number(next) })}</strong>
          </p>
          <p id={`${ids}-confirm-text`}>{t('rs.publish.confirmText', { version: number(next) })}</p>
          <div className="row">
            <button type="button" className="primary" disabled={sending} onClick={() => void publish()}>
              {sending ? t('rs.publish.sending') : t('rs.publish.confirm', { version: number(next) })}
            </button>
            <button type="button" disabled={sending} onClick={() => setAsking(false)}>
              {t('rs.publish.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <p>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setSaid(null);
              setAsking(true);
            }}
          >
            {correction ? t('rs.publish.correction') : t('rs.publish.button')}
          </button>
        </p>
      )}
      {said && <Banner kind={said.kind}>{said.text}</Banner>}
    </section>
  );
}
