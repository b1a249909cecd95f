import type { Questionnaire } from '../schema/questionnaire';
import type { Answers } from '../schema/response';
import { isAnswered } from './answers';
import { resolveVisibility } from './visibility';

export interface Progress {
  visible: number;
  answered: number;
  requiredVisible: number;
  requiredAnswered: number;
  /** 0..1: share of visible questions answered (1 for a questionnaire with nothing visible). */
  ratio: number;
  /** Every visible required question has an answer. */
  complete: boolean;
}

export function progress(q: Questionnaire, answers: Answers): Progress {
  const { visible, effectiveAnswers } = resolveVisibility(q, answers);
  let answered = 0;
  let requiredVisible = 0;
  let requiredAnswered = 0;
  for (const question of visible) {
    const done = isAnswered(effectiveAnswers[question.code]);
    if (done) answered += 1;
    if (question.required) {
      requiredVisible += 1;
      if (done) requiredAnswered += 1;
    }
  }
  return {
    visible: visible.length,
    answered,
    requiredVisible,
    requiredAnswered,
    ratio: visible.length === 0 ? 1 : answered / visible.length,
    complete: requiredAnswered === requiredVisible,
  };
}
