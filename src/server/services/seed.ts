import { upsertAssignment } from '../db/assignments';
import { countAccounts } from '../db/accounts';
import { putCouncilMember } from '../db/council';
import type { Db } from '../db/database';
import { lockKeys } from '../db/locks';
import { inTransaction } from '../db/transaction';
import type { CampaignIndex, Role } from '../../shared';
import { createAccount } from './auth';

export interface SampleLogin {
  username: string;
  role: Role;
  description: string;
}

/**
 * Sample accounts for the reference campaign, created only on an empty accounts table: one Home Affairs admin,
 * the coordinator of Sở Tư pháp and one of its staff (for the self-assessment's assignment), two surveyors who share
 * that unit's citizen quota, the council's chair (who appraises and closes every unit) and one member who appraises
 * field 2 (Cải cách thể chế) of every unit, as the department in charge of a field does.
 */
export async function seedSampleAccounts(db: Db, campaign: CampaignIndex, password: string, now: Date): Promise<SampleLogin[]> {
  // In one transaction under a lock: two instances started together on an empty PostgreSQL seed once (issue 18).
  return inTransaction(db, async (trx) => {
    await lockKeys(trx, ['seed-sample-accounts']);
    return (await countAccounts(trx)) > 0 ? [] : seed(trx, campaign, password, now);
  });
}

async function seed(db: Db, campaign: CampaignIndex, password: string, now: Date): Promise<SampleLogin[]> {
  const c = campaign.bundle.campaign;
  const firstUnit = c.units.find((u) => u.id === 'so-tu-phap') ?? c.units[0];
  if (!firstUnit) return [];
  const groupsOf = (unitId: string) => {
    const level = c.units.find((u) => u.id === unitId)?.level;
    return c.respondentGroups.filter((g) => g.ratesLevel === level);
  };
  const secondUnit = c.units.find((u) => u.id === 'h-minh-hoa') ?? c.units.find((u) => u.level !== firstUnit.level) ?? firstUnit;
  const logins: (SampleLogin & { displayName: string; unitId?: string })[] = [
    { username: 'quantri', role: 'admin', displayName: 'Quản trị Sở Nội vụ', description: 'Sở Nội vụ: quản trị kỳ đánh giá' },
    {
      username: 'daumoi',
      role: 'coordinator',
      displayName: `Đầu mối CCHC ${firstUnit.name}`,
      unitId: firstUnit.id,
      description: `Đầu mối CCHC của ${firstUnit.name}`,
    },
    {
      username: 'canbo1',
      role: 'staff',
      displayName: `Cán bộ ${firstUnit.name}`,
      unitId: firstUnit.id,
      description: `Cán bộ của ${firstUnit.name}: tự đánh giá phần được đầu mối phân công`,
    },
    { username: 'dieutra1', role: 'surveyor', displayName: 'Điều tra viên 1', description: `Điều tra viên: ${firstUnit.name}` },
    {
      username: 'dieutra2',
      role: 'surveyor',
      displayName: 'Điều tra viên 2',
      description: `Điều tra viên: ${firstUnit.name}, ${secondUnit.name}`,
    },
    {
      username: 'hoidong',
      role: 'council',
      displayName: 'Chủ tịch Hội đồng thẩm định',
      description: 'Chủ tịch Hội đồng thẩm định: thẩm định mọi đơn vị, kết thúc thẩm định',
    },
    {
      username: 'thamdinh1',
      role: 'council',
      displayName: 'Thành viên Hội đồng (Sở Tư pháp)',
      description: 'Thành viên Hội đồng thẩm định: lĩnh vực 2 của mọi đơn vị',
    },
  ];
  const ids = new Map<string, string>();
  for (const l of logins) {
    ids.set(
      l.username,
      await createAccount(
        db,
        { username: l.username, displayName: l.displayName, role: l.role, password, unitId: l.unitId ?? null, campaignId: c.id },
        now,
      ),
    );
  }
  const at = now.toISOString();
  await putCouncilMember(
    db,
    { campaign_id: c.id, account_id: ids.get('hoidong') as string, position: 'chair', organisation: 'Sở Nội vụ', updated_at: at },
    [],
  );
  const field = campaign.frameworkByLevel.get(firstUnit.level)?.fields[1]?.code;
  const scopes = field
    ? c.unitLevels
        .filter((l) => campaign.frameworkByLevel.has(l.id))
        .map((l) => ({ level: l.id, scope_kind: 'field' as const, scope: field }))
    : [];
  await putCouncilMember(
    db,
    { campaign_id: c.id, account_id: ids.get('thamdinh1') as string, position: 'member', organisation: 'Sở Tư pháp', updated_at: at },
    scopes,
  );
  const assign = (username: string, unitId: string, groupId: string, allocation: number | null) =>
    upsertAssignment(db, {
      campaign_id: c.id,
      surveyor_id: ids.get(username) as string,
      unit_id: unitId,
      group_id: groupId,
      allocation,
      created_at: at,
    });
  // Both surveyors work the first unit; its citizen quota is split between them (a shared cell with allocations).
  const groups = groupsOf(firstUnit.id);
  for (const [i, g] of groups.entries()) {
    const target = c.quotas.find((q) => q.unit === firstUnit.id && q.group === g.id)?.target ?? 0;
    if (i === groups.length - 1) {
      await assign('dieutra1', firstUnit.id, g.id, Math.ceil(target / 2));
      await assign('dieutra2', firstUnit.id, g.id, Math.floor(target / 2));
    } else {
      await assign('dieutra1', firstUnit.id, g.id, null);
    }
  }
  for (const g of groupsOf(secondUnit.id)) await assign('dieutra2', secondUnit.id, g.id, null);
  return logins.map(({ username, role, description }) => ({ username, role, description }));
}
