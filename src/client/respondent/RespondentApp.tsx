import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { RespondentForm } from '../../shared/api/self-fill';
import { allQuestions } from '../../shared/questionnaire/answers';
import type { Questionnaire } from '../../shared/schema/questionnaire';
import { formatSelfFillCode, normaliseSelfFillCode, selfFillPath, validCodeCharacters } from '../../shared/self-fill/code';
import { fetchForm, type Problem } from './api';
import { newDraft, readStored, saveDraft, saveForm, sendable, type Draft, type StorageFailure } from './draft';
import { FillForm } from './FillForm';
import { Sending, type SendableDraft } from './Sending';
import { initialLang, rememberLang, translator, type Lang, type Translate } from './text';

/**
 * The respondent's page at /p/<code> (issue 19): a person with a printed slip fills the questionnaire of the code's
 * unit × respondent group on their own phone, with no account. Its own entry (respond.html): no router, no query
 * cache, no IndexedDB, no zod; the shared questionnaire engine for skip logic and validation.
 */

/**
 * What the page holds in memory while it (re)loads the form: the draft and the form shown before, preferred over the
 * device's storage, which may be blocked (private mode) or full; and the server's refusal (422) to show on the review.
 */
interface Held {
  draft?: Draft;
  form?: RespondentForm;
  refused?: Problem;
}

type Screen =
  | { kind: 'code'; typed: string; message?: string }
  | ({ kind: 'loading'; code: string; notice?: string } & Held)
  | ({ kind: 'load-failed'; code: string; reason: 'offline' | 'server' | 'broken'; problem?: Problem } & Held)
  | { kind: 'closed'; code: string; problem: Problem }
  | {
      kind: 'fill';
      code: string;
      form: RespondentForm;
      questionnaire: Questionnaire;
      draft: Draft;
      offline: boolean;
      notice?: string;
      refused?: Problem;
    }
  | { kind: 'send'; code: string; draft: SendableDraft }
  | { kind: 'sent'; code: string };

/** What follows /p/ in the address, as typed (empty when there is nothing). */
export function typedFromPath(pathname: string): string | null {
  const m = /^\/p(?:\/(.*))?$/.exec(pathname);
  if (!m) return null;
  let rest = m[1] ?? '';
  try {
    rest = decodeURIComponent(rest);
  } catch {
    // a broken escape: taken as typed, and refused as malformed
  }
  return rest.replace(/\/+$/, '').trim();
}

/** The questionnaire inside a form, if it has the shape the engine walks (the server checked it; the device copy may be old). */
function questionnaireOf(form: RespondentForm): Questionnaire | null {
  const q = form.questionnaire as Partial<Questionnaire> | null;
  if (!q || typeof q !== 'object' || typeof q.id !== 'string' || typeof q.version !== 'number' || !Array.isArray(q.sections)) return null;
  if (!q.sections.every((s) => s && Array.isArray(s.questions))) return null;
  return q as Questionnaire;
}

/**
 * What opening a code shows before anything is fetched: the thank-you if this browser sent it, the send if it was
 * pressed. A finished draft is sent from itself alone, before any request for the form: were the first send accepted
 * and its answer lost, the form would now be refused (the code is spent), while the send is told "duplicate".
 */
function opening(code: string, onStorage: (f: StorageFailure | null) => void): Screen {
  const stored = readStored(code);
  if (stored.failure) onStorage(stored.failure);
  if (stored.submitted) return { kind: 'sent', code };
  const finished = sendable(stored.draft);
  if (finished) return { kind: 'send', code, draft: finished };
  // A draft finished by an older page, without the submission in it: sent with the form's copy, when there is one.
  const questionnaire = stored.form && questionnaireOf(stored.form);
  if (stored.draft?.finishedAt && stored.form && questionnaire) {
    return { kind: 'fill', code, form: stored.form, questionnaire, draft: stored.draft, offline: false };
  }
  return { kind: 'loading', code };
}

/** Loading again what could not load, with what the page holds in memory. */
function reload(s: { code: string; draft?: Draft; form?: RespondentForm; refused?: Problem }): Screen {
  return { kind: 'loading', code: s.code, draft: s.draft, form: s.form, refused: s.refused };
}

/** The form as fetched is the copy on the device already (the same questionnaire version, the same facts around it). */
function sameForm(stored: RespondentForm | null, fetched: RespondentForm): boolean {
  if (!stored) return false;
  const a = stored.questionnaire as { id?: unknown; version?: unknown } | null;
  const b = fetched.questionnaire as { id?: unknown; version?: unknown } | null;
  if (a?.id !== b?.id || a?.version !== b?.version) return false;
  return JSON.stringify({ ...stored, questionnaire: null }) === JSON.stringify({ ...fetched, questionnaire: null });
}

