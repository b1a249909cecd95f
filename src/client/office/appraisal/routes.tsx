import type { ReactNode } from 'react';
import { Route, useParams } from 'react-router-dom';
import type { AccountSummary, Role } from '../../../shared/api/auth';
import type { CampaignInfo } from '../../../shared/api/pull';
import type { OfficeKey } from '../text';
import { AppraisalScreen } from './AppraisalScreen';
import { APPRAISAL_HOME } from './urls';
import { WorkListScreen } from './WorkListScreen';

export { APPRAISAL_HOME };

/** The appraisal entry of the office nav: the council's work, and Home Affairs following it (DESIGN §2). */
export function appraisalNav(role: Role, t: (key: OfficeKey) => string): [string, string][] {
  return role === 'council' || role === 'admin' ? [[APPRAISAL_HOME, t('nav.ap.tasks')]] : [];
}

/** The appraisal routes of a role, to put inside the office <Routes>: the work list and each unit's appraisal. */
export function appraisalRoutes(account: AccountSummary, campaign: CampaignInfo): ReactNode {
  if (account.role !== 'council' && account.role !== 'admin') return null;
  return (
    <>
      <Route path={APPRAISAL_HOME} element={<WorkListScreen campaign={campaign} account={account} />} />
      <Route path={`${APPRAISAL_HOME}/:unitId`} element={<UnitRoute campaign={campaign} who={account.role} />} />
    </>
  );
}

function UnitRoute({ campaign, who }: { campaign: CampaignInfo; who: Role }) {
  const { unitId } = useParams();
  return unitId ? <AppraisalScreen key={unitId} campaign={campaign} unitId={unitId} who={who} /> : null;
}
