import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isChoiceQuestion, progress, resolveVisibility, validateAnswers, type AnswerValue, type Answers, type Question, type Questionnaire } from '../../../shared';
import type { LocalResponse } from '../../db/database';
import { isQuotaExceeded } from '../../db/errors';
import { usePull, useResponse } from '../../db/hooks';
import { discardDraft, finalise, saveAnswer } from '../../db/responses';
import { useI18n } from '../../i18n/i18n';
import { useDevice } from '../../sync/device';
import { Banner } from '../../ui/Banner';
import { ProgressBar } from '../../ui/ProgressBar';
import { QuestionField } from './QuestionField';
import { versionOf } from './questionnaire';

/** Section by section with back and next, skip logic live, every answer saved as given; a review page; finalise. */
export function FillScreen() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { db } = useDevice();
  const response = useResponse(db, id);
  const pulled = usePull(db);
  // Parsed once per questionnaire version, not again after every saved answer (the live row changes each time).
  const qid = response?.questionnaireId;
  const qversion = response?.questionnaireVersion;
  const questionnaire = useMemo(() => (pulled && qid && qversion ? versionOf(pulled.pull, qid, qversion) : undefined), [pulled, qid, qversion]);
  if (response === null) {
    return (
      <main>
        <Banner kind="error">{t('fill.saveError', { message: id })}</Banner>
        <Link to="/">{t('common.back')}</Link>
      </main>
    );
  }
  if (!response || !questionnaire) return <main>{t('common.loading')}</main>;
  if (response.state !== 'draft') {
    return (
      <main>
        <Banner kind="ok">{t('fill.finalised')}</Banner>
        <Link className="button" to="/">
          {t('common.back')}
        </Link>
      </main>
    );
  }
  // Keyed by id: the form starts from the stored answers once, then owns them while saving each change.
  return <FillForm key={response.id} response={response} questionnaire={questionnaire} />;
}

/**
 * Every saved answer makes the live row above come back as a new copy of the same draft; the form already holds that
 * answer, so the copy must not render the whole form a second time (only another draft or questionnaire does).
 */
const FillForm = memo(FillFormInner, (a, b) => a.response.id === b.response.id && a.questionnaire === b.questionnaire);

