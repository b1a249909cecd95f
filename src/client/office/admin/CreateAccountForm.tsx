import { useState, type FormEvent } from 'react';
import { ROLES_WITH_UNIT } from '../../../shared/admin/accounts';
import type { Role } from '../../../shared/api/auth';
import type { CampaignInfo } from '../../../shared/api/pull';
import { Banner } from '../../ui/Banner';
import { useCreateAccount } from '../queries/accounts';
import { ROLES } from './accounts';
import { FieldError, MutationError } from './messages';
import { OneTimePassword } from './OneTimePassword';
import { useAdminText } from './text';

const empty = { username: '', displayName: '', role: 'surveyor' as Role, unitId: '', password: '', givePassword: false };

/** A new account: role, unit for coordinators and unit staff, a password given or generated (and then shown once). */
export function CreateAccountForm({ campaign }: { campaign: CampaignInfo }) {
  const { t } = useAdminText();
  const [f, setF] = useState(empty);
  const [created, setCreated] = useState<{ username: string; password: string | null } | null>(null);
  const needsUnit = ROLES_WITH_UNIT.includes(f.role);
  const mutation = useCreateAccount(campaign.id, (r) => {
    setCreated({ username: r.account.username, password: r.password });
    setF(empty);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    mutation.mutate({
      username: f.username,
      displayName: f.displayName,
      role: f.role,
      unitId: needsUnit ? f.unitId || null : null,
      ...(f.givePassword ? { password: f.password } : {}),
    });
  };
  const set = (k: 'username' | 'displayName' | 'unitId' | 'password') => (e: { target: { value: string } }) =>
    setF((old) => ({ ...old, [k]: e.target.value }));
  const error = mutation.error;

  return (
    <form onSubmit={submit} className="card" aria-labelledby="account-create" noValidate>
      <h2 id="account-create">{t('create.heading')}</h2>
      <div className="filters">
        <div className="admin-field">
          <label htmlFor="new-username">{t('field.username')}</label>
          <input
            id="new-username"
            type="text"
            autoComplete="off"
            autoCapitalize="none"
            value={f.username}
            onChange={set('username')}
            maxLength={64}
          />
          <span className="muted admin-hint">{t('field.username.help')}</span>
          <FieldError error={error} field="username" />
        </div>
        <div className="admin-field">
          <label htmlFor="new-name">{t('field.displayName')}</label>
          <input id="new-name" type="text" value={f.displayName} onChange={set('displayName')} maxLength={120} />
          <FieldError error={error} field="displayName" />
        </div>
        <div className="admin-field">
          <label htmlFor="new-role">{t('field.role')}</label>
          <select id="new-role" value={f.role} onChange={(e) => setF((old) => ({ ...old, role: e.target.value as Role }))}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
          <FieldError error={error} field="role" />
        </div>
        {needsUnit && (
          <div className="admin-field">
            <label htmlFor="new-unit">{t('field.unit')}</label>
            <select id="new-unit" value={f.unitId} onChange={set('unitId')}>
              <option value="">{t('field.unit.none')}</option>
              {campaign.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
            <span className="muted admin-hint">{t('field.unit.required')}</span>
          </div>
        )}
      </div>
      <FieldError error={error} field="unitId" />
      {f.role === 'surveyor' && <p className="muted">{t('create.surveyorHint')}</p>}
      <fieldset>
        <legend>{t('field.password')}</legend>
        <label className="choice">
          <input
            type="radio"
            name="new-password-mode"
            checked={!f.givePassword}
            onChange={() => setF((old) => ({ ...old, givePassword: false }))}
          />
          {t('create.password.generate')}
        </label>
        <label className="choice">
          <input
            type="radio"
            name="new-password-mode"
            checked={f.givePassword}
            onChange={() => setF((old) => ({ ...old, givePassword: true }))}
          />
          {t('create.password.give')}
        </label>
        {f.givePassword && (
          <>
            <label htmlFor="new-password">{t('create.password.value')}</label>
            <input id="new-password" type="password" autoComplete="new-password" value={f.password} onChange={set('password')} />
          </>
        )}
        <FieldError error={error} field="password" />
      </fieldset>
      {created &&
        (created.password ? (
          <OneTimePassword username={created.username} password={created.password} />
        ) : (
          <Banner kind="ok">{t('create.done', { username: created.username })}</Banner>
        ))}
      <MutationError error={error} shown={['username', 'displayName', 'role', 'unitId', 'password']} />
      <p>
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {t('create.submit')}
        </button>
      </p>
    </form>
  );
}
