import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Role } from '../../../shared/api/auth';
import type { CampaignInfo } from '../../../shared/api/pull';
import type { SaUnitSummary } from '../../../shared/api/self-assessment';
import { assessmentStates, type AssessmentState } from '../../../shared/appraisal/states';
import { Loaded } from '../Loading';
import { useSaUnits } from '../queries/self-assessment';
import { useText } from '../text';
import { useSaFormat } from './format';
import { StateBadge } from './StateBadge';

/** Home Affairs' and the council's list: every evaluated unit with the state and running total of its self-assessment. */
export function UnitList({ campaign, who }: { campaign: CampaignInfo; who: Role }) {
  const query = useSaUnits(campaign.id);
  return <Loaded query={query}>{(units) => <List campaign={campaign} units={units} who={who} />}</Loaded>;
}

function List({ campaign, units, who }: { campaign: CampaignInfo; units: SaUnitSummary[]; who: Role }) {
  const { t, number } = useText();
  const { points, dateTime } = useSaFormat();
  const [level, setLevel] = useState('');
  const [state, setState] = useState<'' | AssessmentState>('');
  const name = (id: string) => campaign.units.find((u) => u.id === id)?.name ?? id;
  const levelName = (id: string) => campaign.unitLevels.find((l) => l.id === id)?.name ?? id;
  const shown = units.filter((u) => (!level || u.level === level) && (!state || u.state === state));
  // Submitted: anything past the draft (in appraisal and after count too).
  const submitted = units.filter((u) => u.state !== 'draft');
  const levels = [...new Set(units.map((u) => u.level))];

  return (
    <>
      <h1>{t('sa.list.title')}</h1>
      <p>
        {t('sa.list.summary', {
          submitted: number(submitted.length),
          total: number(units.length),
          late: number(submitted.filter((u) => u.late).length),
        })}
      </p>
      {who === 'council' && submitted.length === 0 && <p className="muted">{t('council.waiting')}</p>}
      <div className="filters">
        <label>
          {t('overview.level')}
          <select value={level} onChange={(e) => setLevel(e.target.value)}>
            <option value="">{t('overview.allLevels')}</option>
            {levels.map((l) => (
              <option key={l} value={l}>
                {levelName(l)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('sa.list.state')}
          <select value={state} onChange={(e) => setState(e.target.value as typeof state)}>
            <option value="">{t('sa.list.allStates')}</option>
            {assessmentStates.map((s) => (
              <option key={s} value={s}>
                {t(`sa.state.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('sa.list.col.unit')}</th>
              <th scope="col">{t('sa.list.col.level')}</th>
              <th scope="col">{t('sa.list.col.state')}</th>
              <th scope="col">{t('sa.list.col.submittedAt')}</th>
              <th scope="col">{t('sa.list.col.scored')}</th>
              <th scope="col">{t('sa.list.col.self')}</th>
              <th scope="col">{t('sa.list.col.signed')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((u) => (
              <tr key={u.unitId}>
                <th scope="row">
                  <Link to={`/self-assessment/${encodeURIComponent(u.unitId)}`}>{name(u.unitId)}</Link>
                </th>
                <td>{levelName(u.level)}</td>
                <td>
                  <StateBadge state={u.state} late={u.late} />
                </td>
                <td>
                  {u.submittedAt ? dateTime(u.submittedAt) : ''}
                  {u.submittedAt && u.submittedBy && <div className="muted sa-small">{u.submittedBy}</div>}
                </td>
                <td className="num">{t('sa.list.ofItems', { scored: number(u.scored), items: number(u.items) })}</td>
                <td className="num">{t('sa.list.ofMax', { self: points(u.self), max: points(u.max) })}</td>
                <td>{u.signedReportAt ? dateTime(u.signedReportAt) : <span className="muted">{t('sa.list.noSigned')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
