import type { UnitResult } from '../../../shared/api/results';
import { hasSurveyUnder } from './model';
import { SurveyFigure } from './SurveyFigure';
import { useResultsText } from './text';

/** The chart's figures: per field the unit's own, the council's and the survey's points, with their maxima and the total. */
export function FieldTable({ unit, onOpenSurvey }: { unit: UnitResult; onOpenSurvey: (code: string | null) => void }) {
  const { t, number } = useResultsText();
  return (
    <div className="table-wrap">
      <table className="data rs-fields">
        <caption>{t('rs.fields.caption', { unit: unit.unitName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('rs.fields.col.field')}</th>
            <th scope="col">{t('rs.fields.col.self')}</th>
            <th scope="col">{t('rs.fields.col.appraised')}</th>
            <th scope="col">{t('rs.fields.col.appraisedMax')}</th>
            <th scope="col">{t('rs.fields.col.survey')}</th>
            <th scope="col">{t('rs.fields.col.surveyMax')}</th>
          </tr>
        </thead>
        <tbody>
          {unit.fields.map((f) => (
            <tr key={f.code}>
              <th scope="row">
                {f.code}. {f.title}
              </th>
              <td className="num">{number(f.self)}</td>
              <td className="num">{number(f.appraised)}</td>
              <td className="num">{number(f.appraisedMax)}</td>
              <td className="num">
                {hasSurveyUnder(unit, f.code) ? (
                  <SurveyFigure value={number(f.survey)} onOpen={() => onOpenSurvey(f.code)} />
                ) : (
                  number(f.survey)
                )}
              </td>
              <td className="num">{number(f.surveyMax)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('rs.fields.total')}</th>
            <td className="num">{number(unit.selfPoints)}</td>
            <td className="num">{number(unit.appraisedPoints)}</td>
            <td className="num">{number(unit.appraisedMax)}</td>
            <td className="num">
              {unit.survey.subCriteria.length > 0 ? (
                <SurveyFigure value={number(unit.surveyPoints)} onOpen={() => onOpenSurvey(null)} />
              ) : (
                number(unit.surveyPoints)
              )}
            </td>
            <td className="num">{number(unit.surveyMax)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
