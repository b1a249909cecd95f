import { Route } from 'react-router-dom';
import type { AccountSummary } from '../../../shared/api/auth';
import type { CampaignInfo } from '../../../shared/api/pull';
import { CouncilScreen } from '../appraisal/CouncilScreen';
import { AccountsScreen } from './AccountsScreen';
import { AdminLayout } from './AdminLayout';
import { AssignmentsScreen } from './AssignmentsScreen';
import { AuditScreen } from './AuditScreen';
import { CampaignScreen } from './CampaignScreen';

/**
 * Home Affairs' campaign administration: `/admin` (the campaign), `/admin/accounts`, `/admin/assignments`,
 * `/admin/council` (the appraisal council), `/admin/audit`.
 */
export const ADMIN_HOME = '/admin';

export function adminRoutes(account: AccountSummary, campaign: CampaignInfo) {
  return (
    <Route path={ADMIN_HOME} element={<AdminLayout />}>
      <Route index element={<CampaignScreen campaign={campaign} />} />
      <Route path="campaign" element={<CampaignScreen campaign={campaign} />} />
      <Route path="accounts" element={<AccountsScreen campaign={campaign} me={account} />} />
      <Route path="assignments" element={<AssignmentsScreen campaign={campaign} />} />
      <Route path="council" element={<CouncilScreen campaign={campaign} />} />
      <Route path="audit" element={<AuditScreen />} />
    </Route>
  );
}
