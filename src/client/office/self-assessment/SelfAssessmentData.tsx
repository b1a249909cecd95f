import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, type ReactNode } from 'react';
import type { CampaignInfo, Framework, SelfAssessment } from '../../../shared';
import { Banner } from '../../ui/Banner';
import { getJson, useApi, type ApiError } from '../api';
import { Loaded } from '../Loading';
import { useText } from '../text';
import { saUrls, type SaUrls } from './model';

/** What an item's editor needs that does not change while the screen is shown (so unchanged items are not drawn again). */
export interface SaEnv {
  campaignId: string;
  unitId: string;
  urls: SaUrls;
  /** Read the self-assessment again (after a change: totals and what is missing move). */
  refresh(): Promise<void>;
}

/** Everything a self-assessment screen works with. */
export interface SaContext extends SaEnv {
  campaign: CampaignInfo;
  unitName: string;
  framework: Framework;
  sa: SelfAssessment;
  env: SaEnv;
}

/** The campaign's frameworks (bộ chỉ số): they change only with a new campaign file, so read once. */
export function useFrameworks(campaignId: string) {
  const url = `/api/campaigns/${encodeURIComponent(campaignId)}/frameworks`;
  return useQuery<Framework[], ApiError>({ queryKey: [url], queryFn: () => getJson<Framework[]>(url), staleTime: Infinity, retry: (n, e) => e.status !== 401 && e.status !== 403 && n < 2 });
}

/** Loads one unit's self-assessment and the framework of its level, then shows `children`. */
export function SelfAssessmentData({ campaign, unitId, children }: { campaign: CampaignInfo; unitId: string; children: (ctx: SaContext) => ReactNode }) {
  const { t } = useText();
  const client = useQueryClient();
  const urls = useMemo(() => saUrls(campaign.id, unitId), [campaign.id, unitId]);
  const refresh = useCallback(() => client.refetchQueries({ queryKey: [urls.base], exact: true }), [client, urls.base]);
  const env = useMemo<SaEnv>(() => ({ campaignId: campaign.id, unitId, urls, refresh }), [campaign.id, unitId, urls, refresh]);
  const frameworks = useFrameworks(campaign.id);
  const sa = useApi<SelfAssessment>(urls.base);
  const unitName = campaign.units.find((u) => u.id === unitId)?.name ?? unitId;
  return (
    <Loaded query={frameworks}>
      {(fws) => (
        <Loaded query={sa}>
          {(data) => {
            const framework = fws.find((f) => f.id === data.frameworkId);
            if (!framework) return <Banner kind="error">{t('sa.noFramework')}</Banner>;
            return children({ ...env, env, campaign, unitName, framework, sa: data });
          }}
        </Loaded>
      )}
    </Loaded>
  );
}
