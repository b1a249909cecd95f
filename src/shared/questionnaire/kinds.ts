import type { ChoiceQuestion, Question } from '../schema/questionnaire';

/** A question answered by picking among its choices (one or several). Outside the schema module: the surveyor's app uses it without zod. */
export function isChoiceQuestion(q: Question): q is ChoiceQuestion {
  return 'choices' in q;
}
