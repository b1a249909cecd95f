import type { SelfAssessment } from '../../../shared/api/self-assessment';
import { useText } from '../text';
import { useSaFormat } from './format';

/**
 * The running totals per field against their maximum, appraised part only (what the unit scores itself on); the
 * survey-scored part is shown apart, with its maximum. `missing` counts what stops submission per field.
 */
export function TotalsTable({ sa, caption, fieldHref }: { sa: SelfAssessment; caption: string; fieldHref?: (code: string) => string }) {
  const { t } = useText();
  const { points } = useSaFormat();
  const missing = (field: string) => sa.issues.filter((i) => i.code.startsWith(`${field}.`)).length;
  return (
    <div className="table-wrap">
      <table className="data sa-totals">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sa.totals.field')}</th>
            <th scope="col">{t('sa.totals.self')}</th>
            <th scope="col">{t('sa.totals.max')}</th>
            <th scope="col">{t('sa.totals.missing')}</th>
            <th scope="col">{t('sa.totals.survey')}</th>
          </tr>
        </thead>
        <tbody>
          {sa.totals.fields.map((f) => (
            <tr key={f.code}>
              <th scope="row">{fieldHref ? <a href={fieldHref(f.code)}>{`${f.code}. ${f.title}`}</a> : `${f.code}. ${f.title}`}</th>
              <td className="num">{points(f.self)}</td>
              <td className="num">{points(f.max)}</td>
              <td className="num">{missing(f.code) || ''}</td>
              <td className="num">{f.surveyMax > 0 ? points(f.surveyMax) : ''}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('sa.totals.all')}</th>
            <td className="num">
              <strong>{points(sa.totals.self)}</strong>
            </td>
            <td className="num">{points(sa.totals.max)}</td>
            <td className="num">{sa.issues.length || ''}</td>
            <td className="num">{points(sa.totals.surveyMax)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
