import type { ProgressReport } from '../../../shared/api/progress';
import type { CampaignInfo } from '../../../shared/api/pull';
import { ProgressBar } from '../../ui/ProgressBar';
import { Loaded } from '../Loading';
import { useProgress } from '../queries/progress';
import { useText } from '../text';
import { DailyChart, DailyTable } from './DailyChart';
import { ScheduleBanner } from './ScheduleBanner';
import { SelfFillTable } from './SelfFillTable';
import { SurveyorTable } from './SurveyorTable';

/** One unit's collection progress: counts only (DESIGN §2), for its coordinator or for Home Affairs. */
export function UnitProgressView({ campaign, unitId }: { campaign: CampaignInfo; unitId: string }) {
  const query = useProgress(campaign.id, unitId);
  return <Loaded query={query}>{(report) => <Report campaign={campaign} report={report} unitId={unitId} />}</Loaded>;
}

function Report({ campaign, report, unitId }: { campaign: CampaignInfo; report: ProgressReport; unitId: string }) {
  const { t, number, day } = useText();
  const unitName = campaign.units.find((u) => u.id === unitId)?.name ?? unitId;
  const groupName = (id: string) => campaign.groups.find((g) => g.id === id)?.name ?? id;
  const unit = report.units.find((u) => u.unit === unitId);
  const cells = report.cells.filter((c) => c.unit === unitId);
  return (
    <>
      <h1>{t('progress.title', { unit: unitName })}</h1>
      <p className="muted">{t('progress.deadline', { date: day(report.deadline), today: day(report.today) })}</p>
      {unit && (
        <>
          <p>
            <strong>
              {t('progress.totals', { counted: number(unit.counted), target: number(unit.target), remaining: number(unit.remaining) })}
            </strong>
          </p>
          <ProgressBar
            value={unit.counted}
            max={unit.target}
            label={t('progress.totals', { counted: unit.counted, target: unit.target, remaining: unit.remaining })}
          />
          <ScheduleBanner unit={unit} deadline={report.deadline} />
        </>
      )}
      <h2>{t('progress.byGroup')}</h2>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('progress.col.group')}</th>
              <th scope="col">{t('progress.col.target')}</th>
              <th scope="col">{t('progress.col.received')}</th>
              <th scope="col">{t('progress.col.over')}</th>
              <th scope="col">{t('progress.col.excluded')}</th>
              <th scope="col">{t('progress.col.remaining')}</th>
            </tr>
          </thead>
          <tbody>
            {cells.map((c) => (
              <tr key={c.group}>
                <th scope="row">{groupName(c.group)}</th>
                <td className="num">{number(c.target)}</td>
                <td className="num">{number(c.received)}</td>
                <td className="num">{number(c.over)}</td>
                <td className="num">{number(c.excluded)}</td>
                <td className="num">{number(c.remaining)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('progress.bySurveyor')}</h2>
      <SurveyorTable
        rows={report.surveyors.filter((s) => s.unit === unitId)}
        cellHeader={t('progress.col.group')}
        cell={(s) => groupName(s.group)}
      />
      <SelfFillTable
        rows={report.selfFill.filter((s) => s.unit === unitId)}
        cellHeader={t('progress.col.group')}
        cell={(s) => groupName(s.group)}
      />
      <h2>{t('progress.byDay')}</h2>
      <div className="chart-with-table">
        {unit && <DailyChart daily={unit.daily} target={unit.target} deadline={report.deadline} today={report.today} />}
        <DailyTable daily={unit?.daily ?? []} />
      </div>
      <p className="muted">{t('progress.countsOnly')}</p>
    </>
  );
}
