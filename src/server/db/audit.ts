import type { Db } from './database';

export async function appendAudit(
  db: Db,
  entry: { at: string; actorId: string | null; action: string; subject: string; detail?: unknown },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor_id: entry.actorId,
      action: entry.action,
      subject: entry.subject,
      detail_json: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    })
    .execute();
}

export async function listAudit(db: Db, subject?: string) {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id');
  if (subject) q = q.where('subject', '=', subject);
  return q.execute();
}

/**
 * The audit log newest first, with the actor's username and name. `action` ending in "*" matches a prefix
 * ("account.*"); `beforeId` continues after the last entry of the previous page.
 */
export async function pageAudit(db: Db, f: { subject?: string; action?: string; beforeId?: number; limit: number }) {
  let q = db
    .selectFrom('audit_log as l')
    .leftJoin('accounts as a', 'a.id', 'l.actor_id')
    .select([
      'l.id',
      'l.at',
      'l.actor_id',
      'a.username as actor_username',
      'a.display_name as actor_name',
      'l.action',
      'l.subject',
      'l.detail_json',
    ]);
  if (f.subject) q = q.where('l.subject', '=', f.subject);
  if (f.action?.endsWith('*')) {
    const prefix = f.action.slice(0, -1);
    if (prefix) q = q.where('l.action', '>=', prefix).where('l.action', '<', `${prefix}\uffff`);
  } else if (f.action) {
    q = q.where('l.action', '=', f.action);
  }
  if (f.beforeId !== undefined) q = q.where('l.id', '<', f.beforeId);
  return q.orderBy('l.id', 'desc').limit(f.limit).execute();
}

/** The audit entries about one subject (e.g. "response:<id>"), oldest first, with the actor's name. */
export async function auditOf(db: Db, subject: string) {
  return db
    .selectFrom('audit_log as l')
    .leftJoin('accounts as a', 'a.id', 'l.actor_id')
    .select(['l.id', 'l.at', 'l.actor_id', 'a.display_name as actor_name', 'l.action', 'l.subject', 'l.detail_json'])
    .where('l.subject', '=', subject)
    .orderBy('l.id')
    .execute();
}
