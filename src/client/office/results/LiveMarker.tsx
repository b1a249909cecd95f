import type { LiveResults } from '../../../shared/api/results';
import { useResultsText } from './text';

/**
 * The "CHƯA CÔNG BỐ" marker over the live figures: they recompute while the appraisal goes on, so they are never taken
 * for what was published. Says when they were computed and which version was published last.
 */
export function LiveMarker({ live, fetching, onRecompute }: { live: LiveResults; fetching: boolean; onRecompute: () => void }) {
  const { t, dateTime, number } = useResultsText();
  const latest = [...live.publications].sort((a, b) => b.version - a.version)[0];
  return (
    <div className="rs-live" role="note" aria-labelledby="rs-live-title">
      <p id="rs-live-title" className="rs-live-title">
        {t('rs.live')}
      </p>
      <p>{t('rs.live.text', { at: dateTime(live.results.computedAt) })}</p>
      <p>{latest ? t('rs.live.latest', { version: number(latest.version), at: dateTime(latest.publishedAt) }) : t('rs.live.none')}</p>
      <button type="button" onClick={onRecompute} disabled={fetching}>
        {fetching ? t('rs.recomputing') : t('rs.recompute')}
      </button>
    </div>
  );
}
