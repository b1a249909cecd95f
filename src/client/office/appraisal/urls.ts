import { saUrls } from '../self-assessment/model';

/** Addresses of one unit's appraisal on the server (beside its self-assessment's). */
export function appraisalUrls(campaignId: string, unitId: string) {
  const sa = saUrls(campaignId, unitId);
  return {
    ...sa,
    item: (code: string) => `${sa.appraisal}/items/${encodeURIComponent(code)}`,
    requests: `${sa.base}/explanation-requests`,
    close: `${sa.appraisal}/close`,
    return: `${sa.base}/return`,
    /** An evidence file shown in the browser (PDF and images; any other kind still comes as a download). */
    view: (hash: string) => `${sa.base}/files/${hash}?view=inline`,
  };
}

export type AppraisalUrls = ReturnType<typeof appraisalUrls>;

const campaignBase = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}`;

/** A council member's work list (Home Affairs and the chair: every unit). */
export const tasksUrl = (campaignId: string) => `${campaignBase(campaignId)}/appraisal-tasks`;

/** The council of a campaign, and one member of it. */
export const councilUrl = (campaignId: string, accountId?: string) =>
  `${campaignBase(campaignId)}/council${accountId ? `/${encodeURIComponent(accountId)}` : ''}`;

/** The appraisal screens' paths in the office app. */
export const APPRAISAL_HOME = '/appraisal';
export const appraisalPath = (unitId: string) => `${APPRAISAL_HOME}/${encodeURIComponent(unitId)}`;
