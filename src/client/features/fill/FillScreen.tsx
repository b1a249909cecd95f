import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isChoiceQuestion } from '../../../shared/questionnaire/kinds';
import { progress } from '../../../shared/questionnaire/progress';
import { resolveVisibility } from '../../../shared/questionnaire/visibility';
import { validateAnswers } from '../../../shared/questionnaire/validation';
import { pageOfPlace, visibleSections } from '../../../shared/questionnaire/sections';
import { focusQuestion } from '../../ui/focus-question';
import type { AnswerValue, Answers } from '../../../shared/schema/response';
import type { Question, Questionnaire } from '../../../shared/schema/questionnaire';
import type { LocalResponse } from '../../db/database';
import { DRAFT_AT_REVIEW, draftPlace, forgetDraftPlace, saveDraftPlace } from '../../db/drafts';
import { saveErrorText } from './save-error';
import { usePull, useResponse } from '../../db/hooks';
import { answerSaver, discardDraft, finalise } from '../../db/responses';
import { useScreenI18n } from '../../i18n/screens';
import { useDevice } from '../../sync/device';
import { Banner } from '../../ui/Banner';
import { ProgressBar } from '../../ui/ProgressBar';
import { QuestionField } from './QuestionField';
import { versionOf } from './questionnaire';

/** Section by section with back and next, skip logic live, every answer saved as given; a review page; finalise. */
export function FillScreen() {
  const { id = '' } = useParams();
  const { t } = useScreenI18n();
  const { db } = useDevice();
  const response = useResponse(db, id);
  const pulled = usePull(db);
  // Where the draft was left (a section, or the review page), read once: the form opens there.
  const [place, setPlace] = useState<{ id: string; at: string | null } | undefined>(undefined);
  useEffect(() => {
    let live = true;
    draftPlace(db, id).then(
      (at) => live && setPlace({ id, at: at ?? null }),
      () => live && setPlace({ id, at: null }), // unreadable: open at the first section
    );
    return () => {
      live = false;
    };
  }, [db, id]);
  // Parsed once per questionnaire version, not again after every saved answer (the live row changes each time).
  const qid = response?.questionnaireId;
  const qversion = response?.questionnaireVersion;
  const questionnaire = useMemo(
    () => (pulled && qid && qversion ? versionOf(pulled.pull, qid, qversion) : undefined),
    [pulled, qid, qversion],
  );
  if (response === null) {
    return (
      <main>
        <Banner kind="error">{t('fill.saveError', { message: id })}</Banner>
        <Link to="/">{t('common.back')}</Link>
      </main>
    );
  }
  if (!response || !questionnaire || place?.id !== id) return <main>{t('common.loading')}</main>;
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
  return <FillForm key={response.id} response={response} questionnaire={questionnaire} initialPlace={place.at} />;
}

/**
 * Every saved answer makes the live row above come back as a new copy of the same draft; the form already holds that
 * answer, so the copy must not render the whole form a second time (only another draft or questionnaire does).
 */
const FillForm = memo(FillFormInner, (a, b) => a.response.id === b.response.id && a.questionnaire === b.questionnaire);

