import { campaignListSchema, campaignStateResultSchema } from '../../../shared/api/admin';
import { campaignInfoSchema } from '../../../shared/api/pull';
import type { CampaignState } from '../../../shared/schema/campaign';
import { sendParsed } from '../api';
import { auditKeys } from './audit';
import { useChange, useParsedQuery } from './use-parsed';

const ROOT = 'campaign';

/** The campaign as everyone sees it (names, deadlines, state) and Home Affairs' list of campaigns with totals. */
export const campaignKeys = {
  all: [ROOT] as const,
  current: () => [ROOT, 'current'] as const,
  list: () => [ROOT, 'list'] as const,
};

export const useCurrentCampaign = () => useParsedQuery(campaignKeys.current(), '/api/campaigns/current', campaignInfoSchema);

export const useCampaignList = () => useParsedQuery(campaignKeys.list(), '/api/campaigns', campaignListSchema);

/** Opens, closes or reopens the campaign: its state shows in both campaign queries, and the audit log has it. */
export function useSetCampaignState(campaignId: string, onDone: (state: CampaignState) => void) {
  return useChange(
    (state: CampaignState) =>
      sendParsed('PUT', `/api/campaigns/${encodeURIComponent(campaignId)}/state`, campaignStateResultSchema, { state }),
    [campaignKeys.all, auditKeys.all],
    (_, state) => onDone(state),
  );
}
