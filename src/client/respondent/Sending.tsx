import { useEffect, useRef, useState } from 'react';
import type { RespondentSubmit } from '../../shared/api/self-fill';
import { submitResponse, type Problem } from './api';
import { markSubmitted, renewedDraft, saveDraft, type Draft, type StorageFailure, type Submission } from './draft';
import { createSender, type SendState } from './sender';
import type { Lang, Translate } from './text';

/** A server that keeps saying the response id is taken, after this many new ids, is not worth another. */
const MAX_RENEWALS = 3;

export type SendableDraft = Draft & { finishedAt: string; submission: Submission };

interface Props {
  code: string;
  /** Finished ("Gửi phiếu" pressed), with what the submission needs: sent as it is, from memory or from the device. */
  draft: SendableDraft;
  lang: Lang;
  t: Translate;
  onStorage(failure: StorageFailure | null): void;
  /** The draft changed here (a new response id): the caller's copy follows. */
  onDraft(draft: Draft): void;
  onSent(): void;
  onClosed(problem: Problem): void;
  /** 409 respondent.wrong-questionnaire: the draft, no longer finished, is to be filled on the new version. */
  onOutdated(problem: Problem, draft: Draft): void;
  /** 422: the draft, no longer finished, is to be reviewed with the server's issues. */
  onInvalid(problem: Problem, draft: Draft): void;
  /** "Xem lại" after any other refusal. */
  review(): void;
}

/**
 * The one submission of a finished draft (issue 19), and the screen while it is on its way. An answer `accepted` or
 * `duplicate` (a retry of the same id and secret) is success: the answers leave the device. A `sync.conflict` (a
 * response with that id already exists, not this one) gets a new id and secret and is sent again: the code is not
 * spent, so nothing is counted twice.
 */
export function Sending(props: Props) {
  const { code, lang, t } = props;
  const draftRef = useRef<SendableDraft>(props.draft);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });
  const [round, setRound] = useState(0);
  const [send, setSend] = useState<SendState | null>(null);
  const senderRef = useRef<{ now(): void } | null>(null);

  useEffect(() => {
    const d = draftRef.current;
    const body: RespondentSubmit = {
      responseId: d.responseId,
      secret: d.secret,
      questionnaireId: d.submission.questionnaireId,
      questionnaireVersion: d.submission.questionnaireVersion,
      startedAt: d.startedAt,
      finishedAt: d.finishedAt,
      answers: d.answers,
    };
    const unfinished = (): Draft => {
      const rest: Draft = { ...draftRef.current };
      delete rest.finishedAt;
      delete rest.submission;
      const on = latest.current;
      on.onStorage(saveDraft(code, rest));
      on.onDraft(rest);
      return rest;
    };
    const sender = createSender({
      attempt: () => submitResponse(code, body, lang),
      onState: (s) => {
        const on = latest.current;
        if (s.kind === 'accepted') {
          // The server has it: the answers leave the device. Were the marker not written, the link opened again would
          // send the same content once more and be told "duplicate": still success.
          markSubmitted(code, new Date());
          return on.onSent();
        }
        if (s.kind === 'refused') {
          const p = s.problem;
          if (p.status === 410) return on.onClosed(p);
          if (p.status === 409 && p.error === 'sync.conflict' && round < MAX_RENEWALS) {
            const next = { ...renewedDraft(draftRef.current), finishedAt: d.finishedAt, submission: d.submission };
            draftRef.current = next;
            on.onStorage(saveDraft(code, next));
            on.onDraft(next);
            setSend({ kind: 'sending' });
            return setRound((r) => r + 1);
          }
          if (p.status === 409 && p.error === 'respondent.wrong-questionnaire') return on.onOutdated(p, unfinished());
          if (p.status === 422) return on.onInvalid(p, unfinished());
        }
        setSend(s);
      },
    });
    senderRef.current = sender;
    sender.start();
    return () => {
      senderRef.current = null;
      sender.stop();
    };
    // The body is fixed when a round starts; a new language is not worth sending again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [round]);

  const state = send;
  return (
    <>
      <h1>{props.draft.submission.title}</h1>
      <section className="send" aria-live="polite">
        {(!state || state.kind === 'sending' || state.kind === 'accepted') && (
          <p className="note info" role="status">
            {t('send.sending')}
          </p>
        )}
        {state?.kind === 'waiting' && (
          <div className="note warn" role="status">
            <p>{state.reason === 'offline' ? t('send.offline') : t('send.server')}</p>
            {state.problem?.message && <p>{state.problem.message}</p>}
            <p>{t('send.nextTry', { seconds: Math.max(1, Math.round(state.delayMs / 1000)) })}</p>
            <p>{t('send.keepOpen')}</p>
          </div>
        )}
        {state?.kind === 'waiting' && (
          <div className="actions">
            <button type="button" className="primary" onClick={() => senderRef.current?.now()}>
              {t('send.retryNow')}
            </button>
          </div>
        )}
        {state?.kind === 'refused' && state.problem.status !== 410 && (
          <>
            <div className="note warn" role="alert">
              <p>{t('send.refused', { message: state.problem.message || String(state.problem.status) })}</p>
            </div>
            <div className="actions">
              <button type="button" className="primary" onClick={props.review}>
                {t('fill.review')}
              </button>
            </div>
          </>
        )}
      </section>
    </>
  );
}
