import type { Db } from './database';

/** "unit\0group\0serial" of every paper serial used by more than one response of the campaign's cell. */
export async function duplicateSerials(db: Db, campaignId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('responses')
    .select(['unit_id', 'group_id', 'paper_serial'])
    .where('campaign_id', '=', campaignId)
    .where('paper_serial', 'is not', null)
    .groupBy(['unit_id', 'group_id', 'paper_serial'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  return new Set(rows.map((r) => serialKey(r.unit_id, r.group_id, r.paper_serial)));
}

export const serialKey = (unit: string, group: string, serial: string | null): string => `${unit}\u0000${group}\u0000${serial ?? ''}`;
