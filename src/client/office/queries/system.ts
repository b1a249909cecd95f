import { backupStatusSchema } from '../../../shared/api/system';
import { useParsedQuery } from './use-parsed';

const ROOT = 'system';

/** The server's own state that Home Affairs watches: its backups. */
export const systemKeys = {
  all: [ROOT] as const,
  backup: () => [ROOT, 'backup'] as const,
};

/** The last backup and the schedule; a backup is taken at most hourly, so read again every ten minutes while shown. */
export function useBackupStatus() {
  return useParsedQuery(systemKeys.backup(), '/api/system/backup', backupStatusSchema, { refetchInterval: 10 * 60_000 });
}
