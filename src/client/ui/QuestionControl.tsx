import type { ComponentType } from 'react';
import { isChoiceQuestion } from '../../shared/questionnaire/kinds';
import type { Question } from '../../shared/schema/questionnaire';
import type { AnswerValue } from '../../shared/schema/response';

/**
 * What a side's text, number and date field is given. Each side keeps its own: the surveyor's saves what is typed a
 * moment later (QuestionField.tsx), the respondent's at once (QuestionInput.tsx).
 */
export interface TextFieldProps {
  id: string;
  question: Question;
  value: AnswerValue | undefined;
  describedBy?: string;
  invalid: boolean;
  onChange(v: AnswerValue | undefined): void;
}

interface Props {
  question: Question;
  value: AnswerValue | undefined;
  error?: string;
  /** The question's number as printed on the paper form (P1…Q11), shown before its text when transcribing paper. */
  number?: string;
  /** The word after an optional question's text, in the language on screen. */
  optionalText: string;
  /** A module's component, never made anew: the side's own text, number and date field. */
  Text: ComponentType<TextFieldProps>;
  onAnswer(code: string, value: AnswerValue | undefined): void;
}

/**
 * One question, by kind (the kinds of src/shared/schema/questionnaire.ts), for the surveyor (QuestionField) and the
 * respondent (QuestionInput) alike: choices as labelled radio buttons or check boxes, text, number and date fields by
 * the side's own `Text`. Its words come in as props: the respondent's page has none of the surveyor's catalogues. The
 * same markup on both sides, each side's style sheet giving it its look (ui/styles.css, respondent/respondent.css).
 */
export function QuestionControl({ question, value, error, number, optionalText, Text, onAnswer }: Props) {
  const onChange = (v: AnswerValue | undefined) => onAnswer(question.code, v);
  const id = `q-${question.code}`;
  const describedBy = [question.help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const title = (
    <>
      {number && (
        <>
          <span className="question-number">{number}.</span>{' '}
        </>
      )}
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
      <label className="question-text" htmlFor={id}>
        {title}
      </label>
      {help}
      <Text id={id} question={question} value={value} describedBy={describedBy} invalid={Boolean(error)} onChange={onChange} />
      {errorLine}
    </div>
  );
}

/**
 * The answer to a text, number or date question typed as `raw`: none when blank; for a number question the number, or
 * the text while it is not one yet ("1," on the way to "1,5").
 */
export function typedAnswer(question: Question, raw: string): AnswerValue | undefined {
  if (raw.trim() === '') return undefined;
  if (question.kind === 'number') {
    const n = Number(raw.trim().replace(',', '.'));
    // Not a number yet: kept as typed, and validation says what is wrong.
    return Number.isFinite(n) ? n : raw;
  }
  return raw;
}

/** What a side's `Text` sets on its field. */
export interface TextFieldAttrs {
  id: string;
  value: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  onChange(e: { target: { value: string } }): void;
  onBlur?(): void;
}

/** The field for a text, number or date question; `rows` and `autoComplete` as the side sets them. */
export function TextFieldFor({
  question,
  attrs,
  rows,
  autoComplete,
}: {
  question: Question;
  attrs: TextFieldAttrs;
  rows?: number;
  autoComplete?: 'off';
}) {
  if (question.kind === 'long-text') return <textarea {...attrs} rows={rows} maxLength={question.maxLength} />;
  if (question.kind === 'number') return <input {...attrs} type="text" inputMode="decimal" autoComplete={autoComplete} />;
  if (question.kind === 'date') return <input {...attrs} type="date" min={question.min} max={question.max} />;
  return (
    <input {...attrs} type="text" autoComplete={autoComplete} maxLength={question.kind === 'short-text' ? question.maxLength : undefined} />
  );
}
