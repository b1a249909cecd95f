import type { LiveResults } from '../../../shared/api/results';
import { useResultsText } from './text';

/** The units whose appraisal is not closed yet: their figures still move, and publication waits for every one. */
export function WaitingUnits({ live }: { live: LiveResults }) {
  const { t, tOr, number } = useResultsText();
  const names = new Map(live.results.levels.flatMap((l) => l.units).map((u) => [u.unitId, u.unitName]));
  if (live.notAppraised.length === 0) return <p className="rs-ok-text">{t('rs.waiting.none')}</p>;
  return (
    <section className="rs-waiting" aria-labelledby="rs-waiting-title">
      <h2 id="rs-waiting-title">{t('rs.waiting.title', { n: number(live.notAppraised.length) })}</h2>
      <p className="muted">{t('rs.waiting.help')}</p>
      <ul>
        {live.notAppraised.map((u) => (
          <li key={u.unitId}>
            {t('rs.waiting.item', { unit: names.get(u.unitId) ?? u.unitId, state: tOr(`rs.state.${u.state}`, u.state) })}
          </li>
        ))}
      </ul>
    </section>
  );
}
