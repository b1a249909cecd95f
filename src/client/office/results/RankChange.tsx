import { useResultsText } from './text';

/**
 * The change of rank against the self-assessment: the rank the unit would have on its own scores (survey unchanged)
 * less its rank now. Shown as ▲ / ▼ and a number, said in words to screen readers.
 */
export function RankChange({ rank, selfRank }: { rank: number; selfRank: number }) {
  const { t, number } = useResultsText();
  const change = selfRank - rank;
  if (change === 0) {
    return (
      <span className="rs-change rs-same">
        <span aria-hidden="true">=</span>
        <span className="rs-sr-only">{t('rs.change.same')}</span>
      </span>
    );
  }
  const up = change > 0;
  const n = Math.abs(change);
  return (
    <span className={`rs-change ${up ? 'rs-up' : 'rs-down'}`}>
      <span aria-hidden="true">
        {up ? '▲' : '▼'} {number(n)}
      </span>
      <span className="rs-sr-only">{t(up ? 'rs.change.up' : 'rs.change.down', { n: number(n), selfRank: number(selfRank) })}</span>
    </span>
  );
}
