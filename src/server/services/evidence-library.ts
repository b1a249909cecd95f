import { problem, type UploadedEvidence } from '../../shared';
import { appendAudit } from '../db/audit';
import type { Db } from '../db/database';
import { deleteLink, getEvidence, insertEvidence, insertLink, itemFileHashes, type EvidenceKey } from '../db/evidence';
import { inTransaction } from '../db/transaction';
import { problemError } from '../http/errors';
import type { StagedFile } from './evidence-store';
import { visibleEvidence, type SaAccess } from './sa-access';
import { requireStateUnchanged } from './self-assessment';

/**
 * The unit's library of evidence files and their links to sub-criteria, as rows and audit entries: each change in one
 * transaction that first checks the self-assessment is still in the state the caller's access was read in. The bytes
 * are the evidence store's (services/evidence-store.ts), committed before any row points at them.
 */

type EvidenceRow = NonNullable<Awaited<ReturnType<typeof getEvidence>>>;

const toEvidenceFile = (r: EvidenceRow) => ({
  hash: r.hash,
  name: r.name,
  size: r.size,
  mediaType: r.media_type,
  uploadedAt: r.uploaded_at,
  uploadedBy: r.uploaded_by_name ?? null,
});

export const notInLibrary = () => problemError(problem('evidence.not-in-library'));

const keyOf = (access: SaAccess): EvidenceKey => ({ campaignId: access.campaign.bundle.campaign.id, unitId: access.unit.id });
const subjectOf = (key: EvidenceKey, code?: string) => `sa:${key.campaignId}:${key.unitId}${code ? `:${code}` : ''}`;
const detailOf = (row: EvidenceRow) => ({ hash: row.hash, name: row.name, size: row.size });

/** Rows (and audit entries) for files whose bytes are committed; each attached to `code` when one is given. */
export function recordUploads(
  db: Db,
  access: SaAccess,
  files: { name: string; file: StagedFile }[],
  code: string | null,
  at: string,
): Promise<UploadedEvidence[]> {
  const key = keyOf(access);
  const actorId = access.userId;
  return inTransaction(db, async (trx) => {
    await requireStateUnchanged(trx, access, at);
    const out: UploadedEvidence[] = [];
    for (const { name, file } of files) {
      const inserted = await insertEvidence(
        trx,
        key,
        { hash: file.hash, name, size: file.size, mediaType: file.kind.mediaType },
        actorId,
        at,
      );
      const row = await getEvidence(trx, key, file.hash);
      if (!row) throw new Error('evidence row missing after insert');
      if (inserted) await appendAudit(trx, { at, actorId, action: 'sa.file.upload', subject: subjectOf(key), detail: detailOf(row) });
      if (code !== null && (await insertLink(trx, key, code, file.hash, actorId, at))) {
        await appendAudit(trx, { at, actorId, action: 'sa.file.attach', subject: subjectOf(key, code), detail: detailOf(row) });
      }
      out.push({ ...toEvidenceFile(row), alreadyThere: !inserted });
    }
    return out;
  });
}

/** Attaches a library file to a sub-criterion (again: nothing changes); the item's files after it. */
export function attachFile(db: Db, access: SaAccess, code: string, hash: string, at: string): Promise<string[]> {
  const key = keyOf(access);
  return inTransaction(db, async (trx) => {
    await requireStateUnchanged(trx, access, at);
    // A file this person may not see is "not in the library" to them: no oracle for the other items' files.
    const row = await visibleEvidence(trx, access, hash);
    if (!row) throw notInLibrary();
    if (await insertLink(trx, key, code, row.hash, access.userId, at)) {
      await appendAudit(trx, {
        at,
        actorId: access.userId,
        action: 'sa.file.attach',
        subject: subjectOf(key, code),
        detail: detailOf(row),
      });
    }
    return itemFileHashes(trx, key, code);
  });
}

/** Detaches a file from a sub-criterion (it stays in the library); the item's files after it. */
export function detachFile(db: Db, access: SaAccess, code: string, hash: string, at: string): Promise<string[]> {
  const key = keyOf(access);
  return inTransaction(db, async (trx) => {
    await requireStateUnchanged(trx, access, at);
    const row = await getEvidence(trx, key, hash);
    if (!row || !(await deleteLink(trx, key, code, hash))) throw problemError(problem('evidence.not-attached', { code }));
    await appendAudit(trx, { at, actorId: access.userId, action: 'sa.file.detach', subject: subjectOf(key, code), detail: detailOf(row) });
    return itemFileHashes(trx, key, code);
  });
}
