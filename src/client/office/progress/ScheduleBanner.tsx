import type { UnitProgress } from '../../../shared/api/progress';
import { Banner } from '../../ui/Banner';
import { useText } from '../text';

/** The one sentence a coordinator needs: will the unit make the deadline at its current pace? */
export function ScheduleBanner({ unit, deadline }: { unit: UnitProgress; deadline: string }) {
  const { t, number, day } = useText();
  const s = unit.schedule;
  const params = {
    pace: number(s.pacePerDay),
    needed: number(s.neededPerDay ?? 0),
    days: s.daysLeft,
    shortfall: number(s.shortfall),
    remaining: number(s.remaining),
    deadline: day(deadline),
  };
  switch (s.status) {
    case 'done':
      return <Banner kind="ok">{t('schedule.done')}</Banner>;
    case 'on-track':
      return <Banner kind="info">{t('schedule.onTrack', params)}</Banner>;
    case 'behind':
      return <Banner kind="warn">{t('schedule.behind', params)}</Banner>;
    case 'missed':
      return <Banner kind="error">{t('schedule.missed', params)}</Banner>;
  }
}
