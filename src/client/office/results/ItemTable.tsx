import type { UnitResult } from '../../../shared/api/results';
import { SurveyFigure } from './SurveyFigure';
import { useResultsText } from './text';

/**
 * Every sub-criterion of a unit: the unit's own score and the council's for the appraised ones (a difference marked),
 * the survey's for the others, against the maximum; a survey figure opens how it was computed.
 */
export function ItemTable({ unit, onOpenSurvey }: { unit: UnitResult; onOpenSurvey: (code: string) => void }) {
  const { t, number } = useResultsText();
  const none = <span className="muted">{t('rs.items.none')}</span>;
  return (
    <div className="table-wrap">
      <table className="data rs-items">
        <caption>{t('rs.items.caption', { unit: unit.unitName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('rs.items.col.code')}</th>
            <th scope="col">{t('rs.items.col.title')}</th>
            <th scope="col">{t('rs.items.col.method')}</th>
            <th scope="col">{t('rs.items.col.max')}</th>
            <th scope="col">{t('rs.fields.col.self')}</th>
            <th scope="col">{t('rs.fields.col.appraised')}</th>
            <th scope="col">{t('rs.fields.col.survey')}</th>
          </tr>
        </thead>
        <tbody>
          {unit.items.map((i) => {
            const differs = i.method === 'appraised' && i.self !== null && i.appraised !== null && i.self !== i.appraised;
            return (
              <tr key={i.code} className={differs ? 'rs-differs' : undefined}>
                <th scope="row">{i.code}</th>
                <td>{i.title}</td>
                <td>{t(i.method === 'appraised' ? 'rs.items.method.appraised' : 'rs.items.method.survey')}</td>
                <td className="num">{number(i.maxPoints)}</td>
                {i.method === 'appraised' ? (
                  <>
                    <td className="num">{i.self === null ? <span className="muted">{t('rs.items.notScored')}</span> : number(i.self)}</td>
                    <td className="num">
                      {i.appraised === null ? <span className="rs-warn-text">{t('rs.items.notScored')}</span> : number(i.appraised)}
                    </td>
                    <td className="num">{none}</td>
                  </>
                ) : (
                  <>
                    <td className="num">{none}</td>
                    <td className="num">{none}</td>
                    <td className="num">
                      <SurveyFigure
                        value={i.survey === null ? t('rs.items.leftOut') : number(i.survey)}
                        onOpen={() => onOpenSurvey(i.code)}
                      />
                    </td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
