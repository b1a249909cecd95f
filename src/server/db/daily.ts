import type { Db } from './database';

export interface HourlyRow {
  unit_id: string;
  /** received_at cut to the UTC hour, "YYYY-MM-DDTHH": whole hours map exactly onto Vietnamese days (UTC+7). */
  hour: string;
  received: number;
  excluded: number;
}

/** Responses received per unit and UTC hour (one unit, or all). substr is the same function in SQLite and PostgreSQL. */
export async function receivedPerHour(db: Db, campaignId: string, unitId?: string): Promise<HourlyRow[]> {
  let q = db
    .selectFrom('responses')
    .select((eb) => [
      'unit_id',
      eb.fn<string>('substr', ['received_at', eb.lit(1), eb.lit(13)]).as('hour'),
      eb.fn.countAll<number>().as('received'),
      eb.fn.sum<number>('excluded').as('excluded'),
    ])
    .where('campaign_id', '=', campaignId);
  if (unitId) q = q.where('unit_id', '=', unitId);
  const rows = await q.groupBy(['unit_id', 'hour']).execute();
  return rows.map((r) => ({ unit_id: r.unit_id, hour: r.hour, received: Number(r.received), excluded: Number(r.excluded ?? 0) }));
}
