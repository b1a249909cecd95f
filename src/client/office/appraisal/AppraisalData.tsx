import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, type ReactNode } from 'react';
import type { Appraisal } from '../../../shared/api/appraisal';
import type { CampaignInfo } from '../../../shared/api/pull';
import type { SelfAssessment } from '../../../shared/api/self-assessment';
import type { Framework } from '../../../shared/schema/framework';
import { Banner } from '../../ui/Banner';
import { Loaded } from '../Loading';
import { appraisalChanged, useAppraisal } from '../queries/appraisal';
import { useFrameworks } from '../queries/definitions';
import { unitChanged, useSelfAssessment } from '../queries/self-assessment';
import { invalidate } from '../queries/use-parsed';
import { useText } from '../text';
import { appraisalUrls, type AppraisalUrls } from './urls';

/** What an item's appraisal editor needs that does not change while the screen is shown. */
export interface ApEnv {
  campaignId: string;
  unitId: string;
  urls: AppraisalUrls;
  /** Read the appraisal again (after a change: progress and what may be done move); the work list follows. */
  refresh(): Promise<void>;
  /** Read the unit's self-assessment again too (after an explanation round: the unit's answers). */
  refreshAll(): Promise<void>;
}

/** Everything the appraisal of one unit works with. */
export interface ApContext {
  env: ApEnv;
  campaign: CampaignInfo;
  unitName: string;
  framework: Framework;
  /** The unit's self-assessment as this person sees it (a field member: their fields only). */
  sa: SelfAssessment;
  ap: Appraisal;
}

/** Loads the framework, the unit's self-assessment and the council's side of it, then shows `children`. */
export function AppraisalData({
  campaign,
  unitId,
  children,
}: {
  campaign: CampaignInfo;
  unitId: string;
  children: (ctx: ApContext) => ReactNode;
}) {
  const { t } = useText();
  const client = useQueryClient();
  const urls = useMemo(() => appraisalUrls(campaign.id, unitId), [campaign.id, unitId]);
  const refresh = useCallback(() => invalidate(client, appraisalChanged(campaign.id, unitId)), [client, campaign.id, unitId]);
  const refreshAll = useCallback(
    () => invalidate(client, [...appraisalChanged(campaign.id, unitId), ...unitChanged(campaign.id, unitId)]),
    [client, campaign.id, unitId],
  );
  const env = useMemo<ApEnv>(
    () => ({ campaignId: campaign.id, unitId, urls, refresh, refreshAll }),
    [campaign.id, unitId, urls, refresh, refreshAll],
  );
  const frameworks = useFrameworks(campaign.id);
  const sa = useSelfAssessment(campaign.id, unitId);
  const ap = useAppraisal(campaign.id, unitId);
  const unitName = campaign.units.find((u) => u.id === unitId)?.name ?? unitId;
  return (
    <Loaded query={frameworks}>
      {(fws) => (
        <Loaded query={sa}>
          {(saData) => (
            <Loaded query={ap}>
              {(apData) => {
                const framework = fws.find((f) => f.id === saData.frameworkId);
                if (!framework) return <Banner kind="error">{t('sa.noFramework')}</Banner>;
                return children({ env, campaign, unitName, framework, sa: saData, ap: apData });
              }}
            </Loaded>
          )}
        </Loaded>
      )}
    </Loaded>
  );
}
