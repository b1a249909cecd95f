import type { Db } from './database';

export async function appendAudit(db: Db, entry: { at: string; actorId: string | null; action: string; subject: string; detail?: unknown }): Promise<void> {
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
