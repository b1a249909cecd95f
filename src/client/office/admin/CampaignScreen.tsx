import type { CampaignInfo } from '../../../shared/api/pull';
import { CampaignStatePanel } from './CampaignStatePanel';
import { SettingsForm } from './SettingsForm';
import { useAdminText } from './text';

/** The campaign: its state (open, closed) and the settings Home Affairs changes while it runs. */
export function CampaignScreen({ campaign }: { campaign: CampaignInfo }) {
  const { t } = useAdminText();
  return (
    <>
      <h1>{t('campaign.title', { name: campaign.name })}</h1>
      <CampaignStatePanel campaignId={campaign.id} />
      <SettingsForm campaign={campaign} />
    </>
  );
}
