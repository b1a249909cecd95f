import { useLocation, useNavigate } from 'react-router-dom';
import type { CampaignInfo } from '../../../shared/api/pull';
import type { LiveResults } from '../../../shared/api/results';
import { Loaded } from '../Loading';
import { useLiveResults, useQuestionTexts } from './data';
import { LiveMarker } from './LiveMarker';
import { PublicationList } from './PublicationList';
import { PublishPanel } from './PublishPanel';
import { RankingTable } from './RankingTable';
import './results.css';
import { RulesSummary } from './RulesSummary';
import { SurveyDrillDown } from './SurveyDrillDown';
import { useResultsText } from './text';
import { UnitBreakdown } from './UnitBreakdown';
import { WaitingUnits } from './WaitingUnits';

/**
 * Home Affairs' results screen (issue 12): the index now, per level — marked "chưa công bố", since it recomputes while
 * the appraisal goes on — with the units still to appraise, each unit's breakdown, the survey drill-down, publication
 * and the versions published. What is open lives in the address (`?unit=u1&survey=1.2.1`), so it can be shared and the
 * browser's Back closes it.
 */
export function ResultsScreen({ campaign }: { campaign: CampaignInfo }) {
  const { t } = useResultsText();
  const query = useLiveResults(campaign.id);
  return (
    <div className="rs">
      <h1>{t('rs.title', { year: campaign.year })}</h1>
      <p className="muted">{t('rs.subtitle', { campaign: campaign.name, province: campaign.province })}</p>
      <Loaded query={query}>
        {(live) => <LiveView campaign={campaign} live={live} fetching={query.isFetching} onRecompute={() => void query.refetch()} />}
      </Loaded>
    </div>
  );
}

function LiveView({
  campaign,
  live,
  fetching,
  onRecompute,
}: {
  campaign: CampaignInfo;
  live: LiveResults;
  fetching: boolean;
  onRecompute: () => void;
}) {
  // The router's useLocation and useNavigate rather than useSearchParams: those two are in the shared chunk already,
  // so the surveyor's first screen does not grow for this screen.
  const location = useLocation();
  const navigate = useNavigate();
  const params = new URLSearchParams(location.search);
  const questionTexts = useQuestionTexts(campaign.id);
  const unitId = params.get('unit');
  const survey = params.get('survey');
  const level = live.results.levels.find((l) => l.units.some((u) => u.unitId === unitId));
  const unit = level?.units.find((u) => u.unitId === unitId);
  const minValid = live.results.rules.minValidAnswersPerGroup;

  /** Opens a unit, and with `code` (a field, criterion or sub-criterion; '' for all) how its survey points were computed. */
  const open = (id: string | null, code?: string | null) => {
    const next = new URLSearchParams(location.search);
    next.delete('unit');
    next.delete('survey');
    if (id !== null) next.set('unit', id);
    if (id !== null && code !== undefined) next.set('survey', code ?? '');
    const search = next.toString();
    void navigate({ pathname: location.pathname, search: search ? `?${search}` : '' });
  };

  return (
    <>
      <LiveMarker live={live} fetching={fetching} onRecompute={onRecompute} />
      <WaitingUnits live={live} />
      <RulesSummary rules={live.results.rules} />
      {live.results.levels.map((l) => (
        <RankingTable
          key={l.level}
          level={l}
          bands={live.results.rules.bands}
          selected={unitId}
          onOpenUnit={(id) => open(id === unitId ? null : id)}
          onOpenSurvey={(id, code) => open(id, code)}
        />
      ))}
      {unit && level && (
        <UnitBreakdown
          unit={unit}
          levelName={level.name}
          levelSize={level.units.length}
          campaign={campaign}
          minValid={minValid}
          drillOpen={survey !== null}
          onClose={() => open(null)}
          onOpenSurvey={(code) => open(unit.unitId, code)}
        />
      )}
      {unit && survey !== null && (
        <SurveyDrillDown
          unit={unit}
          code={survey === '' ? null : survey}
          campaign={campaign}
          minValid={minValid}
          questionTexts={questionTexts}
          onClose={() => open(unit.unitId)}
        />
      )}
      <PublishPanel campaign={campaign} live={live} />
      <PublicationList campaignId={campaign.id} publications={live.publications} />
    </>
  );
}
