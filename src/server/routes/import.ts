import { z } from 'zod';
import { errorBodySchema, importResultSchema, problem, slugId, unsyncedExportSchema } from '../../shared';
import { catalogueFor, problemError } from '../http/errors';
import type { App, Deps } from '../http/deps';
import { allow, requireRole } from '../http/session';
import { importUnsynced } from '../services/import';

export function importRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/campaigns/:campaignId/import',
    {
      onRequest: allow('admin'),
      bodyLimit: 64 * 1024 * 1024,
      schema: {
        tags: ['sync'],
        summary:
          'Upload a device\'s "Xuất dữ liệu chưa đồng bộ" file (Home Affairs only): each item is checked like a sync push by its surveyor',
        params: z.object({ campaignId: slugId }),
        body: unsyncedExportSchema,
        response: {
          200: importResultSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
          404: errorBodySchema,
          413: errorBodySchema,
        },
      },
    },
    async (req) => {
      const user = requireRole(req, 'admin');
      if (!deps.registry.get(req.params.campaignId))
        throw problemError(problem('campaigns.not-found', { campaign: req.params.campaignId }));
      return importUnsynced(deps, req.params.campaignId, req.body, user.id, catalogueFor(req.headers['accept-language']));
    },
  );
}
