import type { SelfAssessment } from '../../../shared/api/self-assessment';
import { useText } from '../text';

/** The state of a unit's assessment in one tag: draft, submitted (or submitted late), then the appraisal's states. */
export function StateBadge({ state, late }: { state: SelfAssessment['state']; late: boolean }) {
  const { t } = useText();
  const kind = state === 'submitted' && late ? 'late' : state;
  return <span className={`tag sa-state-${kind}`}>{t(`sa.state.${kind}`)}</span>;
}
