import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { config as zodConfig } from 'zod/mini';
import { NavLink, Navigate, Route, Routes, useParams } from 'react-router-dom';
import type { AccountSummary } from '../../shared/api/auth';
import type { CampaignInfo } from '../../shared/api/pull';
import { setVietnameseZodMessages } from '../../shared/schema/common';
import { useI18n } from '../i18n/i18n';
import { Banner } from '../ui/Banner';
import { LanguageSelect } from '../ui/LanguageSelect';
import { adminRoutes } from './admin/routes';
import { ApiError, setApiLanguage } from './api';
import { APPRAISAL_HOME, appraisalNav, appraisalRoutes } from './appraisal/routes';
import { DeviceImportScreen } from './device-import/DeviceImportScreen';
import { DEVICE_IMPORT_PATH, deviceImportNav } from './device-import/nav';
import { Downloads } from './downloads/Downloads';
import { Loaded } from './Loading';
import { Overview } from './overview/Overview';
import { useCurrentCampaign } from './queries/campaign';
import { UnitProgressView } from './progress/UnitProgressView';
import { ReviewDetailView } from './review/ReviewDetailView';
import { ReviewList } from './review/ReviewList';
import { RESULTS_NAV_KEY, RESULTS_PATH } from './results/nav';
import { ResultsScreen } from './results/ResultsScreen';
import { ExplanationNotice } from './self-assessment/ExplanationBanner';
import { SA_HOME, selfAssessmentNav, selfAssessmentRoutes } from './self-assessment/routes';
import { SELF_FILL_PATH } from './self-fill/nav';
import { SelfFillScreen } from './self-fill/SelfFillScreen';
import { useText } from './text';

// zod's own messages in Vietnamese for the office's forms (the surveyor's app carries no zod locale), and no parser
// compiled with `new Function`, which the CSP forbids (its probe would be logged).
setVietnameseZodMessages();
zodConfig({ jitless: true });

/**
 * The screens of the people behind the surveyors, by role (DESIGN §2): a coordinator sees their unit's counts, Home
 * Affairs runs the campaign. Loaded only when such a person signs in; the server checks every request again.
 */
export default function OfficeApp({
  account,
  onSignOut,
  onExpired,
}: {
  account: AccountSummary;
  onSignOut: () => void;
  onExpired: () => void;
}) {
  // A 401 on any call means the session ended (expired, revoked, disabled): back to sign-in.
  const [client] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError: (e) => e instanceof ApiError && e.status === 401 && onExpired() }),
        defaultOptions: { queries: { staleTime: 15_000 } },
      }),
  );
  // Every call says the person's language, so that the server's messages come in it; a change reads everything again.
  // The one whole-cache invalidation on purpose: any answer may hold words the server made (what is missing, refusals,
  // names of states), and all of them change language. Mutations invalidate only their own keys (queries/*.ts).
  // Set before any child's query runs.
  const { lang } = useI18n();
  const sent = useRef<string | null>(null);
  useLayoutEffect(() => {
    setApiLanguage(lang);
    if (sent.current !== null && sent.current !== lang) void client.invalidateQueries();
    sent.current = lang;
  }, [lang, client]);
  return (
    <QueryClientProvider client={client}>
      <Campaign account={account} onSignOut={onSignOut} />
    </QueryClientProvider>
  );
}

function Campaign({ account, onSignOut }: { account: AccountSummary; onSignOut: () => void }) {
  const query = useCurrentCampaign();
  return (
    <main className="office">
      <Header account={account} campaign={query.data} onSignOut={onSignOut} />
      <Loaded query={query}>{(campaign) => <Screens account={account} campaign={campaign} />}</Loaded>
    </main>
  );
}

