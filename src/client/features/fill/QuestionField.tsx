import { memo, useEffect, useRef, useState } from 'react';
import type { AnswerValue } from '../../../shared/schema/response';
import type { Question } from '../../../shared/schema/questionnaire';
import { useScreenI18n } from '../../i18n/screens';
import { QuestionControl, TextFieldFor, typedAnswer, type TextFieldProps } from '../../ui/QuestionControl';

interface Props {
  question: Question;
  value: AnswerValue | undefined;
  error?: string;
  /** The question's number as printed on the paper form (P1…Q11), shown before its text when transcribing paper. */
  number?: string;
  /** Must be stable (useCallback): the field is memoised and re-renders only when its own props change. */
  onAnswer(code: string, value: AnswerValue | undefined): void;
}

/** One question, by kind (ui/QuestionControl.tsx); memoised so answering one question re-renders only that one (low-end phones). */
export const QuestionField = memo(function QuestionField(props: Props) {
  const { t } = useScreenI18n();
  return <QuestionControl {...props} optionalText={t('common.optional')} Text={TextLike} />;
});

/**
 * Text, number and date inputs keep what is typed locally and save it a moment later, when leaving the field, and
 * when the field goes away (skip logic hid it, the section changed): typed text is never dropped.
 */
function TextLike({ id, question, value, describedBy, invalid, onChange }: TextFieldProps) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const pending = useRef<string | null>(null);
  const commitRef = useRef<(raw: string) => void>(() => undefined);
  const commit = (raw: string) => {
    pending.current = null;
    onChange(typedAnswer(question, raw));
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
  const attrs = {
    id,
    value: text,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    onChange: (e: { target: { value: string } }) => type(e.target.value),
    onBlur: () => pending.current !== null && commit(text),
  } as const;
  return <TextFieldFor question={question} attrs={attrs} />;
}
