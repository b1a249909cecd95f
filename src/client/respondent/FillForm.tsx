import { useCallback, useEffect, useRef, useState } from 'react';
import type { RespondentForm } from '../../shared/api/self-fill';
import { isChoiceQuestion } from '../../shared/questionnaire/kinds';
import { progress } from '../../shared/questionnaire/progress';
import { pageOfPlace, visibleSections } from '../../shared/questionnaire/sections';
import { focusQuestion } from '../ui/focus-question';
import { validateAnswers } from '../../shared/questionnaire/validation';
import { resolveVisibility } from '../../shared/questionnaire/visibility';
import type { Question, Questionnaire } from '../../shared/schema/questionnaire';
import type { AnswerValue, Answers } from '../../shared/schema/response';
import { vietnameseDay } from '../../shared/format/vietnamese-date';
import type { Problem } from './api';
import { REVIEW, saveDraft, sendable, type Draft, type StorageFailure, type Submission } from './draft';
import { QuestionInput } from './QuestionInput';
import { Sending, type SendableDraft } from './Sending';
import type { Lang, TextKey, Translate } from './text';

interface Props {
  code: string;
  form: RespondentForm;
  questionnaire: Questionnaire;
  draft: Draft;
  lang: Lang;
  t: Translate;
  /** Opened from the copy on the device: the server could not be reached. */
  offline: boolean;
  /** A message to show on opening (the questionnaire was updated since the answers were given). */
  notice?: string;
  /** The server's refusal (422) of the answers as last sent: its issues are shown by their questions. */
  refused?: Problem;
  onStorage(failure: StorageFailure | null): void;
  onSent(): void;
  onClosed(problem: Problem): void;
  /** The server has a newer version of the questionnaire: `draft` (no longer finished) is to be filled on it. */
  onOutdated(problem: Problem, draft: Draft): void;
}

/** Server issues (422) by question code: `answers.<code>`. */
function issuesByQuestion(problem: Problem): Map<string, string> {
  const out = new Map<string, string>();
  for (const i of problem.issues) {
    const m = /^(?:body\.)?answers\.([^.]+)/.exec(i.path);
    if (m?.[1] && !out.has(m[1])) out.set(m[1], i.message);
  }
  return out;
}

/** What a finished draft keeps so that it can be sent without the form (and what the sending screen shows). */
export function submissionOf(q: Questionnaire, form: RespondentForm): Submission {
  return { questionnaireId: q.id, questionnaireVersion: q.version, title: q.title, campaign: form.campaign.name };
}

/**
 * The questionnaire section by section with the shared engine's skip logic and validation, a review page, and the
 * one submission. Every answer is written to the device as it is given; "Gửi phiếu" fixes the moment it was first
 * pressed and sends the same content until the server answers.
 */
