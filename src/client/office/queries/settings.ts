import { campaignSettingsResultSchema, type CampaignSettingsResult } from '../../../shared/api/admin';
import { sendParsed } from '../api';
import { auditKeys } from './audit';
import { appraisalKeys } from './appraisal';
import { campaignKeys } from './campaign';
import { progressKeys } from './progress';
import { selfAssessmentKeys } from './self-assessment';
import { useChange, useParsedQuery } from './use-parsed';

const ROOT = 'settings';

/** Home Affairs' settings of a campaign: deadlines, short-interview threshold, payment rates, late rule. */
export const settingsKeys = {
  all: [ROOT] as const,
  one: (campaignId: string) => [ROOT, campaignId] as const,
};

const settingsUrl = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/settings`;

export const useSettings = (campaignId: string) =>
  useParsedQuery(settingsKeys.one(campaignId), settingsUrl(campaignId), campaignSettingsResultSchema);

/**
 * Saves the settings. Their deadlines are also the campaign's (its info and Home Affairs' list), the survey pace of
 * the progress report, the self-assessments' deadline and late rule, and the appraisal's deadline: those are read
 * again; accounts, assignments, review and results do not depend on them.
 */
export function useSaveSettings(campaignId: string, onDone: (saved: CampaignSettingsResult) => void) {
  return useChange(
    (body: unknown) => sendParsed('PUT', settingsUrl(campaignId), campaignSettingsResultSchema, body),
    [settingsKeys.one(campaignId), campaignKeys.all, progressKeys.all, selfAssessmentKeys.all, appraisalKeys.all, auditKeys.all],
    onDone,
  );
}