function initialScreen(pathname: string, onStorage: (f: StorageFailure | null) => void, t: Translate): Screen {
  const typed = typedFromPath(pathname);
  if (!typed) return { kind: 'code', typed: '' };
  const code = normaliseSelfFillCode(typed);
  if (!code) return { kind: 'code', typed, message: t('code.malformed', { length: validCodeCharacters(typed) }) };
  return opening(code, onStorage);
}

export function RespondentApp() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const t = useMemo(() => translator(lang), [lang]);
  const [start] = useState(() => {
    let failure: StorageFailure | null = null;
    const first = initialScreen(window.location.pathname, (f) => (failure = f), t);
    return { screen: first, failure };
  });
  const [storage, setStorage] = useState<StorageFailure | null>(start.failure);
  const onStorage = useCallback((failure: StorageFailure | null) => setStorage((prev) => (prev === failure ? prev : failure)), []);
  const [screen, setScreen] = useState<Screen>(start.screen);
  // Only the form's copy could not be stored (the draft was): the answers are safe, the page cannot reopen offline.
  const [formCopy, setFormCopy] = useState<StorageFailure | null>(null);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const campaign =
    screen.kind === 'fill' ? screen.form.campaign.name : screen.kind === 'send' ? screen.draft.submission.campaign || undefined : undefined;
  useEffect(() => {
    document.title = campaign ? `${t('page.title')} — ${campaign}` : t('page.title');
  }, [campaign, t]);

  const open = useCallback(
    (code: string) => {
      const path = selfFillPath(code);
      if (window.location.pathname !== path) window.history.replaceState(null, '', path);
      setScreen(opening(code, onStorage));
    },
    [onStorage],
  );

  // Fetches the form of a code being loaded; falls back to the copy on the device when the server cannot be reached.
  const loading = screen.kind === 'loading' ? screen : null;
  useEffect(() => {
    if (!loading) return;
    const { code, notice, refused } = loading;
    let live = true;
    void fetchForm(code, lang).then((outcome) => {
      if (!live) return;
      const stored = readStored(code);
      if (stored.failure) onStorage(stored.failure);
      if (outcome.kind === 'ok') {
        const questionnaire = questionnaireOf(outcome.value);
        if (!questionnaire) return setScreen({ kind: 'load-failed', code, reason: 'broken' });
        const failure = sameForm(stored.form, outcome.value) ? null : saveForm(code, outcome.value);
        let draft = loading.draft ?? stored.draft ?? newDraft(new Date());
        // The questionnaire may have changed since the answers were given: answers to questions it no longer has go.
        const known = new Set(allQuestions(questionnaire).map((x) => x.code));
        const kept = Object.fromEntries(Object.entries(draft.answers).filter(([k]) => known.has(k)));
        if (Object.keys(kept).length !== Object.keys(draft.answers).length) draft = { ...draft, answers: kept };
        onStorage(saveDraft(code, draft));
        setFormCopy(failure);
        return setScreen({ kind: 'fill', code, form: outcome.value, questionnaire, draft, offline: false, notice, refused });
      }
      const copy = stored.form ?? loading.form;
      const fallback = copy && questionnaireOf(copy);
      const serverDown = outcome.kind === 'network' || outcome.problem.status >= 500;
      if (serverDown && copy && fallback) {
        const draft = loading.draft ?? stored.draft ?? newDraft(new Date());
        if (draft !== stored.draft) onStorage(saveDraft(code, draft));
        return setScreen({ kind: 'fill', code, form: copy, questionnaire: fallback, draft, offline: true, notice, refused });
      }
      const held: Held = { draft: loading.draft, form: loading.form, refused };
      if (outcome.kind === 'network') return setScreen({ kind: 'load-failed', code, reason: 'offline', ...held });
      const p = outcome.problem;
      if (p.status === 410) return setScreen({ kind: 'closed', code, problem: p });
      if (p.status === 400 || p.status === 404) return setScreen({ kind: 'code', typed: formatSelfFillCode(code), message: p.message });
      return setScreen({ kind: 'load-failed', code, reason: 'server', problem: p, ...held });
    });
    return () => {
      live = false;
    };
    // The language of the server's messages is the one at the time of asking.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loading, onStorage]);

  // A form that could not load for want of network loads by itself when the network is back.
  const waiting = screen.kind === 'load-failed' && screen.reason === 'offline' ? screen : null;
  useEffect(() => {
    if (!waiting) return;
    const retry = () => setScreen(reload(waiting));
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [waiting]);

  const switchLang = () => {
    const next = lang === 'vi' ? 'en' : 'vi';
    rememberLang(next);
    setLang(next);
  };

  return (
    <>
      <header className="top">
        <p className="campaign">{campaign ?? t('page.title')}</p>
        <button type="button" className="lang" lang={lang === 'vi' ? 'en' : 'vi'} aria-label={t('lang.switchLabel')} onClick={switchLang}>
          {t('lang.switch')}
        </button>
      </header>
      <main>
        {storage ? (
          <p className="note error" role="alert">
            {t('storage.failed', { reason: t(storage === 'quota' ? 'storage.quota' : 'storage.denied') })}
          </p>
        ) : (
          formCopy &&
          screen.kind === 'fill' && (
            <p className="note warn" role="alert">
              {t('storage.formFailed', { reason: t(formCopy === 'quota' ? 'storage.quota' : 'storage.denied') })}
            </p>
          )
        )}
        <Body screen={screen} t={t} lang={lang} open={open} setScreen={setScreen} onStorage={onStorage} />
      </main>
    </>
  );
}

function Body({
  screen,
  t,
  lang,
  open,
  setScreen,
  onStorage,
}: {
  screen: Screen;
  t: Translate;
  lang: Lang;
  open(code: string): void;
  setScreen(s: Screen): void;
  onStorage(f: StorageFailure | null): void;
}) {
  switch (screen.kind) {
    case 'code':
      return <CodeEntry key={screen.typed + (screen.message ?? '')} typed={screen.typed} message={screen.message} t={t} open={open} />;
    case 'loading':
      return (
        <p className="note info" role="status">
          {t('loading')}
        </p>
      );
    case 'load-failed':
      return (
        <>
          <h1>{t('page.title')}</h1>
          <div className="note warn" role="alert">
            <p>
              {screen.reason === 'offline'
                ? t('load.offline')
                : screen.reason === 'broken'
                  ? t('load.broken')
                  : screen.problem?.message || t('load.server', { status: screen.problem?.status ?? '' })}
            </p>
          </div>
          <div className="actions">
            <button type="button" className="primary" onClick={() => setScreen(reload(screen))}>
              {t('load.retry')}
            </button>
          </div>
        </>
      );
    case 'closed':
      return (
        <section className="closing">
          <h1>{screen.problem.error === 'respondent.code-spent' ? t('closed.spent') : t('closed.other')}</h1>
          <p className="note info" role="status">
            {screen.problem.message}
          </p>
        </section>
      );
    case 'sent':
      return (
        <section className="closing">
          <h1>{t('done.title')}</h1>
          <p className="note ok" role="status">
            {t('done.text')}
          </p>
          <p>{t('done.close')}</p>
        </section>
      );
    case 'fill':
      return (
        <FillForm
          key={`${screen.code}:${screen.questionnaire.id}:${screen.questionnaire.version}`}
          code={screen.code}
          form={screen.form}
          questionnaire={screen.questionnaire}
          draft={screen.draft}
          lang={lang}
          t={t}
          offline={screen.offline}
          notice={screen.notice}
          refused={screen.refused}
          onStorage={onStorage}
          onSent={() => setScreen({ kind: 'sent', code: screen.code })}
          onClosed={(problem) => setScreen({ kind: 'closed', code: screen.code, problem })}
          onOutdated={(problem, draft) =>
            setScreen({ kind: 'loading', code: screen.code, notice: problem.message, draft, form: screen.form })
          }
        />
      );
    case 'send':
      return (
        <Sending
          key={screen.code}
          code={screen.code}
          draft={screen.draft}
          lang={lang}
          t={t}
          onStorage={onStorage}
          onDraft={() => undefined}
          onSent={() => setScreen({ kind: 'sent', code: screen.code })}
          onClosed={(problem) => setScreen({ kind: 'closed', code: screen.code, problem })}
          onOutdated={(problem, draft) => setScreen({ kind: 'loading', code: screen.code, notice: problem.message, draft })}
          onInvalid={(problem, draft) =>
            setScreen({ kind: 'loading', code: screen.code, notice: problem.message, draft, refused: problem })
          }
          review={() => {
            // The answers to be looked at again: the draft, no longer finished, on the form as loaded.
            const draft: Draft = { ...screen.draft };
            delete draft.finishedAt;
            delete draft.submission;
            onStorage(saveDraft(screen.code, draft));
            setScreen({ kind: 'loading', code: screen.code, draft });
          }}
        />
      );
  }
}

/** /p/ with no code, or a code that cannot be one: a small form to type the code printed on the slip. */
function CodeEntry({ typed, message, t, open }: { typed: string; message?: string; t: Translate; open(code: string): void }) {
  const [value, setValue] = useState(typed);
  const [error, setError] = useState(message);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const code = normaliseSelfFillCode(value);
    if (!code) return setError(t('code.malformed', { length: validCodeCharacters(value) }));
    open(code);
  };
  return (
    <form className="code-entry" onSubmit={submit} noValidate>
      <h1>{t('code.title')}</h1>
      <p id="code-help">{t('code.help')}</p>
      <label htmlFor="code">{t('code.label')}</label>
      <input
        id="code"
        name="code"
        type="text"
        value={value}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        aria-describedby={error ? 'code-help code-error' : 'code-help'}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setValue(e.target.value)}
      />
      {error && (
        <p id="code-error" className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary">
          {t('code.open')}
        </button>
      </div>
    </form>
  );
}
