import { useState } from 'react';
import type { AdminAccount } from '../../../shared/api/admin';
import type { CouncilMember } from '../../../shared/api/appraisal';
import type { CampaignInfo } from '../../../shared/api/pull';
import { Banner } from '../../ui/Banner';
import { ConfirmAction } from '../admin/ConfirmAction';
import { MutationError } from '../admin/messages';
import { Loaded } from '../Loading';
import { useAccounts } from '../queries/accounts';
import { useCouncil, useRemoveCouncilMember } from '../queries/council';
import { useFrameworks } from '../queries/definitions';
import { useText } from '../text';
import { scopeNames, scopeText } from './council';
import { CouncilMemberForm } from './CouncilMemberForm';

/**
 * Hội đồng thẩm định (Home Affairs, a tab of the campaign administration): who is on the council, their position and
 * body, what each appraises; put a council account on it, change or take off a member.
 */
export function CouncilScreen({ campaign }: { campaign: CampaignInfo }) {
  const { t } = useText();
  const council = useCouncil(campaign.id);
  const frameworks = useFrameworks(campaign.id);
  const accounts = useAccounts(campaign.id, { role: 'council', disabled: 'false' });
  return (
    <>
      <h1>{t('council.title')}</h1>
      <p>{t('council.intro')}</p>
      <Loaded query={frameworks}>
        {(fws) => (
          <Loaded query={council}>
            {(members) => (
              <Loaded query={accounts}>
                {({ accounts: all }) => (
                  <Council
                    campaign={campaign}
                    members={members}
                    frameworks={fws}
                    accounts={all.filter((a) => !members.some((m) => m.accountId === a.id))}
                  />
                )}
              </Loaded>
            )}
          </Loaded>
        )}
      </Loaded>
    </>
  );
}

function Council({
  campaign,
  members,
  frameworks,
  accounts,
}: {
  campaign: CampaignInfo;
  members: CouncilMember[];
  frameworks: Parameters<typeof scopeNames>[1];
  accounts: AdminAccount[];
}) {
  const { t } = useText();
  const names = scopeNames(campaign, frameworks);
  const [editing, setEditing] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const remove = useRemoveCouncilMember(campaign.id, (m) => {
    setDone(t('council.removed', { name: m.displayName }));
    setEditing(null);
  });
  const edited = members.find((m) => m.accountId === editing) ?? null;
  const saved = (m: CouncilMember) => {
    setDone(t('council.saved', { name: m.displayName }));
    setEditing(null);
  };

  return (
    <>
      <section aria-labelledby="council-members">
        <h2 id="council-members">{t('council.members', { n: members.length })}</h2>
        {done && <Banner kind="ok">{done}</Banner>}
        <MutationError error={remove.error} />
        {members.length === 0 ? (
          <p className="muted">{t('council.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('council.col.member')}</th>
                  <th scope="col">{t('council.col.position')}</th>
                  <th scope="col">{t('council.col.organisation')}</th>
                  <th scope="col">{t('council.col.scopes')}</th>
                  <th scope="col">{t('council.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.accountId}>
                    <th scope="row">
                      {m.displayName} <span className="muted">({m.username})</span>
                    </th>
                    <td>{t(`council.position.${m.position}`)}</td>
                    <td>{m.organisation}</td>
                    <td>
                      {m.position === 'chair' ? (
                        t('council.scope.all')
                      ) : m.scopes.length === 0 ? (
                        <span className="muted">{t('council.scopes.none')}</span>
                      ) : (
                        <ul>
                          {m.scopes.map((s) => (
                            <li key={s.kind === 'field' ? `f-${s.level}-${s.field}` : `u-${s.unitId}`}>{scopeText(s, names, t)}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      <div className="row">
                        <button
                          type="button"
                          aria-label={t('council.editNamed', { name: m.displayName })}
                          onClick={() => {
                            setDone(null);
                            setEditing(m.accountId);
                          }}
                        >
                          {t('council.edit')}
                        </button>
                        <ConfirmAction
                          label={t('council.remove')}
                          name={t('council.removeNamed', { name: m.displayName })}
                          question={t('council.remove.confirm', { name: m.displayName })}
                          confirmLabel={t('council.remove.yes')}
                          danger
                          disabled={remove.isPending}
                          onConfirm={() => remove.mutate(m)}
                        />
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {edited ? (
        <CouncilMemberForm
          key={edited.accountId}
          campaign={campaign}
          frameworks={frameworks}
          accounts={accounts}
          member={edited}
          onSaved={saved}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <CouncilMemberForm
          key="new"
          campaign={campaign}
          frameworks={frameworks}
          accounts={accounts}
          member={null}
          onSaved={saved}
          onCancel={() => setEditing(null)}
        />
      )}
    </>
  );
}
