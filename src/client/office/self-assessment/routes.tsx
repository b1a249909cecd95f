import type { ReactNode } from 'react';
import { Navigate, Route, useParams } from 'react-router-dom';
import type { AccountSummary, Role } from '../../../shared/api/auth';
import type { CampaignInfo } from '../../../shared/api/pull';
import { useText, type OfficeKey } from '../text';
import { AssignmentScreen } from './AssignmentScreen';
import { ReportScreen } from './ReportScreen';
import { ReviewScreen } from './ReviewScreen';
import { SelfAssessmentScreen } from './SelfAssessmentScreen';
import { UnitList } from './UnitList';

/** The entry screen of one's own unit; the nav link is active there only (not on its sub-pages). */
export const SA_HOME = '/self-assessment';

/** The self-assessment entries of the office nav, per role (DESIGN §2: the unit edits, Home Affairs and the council read). */
export function selfAssessmentNav(role: Role, t: (key: OfficeKey) => string): [string, string][] {
  switch (role) {
    case 'coordinator':
      return [
        [SA_HOME, t('nav.sa.entry')],
        [`${SA_HOME}/assign`, t('nav.sa.assign')],
        [`${SA_HOME}/review`, t('nav.sa.review')],
        [`${SA_HOME}/report`, t('nav.sa.report')],
      ];
    case 'staff':
      return [[SA_HOME, t('nav.sa.entry')]];
    case 'admin':
    case 'council':
      return [['/self-assessments', t('nav.sa.units')]];
    default:
      return [];
  }
}

/**
 * The self-assessment routes of a role, to put inside the office <Routes>: the unit's own screens for its coordinator
 * (entry, assignment, review and submit, report) and staff (entry); the list and each unit read-only for Home
 * Affairs and the council. For staff the self-assessment is the home page (the council's is its appraisal work list).
 */
export function selfAssessmentRoutes(account: AccountSummary, campaign: CampaignInfo): ReactNode {
  const unitId = account.unitId;
  switch (account.role) {
    case 'coordinator':
      return unitId ? (
        <>
          <Route path={SA_HOME} element={<SelfAssessmentScreen campaign={campaign} unitId={unitId} who="coordinator" />} />
          <Route path={`${SA_HOME}/assign`} element={<AssignmentScreen campaign={campaign} unitId={unitId} />} />
          <Route
            path={`${SA_HOME}/review`}
            element={<ReviewScreen campaign={campaign} unitId={unitId} entryPath={SA_HOME} reportPath={`${SA_HOME}/report`} />}
          />
          <Route path={`${SA_HOME}/report`} element={<ReportScreen campaign={campaign} unitId={unitId} backTo={`${SA_HOME}/review`} />} />
        </>
      ) : null;
    case 'staff':
      return unitId ? (
        <>
          <Route path="/" element={<Navigate to={SA_HOME} replace />} />
          <Route path={SA_HOME} element={<SelfAssessmentScreen campaign={campaign} unitId={unitId} who="staff" />} />
        </>
      ) : (
        <Route path="/" element={<NothingAssigned />} />
      );
    case 'admin':
    case 'council':
      return (
        <>
          <Route path="/self-assessments" element={<UnitList campaign={campaign} who={account.role} />} />
          <Route path={`${SA_HOME}/:unitId`} element={<UnitRoute campaign={campaign} who={account.role} />} />
          <Route path={`${SA_HOME}/:unitId/report`} element={<UnitReportRoute campaign={campaign} />} />
        </>
      );
    default:
      return null;
  }
}

function NothingAssigned() {
  const { t } = useText();
  return <p>{t('staff.waiting')}</p>;
}

function UnitRoute({ campaign, who }: { campaign: CampaignInfo; who: Role }) {
  const { unitId } = useParams();
  return unitId ? (
    <SelfAssessmentScreen
      key={unitId}
      campaign={campaign}
      unitId={unitId}
      who={who}
      reportHref={`${SA_HOME}/${encodeURIComponent(unitId)}/report`}
    />
  ) : null;
}

function UnitReportRoute({ campaign }: { campaign: CampaignInfo }) {
  const { unitId } = useParams();
  return unitId ? (
    <ReportScreen key={unitId} campaign={campaign} unitId={unitId} backTo={`${SA_HOME}/${encodeURIComponent(unitId)}`} />
  ) : null;
}
