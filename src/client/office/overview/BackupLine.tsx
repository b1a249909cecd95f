import { Banner } from '../../ui/Banner';
import { useBackupStatus } from '../queries/system';
import { useText } from '../text';

/**
 * One line on Home Affairs' overview: when the server's data was last backed up and how many responses that backup
 * holds, in a warning when it is late (older than twice the interval) or when scheduled backups have made none yet.
 * Nothing while it loads or when it cannot be read: the overview is about the campaign, this is an aside.
 */
export function BackupLine() {
  const { t, number, dateTime } = useText();
  const { data } = useBackupStatus();
  if (!data) return null;
  if (data.database === 'postgres') return <p className="muted">{t('overview.backup.postgres')}</p>;
  const { last, schedule, overdue } = data;
  const interval = schedule?.intervalHours ?? 24;
  const said = last
    ? t('overview.backup.last', { at: dateTime(last.finishedAt), responses: number(last.responses) })
    : t('overview.backup.none');
  if (!overdue) return <p className="muted">{said}</p>;
  const why = last ? t('overview.backup.overdue', { hours: number(2 * interval) }) : t('overview.backup.noneScheduled', { interval });
  return (
    <Banner kind="warn">
      {said} — {why}
    </Banner>
  );
}
