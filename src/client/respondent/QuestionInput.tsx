import { memo, useState } from 'react';
import { isChoiceQuestion } from '../../shared/questionnaire/kinds';
import type { Question } from '../../shared/schema/questionnaire';
import type { AnswerValue } from '../../shared/schema/response';

interface Props {
  question: Question;
  value: AnswerValue | undefined;
  error?: string;
  optionalText: string;
  /** Must be stable: the field is memoised and renders again only when its own props change. */
  onAnswer(code: string, value: AnswerValue | undefined): void;
}

/**
 * One question for a respondent, by kind (the kinds of src/shared/schema/questionnaire.ts, as the surveyor's
 * QuestionField shows them): choices as large labelled radio buttons or check boxes, text, number and date fields.
 * Every change is handed up at once (the page keeps it on the device as it is given).
 */
export const QuestionInput = memo(function QuestionInput({ question, value, error, optionalText, onAnswer }: Props) {
  const id = `q-${question.code}`;
  const describedBy = [question.help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const title = (
    <>
      {question.text}
      {!question.required && <span className="optional"> {optionalText}</span>}
    </>
  );
  const help = question.help && (
    <p id={`${id}-help`} className="help">
      {question.help}
    </p>
  );
  const errorLine = error && (
    <p id={`${id}-error`} className="field-error" role="alert">
      {error}
    </p>
  );

  if (isChoiceQuestion(question)) {
    const multiple = question.kind === 'multiple-choice';
    const selected = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    return (
      <fieldset className="question" data-question={question.code} aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
        <legend>{title}</legend>
        {help}
        {question.choices.map((c) => (
          <label className="choice" key={c.code}>
            <input
              type={multiple ? 'checkbox' : 'radio'}
              name={id}
              value={c.code}
              checked={selected.includes(c.code)}
              onChange={(e) => {
                if (!multiple) return onAnswer(question.code, c.code);
                const next = e.target.checked ? [...selected, c.code] : selected.filter((s) => s !== c.code);
                onAnswer(question.code, next.length > 0 ? next : undefined);
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
      <label className="question-text" htmlFor={id}>
        {title}
      </label>
      {help}
      <TextLike
        id={id}
        question={question}
        value={value}
        describedBy={describedBy}
        invalid={Boolean(error)}
        onChange={(v) => onAnswer(question.code, v)}
      />
      {errorLine}
    </div>
  );
});

/** Text, number and date fields. What is typed is shown as typed ("1," on the way to "1,5"); the answer is the parsed value. */
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
  const type = (raw: string) => {
    setText(raw);
    if (raw.trim() === '') return onChange(undefined);
    if (question.kind === 'number') {
      const n = Number(raw.trim().replace(',', '.'));
      // Not a number yet: kept as typed, and validation says what is wrong.
      return onChange(Number.isFinite(n) ? n : raw);
    }
    onChange(raw);
  };
  const common = {
    id,
    value: text,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    onChange: (e: { target: { value: string } }) => type(e.target.value),
  };
  if (question.kind === 'long-text') return <textarea {...common} rows={4} maxLength={question.maxLength} />;
  if (question.kind === 'number') return <input {...common} type="text" inputMode="decimal" autoComplete="off" />;
  if (question.kind === 'date') return <input {...common} type="date" min={question.min} max={question.max} />;
  return <input {...common} type="text" autoComplete="off" maxLength={question.kind === 'short-text' ? question.maxLength : undefined} />;
}
