import type { Role } from '../../../shared/api/auth';

export const ROLES: readonly Role[] = ['admin', 'coordinator', 'staff', 'surveyor', 'council'];

/** The filters of the list of accounts; those left out or empty are not applied. */
export type AccountFilters = Partial<Record<'role' | 'unitId' | 'disabled' | 'q', string>>;

/** The list URL with the filters that are set. */
export function accountsUrl(campaignId: string, f: AccountFilters): string {
  const params = new URLSearchParams(Object.entries(f).filter((e): e is [string, string] => e[1] !== undefined && e[1].trim() !== ''));
  const s = params.toString();
  return `/api/campaigns/${encodeURIComponent(campaignId)}/accounts${s ? `?${s}` : ''}`;
}
