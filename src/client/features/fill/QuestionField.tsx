import { memo, useEffect, useRef, useState } from 'react';
import { isChoiceQuestion } from '../../../shared/questionnaire/kinds';
import type { AnswerValue } from '../../../shared/schema/response';
import type { Question } from '../../../shared/schema/questionnaire';
import { useScreenI18n } from '../../i18n/screens';

interface Props {
  question: Question;
  value: AnswerValue | undefined;
  error?: string;
  /** The question's number as printed on the paper form (P1…Q11), shown before its text when transcribing paper. */
  number?: string;
  /** Must be stable (useCallback): the field is memoised and re-renders only when its own props change. */
  onAnswer(code: string, value: AnswerValue | undefined): void;
}

/** One question, by kind; memoised so answering one question re-renders only that one (low-end phones). */
export const QuestionField = memo(function QuestionField({ question, value, error, number, onAnswer }: Props) {
  const onChange = (v: AnswerValue | undefined) => onAnswer(question.code, v);
  const { t } = useScreenI18n();
  const id = `q-${question.code}`;
  const describedBy = [question.help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const title = (
    <>
      {number && (
        <>
          <span className="question-number">{number}.</span>{' '}
        </>
      )}
      {question.text} {!question.required && <span className="muted">{t('common.optional')}</span>}
    </>
  );
  const help = question.help && (
    <p id={`${id}-help`} className="help">
      {question.help}
    </p>
  );
  const errorLine = error && (
    <p id={`${id}-error`} className="error" role="alert">
      {error}
    </p>
  );

  if (isChoiceQuestion(question)) {
    const multiple = question.kind === 'multiple-choice';
    const selected = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    return (
      <fieldset
        className="question"
        data-question={question.code}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        style={{ border: 0, padding: 0 }}
      >
        <legend style={{ fontWeight: 600 }}>{title}</legend>
        {help}
        {question.choices.map((c) => (
          <label className="choice" key={c.code}>
            <input
              type={multiple ? 'checkbox' : 'radio'}
              name={id}
              value={c.code}
              checked={selected.includes(c.code)}
              onChange={(e) => {
                if (!multiple) return onChange(c.code);
                const next = e.target.checked ? [...selected, c.code] : selected.filter((s) => s !== c.code);
                onChange(next.length > 0 ? next : undefined);
              }}
            />
            <span>{c.label}</span>
          </label>
        ))}
        {errorLine}
      </fieldset>
    );
  }
  return (
    <div className="question" data-question={question.code}>
      <label htmlFor={id}>{title}</label>
      {help}
      <TextLike id={id} question={question} value={value} describedBy={describedBy} invalid={Boolean(error)} onChange={onChange} />
      {errorLine}
    </div>
  );
});

/**
 * Text, number and date inputs keep what is typed locally and save it a moment later, when leaving the field, and
 * when the field goes away (skip logic hid it, the section changed): typed text is never dropped.
 */
function TextLike({
  id,
  question,
  value,
  describedBy,
  invalid,
  onChange,
}: {
  id: string;
  question: Question;
  value: AnswerValue | undefined;
  describedBy?: string;
  invalid: boolean;
  onChange(v: AnswerValue | undefined): void;
}) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const pending = useRef<string | null>(null);
  const commitRef = useRef<(raw: string) => void>(() => undefined);
  const commit = (raw: string) => {
    pending.current = null;
    if (raw.trim() === '') return onChange(undefined);
    if (question.kind === 'number') {
      const n = Number(raw.replace(',', '.'));
      return onChange(Number.isFinite(n) ? n : raw);
    }
    onChange(raw);
  };
  useEffect(() => {
    commitRef.current = commit;
  });
  useEffect(() => {
    if (pending.current === null) return;
    const timer = setTimeout(() => commitRef.current(text), 400);
    return () => clearTimeout(timer);
  }, [text]);
  useEffect(() => {
    // Also when the phone is locked or the tab goes away: no unmount runs then.
    const flush = () => {
      if (pending.current !== null) commitRef.current(pending.current);
    };
    const onHidden = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHidden);
      flush();
    };
  }, []);
  const type = (raw: string) => {
    pending.current = raw;
    setText(raw);
  };
  const common = {
    id,
    value: text,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    onChange: (e: { target: { value: string } }) => type(e.target.value),
    onBlur: () => pending.current !== null && commit(text),
  };
  if (question.kind === 'long-text') return <textarea {...common} maxLength={question.maxLength} />;
  if (question.kind === 'number') return <input {...common} type="text" inputMode="decimal" />;
  if (question.kind === 'date') return <input {...common} type="date" min={question.min} max={question.max} />;
  return <input {...common} type="text" maxLength={question.kind === 'short-text' ? question.maxLength : undefined} />;
}
