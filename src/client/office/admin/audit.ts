import type { AuditLogEntry } from '../../../shared';

export interface AuditPage {
  entries: AuditLogEntry[];
  nextCursor: string | null;
}

/** The administration actions the log holds that the screen names in words; others show their code. */
export const AUDIT_ACTIONS = [
  'campaign.create',
  'campaign.state',
  'campaign.settings',
  'account.create',
  'account.import',
  'account.update',
  'account.disable',
  'account.enable',
  'account.reset-password',
  'account.revoke-sessions',
  'assignment.assign',
  'assignment.unassign',
  'import.unsynced',
] as const;

export const AUDIT_PAGE_SIZE = 50;

export function auditPageUrl(f: { action: string; subject: string; cursor: string | null }): string {
  const params = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) });
  if (f.action) params.set('action', f.action);
  if (f.subject) params.set('subject', f.subject);
  if (f.cursor) params.set('cursor', f.cursor);
  return `/api/audit?${params.toString()}`;
}

/** The entry's detail on one line: "key: value" pairs, nested values as JSON. */
export function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object' || Array.isArray(detail)) return JSON.stringify(detail);
  return Object.entries(detail as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}
