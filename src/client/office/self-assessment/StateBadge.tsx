import type { SelfAssessment } from '../../../shared';
import { useText } from '../text';

/** Draft, submitted, or submitted late: the state of a unit's self-assessment in one tag. */
export function StateBadge({ state, late }: { state: SelfAssessment['state']; late: boolean }) {
  const { t } = useText();
  const kind = state === 'draft' ? 'draft' : late ? 'late' : 'submitted';
  return <span className={`tag sa-state-${kind}`}>{t(`sa.state.${kind}`)}</span>;
}
