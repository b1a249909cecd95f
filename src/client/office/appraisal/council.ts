import type { CouncilScope } from '../../../shared/api/appraisal';
import type { CampaignInfo } from '../../../shared/api/pull';
import type { Framework } from '../../../shared/schema/framework';
import type { OfficeKey } from '../text';

export const POSITIONS = ['chair', 'secretary', 'member'] as const;

/** Two scopes are the same assignment. */
export const sameScope = (a: CouncilScope, b: CouncilScope): boolean =>
  a.kind === 'field' ? b.kind === 'field' && a.level === b.level && a.field === b.field : b.kind === 'unit' && a.unitId === b.unitId;

/** Names a scope needs: levels, units, and the fields of each level's framework. */
export interface ScopeNames {
  level(id: string): string;
  unit(id: string): string;
  field(level: string, code: string): string;
}

export function scopeNames(campaign: CampaignInfo, frameworks: readonly Framework[]): ScopeNames {
  return {
    level: (id) => campaign.unitLevels.find((l) => l.id === id)?.name ?? id,
    unit: (id) => campaign.units.find((u) => u.id === id)?.name ?? id,
    field: (level, code) => frameworks.find((f) => f.level === level)?.fields.find((f) => f.code === code)?.title ?? '',
  };
}

/** What one scope covers, in words: "Lĩnh vực 2. Cải cách thể chế — Cấp sở", "Toàn bộ đơn vị Sở Y tế". */
export function scopeText(
  scope: CouncilScope,
  names: ScopeNames,
  t: (key: OfficeKey, params?: Record<string, string | number>) => string,
): string {
  return scope.kind === 'field'
    ? t('council.scope.field', { code: scope.field, title: names.field(scope.level, scope.field), level: names.level(scope.level) })
    : t('council.scope.unit', { unit: names.unit(scope.unitId) });
}
