import type { Results } from '../../../shared/api/results';
import { RankChange } from './RankChange';
import { useResultsText } from './text';

type Level = Results['levels'][number];

/** A band's colour by its place (the best, the lowest, between), whatever the campaign calls it; the name says it in words. */
const bandTier = (bands: Results['rules']['bands'], id: string) => {
  const i = bands.findIndex((b) => b.id === id);
  return i === 0 ? 'top' : i === bands.length - 1 ? 'low' : 'mid';
};

/**
 * One level's ranking, as the server ranked it (the campaign's tie-break, equal units sharing a rank): rank, unit,
 * appraised and survey points, index, band, and the change against the self-assessment. The unit's name opens its
 * breakdown, its survey points how they were computed.
 */
export function RankingTable({
  level,
  bands,
  selected,
  onOpenUnit,
  onOpenSurvey,
}: {
  level: Level;
  bands: Results['rules']['bands'];
  selected: string | null;
  onOpenUnit: (unitId: string) => void;
  onOpenSurvey: (unitId: string, code: string | null) => void;
}) {
  const { t, outOf, percent } = useResultsText();
  const units = [...level.units].sort((a, b) => a.rank - b.rank);
  const headingId = `rs-level-${level.level}`;
  return (
    <section className="rs-level" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {level.name} <span className="rs-live-tag">{t('rs.live')}</span>
      </h2>
      <div className="table-wrap">
        <table className="data rs-ranking">
          <caption>{t('rs.level.caption', { level: level.name, n: units.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rs.col.rank')}</th>
              <th scope="col">{t('rs.col.unit')}</th>
              <th scope="col">{t('rs.col.appraised')}</th>
              <th scope="col">{t('rs.col.survey')}</th>
              <th scope="col">{t('rs.col.index')}</th>
              <th scope="col">{t('rs.col.band')}</th>
              <th scope="col">{t('rs.col.change')}</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr
                key={u.unitId}
                className={u.unitId === selected ? 'rs-selected' : undefined}
                aria-current={u.unitId === selected ? 'true' : undefined}
              >
                <td className="num">{u.rank}</td>
                <th scope="row">
                  <button type="button" className="rs-link" aria-expanded={u.unitId === selected} onClick={() => onOpenUnit(u.unitId)}>
                    {u.unitName} <span className="rs-sr-only">— {t('rs.openUnit')}</span>
                  </button>
                  {u.unappraised.length > 0 && <span className="rs-note">{t('rs.unappraisedMark', { n: u.unappraised.length })}</span>}
                </th>
                <td className="num">{outOf(u.appraisedPoints, u.appraisedMax)}</td>
                <td className="num">
                  <button type="button" className="rs-link" onClick={() => onOpenSurvey(u.unitId, null)}>
                    {outOf(u.surveyPoints, u.surveyMax)} <span className="rs-sr-only">— {t('rs.openSurvey')}</span>
                  </button>
                  {u.surveyCaveats.length > 0 && (
                    <span className="rs-caveat-mark">
                      <span aria-hidden="true"> ⚠</span>
                      <span className="rs-sr-only">{t('rs.caveatMark')}</span>
                    </span>
                  )}
                </td>
                <td className="num rs-index">{percent(u.percent)}</td>
                <td>
                  <span className={`tag rs-band rs-band-${bandTier(bands, u.band.id)}`}>{u.band.name}</span>
                </td>
                <td>
                  <RankChange rank={u.rank} selfRank={u.selfRank} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted rs-small">{t('rs.change.legend')}</p>
    </section>
  );
}
