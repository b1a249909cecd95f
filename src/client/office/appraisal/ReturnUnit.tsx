import { useId, useState } from 'react';
import type { AssessmentState } from '../../../shared/appraisal/states';
import { Banner } from '../../ui/Banner';
import { ApiError } from '../api';
import { useReturnUnit } from '../queries/appraisal';
import { useText } from '../text';
import type { ApContext } from './AppraisalData';
import { returnOptions } from './model';

/** The confirmation's first button takes the focus when it opens (keyboard and screen-reader users land on it). */
const focusOnMount = (el: HTMLButtonElement | null) => el?.focus();

type Outcome =
  { kind: 'idle' | 'confirm' | 'sending' } | { kind: 'done'; to: AssessmentState } | { kind: 'refused'; message: string; issues: string[] };

/**
 * Trả lại: Home Affairs sends a unit back to an earlier state (draft, submitted, in appraisal) with a reason the unit
 * reads, after a confirmation. The server keeps it in the unit's history.
 */
export function ReturnUnit({ ctx }: { ctx: ApContext }) {
  const { t } = useText();
  const options = returnOptions(ctx.ap.state);
  const [to, setTo] = useState<AssessmentState | ''>('');
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const returning = useReturnUnit(ctx.env.campaignId, ctx.env.unitId);
  const headingId = useId();
  const toId = useId();
  const reasonId = useId();
  const confirmId = useId();
  const chosen = to !== '' && options.includes(to) ? to : (options.at(-1) ?? '');

  async function send() {
    if (chosen === '') return;
    setOutcome({ kind: 'sending' });
    try {
      await returning.mutateAsync({ to: chosen, reason: reason.trim() });
      setReason('');
      setTo('');
      setOutcome({ kind: 'done', to: chosen });
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, '');
      setOutcome({
        kind: 'refused',
        message: err.offline ? t('office.offline') : err.message,
        issues: (err.issues ?? []).map((i) => i.message),
      });
      // A refusal may come from a state that moved meanwhile.
      await ctx.env.refreshAll().catch(() => undefined);
    }
  }

  if (!ctx.ap.canReturn || options.length === 0)
    return outcome.kind === 'done' ? <Banner kind="ok">{t('ap.return.done', { state: t(`sa.state.${outcome.to}`) })}</Banner> : null;
  const asking = outcome.kind === 'confirm' || outcome.kind === 'sending';
  return (
    <section className="ap-panel" aria-labelledby={headingId} id="ap-return">
      <h2 id={headingId}>{t('ap.return.title')}</h2>
      <p>{t('ap.return.intro')}</p>
      {outcome.kind === 'done' && <Banner kind="ok">{t('ap.return.done', { state: t(`sa.state.${outcome.to}`) })}</Banner>}
      <label htmlFor={toId}>{t('ap.return.to')}</label>
      <select id={toId} value={chosen} disabled={asking} onChange={(e) => setTo(e.currentTarget.value as AssessmentState)}>
        {options.map((s) => (
          <option key={s} value={s}>
            {t(`sa.state.${s}`)}
          </option>
        ))}
      </select>
      <label htmlFor={reasonId}>{t('ap.return.reason')}</label>
      <textarea
        id={reasonId}
        rows={3}
        maxLength={2000}
        className="short"
        value={reason}
        disabled={asking}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      {asking ? (
        <div role="alertdialog" aria-modal="false" aria-labelledby={confirmId} className="sa-confirm">
          <p id={confirmId}>
            <strong>{t('ap.return.confirm', { unit: ctx.unitName, state: chosen === '' ? '' : t(`sa.state.${chosen}`) })}</strong>
          </p>
          <div className="row">
            <button ref={focusOnMount} type="button" className="danger" disabled={outcome.kind === 'sending'} onClick={() => void send()}>
              {outcome.kind === 'sending' ? t('ap.sending') : t('ap.return.yes')}
            </button>
            <button type="button" disabled={outcome.kind === 'sending'} onClick={() => setOutcome({ kind: 'idle' })}>
              {t('sa.submit.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="danger"
          onClick={() =>
            setOutcome(reason.trim() === '' ? { kind: 'refused', message: t('ap.return.noReason'), issues: [] } : { kind: 'confirm' })
          }
        >
          {t('ap.return.button')}
        </button>
      )}
      {outcome.kind === 'refused' && (
        <Banner kind="error">
          {outcome.issues.length === 0 && <p>{outcome.message}</p>}
          {outcome.issues.length > 0 && (
            <ul>
              {outcome.issues.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
          )}
        </Banner>
      )}
    </section>
  );
}
