import { useId, useState } from 'react';
import { Banner } from '../../ui/Banner';
import { ApiError } from '../api';
import { useRequestExplanation } from '../queries/appraisal';
import { titleOf } from '../self-assessment/model';
import { useText } from '../text';
import type { ApContext } from './AppraisalData';

type Outcome =
  | { kind: 'idle' | 'sending' }
  | { kind: 'sent'; n: number }
  | { kind: 'refused'; message: string; issues: string[] }
  | { kind: 'incomplete'; problems: string[] };

/**
 * Yêu cầu giải trình, bổ sung tài liệu: the member chooses some of the sub-criteria they appraise, writes what the
 * unit must explain or add, and a deadline. Only those items reopen for the unit until its coordinator answers.
 */
export function ExplanationRequestForm({ ctx }: { ctx: ApContext }) {
  const { t } = useText();
  const { ap, framework, env } = ctx;
  const [codes, setCodes] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const [deadline, setDeadline] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const requesting = useRequestExplanation(env.campaignId, env.unitId);
  const headingId = useId();
  const messageId = useId();
  const deadlineId = useId();
  const deadlineHintId = useId();
  const choosable = ap.appraisableCodes;

  const toggle = (code: string, on: boolean) =>
    setCodes((old) => (on ? [...old.filter((c) => c !== code), code] : old.filter((c) => c !== code)));

  async function send() {
    const problems = [
      codes.length === 0 && t('ap.request.noItems'),
      message.trim() === '' && t('ap.request.noMessage'),
      deadline === '' && t('ap.request.noDeadline'),
    ].filter((p): p is string => !!p);
    if (problems.length > 0) {
      setOutcome({ kind: 'incomplete', problems });
      return;
    }
    setOutcome({ kind: 'sending' });
    try {
      const r = await requesting.mutateAsync({ codes: choosable.filter((c) => codes.includes(c)), message: message.trim(), deadline });
      setCodes([]);
      setMessage('');
      setDeadline('');
      setOutcome({ kind: 'sent', n: r.number });
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, '');
      setOutcome({
        kind: 'refused',
        message: err.offline ? t('office.offline') : err.message,
        issues: (err.issues ?? []).map((i) => i.message),
      });
    }
  }

  return (
    <section className="ap-panel" aria-labelledby={headingId} id="ap-request">
      <h2 id={headingId}>{t('ap.request.title')}</h2>
      {outcome.kind === 'sent' && <Banner kind="ok">{t('ap.request.sent', { n: outcome.n })}</Banner>}
      {!ap.canRequest ? (
        <p className="muted">{ap.state === 'explanation-requested' ? t('ap.request.roundOpen') : t('ap.request.notNow')}</p>
      ) : (
        <>
          <p>{t('ap.request.intro')}</p>
          <fieldset className="ap-codes">
            <legend>{t('ap.request.items')}</legend>
            {choosable.map((code) => (
              <label key={code} className="ap-check">
                <input type="checkbox" checked={codes.includes(code)} onChange={(e) => toggle(code, e.currentTarget.checked)} />
                <span>
                  {code}. {titleOf(framework, code) ?? ''}
                </span>
              </label>
            ))}
          </fieldset>
          <label htmlFor={messageId}>{t('ap.request.message')}</label>
          <textarea id={messageId} rows={4} maxLength={5000} value={message} onChange={(e) => setMessage(e.currentTarget.value)} />
          <label htmlFor={deadlineId}>{t('ap.request.deadline')}</label>
          <input
            id={deadlineId}
            type="date"
            className="ap-date"
            value={deadline}
            aria-describedby={deadlineHintId}
            onChange={(e) => setDeadline(e.currentTarget.value)}
          />
          <p id={deadlineHintId} className="muted sa-small">
            {t('ap.request.deadlineHint')}
          </p>
          <div className="row">
            <button type="button" className="primary" disabled={outcome.kind === 'sending'} onClick={() => void send()}>
              {outcome.kind === 'sending' ? t('ap.sending') : t('ap.request.send', { n: codes.length })}
            </button>
          </div>
          {outcome.kind === 'incomplete' && (
            <Banner kind="error">
              <ul>
                {outcome.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </Banner>
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
        </>
      )}
    </section>
  );
}
