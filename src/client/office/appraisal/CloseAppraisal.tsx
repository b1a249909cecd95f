import { useId, useState } from 'react';
import { Banner } from '../../ui/Banner';
import { ApiError } from '../api';
import { useCloseAppraisal } from '../queries/appraisal';
import { useText } from '../text';
import type { ApContext } from './AppraisalData';

/** The confirmation's first button takes the focus when it opens (keyboard and screen-reader users land on it). */
const focusOnMount = (el: HTMLButtonElement | null) => el?.focus();

type Outcome = { kind: 'idle' | 'confirm' | 'sending' } | { kind: 'done'; late: boolean } | { kind: 'refused'; message: string };

/**
 * Kết thúc thẩm định: the chair or Home Affairs closes a unit's appraisal after a confirmation; the server refuses
 * while an item has no appraised score (saying how many) or an explanation round is open. Closed is locked.
 */
export function CloseAppraisal({ ctx, unscored }: { ctx: ApContext; unscored: number }) {
  const { t } = useText();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const closing = useCloseAppraisal(ctx.env.campaignId, ctx.env.unitId);
  const headingId = useId();
  const confirmId = useId();

  async function close() {
    setOutcome({ kind: 'sending' });
    try {
      const r = await closing.mutateAsync();
      setOutcome({ kind: 'done', late: r.late });
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, '');
      setOutcome({ kind: 'refused', message: err.offline ? t('office.offline') : err.message });
      // A refusal may come from a state that moved meanwhile.
      await ctx.env.refreshAll().catch(() => undefined);
    }
  }

  if (outcome.kind === 'done')
    return <Banner kind="ok">{t(outcome.late ? 'ap.close.doneLate' : 'ap.close.done', { unit: ctx.unitName })}</Banner>;
  if (!ctx.ap.canClose) return null;
  const asking = outcome.kind === 'confirm' || outcome.kind === 'sending';
  return (
    <section className="ap-panel" aria-labelledby={headingId} id="ap-close">
      <h2 id={headingId}>{t('ap.close.title')}</h2>
      <p>{t('ap.close.intro')}</p>
      {unscored > 0 && <p className="error">{t('ap.close.unscored', { n: unscored })}</p>}
      {asking ? (
        <div role="alertdialog" aria-modal="false" aria-labelledby={confirmId} className="sa-confirm">
          <p id={confirmId}>
            <strong>{t('ap.close.confirm', { unit: ctx.unitName })}</strong>
          </p>
          <div className="row">
            <button ref={focusOnMount} type="button" className="primary" disabled={outcome.kind === 'sending'} onClick={() => void close()}>
              {outcome.kind === 'sending' ? t('ap.sending') : t('ap.close.yes')}
            </button>
            <button type="button" disabled={outcome.kind === 'sending'} onClick={() => setOutcome({ kind: 'idle' })}>
              {t('sa.submit.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="primary" onClick={() => setOutcome({ kind: 'confirm' })}>
          {t('ap.close.button')}
        </button>
      )}
      {outcome.kind === 'refused' && <Banner kind="error">{outcome.message}</Banner>}
    </section>
  );
}
