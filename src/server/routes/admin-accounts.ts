import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accountImportQuerySchema,
  accountImportReportSchema,
  accountListQuerySchema,
  accountListSchema,
  adminAccountSchema,
  createAccountRequestSchema,
  createAccountResultSchema,
  errorBodySchema,
  problem,
  resetPasswordRequestSchema,
  resetPasswordResultSchema,
  revokeSessionsResultSchema,
  slugId,
  updateAccountRequestSchema,
} from '../../shared';
import { catalogueFor, problemError } from '../http/errors';
import { multipartRefusal } from '../http/multipart-errors';
import type { App, Deps } from '../http/deps';
import { allow, requireRole } from '../http/session';
import { MAX_SHEET_BYTES, importAccounts } from '../services/account-import';
import {
  createAdminAccount,
  getAdminAccount,
  listAdminAccounts,
  requireCampaign,
  resetAdminPassword,
  revokeAdminSessions,
  updateAdminAccount,
} from '../services/admin-accounts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const campaignParams = z.object({ campaignId: slugId });
const accountParams = z.object({ accountId: z.string().min(1).max(64) });

export function adminAccountRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/campaigns/:campaignId/accounts',
    {
      onRequest: allow('admin'),
      schema: {
        tags: ['admin'],
        summary:
          'Accounts of a campaign (and those bound to none): role, unit, disabled, last sign-in, live sessions, assignments. Never a password hash',
        params: campaignParams,
        querystring: accountListQuerySchema,
        response: { 200: accountListSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (req) => ({ accounts: await listAdminAccounts(deps, req.params.campaignId, req.query) }),
  );

  app.post(
    '/api/campaigns/:campaignId/accounts',
    {
      onRequest: allow('admin'),
      schema: {
        tags: ['admin'],
        summary: 'Create an account; a generated password (when none is given) is returned this once',
        params: campaignParams,
        body: createAccountRequestSchema,
        response: { 201: createAccountResultSchema, ...errors },
      },
    },
    async (req, reply) => {
      const user = requireRole(req, 'admin');
      const result = await createAdminAccount(deps, req.params.campaignId, req.body, user.id);
      return reply.code(201).send(result);
    },
  );

  app.get(
    '/api/accounts/:accountId',
    {
      onRequest: allow('admin'),
      schema: {
        tags: ['admin'],
        summary: 'One account as in the list',
        params: accountParams,
        response: { 200: adminAccountSchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (req) => getAdminAccount(deps, req.params.accountId),
  );

  app.patch(
    '/api/accounts/:accountId',
    {
      onRequest: allow('admin'),
      schema: {
        tags: ['admin'],
        summary:
          'Change display name, role or unit, or disable / enable (disabling ends every session). An admin cannot disable or demote themselves',
        params: accountParams,
        body: updateAccountRequestSchema,
        response: { 200: adminAccountSchema, ...errors },
      },
    },
    async (req) => {
      const user = requireRole(req, 'admin');
      return updateAdminAccount(deps, req.params.accountId, req.body, user.id);
    },
  );

  app.post(
    '/api/accounts/:accountId/password',
    {
      onRequest: allow('admin'),
      schema: {
        tags: ['admin'],
        summary:
          'Reset the password (given, or generated and returned this once); clears a login lock and ends every session of the account',
        params: accountParams,
        body: resetPasswordRequestSchema.nullish(),
        response: { 200: resetPasswordResultSchema, ...errors },
      },
    },
    async (req) => {
      const user = requireRole(req, 'admin');
      return resetAdminPassword(deps, req.params.accountId, req.body?.password, user.id);
    },
  );

  app.delete(
    '/api/accounts/:accountId/sessions',
    {
      onRequest: allow('admin'),
      schema: {
        tags: ['admin'],
        summary: 'Sign the account out on every device (the account stays usable)',
        params: accountParams,
        response: { 200: revokeSessionsResultSchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (req) => {
      const user = requireRole(req, 'admin');
      return revokeAdminSessions(deps, req.params.accountId, user.id);
    },
  );
}

const mb = MAX_SHEET_BYTES / 1024 / 1024;
const oneSheetOnly = () => problemError(problem('upload.sheet-one-file'));
const sheetRefusals = {
  fileTooLarge: () => problemError(problem('upload.sheet-too-large', { mb })),
  tooManyFiles: oneSheetOnly,
  tooManyParts: oneSheetOnly,
  notMultipart: () => problemError(problem('upload.sheet-not-multipart')),
};

/**
 * The sheet upload, in its own scope so that only this route parses multipart bodies. The file is read from the
 * request stream up to 2 MB (a larger one is cut off and refused), then its kind is decided by its bytes.
 */
export function adminAccountImportRoute(app: App, deps: Deps): void {
  void app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: MAX_SHEET_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 10, headerPairs: 100 },
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/campaigns/:campaignId/accounts/import',
      {
        onRequest: allow('admin'),
        schema: {
          tags: ['admin'],
          summary: 'Import accounts (and surveyor assignments) from a CSV or XLSX sheet, all or nothing, with a per-row report',
          description:
            'multipart/form-data with one file part "file" (at most 2 MB): XLSX, or CSV in UTF-8 with or without BOM (comma, semicolon or tab). ' +
            'Columns, Vietnamese or English: tên đăng nhập / username, họ tên / display_name, vai trò / role (code or label, e.g. "Điều tra viên"), ' +
            'đơn vị / unit (coordinator, staff), mật khẩu / password (optional, ≥ 10 characters), phân công / assignments (surveyors: "unit:group[:allocation]; …"). ' +
            '?dryRun=true checks and reports only (200). Otherwise: 200 with committed=true and the generated passwords (shown once), or 422 with the report and nothing written.',
          consumes: ['multipart/form-data'],
          params: campaignParams,
          querystring: accountImportQuerySchema,
          response: {
            200: accountImportReportSchema,
            422: accountImportReportSchema,
            ...errors,
            413: errorBodySchema,
            415: errorBodySchema,
          },
        },
      },
      async (req, reply) => {
        const user = requireRole(req, 'admin');
        requireCampaign(deps, req.params.campaignId);
        if (!req.isMultipart()) throw sheetRefusals.notMultipart();
        // Every part is read, so a second file is refused rather than silently left out.
        let file: { bytes: Buffer; filename: string } | undefined;
        try {
          for await (const part of req.files()) {
            if (file) throw oneSheetOnly();
            file = { bytes: await part.toBuffer(), filename: part.filename };
          }
        } catch (err) {
          throw multipartRefusal(err, sheetRefusals);
        }
        if (!file) throw problemError(problem('account-import.no-file'));
        const options = { dryRun: req.query.dryRun === 'true', actorId: user.id };
        const { status, report } = await importAccounts(
          deps,
          req.params.campaignId,
          file,
          options,
          catalogueFor(req.headers['accept-language']),
        );
        return reply.code(status).send(report);
      },
    );
  });
}
