import { Fragment, useState } from 'react';
import type { AdminAccount } from '../../../shared/api/admin';
import type { AccountSummary, Role } from '../../../shared/api/auth';
import type { CampaignInfo } from '../../../shared/api/pull';
import { Loaded } from '../Loading';
import { useAccounts } from '../queries/accounts';
import { AccountPanel } from './AccountPanel';
import { CreateAccountForm } from './CreateAccountForm';
import { ImportSheet } from './ImportSheet';
import { ROLES } from './accounts';
import { useAdminText } from './text';
import { ChoiceSelect } from '../ChoiceSelect';

/** Accounts of the campaign: the list with filters, one account's actions, a new account, a sheet of accounts. */
export function AccountsScreen({ campaign, me }: { campaign: CampaignInfo; me: AccountSummary }) {
  const { t } = useAdminText();
  const [f, setF] = useState({ role: '', unitId: '', disabled: '', q: '' });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((old) => ({ ...old, [k]: e.target.value }));
  // The list stays on screen while another filter loads (one request per keystroke of the search).
  const query = useAccounts(campaign.id, f, { keepPrevious: true });
  const [selected, setSelected] = useState<string | null>(null);

  return (
    <>
      <h1>{t('accounts.title')}</h1>
      <section aria-labelledby="accounts-list">
        <h2 id="accounts-list" className="admin-sr-only">
          {t('accounts.list')}
        </h2>
        <div className="filters">
          <label>
            {t('accounts.filter.role')}
            <select value={f.role} onChange={set('role')}>
              <option value="">{t('filter.all')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <ChoiceSelect
            label={t('accounts.filter.unit')}
            value={f.unitId}
            onChange={(unitId) => setF((old) => ({ ...old, unitId }))}
            options={campaign.units}
            all={t('filter.all')}
          />
          <label>
            {t('accounts.filter.disabled')}
            <select value={f.disabled} onChange={set('disabled')}>
              <option value="">{t('filter.all')}</option>
              <option value="false">{t('accounts.active')}</option>
              <option value="true">{t('accounts.disabled')}</option>
            </select>
          </label>
          <label>
            {t('accounts.filter.q')}
            <input type="text" value={f.q} onChange={set('q')} maxLength={64} />
          </label>
        </div>
        <Loaded query={query}>
          {({ accounts }) => (
            <>
              <p className="muted">{t('accounts.count', { n: accounts.length })}</p>
              <div className="table-wrap">
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">{t('accounts.col.username')}</th>
                      <th scope="col">{t('accounts.col.name')}</th>
                      <th scope="col">{t('accounts.col.role')}</th>
                      <th scope="col">{t('accounts.col.unit')}</th>
                      <th scope="col">{t('accounts.col.status')}</th>
                      <th scope="col">{t('accounts.col.lastSignIn')}</th>
                      <th scope="col">{t('accounts.col.assignments')}</th>
                      <th scope="col">{t('accounts.col.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {accounts.map((a) => (
                      <Fragment key={a.id}>
                        <AccountRow account={a} open={selected === a.id} onToggle={() => setSelected(selected === a.id ? null : a.id)} />
                        {selected === a.id && (
                          <tr>
                            <td colSpan={8}>
                              <AccountPanel account={a} campaign={campaign} isMe={me.id === a.id} />
                            </td>
                          </tr>
                        )}
                      </Fragment>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </Loaded>
      </section>
      <CreateAccountForm campaign={campaign} />
      <ImportSheet campaign={campaign} />
    </>
  );
}

function AccountRow({ account: a, open, onToggle }: { account: AdminAccount; open: boolean; onToggle: () => void }) {
  const { t, dateTime, number } = useAdminText();
  return (
    <tr className={a.disabled ? 'admin-disabled' : undefined}>
      <th scope="row">{a.username}</th>
      <td>{a.displayName}</td>
      <td>{t(`role.${a.role satisfies Role}`)}</td>
      <td>{a.unitName ?? '—'}</td>
      <td>
        {a.disabled ? t('accounts.disabled') : t('accounts.active')}
        {a.lockedUntil && <span className="tag warn">{t('accounts.locked', { until: dateTime(a.lockedUntil) })}</span>}
        {a.activeSessions > 0 && <span className="muted"> · {t('accounts.sessions', { n: a.activeSessions })}</span>}
      </td>
      <td>{a.lastSignInAt ? dateTime(a.lastSignInAt) : <span className="muted">{t('accounts.never')}</span>}</td>
      <td className="num">{a.role === 'surveyor' ? number(a.assignments) : '—'}</td>
      <td>
        <button type="button" aria-expanded={open} aria-label={t('accounts.manage.label', { username: a.username })} onClick={onToggle}>
          {open ? t('accounts.manage.close') : t('accounts.manage')}
        </button>
      </td>
    </tr>
  );
}
