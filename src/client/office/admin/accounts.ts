import type { Role } from '../../../shared';

export const ROLES: readonly Role[] = ['admin', 'coordinator', 'staff', 'surveyor', 'council'];

/** The list URL with the filters that are set. */
export function accountsUrl(campaignId: string, f: { role: string; unitId: string; disabled: string; q: string }): string {
  const params = new URLSearchParams(Object.entries(f).filter(([, v]) => v.trim() !== ''));
  const s = params.toString();
  return `/api/campaigns/${encodeURIComponent(campaignId)}/accounts${s ? `?${s}` : ''}`;
}
