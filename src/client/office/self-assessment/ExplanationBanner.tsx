import { useId, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import type { ExplanationRound } from '../../../shared/api/appraisal';
import type { Role } from '../../../shared/api/auth';
import { Banner } from '../../ui/Banner';
import { ApiError } from '../api';
import { useAppraisal } from '../queries/appraisal';
import { useAnswerExplanation } from '../queries/self-assessment';
import { useText } from '../text';
import { useSaFormat } from './format';
import { itemAnchor, titleOf } from './model';
import type { SaContext } from './SelfAssessmentData';

/** The confirmation's first button takes the focus when it opens (keyboard and screen-reader users land on it). */
const focusOnMount = (el: HTMLButtonElement | null) => el?.focus();

/**
 * The unit's side of an explanation request (yêu cầu giải trình, bổ sung tài liệu), at the top of its own
 * self-assessment screen: the open request with the council's message, its deadline and the reopened items (the only
 * ones editable until the answers are sent), and for the coordinator the sending back. Answered rounds stay listed.
 */
export function ExplanationBanner({ ctx, who }: { ctx: SaContext; who: Role }) {
  const { t } = useText();
  const { dateTime } = useSaFormat();
  const { sa } = ctx;
  // Before submission there is no round to show; the unit reads only the rounds (never the council's scores).
  const query = useAppraisal(ctx.campaignId, ctx.unitId, { enabled: sa.state !== 'draft' });
  const rounds = query.data?.rounds ?? [];
  if (rounds.length === 0) return null;
  const open = sa.state === 'explanation-requested' ? rounds.find((r) => r.answeredAt === null) : undefined;
  const answered = rounds.filter((r) => r.answeredAt !== null);
  const last = answered.at(-1);
  return (
    <>
      {open && <OpenRequest ctx={ctx} round={open} who={who} />}
      {!open && sa.state === 'explained' && last && (
        <Banner kind="ok">
          {t(last.late ? 'sa.explain.sentLate' : 'sa.explain.sent', {
            n: last.number,
            at: dateTime(last.answeredAt!),
            by: last.answeredBy ?? '—',
          })}
        </Banner>
      )}
      {answered.length > 0 && (
        <details className="sa-rounds">
          <summary>{t('sa.explain.past', { n: answered.length })}</summary>
          {answered.map((r) => (
            <PastRound key={r.number} ctx={ctx} round={r} />
          ))}
        </details>
      )}
    </>
  );
}

/** The codes of a round as links to their cards on this screen. */
function ItemLinks({ ctx, codes }: { ctx: SaContext; codes: readonly string[] }) {
  return (
    <ul>
      {codes.map((code) => (
        <li key={code}>
          <a href={`#${itemAnchor(code)}`}>
            {code}. {titleOf(ctx.framework, code) ?? ''}
          </a>
        </li>
      ))}
    </ul>
  );
}

function OpenRequest({ ctx, round, who }: { ctx: SaContext; round: ExplanationRound; who: Role }) {
  const { t } = useText();
  const { day, dateTime } = useSaFormat();
  const headingId = useId();
  const editable = round.codes.filter((c) => ctx.sa.editableCodes.includes(c));
  return (
    <section className="banner warn sa-request" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('sa.explain.title', { n: round.number })}</h2>
      <p>
        <strong>{t('sa.explain.deadline', { date: day(round.deadline) })}</strong>{' '}
        <span>{t('sa.explain.requested', { at: dateTime(round.requestedAt), by: round.requestedBy ?? '—' })}</span>
      </p>
      <p className="sa-pre">{round.message}</p>
      <p>{t('sa.explain.items', { n: round.codes.length })}</p>
      <ItemLinks ctx={ctx} codes={round.codes} />
      {editable.length > 0 && <p>{t('sa.explain.howTo')}</p>}
      {who === 'coordinator' ? <SendBack ctx={ctx} /> : <p>{t('sa.explain.coordinatorSends')}</p>}
    </section>
  );
}

type Sending = { kind: 'idle' | 'confirm' | 'sending' } | { kind: 'refused'; message: string };

/** Gửi giải trình: the coordinator sends the answers back, with an optional note, after a confirmation. */
function SendBack({ ctx }: { ctx: SaContext }) {
  const { t } = useText();
  const answering = useAnswerExplanation(ctx.campaignId, ctx.unitId);
  const [note, setNote] = useState('');
  const [state, setState] = useState<Sending>({ kind: 'idle' });
  const noteId = useId();
  const confirmId = useId();

  async function send() {
    setState({ kind: 'sending' });
    try {
      await answering.mutateAsync(note.trim() === '' ? null : note.trim());
      setState({ kind: 'idle' });
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, '');
      setState({ kind: 'refused', message: err.offline ? t('office.offline') : err.message });
    }
  }

  const asking = state.kind === 'confirm' || state.kind === 'sending';
  return (
    <div className="sa-send-back">
      <label htmlFor={noteId}>{t('sa.explain.note')}</label>
      <textarea
        id={noteId}
        rows={3}
        maxLength={5000}
        className="short"
        value={note}
        disabled={state.kind === 'sending'}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      {asking ? (
        <div role="alertdialog" aria-modal="false" aria-labelledby={confirmId} className="sa-confirm">
          <p id={confirmId}>{t('sa.explain.confirm')}</p>
          <div className="row">
            <button ref={focusOnMount} type="button" className="primary" disabled={state.kind === 'sending'} onClick={() => void send()}>
              {state.kind === 'sending' ? t('sa.submit.sending') : t('sa.explain.confirmSend')}
            </button>
            <button type="button" disabled={state.kind === 'sending'} onClick={() => setState({ kind: 'idle' })}>
              {t('sa.submit.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="primary" onClick={() => setState({ kind: 'confirm' })}>
          {t('sa.explain.send')}
        </button>
      )}
      {state.kind === 'refused' && <Banner kind="error">{state.message}</Banner>}
    </div>
  );
}

function PastRound({ ctx, round }: { ctx: SaContext; round: ExplanationRound }) {
  const { t } = useText();
  const { day, dateTime } = useSaFormat();
  return (
    <div className="sa-round">
      <h3>{t('sa.explain.pastTitle', { n: round.number, date: day(round.deadline) })}</h3>
      <p className="sa-pre">{round.message}</p>
      <ItemLinks ctx={ctx} codes={round.codes} />
      <p>
        {t('sa.explain.answered', { at: dateTime(round.answeredAt!), by: round.answeredBy ?? '—' })}
        {round.late && (
          <>
            {' '}
            <span className="tag sa-state-late">{t('sa.explain.late')}</span>
          </>
        )}
      </p>
      {round.answer && <p className="sa-pre">{round.answer}</p>}
    </div>
  );
}

/**
 * A line under the office nav of the unit's coordinator and staff while an explanation request is open, on every
 * screen but the entry one (which shows the whole request at its top), with the way there.
 */
export function ExplanationNotice({ campaignId, unitId, entryPath }: { campaignId: string; unitId: string; entryPath: string }) {
  const { t } = useText();
  const { day } = useSaFormat();
  const { pathname } = useLocation();
  const query = useAppraisal(campaignId, unitId, { refetchInterval: 120_000 });
  const open = query.data?.state === 'explanation-requested' ? query.data.rounds.find((r) => r.answeredAt === null) : undefined;
  if (!open || pathname === entryPath) return null;
  return (
    <div className="banner warn">
      <strong>{t('sa.explain.notice', { n: open.codes.length, date: day(open.deadline) })}</strong>{' '}
      <Link to={entryPath}>{t('sa.explain.open')}</Link>
    </div>
  );
}
