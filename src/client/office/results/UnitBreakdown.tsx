import { useEffect, useRef } from 'react';
import type { CampaignInfo } from '../../../shared/api/pull';
import type { UnitResult } from '../../../shared/api/results';
import { FieldChart } from './FieldChart';
import { FieldTable } from './FieldTable';
import { ItemTable } from './ItemTable';
import { SurveyCaveats } from './SurveyCaveats';
import { useResultsText } from './text';

/**
 * One unit's result: its place and totals, what is still unscored, its survey caveats, its points per field as a chart
 * with the same figures in a table beside it, and every sub-criterion. Opening it (or closing the drill-down below it)
 * moves the focus to its heading.
 */
export function UnitBreakdown({
  unit,
  levelName,
  levelSize,
  campaign,
  minValid,
  drillOpen,
  onClose,
  onOpenSurvey,
}: {
  unit: UnitResult;
  levelName: string;
  levelSize: number;
  campaign: CampaignInfo;
  minValid: number;
  /** The survey drill-down is open below: it takes the focus, and gives it back here when it closes. */
  drillOpen: boolean;
  onClose: () => void;
  onOpenSurvey: (code: string | null) => void;
}) {
  const { t, tOr, outOf, percent } = useResultsText();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!drillOpen) heading.current?.focus();
  }, [unit.unitId, drillOpen]);
  return (
    <section className="card rs-unit" aria-labelledby="rs-unit-title">
      <div className="spread">
        <h2 id="rs-unit-title" tabIndex={-1} ref={heading}>
          {t('rs.unit.title', { unit: unit.unitName })}
        </h2>
        <button type="button" onClick={onClose}>
          {t('rs.unit.close')}
        </button>
      </div>
      <p>
        {t('rs.unit.summary', {
          rank: unit.rank,
          n: levelSize,
          level: levelName,
          percent: percent(unit.percent),
          band: unit.band.name,
          state: tOr(`rs.state.${unit.state}`, unit.state),
        })}{' '}
        <span className="rs-live-tag">{t('rs.live')}</span>
      </p>
      <dl className="rs-totals">
        <div>
          <dt>{t('rs.unit.self')}</dt>
          <dd>{outOf(unit.selfPoints, unit.appraisedMax)}</dd>
        </div>
        <div>
          <dt>{t('rs.unit.appraised')}</dt>
          <dd>{outOf(unit.appraisedPoints, unit.appraisedMax)}</dd>
        </div>
        <div>
          <dt>{t('rs.unit.survey')}</dt>
          <dd>{outOf(unit.surveyPoints, unit.surveyMax)}</dd>
        </div>
        <div>
          <dt>{t('rs.unit.total')}</dt>
          <dd>{outOf(unit.totalPoints, unit.maxPoints)}</dd>
        </div>
      </dl>
      {unit.unappraised.length > 0 && (
        <p className="rs-warn-box">{t('rs.unit.unappraised', { n: unit.unappraised.length, codes: unit.unappraised.join(', ') })}</p>
      )}
      <SurveyCaveats unit={unit} campaign={campaign} minValid={minValid} onOpenSurvey={onOpenSurvey} />

      <h3>{t('rs.fields.title')}</h3>
      <div className="rs-chart-with-table">
        <FieldChart unitName={unit.unitName} fields={unit.fields} />
        <FieldTable unit={unit} onOpenSurvey={onOpenSurvey} />
      </div>

      <h3>{t('rs.items.title')}</h3>
      <ItemTable unit={unit} onOpenSurvey={onOpenSurvey} />
    </section>
  );
}
