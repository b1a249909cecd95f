import { memo, useState } from 'react';
import type { Question } from '../../shared/schema/questionnaire';
import type { AnswerValue } from '../../shared/schema/response';
import { QuestionControl, TextFieldFor, typedAnswer, type TextFieldProps } from '../ui/QuestionControl';

interface Props {
  question: Question;
  value: AnswerValue | undefined;
  error?: string;
  optionalText: string;
  /** Must be stable: the field is memoised and renders again only when its own props change. */
  onAnswer(code: string, value: AnswerValue | undefined): void;
}

/**
 * One question for a respondent, as the surveyor's QuestionField shows it (ui/QuestionControl.tsx): choices as large
 * labelled radio buttons or check boxes, text, number and date fields. Every change is handed up at once (the page
 * keeps it on the device as it is given).
 */
export const QuestionInput = memo(function QuestionInput(props: Props) {
  return <QuestionControl {...props} Text={TextLike} />;
});

/** Text, number and date fields. What is typed is shown as typed ("1," on the way to "1,5"); the answer is the parsed value. */
function TextLike({ id, question, value, describedBy, invalid, onChange }: TextFieldProps) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const attrs = {
    id,
    value: text,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    onChange: (e: { target: { value: string } }) => {
      setText(e.target.value);
      onChange(typedAnswer(question, e.target.value));
    },
  } as const;
  return <TextFieldFor question={question} attrs={attrs} rows={4} autoComplete="off" />;
}
