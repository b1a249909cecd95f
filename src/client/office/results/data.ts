import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { z } from 'zod';
import { liveResultsSchema, type LiveResults } from '../../../shared';
import { ApiError, getJson, useApi } from '../api';
import { useResultsText } from './text';
import { resultsUrls } from './urls';

/** The query key of the live results (parsed): not the bare URL, so that a raw `useApi` of it elsewhere never shares it. */
export const liveResultsKey = (campaignId: string) => [resultsUrls(campaignId).live, 'parsed'] as const;

/**
 * Home Affairs' live results, parsed with the shared schema at the edge: an answer of another shape is an error said in
 * words, never figures drawn from a guess.
 */
export function useLiveResults(campaignId: string): UseQueryResult<LiveResults, ApiError> {
  const { t } = useResultsText();
  const url = resultsUrls(campaignId).live;
  return useQuery<LiveResults, ApiError>({
    queryKey: liveResultsKey(campaignId),
    queryFn: async () => {
      const parsed = liveResultsSchema.safeParse(await getJson<unknown>(url));
      if (!parsed.success) throw new ApiError(502, t('rs.badAnswer'));
      return parsed.data;
    },
    retry: (n, e) => e.status !== 401 && e.status !== 403 && e.status !== 502 && n < 2,
  });
}

/** The parts of a questionnaire the drill-down names: question wordings, choice labels and coefficients. */
const questionTextsSchema = z.object({
  id: z.string(),
  version: z.number(),
  sections: z.array(
    z.object({
      questions: z.array(
        z.object({
          code: z.string(),
          text: z.string(),
          choices: z.array(z.object({ code: z.string(), label: z.string(), coefficient: z.number().optional(), excluded: z.boolean().optional() })).optional(),
        }),
      ),
    }),
  ),
});

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
 * The campaign's questionnaire texts for the drill-down, through the same query as the downloads screen (the raw list,
 * keyed by its URL). While they load, or if one does not parse, the drill-down shows codes alone.
 */
export function useQuestionTexts(campaignId: string): QuestionTexts {
  const query = useApi<unknown[]>(resultsUrls(campaignId).questionnaires);
  const byKey = useMemo(() => {
    const map = new Map<string, QuestionText>();
    const parsed = (query.data ?? []).flatMap((raw) => {
      const one = questionTextsSchema.safeParse(raw);
      return one.success ? [one.data] : [];
    });
    for (const q of parsed.sort((a, b) => a.version - b.version)) {
      for (const question of q.sections.flatMap((s) => s.questions)) map.set(`${q.id}\u0000${question.code}`, { text: question.text, choices: question.choices ?? [] });
    }
    return map;
  }, [query.data]);
  return (questionnaireId, code) => byKey.get(`${questionnaireId}\u0000${code}`);
}
