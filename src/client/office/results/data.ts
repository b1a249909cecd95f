import { useMemo } from 'react';
import { isChoiceQuestion } from '../../../shared/questionnaire/kinds';
import { useQuestionnaires } from '../queries/definitions';
import { useLiveResults as useLiveResultsQuery } from '../queries/results';
import { useResultsText } from './text';

/**
 * Home Affairs' live results, parsed with the shared schema at the edge: an answer of another shape is an error said in
 * the results' words, never figures drawn from a guess.
 */
export function useLiveResults(campaignId: string) {
  const { t } = useResultsText();
  return useLiveResultsQuery(campaignId, t('rs.badAnswer'));
}

export interface ChoiceText {
  code: string;
  label: string;
  coefficient?: number;
  excluded?: boolean;
}
export interface QuestionText {
  text: string;
  choices: ChoiceText[];
}

/** Question `code` of questionnaire `questionnaireId`, as its newest version words it. */
export type QuestionTexts = (questionnaireId: string, code: string) => QuestionText | undefined;

/**
 * The campaign's questionnaire texts for the drill-down, through the same query as the downloads screen. While they
 * load, or if they do not parse, the drill-down shows codes alone.
 */
export function useQuestionTexts(campaignId: string): QuestionTexts {
  const query = useQuestionnaires(campaignId);
  const byKey = useMemo(() => {
    const map = new Map<string, QuestionText>();
    for (const q of [...(query.data ?? [])].sort((a, b) => a.version - b.version)) {
      for (const question of q.sections.flatMap((s) => s.questions))
        map.set(`${q.id}\u0000${question.code}`, { text: question.text, choices: isChoiceQuestion(question) ? question.choices : [] });
    }
    return map;
  }, [query.data]);
  return (questionnaireId, code) => byKey.get(`${questionnaireId}\u0000${code}`);
}
