import type { Db } from '../db/database';
import { unitStaff } from '../db/self-assessment';

/** The unit's active staff accounts a coordinator may assign sub-criteria to, by name. */
export async function assignableStaff(
  db: Db,
  campaignId: string,
  unitId: string,
): Promise<{ id: string; username: string; displayName: string }[]> {
  return (await unitStaff(db, campaignId, unitId)).map((s) => ({ id: s.id, username: s.username, displayName: s.display_name }));
}
