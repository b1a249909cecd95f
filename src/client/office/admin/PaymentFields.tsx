import type { CampaignInfo } from '../../../shared/api/pull';
import type { ApiError } from '../api';
import { FieldError } from './messages';
import { dongValue, type SettingsDraft } from './settings-form';
import { useAdminText } from './text';

/** Payment rates in đồng: the respondent's default, per respondent group (empty: the default), the surveyor's. */
export function PaymentFields({
  campaign,
  draft,
  error,
  update,
}: {
  campaign: CampaignInfo;
  draft: SettingsDraft;
  error: ApiError | null;
  update: (patch: Partial<SettingsDraft>) => void;
}) {
  const { t, dong } = useAdminText();
  const preview = (text: string, fallback?: string) => {
    const n = dongValue(text);
    return n === null ? (fallback ?? '') : `= ${dong(n)}`;
  };
  return (
    <fieldset>
      <legend>{t('payment.heading')}</legend>
      <p className="muted">{t('payment.help')}</p>
      <div className="admin-field">
        <label htmlFor="rate-respondent">{t('payment.respondent')}</label>
        <input
          id="rate-respondent"
          type="text"
          inputMode="numeric"
          value={draft.respondentRate}
          onChange={(e) => update({ respondentRate: e.target.value })}
        />
        <span className="muted admin-hint">{preview(draft.respondentRate)}</span>
        <FieldError error={error} field="payment.respondentRate" />
      </div>
      <table className="data admin-rates">
        <caption>{t('payment.byGroup')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('payment.group')}</th>
            <th scope="col">{t('payment.rate')}</th>
          </tr>
        </thead>
        <tbody>
          {campaign.groups.map((g) => {
            const value = draft.respondentRateByGroup[g.id] ?? '';
            return (
              <tr key={g.id}>
                <th scope="row">
                  <label htmlFor={`rate-${g.id}`}>{g.name}</label>
                </th>
                <td>
                  <input
                    id={`rate-${g.id}`}
                    type="text"
                    inputMode="numeric"
                    placeholder={t('payment.default')}
                    value={value}
                    onChange={(e) => update({ respondentRateByGroup: { ...draft.respondentRateByGroup, [g.id]: e.target.value } })}
                  />
                  <span className="muted admin-hint">
                    {preview(value, t('payment.usesDefault', { rate: preview(draft.respondentRate).replace('= ', '') }))}
                  </span>
                  <FieldError error={error} field={`payment.respondentRateByGroup.${g.id}`} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="admin-field">
        <label htmlFor="rate-surveyor">{t('payment.surveyor')}</label>
        <input
          id="rate-surveyor"
          type="text"
          inputMode="numeric"
          value={draft.surveyorRate}
          onChange={(e) => update({ surveyorRate: e.target.value })}
        />
        <span className="muted admin-hint">{preview(draft.surveyorRate)}</span>
        <FieldError error={error} field="payment.surveyorRate" />
      </div>
      <fieldset>
        <legend>{t('payment.paidFor')}</legend>
        {(['included', 'received'] as const).map((v) => (
          <label key={v} className="choice">
            <input
              type="radio"
              name="payment.surveyorPaidFor"
              value={v}
              checked={draft.surveyorPaidFor === v}
              onChange={() => update({ surveyorPaidFor: v })}
            />
            {t(`payment.paidFor.${v}`)}
          </label>
        ))}
        <FieldError error={error} field="payment.surveyorPaidFor" />
      </fieldset>
    </fieldset>
  );
}
