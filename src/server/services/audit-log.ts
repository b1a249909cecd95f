import { z } from 'zod';
import type { AuditEntry, AuditLogEntry, AuditLogPage } from '../../shared';
import { accountNames } from '../db/accounts';
import { auditOf, pageAudit } from '../db/audit';
import type { Db } from '../db/database';
import type { CampaignRegistry } from './campaign-registry';
import { decodeCursor, encodeCursor } from './page-cursor';

/**
 * One subject's history (a response, a self-assessment or one of its items), oldest first, each entry with its actor's
 * name: every screen that shows a history maps the rows here.
 */
export async function subjectHistory(db: Db, subject: string): Promise<AuditEntry[]> {
  return (await auditOf(db, subject)).map((e) => ({
    id: Number(e.id),
    at: e.at,
    actorId: e.actor_id,
    actorName: e.actor_name,
    action: e.action,
    subject: e.subject,
    detail: detailOf(e.detail_json),
  }));
}

/** The detail as recorded: JSON, or the text itself should a row ever hold something else. */
function detailOf(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

/** The account ids a recorded detail names: the staff of a self-assessment assignment. */
function staffIdsOf(action: string, detail: unknown): string[] {
  if (action !== 'sa.assign' || typeof detail !== 'object' || detail === null) return [];
  const list = (detail as { assignments?: unknown }).assignments;
  return Array.isArray(list)
    ? list.flatMap((a) =>
        typeof a === 'object' && a !== null && typeof (a as { staffId?: unknown }).staffId === 'string'
          ? [(a as { staffId: string }).staffId]
          : [],
      )
    : [];
}

/** The detail with each account id's display name beside it (`staffName` beside `staffId`); the record itself is unchanged. */
function namedDetail(action: string, detail: unknown, names: Map<string, string>): unknown {
  if (staffIdsOf(action, detail).length === 0) return detail;
  const d = detail as { assignments: unknown[] };
  return {
    ...d,
    assignments: d.assignments.map((a) => {
      const id = typeof a === 'object' && a !== null ? (a as { staffId?: unknown }).staffId : undefined;
      return typeof id === 'string' ? { ...(a as object), staffName: names.get(id) ?? null } : a;
    }),
  };
}

/**
 * The subject in words, when it names a person or a unit: an account (by username, or a council member by account
 * id) is their display name; a self-assessment or appraisal is the unit's name with the sub-criterion; a campaign its
 * name. Other subjects (a response's id, the results) are left to the code.
 */
function subjectName(
  subject: string,
  registry: CampaignRegistry,
  byId: Map<string, string>,
  byUsername: Map<string, string>,
): string | null {
  const [kind, a, b, c] = subject.split(':');
  if (kind === 'account' && a) return byUsername.get(a) ?? null;
  if (kind === 'council' && b) return byId.get(b) ?? null;
  if ((kind === 'sa' || kind === 'appraisal') && a && b) {
    const unit = registry.get(a)?.units.get(b)?.name;
    return unit ? (c ? `${unit} · ${c}` : unit) : null;
  }
  if (kind === 'campaign' && a) return registry.get(a)?.bundle.campaign.name ?? null;
  return null;
}

/**
 * One page of the audit log for Home Affairs, newest first, with people and units by name: the actor's display name
 * (and username), the subject in words, and account ids in the detail with their names beside them.
 */
export async function auditLogPage(
  db: Db,
  registry: CampaignRegistry,
  q: { subject?: string; action?: string; cursor?: string; limit: number },
): Promise<AuditLogPage> {
  const beforeId = q.cursor === undefined ? undefined : decodeCursor(q.cursor, auditKey).id;
  const rows = await pageAudit(db, { subject: q.subject, action: q.action, beforeId, limit: q.limit });
  const last = rows[rows.length - 1];
  return {
    entries: await named(db, registry, rows),
    nextCursor: rows.length === q.limit && last ? encodeCursor({ id: Number(last.id) }) : null,
  };
}

/** The key of the audit log's pages, newest first: the last entry's id. */
const auditKey = z.strictObject({ id: z.int().min(1).max(Number.MAX_SAFE_INTEGER) });

async function named(db: Db, registry: CampaignRegistry, rows: Awaited<ReturnType<typeof pageAudit>>): Promise<AuditLogEntry[]> {
  const entries = rows.map((r) => ({ r, detail: detailOf(r.detail_json) }));
  const ids = new Set<string>();
  const usernames = new Set<string>();
  for (const { r, detail } of entries) {
    for (const id of staffIdsOf(r.action, detail)) ids.add(id);
    const [kind, a, b] = r.subject.split(':');
    if (kind === 'account' && a) usernames.add(a);
    if (kind === 'council' && b) ids.add(b);
  }
  const { byId, byUsername } = await accountNames(db, { ids: [...ids], usernames: [...usernames] });
  return entries.map(({ r, detail }) => ({
    id: Number(r.id),
    at: r.at,
    actorId: r.actor_id,
    actorUsername: r.actor_username ?? null,
    actorName: r.actor_name ?? null,
    action: r.action,
    subject: r.subject,
    subjectName: subjectName(r.subject, registry, byId, byUsername),
    detail: namedDetail(r.action, detail, byId),
  }));
}