function FillFormInner({
  response,
  questionnaire,
  initialPlace,
}: {
  response: LocalResponse;
  questionnaire: Questionnaire;
  initialPlace: string | null;
}) {
  const { t } = useScreenI18n();
  const navigate = useNavigate();
  const { db } = useDevice();
  const id = response.id;
  const paper = response.mode === 'paper';
  const [answers, setAnswers] = useState<Answers>(response.answers);
  const [page, setPage] = useState(() => pageOfPlace(questionnaire, response.answers, initialPlace, DRAFT_AT_REVIEW));
  const [showErrors, setShowErrors] = useState(false);
  // The question to bring into view once the page it is on has rendered; `n` makes a second request for the same one new.
  const [focusRequest, setFocusRequest] = useState<{ code: string; n: number } | null>(null);
  // Opened from the review page with "Sửa": the section's main button leads back there.
  const [fromReview, setFromReview] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  // Whether a save error is shown, known at once: a saved answer clears it, and only then renders the form again.
  const failed = useRef(false);
  const showSaveError = useCallback((message: string | null) => {
    failed.current = message !== null;
    setSaveError(message);
  }, []);
  // One saver for the life of the form: it writes each answer onto the row as the form first read it, without reading first.
  const [save] = useState(() => answerSaver(db, response));
  // Stable across renders, so a memoised question that did not change is not rendered again on each answer.
  const change = useCallback(
    (code: string, value: AnswerValue | undefined) => {
      // The write is issued before React renders the answer, so IndexedDB works while the page draws.
      save(code, value, new Date())
        .then(() => failed.current && showSaveError(null))
        .catch((e: unknown) => showSaveError(saveErrorText(t, e)));
      setAnswers((prev) => {
        const next = { ...prev };
        if (value === undefined) delete next[code];
        else next[code] = value;
        return next;
      });
    },
    [save, t, showSaveError],
  );

  const { visible } = resolveVisibility(questionnaire, answers);
  const visibleCodes = new Set(visible.map((q) => q.code));
  const pages = visibleSections(questionnaire, answers);
  const onReview = page >= pages.length;
  const section = pages[Math.min(page, pages.length - 1)];
  const check = validateAnswers(questionnaire, answers);
  // In the surveyor's language, from the check's key and parameters (its own `message` is the server's Vietnamese).
  const errorOf = new Map(check.issues.map((i) => [i.question, t(`answer.${i.key}`, i.params)]));
  const missingCount = check.issues.filter((i) => i.code === 'required').length;
  const invalidCount = check.issues.length - missingCount;
  const stats = progress(questionnaire, answers);
  // This section's questions that hold "Tiếp" back, in display order.
  const sectionIssues =
    onReview || !section
      ? []
      : check.issues.filter((i) => section.questions.some((q) => q.code === i.question && visibleCodes.has(q.code)));
  const sectionMissing = sectionIssues.filter((i) => i.code === 'required').length;
  const sectionInvalid = sectionIssues.length - sectionMissing;
  const firstIssue = section?.questions.find((q) => visibleCodes.has(q.code) && errorOf.has(q.code));

  // Remembered as the surveyor moves, so the draft reopens here (home screen's "Điền tiếp", a reload, a dead battery).
  const placeNow = onReview ? DRAFT_AT_REVIEW : section?.id;
  useEffect(() => {
    // Only the screen's place: a failed write means the draft reopens at its first section, nothing is lost (answers
    // are saved, and their failures shown, on their own).
    if (placeNow) saveDraftPlace(db, id, placeNow).catch(() => undefined);
  }, [db, id, placeNow]);

  useEffect(() => {
    if (focusRequest) focusQuestion(focusRequest.code);
  }, [focusRequest]);

  function requestFocus(code: string) {
    setFocusRequest((prev) => ({ code, n: (prev?.n ?? 0) + 1 }));
  }

  /** "Tiếp" (or back to the review): not past a question in error; shows the errors, their count, and the first one. */
  function leaveSection(to: number) {
    if (firstIssue) {
      setShowErrors(true);
      requestFocus(firstIssue.code);
      return;
    }
    setShowErrors(false);
    setPage(to);
    if (to >= pages.length) setFromReview(false);
    window.scrollTo?.(0, 0);
  }

  function edit(q: Question) {
    setPage(
      Math.max(
        0,
        pages.findIndex((s) => s.questions.some((x) => x.code === q.code)),
      ),
    );
    setShowErrors(true);
    setFromReview(true);
    requestFocus(q.code);
  }

  async function done() {
    const final = validateAnswers(questionnaire, answers);
    if (final.issues.length > 0) return;
    try {
      await finalise(db, id, final.answers, new Date());
    } catch (e) {
      showSaveError(saveErrorText(t, e));
      return;
    }
    await forgetDraftPlace(db, id).catch(() => undefined); // a leftover place row is harmless
    navigate(`/roster/${response.unitId}/${response.groupId}`);
  }

  async function discard() {
    await discardDraft(db, id);
    await forgetDraftPlace(db, id).catch(() => undefined);
    navigate('/');
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

  const sectionMessage =
    sectionMissing > 0 && sectionInvalid > 0
      ? t('fill.sectionBoth', { missing: sectionMissing, invalid: sectionInvalid })
      : sectionMissing > 0
        ? t('fill.sectionMissing', { n: sectionMissing })
        : sectionInvalid > 0
          ? t('fill.sectionInvalid', { n: sectionInvalid })
          : null;

  return (
    <main>
      <h1 style={{ fontSize: '1.15rem' }}>{questionnaire.title}</h1>
      {paper && response.paperSerial && <p className="paper-serial">{t('fill.paperSerial', { serial: response.paperSerial })}</p>}
      <ProgressBar
        value={stats.answered}
        max={stats.visible}
        label={t('fill.progress', { answered: stats.answered, visible: stats.visible })}
      />
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
              <QuestionField
                key={q.code}
                question={q}
                value={answers[q.code]}
                error={showErrors ? errorOf.get(q.code) : undefined}
                number={paper ? q.code : undefined}
                onAnswer={change}
              />
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
                <dt>
                  {paper && (
                    <>
                      <span className="question-number">{q.code}.</span>{' '}
                    </>
                  )}
                  {q.text}
                </dt>
                <dd>
                  {answerText(q)}
                  {errorOf.has(q.code) && (
                    <>
                      {' '}
                      <span className="error">— {errorOf.get(q.code)}</span>
                    </>
                  )}
                </dd>
                {/* Its own dd: the first one holds the answer alone (what the review shows, read by tests as such). */}
                <dd className="review-edit">
                  <button
                    type="button"
                    aria-label={t('fill.editQuestion', { question: paper ? `${q.code}. ${q.text}` : q.text })}
                    onClick={() => edit(q)}
                  >
                    {t('fill.edit')}
                  </button>
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
            <button className="danger" type="button" onClick={() => void discard()}>
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
        {showErrors && sectionMessage && (
          <p className="bar-message" role="status">
            {sectionMessage}
          </p>
        )}
        <div className="inner">
          <button
            type="button"
            onClick={() => (page === 0 ? navigate('/') : (setPage(Math.min(page, pages.length) - 1), setFromReview(false)))}
          >
            {t('common.back')}
          </button>
          {onReview ? (
            <button className="primary" type="button" disabled={check.issues.length > 0} onClick={() => void done()}>
              {t('fill.finalise')}
            </button>
          ) : fromReview ? (
            <button className="primary" type="button" onClick={() => leaveSection(pages.length)}>
              {t('fill.backToReview')}
            </button>
          ) : (
            <button className="primary" type="button" onClick={() => leaveSection(page + 1)}>
              {page === pages.length - 1 ? t('fill.review') : t('common.next')}
            </button>
          )}
        </div>
      </div>
    </main>
  );
}
