import { vnDay } from '../../shared/quota/schedule';
import type { PullResult } from '../../shared/api/pull';
import type { Rejection } from '../db/database';

/**
 * Which refusals can go away by themselves (issue #13). The campaign can be reopened, the surveyor can be assigned
 * the cell again, the server can learn the questionnaire version, Home Affairs can move the survey deadline or take
 * late responses (issue 15): the same item is then accepted. A `conflict` (the
 * server holds other content under this id) or an `invalid` item is refused again whatever happens: it stays
 * refused, with its reason, until Home Affairs deals with the exported file.
 */
const RECOVERABLE = new Set<Rejection['code']>(['campaign-closed', 'not-assigned', 'questionnaire-version-unknown', 'after-deadline']);

export function isRecoverable(code: Rejection['code']): boolean {
  return RECOVERABLE.has(code);
}

/** What of a refused item the server's checks look at (a response, or a payment-roster name without a questionnaire). */
export interface RefusedItem {
  campaignId: string;
  unitId: string;
  groupId: string;
  surveyorId: string;
  questionnaireId?: string;
  questionnaireVersion?: number;
  /** A response's finishing time (a roster name has none). */
  finishedAt?: string;
  rejection?: Rejection;
}

/**
 * True when a fresh pull shows that the cause of this item's refusal is gone, so that sending it again is worth it:
 * its campaign is the one pulled and open, the pulled account is its surveyor (sent under another account it would
 * come back `invalid`, for good), and then per reason: the cell is assigned again, or the questionnaire version is
 * known. Never true for a refusal that cannot go away, nor for a campaign the pull does not describe.
 */
export function causeGone(pull: PullResult, item: RefusedItem): boolean {
  const code = item.rejection?.code;
  if (!code || !isRecoverable(code)) return false;
  if (pull.campaign.id !== item.campaignId || pull.campaign.state !== 'open') return false;
  if (pull.account.id !== item.surveyorId) return false;
  switch (code) {
    case 'campaign-closed':
      return true;
    case 'not-assigned':
      return pull.assignments.some((a) => a.unit === item.unitId && a.group === item.groupId);
    case 'after-deadline': {
      // A pull from before the rule existed says nothing of it: the server flags rather than refuses by default.
      const lastDay = pull.campaign.deadlines.survey;
      return pull.surveyLate !== 'refuse' || (item.finishedAt !== undefined && lastDay !== undefined && vnDay(item.finishedAt) <= lastDay);
    }
    case 'questionnaire-version-unknown':
      return pull.questionnaires.some((q) => {
        const { id, version } = (q ?? {}) as { id?: unknown; version?: unknown };
        return id === item.questionnaireId && version === item.questionnaireVersion;
      });
    default:
      return false;
  }
}
