import { useState } from 'react';
import { Banner } from '../../ui/Banner';
import { ApiError } from '../api';
import { useSubmitSelfAssessment } from '../queries/self-assessment';
import { useText } from '../text';
import { titleOf } from './model';
import type { SaContext } from './SelfAssessmentData';

type Outcome =
  | { kind: 'idle' | 'confirm' | 'sending' }
  | { kind: 'done'; late: boolean }
  | { kind: 'refused'; message: string; issues: { path: string; message: string }[] };

/**
 * Gửi kết quả: the coordinator submits to the appraisal council after a confirmation that says it locks. The server
 * decides: refused while anything is missing (its list shown; the signed report when the campaign asks for it), or
 * after the deadline by the campaign's rule.
 */
export function SubmitPanel({ ctx }: { ctx: SaContext }) {
  const { t } = useText();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const { sa } = ctx;
  const submitting = useSubmitSelfAssessment(ctx.campaignId, ctx.unitId);

  async function submit() {
    setOutcome({ kind: 'sending' });
    try {
      const r = await submitting.mutateAsync();
      setOutcome({ kind: 'done', late: r.late });
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, '');
      setOutcome({ kind: 'refused', message: err.offline ? t('office.offline') : err.message, issues: err.issues ?? [] });
      await ctx.refresh().catch(() => undefined);
    }
  }

  if (outcome.kind === 'done') return <Banner kind="ok">{outcome.late ? t('sa.submit.doneLate') : t('sa.submit.done')}</Banner>;
  if (sa.state !== 'draft') return null;
  return (
    <section className="sa-submit" aria-labelledby="sa-submit-title">
      <h2 id="sa-submit-title">{t('sa.submit.title')}</h2>
      <p>{t('sa.submit.intro')}</p>
      {outcome.kind === 'confirm' || outcome.kind === 'sending' ? (
        <div
          role="alertdialog"
          aria-modal="false"
          aria-labelledby="sa-confirm-title"
          aria-describedby="sa-confirm-text"
          className="sa-confirm"
        >
          <p id="sa-confirm-title">
            <strong>{t('sa.submit.confirmTitle')}</strong>
          </p>
          <p id="sa-confirm-text">{t('sa.submit.confirmText', { unit: ctx.unitName })}</p>
          {sa.issues.length > 0 && <p className="error">{t('sa.submit.stillMissing', { n: sa.issues.length })}</p>}
          {sa.signedReport?.required && !sa.signedReport.file && <p className="error">{t('sa.submit.noSignedReport')}</p>}
          <div className="row">
            <button type="button" className="primary" disabled={outcome.kind === 'sending'} onClick={() => void submit()}>
              {outcome.kind === 'sending' ? t('sa.submit.sending') : t('sa.submit.confirm')}
            </button>
            <button type="button" disabled={outcome.kind === 'sending'} onClick={() => setOutcome({ kind: 'idle' })}>
              {t('sa.submit.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="primary" onClick={() => setOutcome({ kind: 'confirm' })}>
          {t('sa.submit.button')}
        </button>
      )}
      {outcome.kind === 'refused' && (
        <Banner kind="error">
          <p>{outcome.message}</p>
          {outcome.issues.length > 0 && (
            <ul>
              {outcome.issues.map((i) => (
                <li key={i.path}>
                  {i.path} {titleOf(ctx.framework, i.path) ?? ''}: {i.message}
                </li>
              ))}
            </ul>
          )}
        </Banner>
      )}
    </section>
  );
}
