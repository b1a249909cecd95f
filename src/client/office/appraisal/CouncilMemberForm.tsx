import { useId, useState, type FormEvent } from 'react';
import type { AdminAccount } from '../../../shared/api/admin';
import type { CouncilMember, CouncilMemberUpdate, CouncilScope } from '../../../shared/api/appraisal';
import type { CampaignInfo } from '../../../shared/api/pull';
import type { Framework } from '../../../shared/schema/framework';
import { FieldError, MutationError } from '../admin/messages';
import { useSetCouncilMember } from '../queries/council';
import { useText } from '../text';
import { POSITIONS, sameScope, scopeNames, scopeText } from './council';

/**
 * Puts a council account on the council, or changes a member, as a whole: position (Chủ tịch, Thư ký, Thành viên),
 * their body, and what they appraise — fields of a level in every unit of it, or whole units.
 */
export function CouncilMemberForm({
  campaign,
  frameworks,
  accounts,
  member,
  onSaved,
  onCancel,
}: {
  campaign: CampaignInfo;
  frameworks: readonly Framework[];
  /** Council accounts not on the council yet (for a new member). */
  accounts: readonly AdminAccount[];
  /** The member being changed, or none for a new one. */
  member: CouncilMember | null;
  onSaved: (member: CouncilMember) => void;
  onCancel: () => void;
}) {
  const { t } = useText();
  const names = scopeNames(campaign, frameworks);
  const levels = campaign.unitLevels.filter((l) => frameworks.some((f) => f.level === l.id));
  const units = campaign.units.filter((u) => levels.some((l) => l.id === u.level));
  const [accountId, setAccountId] = useState(member?.accountId ?? '');
  const [position, setPosition] = useState<CouncilMemberUpdate['position']>(member?.position ?? 'member');
  const [organisation, setOrganisation] = useState(member?.organisation ?? '');
  const [scopes, setScopes] = useState<CouncilScope[]>(member?.scopes ?? []);
  const [kind, setKind] = useState<CouncilScope['kind']>('field');
  const [level, setLevel] = useState(levels[0]?.id ?? '');
  const [field, setField] = useState('');
  const [unitId, setUnitId] = useState('');
  const id = useId();
  const fields = frameworks.find((f) => f.level === level)?.fields ?? [];

  const mutation = useSetCouncilMember(campaign.id, (m) => {
    if (!member) {
      setAccountId('');
      setOrganisation('');
      setScopes([]);
      setPosition('member');
    }
    onSaved(m);
  });

  const candidate: CouncilScope | null =
    kind === 'field' ? (level && field ? { kind: 'field', level, field } : null) : unitId ? { kind: 'unit', unitId } : null;
  const addScope = () => {
    if (!candidate || scopes.some((s) => sameScope(s, candidate))) return;
    setScopes((old) => [...old, candidate]);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!accountId) return;
    mutation.mutate({ accountId, body: { position, organisation, scopes } });
  };
  const error = mutation.error;
  const heading = member ? t('council.form.edit', { name: member.displayName }) : t('council.form.add');

  return (
    <form onSubmit={submit} className="card" aria-labelledby={`${id}-h`} noValidate>
      <h2 id={`${id}-h`}>{heading}</h2>
      <div className="filters">
        <div className="admin-field">
          <label htmlFor={`${id}-account`}>{t('council.field.account')}</label>
          {member ? (
            <input id={`${id}-account`} type="text" value={`${member.displayName} (${member.username})`} readOnly />
          ) : (
            <select id={`${id}-account`} value={accountId} onChange={(e) => setAccountId(e.currentTarget.value)}>
              <option value="">{t('council.field.account.choose')}</option>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.displayName} ({a.username})
                </option>
              ))}
            </select>
          )}
          {!member && accounts.length === 0 && <span className="muted admin-hint">{t('council.field.account.none')}</span>}
        </div>
        <div className="admin-field">
          <label htmlFor={`${id}-position`}>{t('council.field.position')}</label>
          <select
            id={`${id}-position`}
            value={position}
            onChange={(e) => setPosition(e.currentTarget.value as CouncilMemberUpdate['position'])}
          >
            {POSITIONS.map((p) => (
              <option key={p} value={p}>
                {t(`council.position.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="admin-field">
          <label htmlFor={`${id}-org`}>{t('council.field.organisation')}</label>
          <input
            id={`${id}-org`}
            type="text"
            value={organisation}
            maxLength={200}
            onChange={(e) => setOrganisation(e.currentTarget.value)}
          />
          <FieldError error={error} field="organisation" />
        </div>
      </div>
      <fieldset>
        <legend>{t('council.field.scopes')}</legend>
        <p className="muted">{position === 'chair' ? t('council.scopes.chair') : t('council.scopes.help')}</p>
        {scopes.length === 0 ? (
          <p>{t('council.scopes.none')}</p>
        ) : (
          <ul>
            {scopes.map((s) => (
              <li key={s.kind === 'field' ? `f-${s.level}-${s.field}` : `u-${s.unitId}`}>
                {scopeText(s, names, t)}{' '}
                <button
                  type="button"
                  className="sa-small"
                  aria-label={`${t('council.scopes.remove')} ${scopeText(s, names, t)}`}
                  onClick={() => setScopes((old) => old.filter((x) => !sameScope(x, s)))}
                >
                  {t('council.scopes.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="filters">
          <label>
            {t('council.scopes.kind')}
            <select value={kind} onChange={(e) => setKind(e.currentTarget.value as CouncilScope['kind'])}>
              <option value="field">{t('council.scopes.kind.field')}</option>
              <option value="unit">{t('council.scopes.kind.unit')}</option>
            </select>
          </label>
          {kind === 'field' ? (
            <>
              <label>
                {t('council.scopes.level')}
                <select
                  value={level}
                  onChange={(e) => {
                    setLevel(e.currentTarget.value);
                    setField('');
                  }}
                >
                  {levels.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('council.scopes.field')}
                <select value={field} onChange={(e) => setField(e.currentTarget.value)}>
                  <option value="">{t('council.field.account.choose')}</option>
                  {fields.map((f) => (
                    <option key={f.code} value={f.code}>
                      {f.code}. {f.title}
                    </option>
                  ))}
                </select>
              </label>
            </>
          ) : (
            <label>
              {t('council.scopes.unit')}
              <select value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)}>
                <option value="">{t('council.field.account.choose')}</option>
                {units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <div>
            <button type="button" disabled={!candidate} onClick={addScope}>
              {t('council.scopes.add')}
            </button>
          </div>
        </div>
        <FieldError error={error} field="scopes" />
      </fieldset>
      <MutationError error={error} shown={['organisation', 'scopes']} />
      <div className="row">
        <button type="submit" className="primary" disabled={mutation.isPending || !accountId}>
          {member ? t('council.form.save') : t('council.form.submit')}
        </button>
        {member && (
          <button type="button" onClick={onCancel}>
            {t('council.form.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
