import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, type ReactNode } from 'react';
import type { CampaignInfo } from '../../../shared/api/pull';
import type { SelfAssessment } from '../../../shared/api/self-assessment';
import type { Framework } from '../../../shared/schema/framework';
import { Banner } from '../../ui/Banner';
import { Loaded } from '../Loading';
import { useFrameworks } from '../queries/definitions';
import { invalidate } from '../queries/use-parsed';
import { unitChanged, useSelfAssessment } from '../queries/self-assessment';
import { useText } from '../text';
import { saUrls, type SaUrls } from './model';

/** What an item's editor needs that does not change while the screen is shown (so unchanged items are not drawn again). */
export interface SaEnv {
  campaignId: string;
  unitId: string;
  urls: SaUrls;
  /** Read the unit's self-assessment again (after a change: totals and what is missing move, here and in the list). */
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

/** Loads one unit's self-assessment and the framework of its level, then shows `children`. */
export function SelfAssessmentData({
  campaign,
  unitId,
  children,
}: {
  campaign: CampaignInfo;
  unitId: string;
  children: (ctx: SaContext) => ReactNode;
}) {
  const { t } = useText();
  const client = useQueryClient();
  const urls = useMemo(() => saUrls(campaign.id, unitId), [campaign.id, unitId]);
  const refresh = useCallback(() => invalidate(client, unitChanged(campaign.id, unitId)), [client, campaign.id, unitId]);
  const env = useMemo<SaEnv>(() => ({ campaignId: campaign.id, unitId, urls, refresh }), [campaign.id, unitId, urls, refresh]);
  const frameworks = useFrameworks(campaign.id);
  const sa = useSelfAssessment(campaign.id, unitId);
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
