import type { RosterEntry } from '../../shared/sync/roster-entry';
import type { SurveyResponse } from '../../shared/schema/response';
import type { UnsyncedExportFile } from '../../shared/api/import';
import type { PhieuDb } from './database';
import { getMeta } from './meta';
import { toPayload } from './responses';
import { toRosterPayload } from './roster';

/** The file "Xuất dữ liệu chưa đồng bộ" saves (unsyncedExportSchema): what the server lacks, in the sync payload format. */
export interface UnsyncedExport extends UnsyncedExportFile {
  responses: SurveyResponse[];
  roster: RosterEntry[];
}

export async function exportUnsynced(db: PhieuDb, now: Date): Promise<UnsyncedExport> {
  const [responses, roster, deviceId] = await Promise.all([
    db.responses.where('state').anyOf('queued', 'rejected').toArray(),
    db.roster.where('state').anyOf('queued', 'rejected').toArray(),
    getMeta<string>(db, 'deviceId'),
  ]);
  return {
    format: 'phieu-unsynced',
    version: 1,
    exportedAt: now.toISOString(),
    deviceId: deviceId ?? null,
    responses: responses.map(toPayload),
    roster: roster.map(toRosterPayload),
  };
}
