import { frameworkListSchema, questionnaireListSchema } from '../../../shared/api/pull';
import { useParsedQuery } from './use-parsed';

const ROOT = 'definitions';

/** The campaign file's questionnaires and frameworks: no office screen changes them. */
export const definitionKeys = {
  all: [ROOT] as const,
  questionnaires: (campaignId: string) => [ROOT, campaignId, 'questionnaires'] as const,
  frameworks: (campaignId: string) => [ROOT, campaignId, 'frameworks'] as const,
};

const base = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}`;

/** Every questionnaire version (texts of the paper forms, wordings of the answers). */
export const useQuestionnaires = (campaignId: string) =>
  useParsedQuery(definitionKeys.questionnaires(campaignId), `${base(campaignId)}/questionnaires`, questionnaireListSchema);

/** The frameworks (bộ chỉ số): they change only with a new campaign file, so read once. */
export const useFrameworks = (campaignId: string) =>
  useParsedQuery(definitionKeys.frameworks(campaignId), `${base(campaignId)}/frameworks`, frameworkListSchema, { staleTime: Infinity });
