import { errorBodySchema } from '../../shared';
import { backupStatusSchema } from '../../shared/api/system';
import type { App, Deps } from '../http/deps';
import { allow } from '../http/session';
import { backupSettings } from '../services/backup/status';
import { backupStatus } from '../services/system';

export function systemRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/system/backup',
    {
      onRequest: allow('admin'),
      schema: {
        tags: ['system'],
        summary: 'The last backup of the server’s data (CLI or scheduled) and the backup schedule, with whether it is overdue',
        response: { 200: backupStatusSchema, 401: errorBodySchema, 403: errorBodySchema },
      },
    },
    async () => backupStatus(backupSettings(app), deps),
  );
}
