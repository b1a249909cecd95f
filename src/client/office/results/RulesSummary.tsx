import type { Results } from '../../../shared/api/results';
import { useResultsText } from './text';

/** The campaign's rules in words: bands, tie-break, the survey minimum and what a sub-criterion with no answers gets. */
export function RulesSummary({ rules }: { rules: Results['rules'] }) {
  const { t, tOr, number, percent } = useResultsText();
  return (
    <details className="rs-rules">
      <summary>{t('rs.rules.title')}</summary>
      <ul>
        <li>
          {t('rs.rules.bands', {
            bands: rules.bands.map((b) => t('rs.rules.band', { name: b.name, min: percent(b.minPercent) })).join('; '),
          })}
        </li>
        {rules.tieBreak.length > 0 && (
          <li>{t('rs.rules.tieBreak', { keys: rules.tieBreak.map((k) => tOr(`rs.tie.${k}`, k)).join(', ') })}</li>
        )}
        <li>
          {t('rs.rules.survey', {
            min: number(rules.minValidAnswersPerGroup),
            policy: tOr(`rs.policy.${rules.noValidDataPolicy}`, rules.noValidDataPolicy),
          })}
        </li>
      </ul>
    </details>
  );
}
