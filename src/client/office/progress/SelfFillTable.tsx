import type { SelfFillCell } from '../../../shared/api/self-fill';
import { unusedCodes } from '../../../shared/self-fill/batches';
import { useText } from '../text';

/**
 * Self-fill codes per unit × group beside the surveyors' figures (issue 19): batches, codes issued, opened, sent,
 * revoked and not used. Counts only, for a coordinator as for Home Affairs; nothing when no code was ever issued.
 */
export function SelfFillTable({ rows, cellHeader, cell }: { rows: SelfFillCell[]; cellHeader: string; cell: (s: SelfFillCell) => string }) {
  const { t, number } = useText();
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="progress-self-fill">
      <h2 id="progress-self-fill">{t('progress.selfFill')}</h2>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{cellHeader}</th>
              <th scope="col">{t('progress.col.batches')}</th>
              <th scope="col">{t('progress.col.codes')}</th>
              <th scope="col">{t('progress.col.opened')}</th>
              <th scope="col">{t('progress.col.submitted')}</th>
              <th scope="col">{t('progress.col.revoked')}</th>
              <th scope="col">{t('progress.col.unused')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={`${s.unit}/${s.group}`}>
                <th scope="row">{cell(s)}</th>
                <td className="num">{number(s.batches)}</td>
                <td className="num">{number(s.issued)}</td>
                <td className="num">{number(s.opened)}</td>
                <td className="num">{number(s.submitted)}</td>
                <td className="num">{number(s.revoked)}</td>
                <td className="num">{number(unusedCodes(s))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t('progress.selfFill.help')}</p>
    </section>
  );
}
