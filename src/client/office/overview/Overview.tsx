import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ProgressReport, UnitProgress } from '../../../shared/api/progress';
import type { CampaignInfo } from '../../../shared/api/pull';
import { ProgressBar } from '../../ui/ProgressBar';
import { ChoiceSelect } from '../ChoiceSelect';
import { Loaded } from '../Loading';
import { useProgress } from '../queries/progress';
import { SelfFillTable } from '../progress/SelfFillTable';
import { SurveyorTable } from '../progress/SurveyorTable';
import { BackupLine } from './BackupLine';
import { useText } from '../text';

type Sort = 'schedule' | 'name' | 'progress';
type Status = UnitProgress['schedule']['status'];
const STATUS_ORDER: Record<Status, number> = { missed: 0, behind: 1, 'on-track': 2, done: 3 };

/** Home Affairs' view of the whole campaign: every unit by level, behind schedule first, and every surveyor. */
export function Overview({ campaign }: { campaign: CampaignInfo }) {
  const query = useProgress(campaign.id);
  return <Loaded query={query}>{(report) => <OverviewReport campaign={campaign} report={report} />}</Loaded>;
}

function OverviewReport({ campaign, report }: { campaign: CampaignInfo; report: ProgressReport }) {
  const { t, number, day } = useText();
  const [filter, setFilter] = useState('');
  const [level, setLevel] = useState('');
  const [status, setStatus] = useState<Status | ''>('');
  const [sort, setSort] = useState<Sort>('schedule');
  const names = useMemo(() => new Map(campaign.units.map((u) => [u.id, u.name])), [campaign]);
  const groupName = (id: string) => campaign.groups.find((g) => g.id === id)?.name ?? id;
  const ratio = (u: UnitProgress) => (u.target > 0 ? u.counted / u.target : 1);
  const rows = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase('vi');
    const kept = report.units.filter(
      (u) =>
        (!level || u.level === level) &&
        (!status || u.schedule.status === status) &&
        (!needle || (names.get(u.unit) ?? u.unit).toLocaleLowerCase('vi').includes(needle)),
    );
    const byName = (a: UnitProgress, b: UnitProgress) => (names.get(a.unit) ?? a.unit).localeCompare(names.get(b.unit) ?? b.unit, 'vi');
    const cmp: Record<Sort, (a: UnitProgress, b: UnitProgress) => number> = {
      schedule: (a, b) =>
        STATUS_ORDER[a.schedule.status] - STATUS_ORDER[b.schedule.status] || b.schedule.shortfall - a.schedule.shortfall || byName(a, b),
      name: byName,
      progress: (a, b) => ratio(a) - ratio(b) || byName(a, b),
    };
    return [...kept].sort(cmp[sort]);
  }, [report, filter, level, status, sort, names]);
  const pct = (n: number, d: number) =>
    new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 }).format(d > 0 ? n / d : 0);
  const tot = report.totals;

  return (
    <>
      <h1>{t('overview.title')}</h1>
      <p className="muted">{t('progress.deadline', { date: day(report.deadline), today: day(report.today) })}</p>
      <BackupLine />
      <p>
        <strong>
          {t('overview.campaignTotal', {
            counted: number(tot.counted),
            target: number(tot.target),
            pct: pct(tot.counted, tot.target),
            remaining: number(tot.remaining),
            excluded: number(tot.excluded),
          })}
        </strong>
      </p>
      <ProgressBar value={tot.counted} max={tot.target} label={t('overview.title')} />
      <ul className="inline-list">
        {campaign.unitLevels.map((l) => {
          const us = report.units.filter((u) => u.level === l.id);
          if (us.length === 0) return null;
          return (
            <li key={l.id}>
              {t('overview.levelTotal', {
                level: l.name,
                counted: number(us.reduce((n, u) => n + u.counted, 0)),
                target: number(us.reduce((n, u) => n + u.target, 0)),
              })}
            </li>
          );
        })}
      </ul>

      <div className="filters">
        <label>
          {t('overview.filter')}
          <input type="text" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
        <ChoiceSelect
          label={t('overview.level')}
          value={level}
          onChange={setLevel}
          options={campaign.unitLevels}
          all={t('overview.allLevels')}
        />
        <label>
          {t('overview.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value as Status | '')}>
            <option value="">{t('overview.allStatuses')}</option>
            {(['missed', 'behind', 'on-track', 'done'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`schedule.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('overview.sort')}
          <select value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
            <option value="schedule">{t('overview.sort.schedule')}</option>
            <option value="progress">{t('overview.sort.progress')}</option>
            <option value="name">{t('overview.sort.name')}</option>
          </select>
        </label>
      </div>
      <p className="muted">{t('overview.units', { count: rows.length })}</p>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('overview.col.unit')}</th>
              <th scope="col">{t('overview.col.progress')}</th>
              <th scope="col">{t('progress.col.excluded')}</th>
              <th scope="col">{t('overview.col.pace')}</th>
              <th scope="col">{t('overview.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.unit} className={`status-${u.schedule.status}`}>
                <th scope="row">
                  <Link to={`/progress/${u.unit}`}>{names.get(u.unit) ?? u.unit}</Link>
                </th>
                <td>
                  {number(u.counted)}/{number(u.target)}
                  <ProgressBar value={u.counted} max={u.target} label={`${names.get(u.unit) ?? u.unit}: ${u.counted}/${u.target}`} />
                </td>
                <td className="num">{number(u.excluded)}</td>
                <td className="num">{number(u.schedule.pacePerDay)}</td>
                <td>{t(`schedule.status.${u.schedule.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('overview.surveyors')}</h2>
      <SurveyorTable
        rows={[...report.surveyors].sort(
          (a, b) =>
            (a.allocation === null ? 1 : a.received / Math.max(1, a.allocation)) -
              (b.allocation === null ? 1 : b.received / Math.max(1, b.allocation)) || a.displayName.localeCompare(b.displayName, 'vi'),
        )}
        cellHeader={t('overview.col.unitGroup')}
        cell={(s) => `${names.get(s.unit) ?? s.unit} × ${groupName(s.group)}`}
      />
      <SelfFillTable
        rows={report.selfFill}
        cellHeader={t('overview.col.unitGroup')}
        cell={(s) => `${names.get(s.unit) ?? s.unit} × ${groupName(s.group)}`}
      />
    </>
  );
}
