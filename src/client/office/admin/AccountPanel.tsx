import { useState, type FormEvent } from 'react';
import { ROLES_WITH_UNIT } from '../../../shared/admin/accounts';
import type { AdminAccount, UpdateAccountRequest } from '../../../shared/api/admin';
import type { CampaignInfo } from '../../../shared/api/pull';
import { Banner } from '../../ui/Banner';
import { useResetPassword, useRevokeSessions, useUpdateAccount } from '../queries/accounts';
import { ConfirmAction } from './ConfirmAction';
import { FieldError, MutationError } from './messages';
import { OneTimePassword } from './OneTimePassword';
import { useAdminText } from './text';

/** One account: name and unit, a new password (shown once), sign out everywhere, disable or enable. */
export function AccountPanel({ account, campaign, isMe }: { account: AdminAccount; campaign: CampaignInfo; isMe: boolean }) {
  const { t } = useAdminText();
  return (
    <div className="admin-panel" role="region" aria-label={t('panel.label', { username: account.username })}>
      <EditForm account={account} campaign={campaign} />
      <PasswordReset account={account} />
      <Sessions account={account} />
      <DisableToggle account={account} isMe={isMe} />
    </div>
  );
}

function EditForm({ account, campaign }: { account: AdminAccount; campaign: CampaignInfo }) {
  const { t } = useAdminText();
  const [name, setName] = useState(account.displayName);
  const [unitId, setUnitId] = useState(account.unitId ?? '');
  const [saved, setSaved] = useState(false);
  const needsUnit = ROLES_WITH_UNIT.includes(account.role);
  const mutation = useUpdateAccount(
    account.id,
    (body: UpdateAccountRequest) => body,
    () => setSaved(true),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    mutation.mutate({ displayName: name, ...(needsUnit ? { unitId: unitId || null } : {}) });
  };
  const id = `edit-${account.id}`;
  return (
    <form onSubmit={submit} noValidate>
      <h3>{t('panel.edit')}</h3>
      <div className="filters">
        <div className="admin-field">
          <label htmlFor={`${id}-name`}>{t('field.displayName')}</label>
          <input id={`${id}-name`} type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
          <FieldError error={mutation.error} field="displayName" />
        </div>
        {needsUnit && (
          <div className="admin-field">
            <label htmlFor={`${id}-unit`}>{t('field.unit')}</label>
            <select id={`${id}-unit`} value={unitId} onChange={(e) => setUnitId(e.target.value)}>
              <option value="">{t('field.unit.none')}</option>
              {campaign.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
            <FieldError error={mutation.error} field="unitId" />
          </div>
        )}
      </div>
      {saved && <Banner kind="ok">{t('panel.saved')}</Banner>}
      <MutationError error={mutation.error} shown={['displayName', 'unitId']} />
      <button type="submit" disabled={mutation.isPending}>
        {t('panel.save')}
      </button>
    </form>
  );
}

function PasswordReset({ account }: { account: AdminAccount }) {
  const { t } = useAdminText();
  const [given, setGiven] = useState('');
  const [result, setResult] = useState<{ password: string | null; sessionsRevoked: number } | null>(null);
  const mutation = useResetPassword(account.id, (r) => {
    setResult(r);
    setGiven('');
  });
  const id = `pw-${account.id}`;
  return (
    <div>
      <h3>{t('panel.password')}</h3>
      <label htmlFor={id}>{t('panel.password.given')}</label>
      <input id={id} type="password" autoComplete="new-password" value={given} onChange={(e) => setGiven(e.target.value)} />
      <p className="muted">{t('panel.password.help')}</p>
      <FieldError error={mutation.error} field="password" />
      <MutationError error={mutation.error} shown={['password']} />
      {result &&
        (result.password ? (
          <OneTimePassword username={account.username} password={result.password} />
        ) : (
          <Banner kind="ok">{t('panel.password.set', { n: result.sessionsRevoked })}</Banner>
        ))}
      <ConfirmAction
        label={t('panel.password.reset')}
        question={t('panel.password.confirm', { username: account.username })}
        confirmLabel={t('panel.password.yes')}
        disabled={mutation.isPending}
        onConfirm={() => {
          setResult(null);
          mutation.mutate(given);
        }}
      />
    </div>
  );
}

function Sessions({ account }: { account: AdminAccount }) {
  const { t } = useAdminText();
  const [ended, setEnded] = useState<number | null>(null);
  const mutation = useRevokeSessions(account.id, (r) => setEnded(r.sessionsRevoked));
  return (
    <div>
      <h3>{t('panel.sessions')}</h3>
      <p className="muted">{t('panel.sessions.help', { n: account.activeSessions })}</p>
      {ended !== null && <Banner kind="ok">{t('panel.sessions.done', { n: ended })}</Banner>}
      <MutationError error={mutation.error} />
      <ConfirmAction
        label={t('panel.sessions.revoke')}
        question={t('panel.sessions.confirm', { username: account.username })}
        confirmLabel={t('panel.sessions.yes')}
        disabled={mutation.isPending}
        onConfirm={() => {
          setEnded(null);
          mutation.mutate();
        }}
      />
    </div>
  );
}

function DisableToggle({ account, isMe }: { account: AdminAccount; isMe: boolean }) {
  const { t } = useAdminText();
  const [done, setDone] = useState<'disabled' | 'enabled' | null>(null);
  const mutation = useUpdateAccount(
    account.id,
    (disabled: boolean) => ({ disabled }),
    (a) => setDone(a.disabled ? 'disabled' : 'enabled'),
  );
  const run = (disabled: boolean) => {
    setDone(null);
    mutation.mutate(disabled);
  };
  return (
    <div>
      <h3>{t('panel.access')}</h3>
      {done && <Banner kind="ok">{t(`panel.access.${done}`, { username: account.username })}</Banner>}
      <MutationError error={mutation.error} />
      {isMe && !account.disabled && <p className="muted">{t('panel.access.self')}</p>}
      {account.disabled ? (
        <ConfirmAction
          label={t('panel.enable')}
          question={t('panel.enable.confirm', { username: account.username })}
          confirmLabel={t('panel.enable.yes')}
          disabled={mutation.isPending}
          onConfirm={() => run(false)}
        />
      ) : (
        <ConfirmAction
          label={t('panel.disable')}
          question={t('panel.disable.confirm', { username: account.username })}
          confirmLabel={t('panel.disable.yes')}
          danger
          disabled={mutation.isPending}
          onConfirm={() => run(true)}
        />
      )}
    </div>
  );
}
