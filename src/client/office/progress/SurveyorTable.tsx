import type { ProgressReport } from '../../../shared/api/progress';
import { useText } from '../text';

type SurveyorRow = ProgressReport['surveyors'][number];

/** Surveyors' counts: one row per surveyor and assigned cell, the cell named by `cell` under the header `cellHeader`. */
export function SurveyorTable({ rows, cellHeader, cell }: { rows: SurveyorRow[]; cellHeader: string; cell: (s: SurveyorRow) => string }) {
  const { t, number, dateTime } = useText();
  return (
    <div className="table-wrap">
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('progress.col.surveyor')}</th>
            <th scope="col">{cellHeader}</th>
            <th scope="col">{t('progress.col.received')}</th>
            <th scope="col">{t('progress.col.allocation')}</th>
            <th scope="col">{t('progress.col.lastSync')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={`${s.surveyor}/${s.unit}/${s.group}`}>
              <th scope="row">{s.displayName}</th>
              <td>{cell(s)}</td>
              <td className="num">{number(s.received)}</td>
              <td className="num">{s.allocation === null ? '—' : number(s.allocation)}</td>
              <td>{s.lastSyncAt ? dateTime(s.lastSyncAt) : t('progress.never')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('progress.lastSyncNote')}</p>
    </div>
  );
}
