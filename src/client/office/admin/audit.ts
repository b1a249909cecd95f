import type { AuditLogEntry } from '../../../shared/api/admin';

export interface AuditPage {
  entries: AuditLogEntry[];
  nextCursor: string | null;
}

/**
 * Every action the server writes to the log, each named in words in both languages (text-vi.ts, text-en.ts; a test
 * scans the server's sources for any left out). An action not listed, from a newer server, shows its code.
 */
export const AUDIT_ACTIONS = [
  'campaign.create',
  'campaign.update',
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
  'response.exclude',
  'response.restore',
  'sa.assign',
  'sa.item.save',
  'sa.file.upload',
  'sa.file.attach',
  'sa.file.detach',
  'sa.signed-report.upload',
  'sa.submit',
  'sa.return',
  'sa.explanation.send',
  'council.member.set',
  'council.member.remove',
  'appraisal.item.save',
  'appraisal.explanation.request',
  'appraisal.close',
  'results.publish',
  'self-fill.issue',
  'self-fill.revoke',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The kinds of action the log can be filtered by at once ("account.*" matches every account action). */
export const AUDIT_PREFIXES = ['campaign.*', 'account.*', 'assignment.*', 'response.*', 'sa.*', 'council.*', 'appraisal.*'] as const;

export function isAuditAction(action: string): action is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(action);
}

export const AUDIT_PAGE_SIZE = 50;

export function auditPageUrl(f: { action: string; subject: string; cursor: string | null }): string {
  const params = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) });
  if (f.action) params.set('action', f.action);
  if (f.subject) params.set('subject', f.subject);
  if (f.cursor) params.set('cursor', f.cursor);
  return `/api/audit?${params.toString()}`;
}

/**
 * A detail without the account ids the server named: "staffId" is left out where "staffName" stands beside it (the
 * office shows people by name; the id stays in the API for tools).
 */
function withoutNamedIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNamedIds);
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(o)
      .filter(([k]) => !(k.endsWith('Id') && typeof o[`${k.slice(0, -2)}Name`] === 'string'))
      .map(([k, v]) => [k, withoutNamedIds(v)]),
  );
}

/** The entry's detail on one line: "key: value" pairs, nested values as JSON, account ids replaced by names. */
export function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object' || Array.isArray(detail)) return JSON.stringify(withoutNamedIds(detail));
  return Object.entries(withoutNamedIds(detail) as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}
