import { importResultSchema, type ImportResult, type UnsyncedExportFile } from '../../../shared/api/import';
import { sendParsed } from '../api';
import { assignmentKeys } from './assignments';
import { auditKeys } from './audit';
import { campaignKeys } from './campaign';
import { progressKeys } from './progress';
import { resultsKeys } from './results';
import { reviewKeys } from './review';
import { useChange } from './use-parsed';

/**
 * A phone's unsynced file: its responses count like a sync push's, so progress, review, the surveyors' received
 * counts, Home Affairs' totals and the survey's results move; accounts, settings and self-assessments do not.
 */
export function useImportDeviceFile(campaignId: string, onDone: (r: ImportResult) => void) {
  return useChange(
    (data: UnsyncedExportFile) => sendParsed('POST', `/api/campaigns/${encodeURIComponent(campaignId)}/import`, importResultSchema, data),
    [progressKeys.all, reviewKeys.all, assignmentKeys.all, campaignKeys.list(), resultsKeys.all, auditKeys.all],
    onDone,
  );
}
