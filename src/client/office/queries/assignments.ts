import { assignmentListSchema, removeAssignmentResultSchema, setAssignmentResultSchema } from '../../../shared/api/admin';
import { sendParsed } from '../api';
import { assignmentUrl, assignmentsUrl } from '../admin/assignments';
import { accountKeys } from './accounts';
import { auditKeys } from './audit';
import { campaignKeys } from './campaign';
import { progressKeys } from './progress';
import { useChange, useParsedQuery } from './use-parsed';

const ROOT = 'assignments';

/** Surveyors × unit × group with allocations, one list per filter. */
export const assignmentKeys = {
  all: [ROOT] as const,
  list: (campaignId: string, f: { unitId: string; surveyorId: string }) => [ROOT, campaignId, f] as const,
};

/** The list stays on screen while another filter loads. */
export const useAssignments = (campaignId: string, f: { unitId: string; surveyorId: string }) =>
  useParsedQuery(assignmentKeys.list(campaignId, f), assignmentsUrl(campaignId, f), assignmentListSchema, { keepPrevious: true });

type Cell = { surveyorId: string; unitId: string; groupId: string };

/**
 * What an assignment changes: the assignments, the progress report (allocations per surveyor), each surveyor's count
 * of assignments in the accounts list and Home Affairs' totals. (A function: the query modules import each other's keys.)
 */
const changed = () => [assignmentKeys.all, progressKeys.all, accountKeys.all, campaignKeys.list(), auditKeys.all];

/** Assigns a surveyor to a cell, or changes the allocation (null: the cell's target). */
export function useSetAssignment<V extends Cell>(
  campaignId: string,
  allocation: (v: V) => number | null,
  onDone: (r: { created: boolean; warnings: string[]; assignment: { username: string; unitName: string; groupName: string } }) => void,
) {
  return useChange(
    (v: V) => sendParsed('PUT', assignmentUrl(campaignId, v), setAssignmentResultSchema, { allocation: allocation(v) }),
    changed(),
    onDone,
  );
}

/** Removes an assignment (what the surveyor sent stays). */
export function useRemoveAssignment(campaignId: string, cell: Cell, onDone: (r: { message: string }) => void) {
  return useChange((_: void) => sendParsed('DELETE', assignmentUrl(campaignId, cell), removeAssignmentResultSchema), changed(), onDone);
}
