import { useState } from 'react';
import type { AdminCampaign } from '../../../shared/api/admin';
import { DEADLINE_KEYS } from '../../../shared/campaign/deadlines';
import type { CampaignState } from '../../../shared/schema/campaign';
import { Banner } from '../../ui/Banner';
import { Loaded } from '../Loading';
import { useCampaignList, useSetCampaignState } from '../queries/campaign';
import { ConfirmAction } from './ConfirmAction';
import { MutationError } from './messages';
import { useAdminText } from './text';

/** State of the campaign with the one button that moves it on, and the deadlines in force. */
export function CampaignStatePanel({ campaignId }: { campaignId: string }) {
  const query = useCampaignList();
  const { t } = useAdminText();
  return (
    <Loaded query={query}>
      {({ campaigns }) => {
        const c = campaigns.find((x) => x.id === campaignId);
        return c ? <StateCard campaign={c} /> : <Banner kind="error">{t('campaign.missing')}</Banner>;
      }}
    </Loaded>
  );
}

function StateCard({ campaign }: { campaign: AdminCampaign }) {
  const { t, day, number } = useAdminText();
  const [done, setDone] = useState<CampaignState | null>(null);
  const mutation = useSetCampaignState(campaign.id, setDone);
  const act = (state: CampaignState) => {
    setDone(null);
    mutation.mutate(state);
  };
  return (
    <section className="card" aria-labelledby="admin-state">
      <h2 id="admin-state">{t('state.heading')}</h2>
      <p>
        <span className={`tag admin-state-${campaign.state}`}>{t(`state.${campaign.state}`)}</span> {t(`state.${campaign.state}.help`)}
      </p>
      <p className="muted">
        {t('state.totals', {
          counted: number(campaign.totals.counted),
          target: number(campaign.totals.target),
          units: number(campaign.units),
          surveyors: number(campaign.surveyors),
        })}
      </p>
      {done && <Banner kind="ok">{t(`state.done.${done}`)}</Banner>}
      <MutationError error={mutation.error} />
      <div className="row">
        {campaign.state === 'open' ? (
          <ConfirmAction
            label={t('state.action.close')}
            question={t('state.close.confirm')}
            confirmLabel={t('state.close.yes')}
            danger
            disabled={mutation.isPending}
            onConfirm={() => act('closed')}
          />
        ) : (
          <ConfirmAction
            label={t(campaign.state === 'closed' ? 'state.action.reopen' : 'state.action.open')}
            question={t('state.open.confirm')}
            confirmLabel={t('state.open.yes')}
            disabled={mutation.isPending}
            onConfirm={() => act('open')}
          />
        )}
      </div>
      <h3>{t('deadlines.inForce')}</h3>
      <ul className="inline-list" aria-label={t('deadlines.inForce')}>
        {DEADLINE_KEYS.map((k) => (
          <li key={k}>
            {t(`deadline.${k}`)}: <strong>{t('deadlines.lastDay', { date: day(campaign.deadlines[k]) })}</strong>
          </li>
        ))}
      </ul>
      <p className="muted">{campaign.deadlinesOverridden ? t('deadlines.overridden') : t('deadlines.fromFile')}</p>
    </section>
  );
}
