import { useState, type FormEvent } from 'react';
import type { AdminAccount } from '../../../shared/api/admin';
import type { CampaignInfo } from '../../../shared/api/pull';
import { useSetAssignment } from '../queries/assignments';
import { allocationOf, groupsFor, type Notice } from './assignments';
import { FieldError, MutationError } from './messages';
import { useAdminText } from './text';

/** Assigns a surveyor to a unit × group (only groups that rate the unit's level), with an optional allocation. */
export function AssignmentForm({
  campaign,
  surveyors,
  onDone,
}: {
  campaign: CampaignInfo;
  surveyors: AdminAccount[];
  onDone: (n: Notice) => void;
}) {
  const { t } = useAdminText();
  const [f, setF] = useState({ surveyorId: '', unitId: '', groupId: '', allocation: '' });
  const groups = groupsFor(campaign, f.unitId);
  const mutation = useSetAssignment(
    campaign.id,
    (v: typeof f) => allocationOf(v.allocation),
    (r) => {
      const a = r.assignment;
      onDone({
        text: t(r.created ? 'assign.created' : 'assign.saved', { surveyor: a.username, unit: a.unitName, group: a.groupName }),
        warnings: r.warnings,
      });
      setF((old) => ({ ...old, groupId: '', allocation: '' }));
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate(f);
  };
  const ready = f.surveyorId !== '' && f.unitId !== '' && f.groupId !== '';
  return (
    <form onSubmit={submit} className="card" aria-labelledby="assign-new" noValidate>
      <h2 id="assign-new">{t('assign.new')}</h2>
      <div className="filters">
        <label>
          {t('assign.col.surveyor')}
          <select value={f.surveyorId} onChange={(e) => setF((old) => ({ ...old, surveyorId: e.target.value }))}>
            <option value="">{t('assign.choose')}</option>
            {surveyors.map((s) => (
              <option key={s.id} value={s.id}>
                {s.displayName} ({s.username}){s.disabled ? ` — ${t('accounts.disabled')}` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('assign.unit')}
          <select value={f.unitId} onChange={(e) => setF((old) => ({ ...old, unitId: e.target.value, groupId: '' }))}>
            <option value="">{t('assign.choose')}</option>
            {campaign.unitLevels.map((l) => (
              <optgroup key={l.id} label={l.name}>
                {campaign.units
                  .filter((u) => u.level === l.id)
                  .map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label>
          {t('assign.group')}
          <select value={f.groupId} disabled={groups.length === 0} onChange={(e) => setF((old) => ({ ...old, groupId: e.target.value }))}>
            <option value="">{f.unitId ? t('assign.choose') : t('assign.group.unitFirst')}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('assign.allocation')}
          <input
            type="number"
            min={0}
            step={1}
            value={f.allocation}
            placeholder={t('assign.allocation.none')}
            onChange={(e) => setF((old) => ({ ...old, allocation: e.target.value }))}
          />
        </label>
      </div>
      <p className="muted">{t('assign.allocation.help')}</p>
      <FieldError error={mutation.error} field="allocation" />
      <MutationError error={mutation.error} shown={['allocation']} />
      <p>
        <button type="submit" className="primary" disabled={!ready || mutation.isPending}>
          {t('assign.submit')}
        </button>
      </p>
    </form>
  );
}
