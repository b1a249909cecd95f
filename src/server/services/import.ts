import { problem, type Catalogue, type ItemResult, type UnsyncedExportFile } from '../../shared';
import { findAccountById } from '../db/accounts';
import { appendAudit } from '../db/audit';
import type { Deps } from '../http/deps';
import { rejected, wordItems } from './response-check';
import { pushResponses, pushRoster, type Pusher } from './sync';

const CHUNK = 100;

function field(item: unknown, key: string): string {
  const v = item && typeof item === 'object' ? (item as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : '';
}

/**
 * An exported device file, uploaded by Home Affairs: each item goes through the same checks and idempotency as a
 * sync push by the surveyor who collected it (who must exist and be assigned the cell). Items already synced come
 * back `duplicate`; uploading the same file twice changes nothing.
 */
export async function importUnsynced(
  deps: Deps,
  campaignId: string,
  file: UnsyncedExportFile,
  actorId: string,
  catalogue: Catalogue,
): Promise<{ responses: ItemResult[]; roster: ItemResult[] }> {
  const now = deps.now();
  const run = async (items: unknown[], push: (pusher: Pusher, chunk: unknown[]) => Promise<ItemResult[]>): Promise<ItemResult[]> => {
    const out: ItemResult[] = new Array(items.length);
    const bySurveyor = new Map<string, number[]>();
    items.forEach((item, index) => {
      if (field(item, 'campaignId') !== campaignId) {
        const refusal = rejected(index, field(item, 'id') || null, 'invalid', problem('sync.import-other-campaign'), [
          { path: 'campaignId', problem: problem('sync.import-file-campaign', { campaign: campaignId }) },
        ]);
        out[index] = wordItems(catalogue, [refusal])[0] as ItemResult;
        return;
      }
      const s = field(item, 'surveyorId');
      bySurveyor.set(s, [...(bySurveyor.get(s) ?? []), index]);
    });
    for (const [surveyorId, indexes] of bySurveyor) {
      const account = surveyorId && surveyorId.length <= 64 ? await findAccountById(deps.db, surveyorId) : undefined;
      if (!account || account.role !== 'surveyor') {
        const refusals = indexes.map((i) =>
          rejected(i, field(items[i], 'id') || null, 'invalid', problem('sync.import-unknown-surveyor'), [
            { path: 'surveyorId', problem: problem('sync.surveyor-id', { surveyor: surveyorId }) },
          ]),
        );
        wordItems(catalogue, refusals).forEach((r, k) => (out[indexes[k] as number] = r));
        continue;
      }
      for (let c = 0; c < indexes.length; c += CHUNK) {
        const chunk = indexes.slice(c, c + CHUNK);
        const results = await push(
          { id: account.id, role: 'surveyor' },
          chunk.map((i) => items[i]),
        );
        results.forEach((r, k) => {
          const index = chunk[k] as number;
          out[index] = r.status === 'rejected' ? { ...r, index } : r;
        });
      }
    }
    return out;
  };
  const responses = await run(file.responses, (pusher, chunk) =>
    pushResponses(deps.writes, deps.registry, pusher, chunk, now, { checker: deps.checker, catalogue }),
  );
  const roster = await run(file.roster, (pusher, chunk) => pushRoster(deps.writes, deps.registry, pusher, chunk, now, catalogue));
  const tally = (rs: ItemResult[]) => ({
    accepted: rs.filter((r) => r.status === 'accepted').length,
    duplicate: rs.filter((r) => r.status === 'duplicate').length,
    rejected: rs.filter((r) => r.status === 'rejected').length,
  });
  await appendAudit(deps.db, {
    at: now.toISOString(),
    actorId,
    action: 'import.unsynced',
    subject: `campaign:${campaignId}`,
    detail: { deviceId: file.deviceId, exportedAt: file.exportedAt, responses: tally(responses), roster: tally(roster) },
  });
  return { responses, roster };
}
