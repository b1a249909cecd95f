import {
  accountImportReportSchema,
  accountListSchema,
  adminAccountSchema,
  createAccountResultSchema,
  resetPasswordResultSchema,
  revokeSessionsResultSchema,
  type AccountImportReport,
  type AdminAccount,
  type CreateAccountRequest,
  type UpdateAccountRequest,
} from '../../../shared/api/admin';
import { sendParsed } from '../api';
import { accountsUrl, type AccountFilters } from '../admin/accounts';
import { assignmentKeys } from './assignments';
import { auditKeys } from './audit';
import { campaignKeys } from './campaign';
import { councilKeys } from './council';
import { useChange, useParsedQuery } from './use-parsed';

const ROOT = 'accounts';

/** A campaign's accounts, one list per set of filters. */
export const accountKeys = {
  all: [ROOT] as const,
  lists: (campaignId: string) => [ROOT, campaignId] as const,
  list: (campaignId: string, filters: AccountFilters) => [ROOT, campaignId, filters] as const,
};

/** The accounts that match the filters; the last list stays on screen while another filter loads. */
export function useAccounts(campaignId: string, filters: AccountFilters, opts: { keepPrevious?: boolean } = {}) {
  return useParsedQuery(accountKeys.list(campaignId, filters), accountsUrl(campaignId, filters), accountListSchema, opts);
}

const accountUrl = (id: string) => `/api/accounts/${encodeURIComponent(id)}`;

/** A new account: every list of accounts (any filter) and Home Affairs' campaign totals; nothing about responses. */
export function useCreateAccount(campaignId: string, onDone: (r: { account: AdminAccount; password: string | null }) => void) {
  return useChange(
    (body: CreateAccountRequest) =>
      sendParsed('POST', `/api/campaigns/${encodeURIComponent(campaignId)}/accounts`, createAccountResultSchema, body),
    [accountKeys.lists(campaignId), campaignKeys.list(), auditKeys.all],
    onDone,
  );
}

/** A sheet of accounts, checked (dry run: nothing changes) or written; a sheet with bad rows (422) answers with its report. */
export function useImportAccounts(campaignId: string, onDone: (r: AccountImportReport) => void) {
  return useChange(
    (v: { file: File; dryRun: boolean }) => {
      const form = new FormData();
      form.append('file', v.file, v.file.name);
      return sendParsed(
        'POST',
        `/api/campaigns/${encodeURIComponent(campaignId)}/accounts/import?dryRun=${v.dryRun}`,
        accountImportReportSchema,
        form,
        [422],
      );
    },
    // Only a sheet written changes anything: the lists of accounts and Home Affairs' totals.
    (r) => (r.committed ? [accountKeys.lists(campaignId), campaignKeys.list(), auditKeys.all] : []),
    onDone,
  );
}

/**
 * A change to one account (name, unit, disabled): the lists of accounts, and what names or counts accounts elsewhere
 * (assignments, the council, Home Affairs' totals of surveyors).
 */
export function useUpdateAccount<V>(id: string, body: (v: V) => UpdateAccountRequest, onDone: (a: AdminAccount) => void) {
  return useChange(
    (v: V) => sendParsed('PATCH', accountUrl(id), adminAccountSchema, body(v)),
    [accountKeys.all, assignmentKeys.all, councilKeys.all, campaignKeys.list(), auditKeys.all],
    onDone,
  );
}

/** A new password (given, or generated and shown once): the account's sessions and lock change. */
export function useResetPassword(id: string, onDone: (r: { password: string | null; sessionsRevoked: number }) => void) {
  return useChange(
    (password: string) => sendParsed('POST', `${accountUrl(id)}/password`, resetPasswordResultSchema, password ? { password } : {}),
    [accountKeys.all, auditKeys.all],
    onDone,
  );
}

/** Signs the account out everywhere: its count of sessions changes. */
export function useRevokeSessions(id: string, onDone: (r: { sessionsRevoked: number }) => void) {
  return useChange(
    (_: void) => sendParsed('DELETE', `${accountUrl(id)}/sessions`, revokeSessionsResultSchema),
    [accountKeys.all, auditKeys.all],
    onDone,
  );
}
