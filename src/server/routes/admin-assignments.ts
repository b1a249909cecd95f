import { z } from 'zod';
import {
  assignmentListQuerySchema,
  assignmentListSchema,
  assignmentParamsSchema,
  errorBodySchema,
  removeAssignmentResultSchema,
  setAssignmentRequestSchema,
  setAssignmentResultSchema,
  slugId,
} from '../../shared';
import type { App, Deps } from '../http/deps';
import { allow, requireRole } from '../http/session';
import { catalogueFor } from '../http/errors';
import { listAdminAssignments, removeAdminAssignment, setAdminAssignment } from '../services/admin-assignments';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

export function adminAssignmentRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/campaigns/:campaignId/assignments',
    {
      onRequest: allow('admin'),
      schema: {
        tags: ['admin'],
        summary:
          'Assignments of surveyors to unit × group cells with allocations and what each surveyor sent; the cells with their targets and allocation sums',
        params: z.object({ campaignId: slugId }),
        querystring: assignmentListQuerySchema,
        response: { 200: assignmentListSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (req) => listAdminAssignments(deps, req.params.campaignId, req.query, catalogueFor(req.headers['accept-language'])),
  );

  app.put(
    '/api/campaigns/:campaignId/assignments/:surveyorId/:unitId/:groupId',
    {
      onRequest: allow('admin'),
      schema: {
        tags: ['admin'],
        summary:
          'Assign a surveyor to a unit × group cell, or change the allocation; allocations above the cell target are saved with a warning',
        params: assignmentParamsSchema,
        body: setAssignmentRequestSchema,
        response: { 200: setAssignmentResultSchema, ...errors },
      },
    },
    async (req) => {
      const user = requireRole(req, 'admin');
      return setAdminAssignment(deps, req.params, req.body.allocation, user.id, catalogueFor(req.headers['accept-language']));
    },
  );

  app.delete(
    '/api/campaigns/:campaignId/assignments/:surveyorId/:unitId/:groupId',
    {
      onRequest: allow('admin'),
      schema: {
        tags: ['admin'],
        summary: 'Remove an assignment; responses already received stay (the answer says how many)',
        params: assignmentParamsSchema,
        response: { 200: removeAssignmentResultSchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (req) => {
      const user = requireRole(req, 'admin');
      return removeAdminAssignment(deps, req.params, user.id, catalogueFor(req.headers['accept-language']));
    },
  );
}