function FillFormInner({ response, questionnaire }: { response: LocalResponse; questionnaire: Questionnaire }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { db } = useDevice();
  const id = response.id;
  const [answers, setAnswers] = useState<Answers>(response.answers);
  const [page, setPage] = useState(0);
  const [showErrors, setShowErrors] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  // Whether a save error is shown, known at once: a saved answer clears it, and only then renders the form again.
  const failed = useRef(false);
  const showSaveError = useCallback((message: string | null) => {
    failed.current = message !== null;
    setSaveError(message);
  }, []);
  // Stable across renders, so a memoised question that did not change is not rendered again on each answer.
  const change = useCallback(
    (code: string, value: AnswerValue | undefined) => {
      setAnswers((prev) => {
        const next = { ...prev };
        if (value === undefined) delete next[code];
        else next[code] = value;
        return next;
      });
      saveAnswer(db, id, code, value, new Date())
        .then(() => failed.current && showSaveError(null))
        .catch((e: unknown) => showSaveError(isQuotaExceeded(e) ? t('storage.full') : t('fill.saveError', { message: e instanceof Error ? e.message : String(e) })));
    },
    [db, id, t, showSaveError],
  );

  const { visible } = resolveVisibility(questionnaire, answers);
  const visibleCodes = new Set(visible.map((q) => q.code));
  const pages = questionnaire.sections.filter((s) => s.questions.some((q) => visibleCodes.has(q.code)));
  const onReview = page >= pages.length;
  const section = pages[Math.min(page, pages.length - 1)];
  const check = validateAnswers(questionnaire, answers);
  const errorOf = new Map(check.issues.map((i) => [i.question, i.message]));
  const missingCount = check.issues.filter((i) => i.code === 'required').length;
  const invalidCount = check.issues.length - missingCount;
  const stats = progress(questionnaire, answers);

  function next() {
    const here = section?.questions.filter((q) => visibleCodes.has(q.code) && errorOf.has(q.code)) ?? [];
    if (here.length > 0) return setShowErrors(true);
    setShowErrors(false);
    setPage(page + 1);
    window.scrollTo?.(0, 0);
  }

  async function done() {
    const final = validateAnswers(questionnaire, answers);
    if (final.issues.length > 0) return;
    try {
      await finalise(db, id, final.answers, new Date());
      navigate(`/roster/${response.unitId}/${response.groupId}`);
    } catch (e) {
      showSaveError(isQuotaExceeded(e) ? t('storage.full') : t('fill.saveError', { message: e instanceof Error ? e.message : String(e) }));
    }
  }

  const answerText = (q: Question): string => {
    const v = answers[q.code];
    if (v === undefined) return t('fill.notAnswered');
    if (isChoiceQuestion(q)) {
      const codes = Array.isArray(v) ? v : [String(v)];
      return codes.map((c) => q.choices.find((ch) => ch.code === c)?.label ?? c).join('; ');
    }
    return String(v);
  };

  return (
    <main>
      <h1 style={{ fontSize: '1.15rem' }}>{questionnaire.title}</h1>
      <ProgressBar value={stats.answered} max={stats.visible} label={t('fill.progress', { answered: stats.answered, visible: stats.visible })} />
      <p className="muted">
        {t('fill.progress', { answered: stats.answered, visible: stats.visible })}
        {!onReview && ` · ${t('fill.section', { n: page + 1, total: pages.length })}`}
      </p>
      {page === 0 && <p>{questionnaire.intro}</p>}
      {page === 0 && questionnaire.notice && <p className="muted">{questionnaire.notice}</p>}
      {saveError && <Banner kind="error">{saveError}</Banner>}
      {!onReview && section && (
        <section>
          <h2>{section.title}</h2>
          {section.description && <p className="muted">{section.description}</p>}
          {section.questions
            .filter((q) => visibleCodes.has(q.code))
            .map((q) => (
              <QuestionField key={q.code} question={q} value={answers[q.code]} error={showErrors ? errorOf.get(q.code) : undefined} onAnswer={change} />
            ))}
        </section>
      )}
      {onReview && (
        <section>
          <h2>{t('fill.reviewTitle')}</h2>
          {missingCount > 0 && <Banner kind="warn">{t('fill.missing', { n: missingCount })}</Banner>}
          {invalidCount > 0 && <Banner kind="warn">{t('fill.invalid', { n: invalidCount })}</Banner>}
          <dl className="review">
            {visible.map((q) => (
              <div key={q.code}>
                <dt>{q.text}</dt>
                <dd>
                  {answerText(q)}
                  {errorOf.has(q.code) && (
                    <>
                      {' '}
                      <span className="error">— {errorOf.get(q.code)}</span>{' '}
                      <button type="button" onClick={() => (setPage(Math.max(0, pages.findIndex((s) => s.questions.some((x) => x.code === q.code)))), setShowErrors(true))}>
                        {t('fill.edit')}
                      </button>
                    </>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <p>
        {confirmDiscard ? (
          <span className="row">
            <span>{t('fill.discardConfirm')}</span>
            <button className="danger" type="button" onClick={() => void discardDraft(db, id).then(() => navigate('/'))}>
              {t('common.confirm')}
            </button>
            <button type="button" onClick={() => setConfirmDiscard(false)}>
              {t('common.cancel')}
            </button>
          </span>
        ) : (
          <button className="danger" type="button" onClick={() => setConfirmDiscard(true)}>
            {t('fill.discard')}
          </button>
        )}
      </p>
      <div className="bottom-bar">
        <div className="inner">
          <button type="button" onClick={() => (page === 0 ? navigate('/') : setPage(page - 1))}>
            {t('common.back')}
          </button>
          {onReview ? (
            <button className="primary" type="button" disabled={check.issues.length > 0} onClick={() => void done()}>
              {t('fill.finalise')}
            </button>
          ) : (
            <button className="primary" type="button" onClick={next}>
              {page === pages.length - 1 ? t('fill.review') : t('common.next')}
            </button>
          )}
        </div>
      </div>
    </main>
  );
}