export function FillForm(props: Props) {
  const { code, form, questionnaire: q, lang, t, onStorage, onSent, onClosed, onOutdated } = props;
  const draftRef = useRef<Draft>(props.draft);
  const answersRef = useRef<Answers>(props.draft.answers);
  const [answers, setAnswers] = useState<Answers>(props.draft.answers);
  const [page, setPage] = useState(() => pageOfPlace(q, props.draft.answers, props.draft.place, REVIEW));
  const [showErrors, setShowErrors] = useState(false);
  const [fromReview, setFromReview] = useState(false);
  const [focusRequest, setFocusRequest] = useState<{ code: string; n: number } | null>(null);
  const [serverIssues, setServerIssues] = useState<Map<string, string>>(() =>
    props.refused ? issuesByQuestion(props.refused) : new Map(),
  );
  // The finished draft being sent, or null while the form is shown. A draft finished by an older page, without the
  // submission in it, takes it from the form shown.
  const [sending, setSending] = useState<SendableDraft | null>(() =>
    sendable(props.draft.finishedAt && !props.draft.submission ? { ...props.draft, submission: submissionOf(q, form) } : props.draft),
  );
  const [notice, setNotice] = useState<string | undefined>(props.notice);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const persist = useCallback(
    (patch: Partial<Draft>) => {
      const next: Draft = { ...draftRef.current, ...patch };
      if (patch.finishedAt === undefined && 'finishedAt' in patch) {
        delete next.finishedAt;
        delete next.submission;
      }
      draftRef.current = next;
      onStorage(saveDraft(code, next));
    },
    [code, onStorage],
  );

  const change = useCallback(
    (question: string, value: AnswerValue | undefined) => {
      const next = { ...answersRef.current };
      if (value === undefined) delete next[question];
      else next[question] = value;
      answersRef.current = next;
      persist({ answers: next });
      setAnswers(next);
      setServerIssues((prev) => {
        if (!prev.has(question)) return prev;
        const rest = new Map(prev);
        rest.delete(question);
        return rest;
      });
    },
    [persist],
  );

  const { visible } = resolveVisibility(q, answers);
  const visibleCodes = new Set(visible.map((x) => x.code));
  const pages = visibleSections(q, answers);
  const onReview = page >= pages.length;
  const section = onReview ? undefined : pages[page];
  const check = validateAnswers(q, answers);
  const errorOf = new Map(check.issues.map((i) => [i.question, t(`answer.${i.key}` as TextKey, i.params)]));
  for (const [k, v] of serverIssues) if (!errorOf.has(k)) errorOf.set(k, v);
  const stats = progress(q, answers);
  const sectionIssues = section
    ? check.issues.filter((i) => section.questions.some((x) => x.code === i.question && visibleCodes.has(x.code)))
    : [];
  const sectionMissing = sectionIssues.filter((i) => i.code === 'required').length;
  const sectionInvalid = sectionIssues.length - sectionMissing;
  const firstIssue = section?.questions.find((x) => visibleCodes.has(x.code) && errorOf.has(x.code));

  const placeNow = onReview ? REVIEW : (section?.id ?? null);
  useEffect(() => {
    if (!sending && draftRef.current.place !== placeNow) persist({ place: placeNow });
  }, [placeNow, sending, persist]);

  useEffect(() => {
    if (focusRequest) focusQuestion(focusRequest.code);
  }, [focusRequest]);

  const requestFocus = (question: string) => setFocusRequest((prev) => ({ code: question, n: (prev?.n ?? 0) + 1 }));

  function goTo(to: number) {
    setShowErrors(false);
    setPage(to);
    window.scrollTo?.(0, 0);
    // The new page's heading takes the focus, so a screen reader starts reading there.
    requestAnimationFrame(() => headingRef.current?.focus());
  }

  function leaveSection(to: number) {
    if (firstIssue) {
      setShowErrors(true);
      requestFocus(firstIssue.code);
      return;
    }
    if (to >= pages.length) setFromReview(false);
    goTo(to);
  }

  function edit(question: Question) {
    setPage(
      Math.max(
        0,
        pages.findIndex((s) => s.questions.some((x) => x.code === question.code)),
      ),
    );
    setShowErrors(true);
    setFromReview(true);
    requestFocus(question.code);
  }

  function submit() {
    // Only the engine's own check holds the submission back: an issue the server reported is shown until the answer
    // changes, and the server judges again.
    const final = validateAnswers(q, answersRef.current);
    if (final.issues.length > 0) {
      const target = visible.find((x) => final.issues.some((i) => i.question === x.code));
      if (target) edit(target);
      return;
    }
    setNotice(undefined);
    // The moment "Gửi phiếu" was first pressed, and the answers as checked: what every retry sends again.
    persist({
      answers: final.answers,
      finishedAt: draftRef.current.finishedAt ?? new Date().toISOString(),
      place: REVIEW,
      submission: submissionOf(q, form),
    });
    setSending(sendable(draftRef.current));
  }

  const answerText = (question: Question): string => {
    const v = answers[question.code];
    if (v === undefined) return t('review.notAnswered');
    if (isChoiceQuestion(question)) {
      const codes = Array.isArray(v) ? v : [String(v)];
      return codes.map((c) => question.choices.find((ch) => ch.code === c)?.label ?? c).join('; ');
    }
    return String(v);
  };

  if (sending)
    return (
      <Sending
        code={code}
        draft={sending}
        lang={lang}
        t={t}
        onStorage={onStorage}
        onDraft={(d) => {
          draftRef.current = d;
        }}
        onSent={onSent}
        onClosed={onClosed}
        onOutdated={(p, d) => onOutdated(p, d)}
        onInvalid={(p, d) => {
          draftRef.current = d;
          setServerIssues(issuesByQuestion(p));
          setNotice(p.message);
          setSending(null);
          setPage(pages.length);
        }}
        review={() => setSending(null)}
      />
    );

  const sectionMessage =
    sectionMissing > 0 && sectionInvalid > 0
      ? t('fill.sectionBoth', { missing: sectionMissing, invalid: sectionInvalid })
      : sectionMissing > 0
        ? t('fill.sectionMissing', { n: sectionMissing })
        : sectionInvalid > 0
          ? t('fill.sectionInvalid', { n: sectionInvalid })
          : null;
  const missingCount = check.issues.filter((i) => i.code === 'required').length;
  const invalidCount = visible.filter((x) => errorOf.has(x.code)).length - missingCount;

  return (
    <>
      <h1>{q.title}</h1>
      {props.offline && <p className="note warn">{t('fill.offlineForm')}</p>}
      {notice && (
        <p className="note warn" role="alert">
          {notice}
        </p>
      )}
      {page === 0 && <Intro form={form} questionnaire={q} t={t} />}
      <div className="progress-line">
        <progress value={stats.answered} max={Math.max(1, stats.visible)} aria-hidden="true" />
        <p>
          {t('fill.progress', { answered: stats.answered, visible: stats.visible })}
          {!onReview && ` · ${t('fill.section', { n: page + 1, total: pages.length })}`}
        </p>
      </div>
      {section && (
        <section aria-labelledby="section-title">
          <h2 id="section-title" ref={headingRef} tabIndex={-1}>
            {section.title}
          </h2>
          {section.description && <p className="muted">{section.description}</p>}
          {section.questions
            .filter((x) => visibleCodes.has(x.code))
            .map((x) => (
              <QuestionInput
                key={x.code}
                question={x}
                value={answers[x.code]}
                error={showErrors ? errorOf.get(x.code) : undefined}
                optionalText={t('fill.optional')}
                onAnswer={change}
              />
            ))}
          {showErrors && sectionMessage && (
            <p className="note warn" role="status">
              {sectionMessage}
            </p>
          )}
          <div className="actions">
            <button type="button" className="primary" onClick={() => leaveSection(fromReview ? pages.length : page + 1)}>
              {fromReview ? t('fill.backToReview') : page === pages.length - 1 ? t('fill.review') : t('fill.next')}
            </button>
            {page > 0 && (
              <button type="button" onClick={() => (setFromReview(false), goTo(page - 1))}>
                {t('fill.back')}
              </button>
            )}
          </div>
        </section>
      )}
      {onReview && (
        <section aria-labelledby="review-title">
          <h2 id="review-title" ref={headingRef} tabIndex={-1}>
            {t('review.title')}
          </h2>
          {missingCount > 0 && <p className="note warn">{t('review.missing', { n: missingCount })}</p>}
          {invalidCount > 0 && <p className="note warn">{t('review.invalid', { n: invalidCount })}</p>}
          <dl className="review">
            {visible.map((x) => (
              <div key={x.code}>
                <dt>{x.text}</dt>
                <dd>
                  {answerText(x)}
                  {errorOf.has(x.code) && <span className="field-error"> — {errorOf.get(x.code)}</span>}
                </dd>
                <dd className="review-edit">
                  <button type="button" aria-label={t('review.editQuestion', { question: x.text })} onClick={() => edit(x)}>
                    {t('review.edit')}
                  </button>
                </dd>
              </div>
            ))}
          </dl>
          <p className="muted">{t('review.submitNote')}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={submit}>
              {t('review.submit')}
            </button>
            <button type="button" onClick={() => goTo(Math.max(0, pages.length - 1))}>
              {t('fill.back')}
            </button>
          </div>
        </section>
      )}
    </>
  );
}

/** Above the first section: what the survey is, that it is anonymous, who is rated, by whom, until when. */
function Intro({ form, questionnaire, t }: { form: RespondentForm; questionnaire: Questionnaire; t: Translate }) {
  return (
    <div className="intro">
      <p className="anonymous">{t('intro.anonymous')}</p>
      <p>{t('intro.anonymousNote')}</p>
      {questionnaire.notice && <p>{questionnaire.notice}</p>}
      <dl className="facts">
        <div>
          <dt>{t('intro.unit')}</dt>
          <dd>{form.unit.name}</dd>
        </div>
        <div>
          <dt>{t('intro.group')}</dt>
          <dd>{form.group.name}</dd>
        </div>
        <div>
          <dt>{t('intro.lastDay')}</dt>
          <dd>{t('intro.lastDayValue', { date: vietnameseDay(form.lastDay) })}</dd>
        </div>
      </dl>
      <p>{questionnaire.intro}</p>
      {questionnaire.sampleNotice && <p className="muted">{questionnaire.sampleNotice}</p>}
      <p className="muted">{t('intro.kept')}</p>
    </div>
  );
}
