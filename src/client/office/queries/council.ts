import { councilListSchema, councilMemberSchema, type CouncilMember, type CouncilMemberUpdate } from '../../../shared/api/appraisal';
import { noContent, sendParsed } from '../api';
import { councilUrl } from '../appraisal/urls';
import { appraisalKeys } from './appraisal';
import { auditKeys } from './audit';
import { useChange, useParsedQuery } from './use-parsed';

const ROOT = 'council';

/** The appraisal council of a campaign. */
export const councilKeys = {
  all: [ROOT] as const,
  list: (campaignId: string) => [ROOT, campaignId] as const,
};

/** `enabled` false: not needed by this person (only council members read it for their own scopes). */
export const useCouncil = (campaignId: string, enabled = true) =>
  useParsedQuery(councilKeys.list(campaignId), enabled ? councilUrl(campaignId) : null, councilListSchema);

/** What the council's changes move: the council, and the work lists (who appraises what). */
const changed = (campaignId: string) => [councilKeys.list(campaignId), appraisalKeys.all, auditKeys.all];

/** Puts an account on the council or changes its position, body or scopes. */
export function useSetCouncilMember(campaignId: string, onDone: (m: CouncilMember) => void) {
  return useChange(
    (v: { accountId: string; body: CouncilMemberUpdate }) =>
      sendParsed('PUT', councilUrl(campaignId, v.accountId), councilMemberSchema, v.body),
    changed(campaignId),
    onDone,
  );
}

/** Takes a member off the council (what they saved stays). */
export function useRemoveCouncilMember(campaignId: string, onDone: (m: CouncilMember) => void) {
  return useChange(
    (m: CouncilMember) => sendParsed('DELETE', councilUrl(campaignId, m.accountId), noContent),
    changed(campaignId),
    (_, m) => onDone(m),
  );
}