function Header({ account, campaign, onSignOut }: { account: AccountSummary; campaign?: CampaignInfo; onSignOut: () => void }) {
  const { t, lang } = useText();
  const links: [string, string][] =
    account.role === 'admin'
      ? [
          ['/', t('nav.overview')],
          ['/review', t('nav.review')],
          [SELF_FILL_PATH, t('nav.selfFill')],
          ['/downloads', t('nav.downloads')],
          [DEVICE_IMPORT_PATH, deviceImportNav(lang)],
          [RESULTS_PATH, t(RESULTS_NAV_KEY)],
          ['/admin', t('nav.admin')],
        ]
      : account.role === 'coordinator'
        ? [['/', t('nav.progress')]]
        : [];
  // The council's work first for the council; Home Affairs follows it after the units' self-assessments.
  if (account.role === 'council') links.push(...appraisalNav(account.role, t), ...selfAssessmentNav(account.role, t));
  else links.push(...selfAssessmentNav(account.role, t), ...appraisalNav(account.role, t));
  return (
    <header className="office-header">
      <div className="spread">
        <strong>{campaign?.name ?? t('office.loading')}</strong>
        <LanguageSelect />
      </div>
      <div className="spread">
        <span className="muted">{t('office.signedInAs', { name: account.displayName, role: t(`role.${account.role}`) })}</span>
        <button type="button" onClick={onSignOut}>
          {t('office.signOut')}
        </button>
      </div>
      {campaign?.sampleNotice && <Banner kind="info">{t('office.sampleNotice', { notice: campaign.sampleNotice })}</Banner>}
      {links.length > 0 && (
        <nav aria-label={t('nav.main')} className="office-nav">
          {links.map(([to, label]) => (
            <NavLink key={to} to={to} end={to === '/' || to === SA_HOME}>
              {label}
            </NavLink>
          ))}
          {account.role === 'coordinator' && campaign && account.unitId && (
            <a
              href={`/api/campaigns/${campaign.id}/exports/rosters.html?unitId=${encodeURIComponent(account.unitId)}`}
              target="_blank"
              rel="noreferrer"
            >
              {t('nav.roster')}
            </a>
          )}
        </nav>
      )}
      {(account.role === 'coordinator' || account.role === 'staff') && campaign && account.unitId && (
        <ExplanationNotice campaignId={campaign.id} unitId={account.unitId} entryPath={SA_HOME} />
      )}
    </header>
  );
}

function Screens({ account, campaign }: { account: AccountSummary; campaign: CampaignInfo }) {
  const { t } = useText();
  let routes: ReactNode;
  switch (account.role) {
    case 'admin':
      routes = (
        <>
          <Route path="/" element={<Overview campaign={campaign} />} />
          <Route path="/progress/:unitId" element={<UnitRoute campaign={campaign} />} />
          <Route path="/review" element={<ReviewList campaign={campaign} />} />
          <Route path="/review/:id" element={<ReviewDetailView campaign={campaign} />} />
          <Route path={SELF_FILL_PATH} element={<SelfFillScreen campaign={campaign} />} />
          <Route path="/downloads" element={<Downloads campaign={campaign} />} />
          <Route path={DEVICE_IMPORT_PATH} element={<DeviceImportScreen campaign={campaign} />} />
          <Route path={RESULTS_PATH} element={<ResultsScreen campaign={campaign} />} />
          {adminRoutes(account, campaign)}
          {selfAssessmentRoutes(account, campaign)}
          {appraisalRoutes(account, campaign)}
        </>
      );
      break;
    case 'coordinator':
      routes = account.unitId ? (
        <>
          <Route path="/" element={<UnitProgressView campaign={campaign} unitId={account.unitId} />} />
          {selfAssessmentRoutes(account, campaign)}
        </>
      ) : null;
      break;
    case 'staff':
      routes = selfAssessmentRoutes(account, campaign);
      break;
    case 'council':
      // The council's home is its work list; the units' self-assessments are read beside it.
      routes = (
        <>
          <Route path="/" element={<Navigate to={APPRAISAL_HOME} replace />} />
          {appraisalRoutes(account, campaign)}
          {selfAssessmentRoutes(account, campaign)}
        </>
      );
      break;
    default:
      routes = <Route path="/" element={<p>{t('surveyor.useDevice')}</p>} />;
  }
  return (
    <Routes>
      {routes}
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}

function UnitRoute({ campaign }: { campaign: CampaignInfo }) {
  const { unitId } = useParams();
  return unitId ? <UnitProgressView campaign={campaign} unitId={unitId} /> : null;
}
