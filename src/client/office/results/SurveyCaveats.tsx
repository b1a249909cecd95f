import type { CampaignInfo } from '../../../shared/api/pull';
import type { UnitResult } from '../../../shared/api/results';
import { groupName } from './model';
import { useResultsText } from './text';

/**
 * A unit's survey figures that rest on too few answers, said in plain words beside its figures (never hidden in the
 * total): the rule that gave the points when no answer counted, and the respondent groups left out below the minimum.
 */
export function SurveyCaveats({
  unit,
  campaign,
  minValid,
  onOpenSurvey,
}: {
  unit: UnitResult;
  campaign: CampaignInfo;
  minValid: number;
  onOpenSurvey: (code: string) => void;
}) {
  const { t, tOr, number } = useResultsText();
  if (unit.surveyCaveats.length === 0) return null;
  return (
    <section className="rs-caveats" aria-labelledby="rs-caveats-title">
      <h3 id="rs-caveats-title">
        <span aria-hidden="true">⚠ </span>
        {t('rs.caveats.title')}
      </h3>
      <ul>
        {unit.surveyCaveats.map((c) => (
          <li key={c.code}>
            {tOr(`rs.caveat.${c.rule}`, `${c.code} ${c.title}: ${c.rule}`, { code: c.code, title: c.title })}
            {c.thinGroups.length > 0 && (
              <>
                {' '}
                {t('rs.caveat.thin', { min: number(minValid), groups: c.thinGroups.map((g) => groupName(unit, campaign, g)).join(', ') })}
              </>
            )}{' '}
            <button type="button" className="rs-link" onClick={() => onOpenSurvey(c.code)}>
              {t('rs.caveat.open', { code: c.code })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
