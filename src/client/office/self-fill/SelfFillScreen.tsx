import type { CampaignInfo } from '../../../shared/api/pull';
import { Banner } from '../../ui/Banner';
import { IssuedSheet } from '../../ui/self-fill-sheet/IssuedSheet';
import { useText } from '../text';
import { BatchList } from './BatchList';
import { IssueForm } from './IssueForm';
import { useOpenSheet } from './queries';

/**
 * Home Affairs' self-fill codes (issue 19): issue a batch for one unit × group, print its sheet of slips at once (the
 * plain codes exist only in the answer that issued them), and follow or revoke the batches. Printing shows the sheet
 * only: everything else here is `no-print`.
 */
export function SelfFillScreen({ campaign }: { campaign: CampaignInfo }) {
  const { t } = useText();
  const [sheet, setSheet] = useOpenSheet();
  return (
    <>
      <div className="no-print">
        <h1>{t('sf.title')}</h1>
        <p className="muted">{t('sf.intro')}</p>
        {campaign.state !== 'open' && <Banner kind="warn">{t('sf.notOpen')}</Banner>}
      </div>
      {sheet ? <IssuedSheet issued={sheet} onClose={() => setSheet(null)} /> : <IssueForm campaign={campaign} onIssued={setSheet} />}
      <div className="no-print">
        <BatchList campaign={campaign} />
      </div>
    </>
  );
}
